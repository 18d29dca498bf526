import { z } from 'zod';
import {
  MAX_IMPORT_BLOCKS_PER_CLAUSE,
  MAX_IMPORT_CLAUSES,
  MAX_IMPORT_PARAGRAPH_LENGTH,
  MAX_IMPORT_TEXT_LENGTH,
} from '../../../../shared/importLimits';
import { MAX_TITLE_LENGTH } from '../../../../shared/limits';
import { isPillarKey } from '../../../../shared/pillars';
import type { PillarKey } from '../../../../shared/pillars';

const title = z
  .string()
  .trim()
  .min(1, 'a title is required')
  .max(MAX_TITLE_LENGTH, `at most ${MAX_TITLE_LENGTH} characters`);
const paragraphText = z
  .string()
  .max(MAX_IMPORT_PARAGRAPH_LENGTH, `a paragraph has at most ${MAX_IMPORT_PARAGRAPH_LENGTH} characters`);

const clause = z.object({
  text: paragraphText,
  /** Sub-paragraphs carry a letter (any: the editor re-letters them in order); further paragraphs carry null. */
  blocks: z
    .array(z.object({ letter: z.string().max(8).nullable(), text: paragraphText }))
    .max(MAX_IMPORT_BLOCKS_PER_CLAUSE, `a clause has at most ${MAX_IMPORT_BLOCKS_PER_CLAUSE} sub-paragraphs`)
    .default([]),
  pillars: z
    .array(z.string().refine(isPillarKey, 'not a pillar'))
    .max(16)
    .default([])
    .transform((keys) => keys as PillarKey[]),
});

/**
 * `POST /api/imports` with a JSON body: the previewed draft, possibly corrected by the person
 * (title, kinds, texts), created as it is. The same limits as a file import apply.
 */
export const importSpecBody = z
  .object({
    title,
    preamble: z.array(clause).max(MAX_IMPORT_CLAUSES),
    operative: z.array(clause).max(MAX_IMPORT_CLAUSES),
  })
  .refine((spec) => spec.preamble.length + spec.operative.length > 0, 'the draft needs at least one clause')
  .refine(
    (spec) => spec.preamble.length + spec.operative.length <= MAX_IMPORT_CLAUSES,
    `a draft can be imported with at most ${MAX_IMPORT_CLAUSES} clauses`,
  )
  .refine(
    (spec) =>
      [...spec.preamble, ...spec.operative].reduce(
        (sum, c) => sum + c.text.length + c.blocks.reduce((s, b) => s + b.text.length, 0),
        0,
      ) <= MAX_IMPORT_TEXT_LENGTH,
    `the text has at most ${MAX_IMPORT_TEXT_LENGTH} characters`,
  );

/** Query of an upload sent as the raw body: the file's name (to tell its format) and a title to use instead of the one found. */
export const importFileQuery = z.object({
  filename: z.string().max(255).optional(),
  title: title.optional(),
});

/** Fields of an upload sent as multipart/form-data besides `file`. */
export const importFormFields = z.object({ title: title.optional() });
