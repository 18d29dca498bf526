import { z } from 'zod';
import type { AlternativeView, BracketCounts, BracketView } from '../../shared/negotiation';
import { requestJson } from './requestJson';

const named = z.object({ id: z.string(), name: z.string() });
const placedBy = z.object({ delegation: named, author: named });

const bracketSchema: z.ZodType<BracketView> = z.object({
  id: z.string(),
  clauseId: z.string().nullable(),
  clauseNumber: z.string().nullable(),
  text: z.string(),
  openedBy: placedBy,
  at: z.string(),
  holders: z.array(named),
  closed: z.boolean(),
});

const alternativeSchema: z.ZodType<AlternativeView> = z.object({
  id: z.string(),
  clauseId: z.string().nullable(),
  clauseNumber: z.string().nullable(),
  wholeClause: z.boolean(),
  clauseIds: z.array(z.string()),
  closed: z.boolean(),
  options: z.array(
    z.object({ id: z.string(), label: z.string(), text: z.string(), proposedBy: placedBy, supporters: z.array(named) }),
  ),
});

const countsSchema: z.ZodType<BracketCounts> = z.object({
  byClause: z.record(z.string(), z.number()),
  byPillar: z.record(z.string(), z.number()),
  byDelegation: z.record(z.string(), z.number()),
});

/** The open brackets and alternatives of a draft, with holders, supporters and counts. */
export interface MarkerListing {
  brackets: BracketView[];
  alternatives: AlternativeView[];
  counts: BracketCounts;
}

const base = (draftId: string) => `/api/drafts/${encodeURIComponent(draftId)}`;

export async function listMarkers(draftId: string, signal?: AbortSignal): Promise<MarkerListing> {
  return requestJson(
    `${base(draftId)}/brackets`,
    z.object({ brackets: z.array(bracketSchema), alternatives: z.array(alternativeSchema), counts: countsSchema }),
    { signal },
  );
}

/** The delegation joins (true) or leaves (false) those holding a bracket open. */
export async function holdBracket(draftId: string, id: string, holding: boolean): Promise<void> {
  await requestJson(`${base(draftId)}/brackets/${encodeURIComponent(id)}/holding`, z.unknown(), {
    method: 'PUT',
    json: { holding },
  });
}

/** The chair lifts a bracket. */
export async function removeBracket(draftId: string, id: string): Promise<void> {
  await requestJson(`${base(draftId)}/brackets/${encodeURIComponent(id)}`, z.unknown(), { method: 'DELETE' });
}

/** The delegation supports one wording (null: none). */
export async function supportAlternative(draftId: string, setId: string, option: string | null): Promise<void> {
  await requestJson(`${base(draftId)}/alternatives/${encodeURIComponent(setId)}/support`, z.unknown(), {
    method: 'PUT',
    json: { option },
  });
}

/** The chair selects the agreed wording. */
export async function selectAlternative(draftId: string, setId: string, option: string): Promise<void> {
  await requestJson(`${base(draftId)}/alternatives/${encodeURIComponent(setId)}/select`, z.unknown(), {
    method: 'POST',
    json: { option },
  });
}
