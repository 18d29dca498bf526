import { z } from 'zod';
import type { ClauseStatus } from '../../shared/clauses';
import type { DocumentNodeJSON } from '../../shared/documentJSON';
import type {
  AdoptionPreview,
  Amendment,
  Compilation,
  ConsolidationPlan,
  LiveChangeDecision,
  NewAmendment,
  ReviewCycle,
  ReviewSchedule,
  StatusRequest,
} from '../../shared/review/types';
import type { ReviewPhase } from '../../shared/review/reviewPhases';
import { requestJson } from '../api/requestJson';
import { amendmentSchema, compilationSchema, consolidationPlanSchema, reviewCycleSchema } from './reviewSchemas';

/*
 * The periodic-review API of one draft (`/api/drafts/:draftId/review-cycles/…`, see the route list
 * in `shared/review/types.ts`). Every answer is validated; every refusal becomes an `ApiError`
 * carrying the server's sentence, which the page shows beside the action that caused it.
 */

function cyclesPath(draftId: string, rest = ''): string {
  return `/api/drafts/${encodeURIComponent(draftId)}/review-cycles${rest}`;
}

function cyclePath(draftId: string, cycleId: string, rest = ''): string {
  return cyclesPath(draftId, `/${encodeURIComponent(cycleId)}${rest}`);
}

function amendmentPath(draftId: string, cycleId: string, amendmentId: string, rest = ''): string {
  return cyclePath(draftId, cycleId, `/amendments/${encodeURIComponent(amendmentId)}${rest}`);
}

const cycleEnvelope = z.object({ cycle: reviewCycleSchema });
const amendmentEnvelope = z.object({ amendment: amendmentSchema });
const adoptionPreviewSchema: z.ZodType<AdoptionPreview> = z.object({
  falls: z.array(z.object({ amendment: z.string(), reason: z.string() })),
});

/** One cycle as its page reads it: the amendments the reader may see, and when they last looked. */
export interface CycleWithAmendments {
  cycle: ReviewCycle;
  amendments: Amendment[];
  /** When the reader last marked the cycle as seen, or null if never. */
  lastVisitAt: string | null;
}

const cycleWithAmendmentsSchema: z.ZodType<CycleWithAmendments> = z.object({
  cycle: reviewCycleSchema,
  amendments: z.array(amendmentSchema),
  lastVisitAt: z.string().nullable(),
});

/** Every review cycle of a draft. */
export async function listCycles(draftId: string, signal?: AbortSignal): Promise<ReviewCycle[]> {
  const { cycles } = await requestJson(cyclesPath(draftId), z.object({ cycles: z.array(reviewCycleSchema) }), {
    signal,
  });
  return cycles;
}

/** What the chair gives to open a cycle. */
export interface NewCycle {
  name: string;
  baseVersionId: string;
  schedule: ReviewSchedule;
}

/** Opens a review cycle on a published version (chair). */
export async function openCycle(draftId: string, input: NewCycle): Promise<ReviewCycle> {
  const { cycle } = await requestJson(cyclesPath(draftId), cycleEnvelope, { method: 'POST', json: input });
  return cycle;
}

/** One cycle with its amendments and the reader's last visit. */
export async function getCycle(draftId: string, cycleId: string, signal?: AbortSignal): Promise<CycleWithAmendments> {
  return requestJson(cyclePath(draftId, cycleId), cycleWithAmendmentsSchema, { signal });
}

/** Moves the cycle one phase forward (chair). */
export async function moveCyclePhase(draftId: string, cycleId: string, to: ReviewPhase): Promise<ReviewCycle> {
  const { cycle } = await requestJson(cyclePath(draftId, cycleId, '/phase'), cycleEnvelope, {
    method: 'POST',
    json: { to },
  });
  return cycle;
}

/** Marks everything in the cycle as seen by the reader now; returns the new mark. */
export async function markCycleVisited(draftId: string, cycleId: string): Promise<string> {
  const { lastVisitAt } = await requestJson(
    cyclePath(draftId, cycleId, '/visit'),
    z.object({ lastVisitAt: z.string() }),
    { method: 'POST' },
  );
  return lastVisitAt;
}

/**
 * Marks the cycle as seen while the page goes away (closed, reloaded, left for another page):
 * a `keepalive` request outlives the page, and a same-origin fetch carries the `Origin` header
 * the server asks of cookie-authenticated writes (a beacon may not). Failure is silent: the
 * marker is a convenience, and the next visit sets it.
 */
export function markCycleVisitedOnLeave(draftId: string, cycleId: string): void {
  void fetch(cyclePath(draftId, cycleId, '/visit'), {
    method: 'POST',
    keepalive: true,
    credentials: 'same-origin',
    headers: { Accept: 'application/json' },
  }).catch(() => {});
}

/** Proposes an amendment; it stays a draft, visible to the sponsor's delegation, until submitted. */
export async function createAmendment(draftId: string, cycleId: string, input: NewAmendment): Promise<Amendment> {
  const { amendment } = await requestJson(cyclePath(draftId, cycleId, '/amendments'), amendmentEnvelope, {
    method: 'POST',
    json: input,
  });
  return amendment;
}

/** Rewrites a draft amendment (its sponsor's delegation, before submission). */
export async function updateAmendment(
  draftId: string,
  cycleId: string,
  amendmentId: string,
  input: Partial<NewAmendment>,
): Promise<Amendment> {
  const { amendment } = await requestJson(amendmentPath(draftId, cycleId, amendmentId), amendmentEnvelope, {
    method: 'PATCH',
    json: input,
  });
  return amendment;
}

/** Submits, withdraws, puts under consideration or decides an amendment. */
export async function changeStatus(
  draftId: string,
  cycleId: string,
  amendmentId: string,
  request: StatusRequest,
): Promise<Amendment> {
  const { amendment } = await requestJson(amendmentPath(draftId, cycleId, amendmentId, '/status'), amendmentEnvelope, {
    method: 'POST',
    json: request,
  });
  return amendment;
}

/** What adopting an amendment (as proposed, or as `revised`) would make fall, asked before the chair confirms. */
export async function previewAdoption(
  draftId: string,
  cycleId: string,
  amendmentId: string,
  revised?: DocumentNodeJSON,
): Promise<AdoptionPreview> {
  return requestJson(amendmentPath(draftId, cycleId, amendmentId, '/adoption-preview'), adoptionPreviewSchema, {
    method: 'POST',
    json: revised !== undefined ? { revised } : {},
  });
}

/** The reader's delegation asks to co-sponsor. */
export async function askToCoSponsor(draftId: string, cycleId: string, amendmentId: string): Promise<Amendment> {
  const { amendment } = await requestJson(
    amendmentPath(draftId, cycleId, amendmentId, '/co-sponsors'),
    amendmentEnvelope,
    { method: 'POST' },
  );
  return amendment;
}

/** The sponsor accepts or declines a delegation's request to co-sponsor. */
export async function answerCoSponsor(
  draftId: string,
  cycleId: string,
  amendmentId: string,
  affiliationId: string,
  accept: boolean,
): Promise<Amendment> {
  const path = amendmentPath(draftId, cycleId, amendmentId, `/co-sponsors/${encodeURIComponent(affiliationId)}`);
  const { amendment } = await requestJson(path, amendmentEnvelope, { method: 'POST', json: { accept } });
  return amendment;
}

/** The reader's delegation stops co-sponsoring (or withdraws its request). */
export async function leaveCoSponsors(
  draftId: string,
  cycleId: string,
  amendmentId: string,
  affiliationId: string,
): Promise<Amendment> {
  const path = amendmentPath(draftId, cycleId, amendmentId, `/co-sponsors/${encodeURIComponent(affiliationId)}`);
  const { amendment } = await requestJson(path, amendmentEnvelope, { method: 'DELETE' });
  return amendment;
}

/** States the reader's delegation's support or objection (replacing its earlier statement). */
export async function putStatement(
  draftId: string,
  cycleId: string,
  amendmentId: string,
  stance: 'support' | 'objection',
  note: string,
): Promise<Amendment> {
  const { amendment } = await requestJson(
    amendmentPath(draftId, cycleId, amendmentId, '/statement'),
    amendmentEnvelope,
    { method: 'PUT', json: { stance, note } },
  );
  return amendment;
}

/** Retracts the reader's delegation's statement. */
export async function retractStatement(draftId: string, cycleId: string, amendmentId: string): Promise<Amendment> {
  const { amendment } = await requestJson(
    amendmentPath(draftId, cycleId, amendmentId, '/statement'),
    amendmentEnvelope,
    { method: 'DELETE' },
  );
  return amendment;
}

/** The compilation: the base text with every tabled amendment beneath its clause. */
export async function getCompilation(draftId: string, cycleId: string, signal?: AbortSignal): Promise<Compilation> {
  return requestJson(cyclePath(draftId, cycleId, '/compilation?format=json'), compilationSchema, { signal });
}

/** `?keep=…`: the live changes a plan is read as keeping (the others are not carried). */
function keepQuery(keep: readonly string[]): string {
  return keep.length === 0 ? '' : `?${new URLSearchParams({ keep: keep.join(',') }).toString()}`;
}

/** What consolidating the cycle now would do, keeping the live changes to the clauses in `keep`. */
export async function getConsolidation(
  draftId: string,
  cycleId: string,
  keep: readonly string[],
  signal?: AbortSignal,
): Promise<ConsolidationPlan> {
  return requestJson(cyclePath(draftId, cycleId, `/consolidation${keepQuery(keep)}`), consolidationPlanSchema, {
    signal,
  });
}

/** The chair's final wording for a clause in conflict: the clauses standing in its place (none deletes it). */
export async function putResolution(
  draftId: string,
  cycleId: string,
  clauseId: string,
  clauses: DocumentNodeJSON[],
  note: string,
  keep: readonly string[],
): Promise<ConsolidationPlan> {
  const path = cyclePath(draftId, cycleId, `/resolutions/${encodeURIComponent(clauseId)}${keepQuery(keep)}`);
  return requestJson(path, consolidationPlanSchema, { method: 'PUT', json: { clauses, note } });
}

/** Keeps the chair's keep-or-discard choice on one live change, so it is there when the chair comes back. */
export async function putLiveChangeDecision(
  draftId: string,
  cycleId: string,
  changeId: string,
  decision: LiveChangeDecision,
  keep: readonly string[],
): Promise<ConsolidationPlan> {
  const path = cyclePath(draftId, cycleId, `/live-changes/${encodeURIComponent(changeId)}${keepQuery(keep)}`);
  return requestJson(path, consolidationPlanSchema, { method: 'PUT', json: { decision } });
}

/** Clears the chair's resolution of a clause. */
export async function deleteResolution(
  draftId: string,
  cycleId: string,
  clauseId: string,
  keep: readonly string[],
): Promise<ConsolidationPlan> {
  return requestJson(
    cyclePath(draftId, cycleId, `/resolutions/${encodeURIComponent(clauseId)}${keepQuery(keep)}`),
    consolidationPlanSchema,
    { method: 'DELETE' },
  );
}

/**
 * Makes the live text the base version with the cycle's decisions (the adopted amendments, the
 * resolutions, and the live changes kept) and saves it as a new version (chair). `addedClauses`
 * gives the clause each adopted amendment adds its status, by the amendment's label.
 */
export async function consolidateCycle(
  draftId: string,
  cycleId: string,
  input: {
    label?: string;
    note?: string;
    liveChanges: Record<string, LiveChangeDecision>;
    addedClauses: Record<string, ClauseStatus>;
  },
): Promise<{ cycle: ReviewCycle; version: { id: string; label: string } }> {
  return requestJson(
    cyclePath(draftId, cycleId, '/consolidate'),
    z.object({ cycle: reviewCycleSchema, version: z.object({ id: z.string(), label: z.string() }) }),
    { method: 'POST', json: input },
  );
}

/** The formats the amendments list downloads in. */
export const AMENDMENT_EXPORT_FORMATS = ['docx', 'csv', 'json'] as const;
/** The formats the compilation downloads in. */
export const COMPILATION_EXPORT_FORMATS = ['docx', 'pdf'] as const;
/** What each download format is called on its link. */
export const REVIEW_EXPORT_LABELS: Record<
  (typeof AMENDMENT_EXPORT_FORMATS)[number] | (typeof COMPILATION_EXPORT_FORMATS)[number],
  string
> = {
  docx: 'Word',
  pdf: 'PDF',
  csv: 'CSV',
  json: 'JSON',
};

/** The list of amendments as a download. */
export function amendmentsExportUrl(
  draftId: string,
  cycleId: string,
  format: (typeof AMENDMENT_EXPORT_FORMATS)[number],
): string {
  return cyclePath(draftId, cycleId, `/amendments/export?format=${format}`);
}

/** The compilation as a download. */
export function compilationExportUrl(
  draftId: string,
  cycleId: string,
  format: (typeof COMPILATION_EXPORT_FORMATS)[number],
): string {
  return cyclePath(draftId, cycleId, `/compilation?format=${format}`);
}

/** One amendment as an Akoma Ntoso `amendment` document. */
export function amendmentAknUrl(draftId: string, cycleId: string, amendmentId: string): string {
  return amendmentPath(draftId, cycleId, amendmentId, '/akn');
}
