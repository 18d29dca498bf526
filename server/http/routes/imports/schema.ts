import { z } from 'zod';
import type { ClauseBlockSpec, ClauseSpec, DraftSpec, PointSpec } from '../../../../shared/draftText';
import {
  MAX_IMPORT_BLOCKS_PER_CLAUSE,
  MAX_IMPORT_CLAUSES,
  MAX_IMPORT_PARAGRAPH_LENGTH,
  MAX_IMPORT_TEXT_LENGTH,
} from '../../../../shared/importLimits';
import { MAX_FOOTNOTE_LENGTH, MAX_TITLE_LENGTH } from '../../../../shared/limits';
import { MAX_PILLARS_PER_DRAFT, PILLAR_LIMITS, PILLAR_TEMPLATES } from '../../../../shared/pillars';
import { DIVISION_LEVELS } from '../../../../shared/structure';
import { pillarsChoice } from '../drafts/schema';

const title = z
  .string()
  .trim()
  .min(1, 'a title is required')
  .max(MAX_TITLE_LENGTH, `at most ${MAX_TITLE_LENGTH} characters`);
const heading = z.string().max(MAX_TITLE_LENGTH, `a heading has at most ${MAX_TITLE_LENGTH} characters`);
const INLINE_NOTE = /\^\[((?:[^[\]]|\[[^[\]]*\])*)\]/g;
const paragraphText = z
  .string()
  .max(MAX_IMPORT_PARAGRAPH_LENGTH, `a paragraph has at most ${MAX_IMPORT_PARAGRAPH_LENGTH} characters`)
  .refine(
    (text) => [...text.matchAll(INLINE_NOTE)].every(([, note]) => note!.length <= MAX_FOOTNOTE_LENGTH),
    `a footnote has at most ${MAX_FOOTNOTE_LENGTH} characters`,
  );

// Points nest three levels deep at most: the schema spells out each level rather than recursing,
// and a point of the third level with points of its own is refused rather than cut short.
const point3 = z.strictObject({ text: paragraphText });
const point2 = z.strictObject({ text: paragraphText, points: z.array(point3).optional() });
const point1 = z.strictObject({ text: paragraphText, points: z.array(point2).optional() });
const block = z.union([z.strictObject({ paragraph: paragraphText }), point1]);

function blockCount(blocks: readonly ClauseBlockSpec[]): number {
  const points = (list: readonly PointSpec[]): number =>
    list.reduce((sum, p) => sum + 1 + (typeof p === 'string' ? 0 : points(p.points ?? [])), 0);
  return blocks.reduce((sum, b) => sum + (typeof b === 'object' && 'paragraph' in b ? 1 : points([b])), 0);
}

const clause = z.object({
  text: paragraphText,
  /** The clause's points (nested) and further paragraphs, in order. */
  blocks: z
    .array(block)
    .default([])
    .refine(
      (blocks) => blockCount(blocks) <= MAX_IMPORT_BLOCKS_PER_CLAUSE,
      `a clause has at most ${MAX_IMPORT_BLOCKS_PER_CLAUSE} points and paragraphs`,
    ),
  // Which keys are the draft's is checked against the `pillars` of the body when it is read.
  pillars: z.array(z.string().max(PILLAR_LIMITS.key)).max(MAX_PILLARS_PER_DRAFT).default([]),
});
const division = z.object({ division: z.enum(DIVISION_LEVELS), title: heading });
const entries = z.array(z.union([division, clause])).max(MAX_IMPORT_CLAUSES * 2);

function clausesOf(spec: Pick<DraftSpec, 'preamble' | 'operative' | 'annexes'>): ClauseSpec[] {
  return [...spec.preamble, ...spec.operative, ...(spec.annexes ?? []).flatMap((annex) => annex.clauses)].filter(
    (entry): entry is ClauseSpec => typeof entry === 'object' && !('division' in entry),
  );
}

function textLength(spec: ClauseSpec): number {
  const points = (list: readonly PointSpec[]): number =>
    list.reduce((sum, p) => sum + (typeof p === 'string' ? p.length : p.text.length + points(p.points ?? [])), 0);
  return (
    spec.text.length +
    (spec.blocks ?? []).reduce(
      (sum, b) => sum + (typeof b === 'object' && 'paragraph' in b ? b.paragraph.length : points([b])),
      0,
    )
  );
}

/**
 * `POST /api/imports` with a JSON body: the draft the preview showed, possibly corrected by the
 * person, as a DraftSpec (shared/draftText.ts): title, opening formula, preambular clauses, the
 * operative part's clauses and headings, annexes; points nested at most three deep, `^[note]`
 * footnotes. The same limits as a file import apply.
 */
export const importSpecBody = z
  .object({
    title,
    formula: heading.optional(),
    preamble: z.array(clause).max(MAX_IMPORT_CLAUSES),
    operative: entries,
    annexes: z
      .array(z.object({ title: heading, clauses: entries }))
      .max(MAX_IMPORT_CLAUSES)
      .default([]),
    /** The new draft's pillars (a template's id, or the pillars themselves); the clauses' tags are among them. */
    pillars: pillarsChoice.prefault(PILLAR_TEMPLATES[0]!.id),
  })
  .refine((spec) => clausesOf(spec).length > 0, 'the draft needs at least one clause')
  .refine(
    (spec) => clausesOf(spec).length <= MAX_IMPORT_CLAUSES,
    `a draft can be imported with at most ${MAX_IMPORT_CLAUSES} clauses`,
  )
  .refine(
    (spec) => clausesOf(spec).reduce((sum, c) => sum + textLength(c), 0) <= MAX_IMPORT_TEXT_LENGTH,
    `the text has at most ${MAX_IMPORT_TEXT_LENGTH} characters`,
  );

/** Query of an upload sent as the raw body: the file's name (to tell its format) and a title to use instead of the one found. */
export const importFileQuery = z.object({
  filename: z.string().max(255).optional(),
  title: title.optional(),
});

/** Fields of an upload sent as multipart/form-data besides `file`. */
export const importFormFields = z.object({ title: title.optional() });
