import { z } from 'zod';
import { CLAUSE_KINDS, CLAUSE_STATUSES } from '../../shared/clauses';
import type { OpenItem, OpenItems } from '../../shared/openItems';
import { OPEN_ITEM_KINDS } from '../../shared/openItems';
import type { BlockRedline, ClauseRedline, HeadingRedline, Redline, WordChange } from '../../shared/redline';
import { requestJson } from './requestJson';
import { pillarKeySchema } from './textSchemas';

/** The live text, as the compare API names it in place of a version id. */
export const LIVE = 'live';

/** A run of words in a clause's redline (the shared type, under the name the views use). */
export type RedlineWords = WordChange;
export type { BlockRedline, ClauseRedline, HeadingRedline, OpenItems, Redline };

/**
 * Which two texts a redline compares: each a version (with its id) or the live text (id null);
 * and what is open in each, its suggestions, brackets and alternatives.
 */
export interface ComparedTexts {
  from: { label: string; versionId: string | null };
  to: { label: string; versionId: string | null };
  redline: Redline;
  open: OpenItems;
}

const sideSchema = z.object({ label: z.string(), versionId: z.string().nullable() });

const changeSchema = z.enum(['unchanged', 'modified', 'added', 'removed']);

/** A run of redlined words, as every redline in the API sends it. */
export const wordsSchema: z.ZodType<WordChange[]> = z.array(
  z.object({ op: z.enum(['equal', 'insert', 'delete']), text: z.string() }),
);

/** One block of a clause's redline: a paragraph, or a point at its level with each side's label and reference. */
export const blockRedlineSchema: z.ZodType<BlockRedline> = z.object({
  kind: z.enum(['paragraph', 'point']),
  id: z.string(),
  change: changeSchema,
  moved: z.boolean(),
  level: z.number().int().min(0),
  fromLabel: z.string().nullable(),
  toLabel: z.string().nullable(),
  fromReference: z.string().nullable(),
  toReference: z.string().nullable(),
  words: wordsSchema,
});

const headingSchema: z.ZodType<HeadingRedline> = z.object({
  id: z.string(),
  kind: z.enum(['annex', 'part', 'section']),
  change: changeSchema,
  fromNumber: z.string().nullable(),
  toNumber: z.string().nullable(),
  words: wordsSchema,
  before: z.string().nullable(),
});

/** How one clause differs between two texts. */
export const clauseRedlineSchema: z.ZodType<ClauseRedline> = z.object({
  id: z.string(),
  kind: z.enum(CLAUSE_KINDS),
  change: changeSchema,
  moved: z.boolean(),
  fromNumber: z.string().nullable(),
  toNumber: z.string().nullable(),
  words: wordsSchema,
  blocks: z.array(blockRedlineSchema),
  pillars: z.object({ added: z.array(pillarKeySchema), removed: z.array(pillarKeySchema) }),
  status: z.object({ from: z.enum(CLAUSE_STATUSES), to: z.enum(CLAUSE_STATUSES) }).nullable(),
});

const redlineSchema: z.ZodType<Redline> = z.object({
  clauses: z.array(clauseRedlineSchema),
  formula: z.object({ change: changeSchema, words: wordsSchema }).nullable(),
  headings: z.array(headingSchema),
  pillarLabels: z.record(z.string(), z.string()),
  summary: z.object({
    added: z.number(),
    removed: z.number(),
    modified: z.number(),
    moved: z.number(),
    unchanged: z.number(),
  }),
  title: z.object({ from: z.string(), to: z.string() }),
});

const openItemSchema: z.ZodType<OpenItem> = z.object({
  key: z.string(),
  clauseId: z.string().nullable(),
  number: z.string().nullable(),
  kind: z.enum(OPEN_ITEM_KINDS),
  text: z.string(),
  by: z.string(),
});

/**
 * The redline between two texts of a draft: `from` and `to` are version ids or {@link LIVE}.
 * Rejects with `version_not_found` (404) when either version is not the draft's.
 */
export async function getRedline(
  draftId: string,
  from: string,
  to: string,
  signal?: AbortSignal,
): Promise<ComparedTexts> {
  const search = new URLSearchParams({ from, to, format: 'json' });
  return requestJson(
    `/api/drafts/${encodeURIComponent(draftId)}/compare?${search.toString()}`,
    z.object({
      from: sideSchema,
      to: sideSchema,
      redline: redlineSchema,
      open: z.object({ from: z.array(openItemSchema), to: z.array(openItemSchema) }),
    }),
    { signal },
  );
}
