import { z } from 'zod';
import type { DraftSummary } from '../../shared/api';
import type { PillarInput } from '../../shared/pillars';
import { ROLES } from '../../shared/roles';
import type { DraftTemplateKey } from '../../shared/templates';
import { requestJson } from './requestJson';
import { pillarSchema } from './textSchemas';

/** A draft's summary as the API sends it, with the caller's role on it. */
export const draftSummarySchema: z.ZodType<DraftSummary> = z.object({
  id: z.string(),
  title: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  archivedAt: z.string().nullable(),
  role: z.enum(ROLES),
  facilitatorMode: z.boolean().optional(),
  pillars: z.array(pillarSchema),
});

const draftListSchema = z.object({ drafts: z.array(draftSummarySchema) });
const draftEnvelopeSchema = z.object({ draft: draftSummarySchema });

/** Lists drafts, newest updated first: the live ones, or with `archived` the archived ones. */
export async function listDrafts(options: { archived?: boolean; signal?: AbortSignal } = {}): Promise<DraftSummary[]> {
  const query = options.archived ? '?archived=true' : '';
  const { drafts } = await requestJson(`/api/drafts${query}`, draftListSchema, { signal: options.signal });
  return drafts;
}

/** Reads one draft's summary; rejects with code `draft_not_found` when there is none. */
export async function getDraft(id: string, signal?: AbortSignal): Promise<DraftSummary> {
  const { draft } = await requestJson(`/api/drafts/${encodeURIComponent(id)}`, draftEnvelopeSchema, { signal });
  return draft;
}

/**
 * Creates a draft; the server seeds its text from the template: `blank` (title, one empty clause
 * per section) or `pillar-framework` (a clause or two under each pillar), and gives it its pillars:
 * a pillar template's id, or pillars of its own.
 */
export async function createDraft(
  title: string,
  template: DraftTemplateKey = 'blank',
  pillars: string | readonly PillarInput[] = 'cyber-norms',
): Promise<DraftSummary> {
  const { draft } = await requestJson('/api/drafts', draftEnvelopeSchema, {
    method: 'POST',
    json: { title, template, pillars },
  });
  return draft;
}

/**
 * Gives a draft a new list of pillars (the chair's). `removed` says, for each pillar the list
 * drops that clauses carry, where their tags go: another pillar's key, or null to drop them.
 */
export async function saveDraftPillars(
  id: string,
  pillars: readonly PillarInput[],
  removed: Readonly<Record<string, string | null>> = {},
): Promise<DraftSummary> {
  const { draft } = await requestJson(`/api/drafts/${encodeURIComponent(id)}/pillars`, draftEnvelopeSchema, {
    method: 'PUT',
    json: { pillars, removed },
  });
  return draft;
}

/** Archives a draft (hidden from the list, collab closed) or restores it. */
export async function setDraftArchived(id: string, archived: boolean): Promise<DraftSummary> {
  const { draft } = await requestJson(`/api/drafts/${encodeURIComponent(id)}`, draftEnvelopeSchema, {
    method: 'PATCH',
    json: { archived },
  });
  return draft;
}
