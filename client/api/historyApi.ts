import { z } from 'zod';
import type { WordChange } from '../../shared/redline';
import { wordsSchema } from './compareApi';
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

/** Which entries of the history and which clause to show the words of (entry ids as the history lists them). */
export interface HistoryRedlineQuery {
  clauseId: string;
  /** The oldest and the newest entry of the run. */
  from: string;
  to: string;
}

/** What a run of history entries did to one clause's words, from before the first to after the last. */
export async function getHistoryRedline(
  draftId: string,
  query: HistoryRedlineQuery,
  signal?: AbortSignal,
): Promise<WordChange[]> {
  const search = new URLSearchParams({ clause: query.clauseId, from: query.from, to: query.to });
  const { words } = await requestJson(
    `/api/drafts/${encodeURIComponent(draftId)}/history/redline?${search}`,
    z.object({ words: wordsSchema }),
    { signal },
  );
  return words;
}
