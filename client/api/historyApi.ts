import { z } from 'zod';
import { requestJson } from './requestJson';

/** One stored change to a draft's text: who made it, when, and which clauses it touched. */
export interface ClauseChangeEntry {
  id: string;
  at: string;
  /** Null for a change the server made itself (a repair, a migration). */
  author: { id: string; name: string; affiliation: string } | null;
  /** `number` is the clause's number now ("OP3"), or null when the clause has since been deleted. */
  clauses: { id: string; number: string | null }[];
  /** What was decided, for a decision on a suggestion ("Accepted … suggestion to insert … in OP3"); null for an edit. */
  summary: string | null;
}

const changeSchema: z.ZodType<ClauseChangeEntry, unknown> = z.object({
  // The server numbers its history rows; the page only needs them as keys.
  id: z.union([z.string(), z.number()]).transform(String),
  at: z.string(),
  author: z.object({ id: z.string(), name: z.string(), affiliation: z.string() }).nullable(),
  clauses: z.array(z.object({ id: z.string(), number: z.string().nullable() })),
  summary: z.string().nullable().default(null),
});

/** Who changed which clause and when, newest first (any member may read it). */
export async function listClauseChanges(
  draftId: string,
  options: { limit?: number; signal?: AbortSignal } = {},
): Promise<ClauseChangeEntry[]> {
  const query = options.limit === undefined ? '' : `?limit=${options.limit}`;
  const { changes } = await requestJson(
    `/api/drafts/${encodeURIComponent(draftId)}/history${query}`,
    z.object({ changes: z.array(changeSchema) }),
    {
      signal: options.signal,
    },
  );
  return changes;
}
