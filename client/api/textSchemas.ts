import { z } from 'zod';
import { CLAUSE_KINDS, CLAUSE_STATUSES } from '../../shared/clauses';
import type { DocumentNodeJSON } from '../../shared/documentJSON';
import type { Outline, OutlineProblemCode } from '../../shared/outline';
import type { Pillar } from '../../shared/pillars';
import { DIVISION_LEVELS } from '../../shared/structure';

const attrsSchema = z.record(z.string(), z.unknown());

/**
 * A draft's text as the API sends it (ProseMirror JSON). Checked for its shape only: whether it
 * fits the schema is the editor's check, so unknown nodes are reported there, not dropped here.
 */
export const documentNodeSchema: z.ZodType<DocumentNodeJSON> = z.lazy(() =>
  z.object({
    type: z.string(),
    attrs: attrsSchema.optional(),
    content: z.array(documentNodeSchema).optional(),
    text: z.string().optional(),
    marks: z.array(z.object({ type: z.string(), attrs: attrsSchema.optional() })).optional(),
  }),
);

const problemCodeSchema: z.ZodType<OutlineProblemCode> = z.enum([
  'unknown-node',
  'clause-without-id',
  'duplicate-clause-id',
  'point-without-id',
  'point-too-deep',
  'unknown-pillar',
  'invalid-status',
  'invalid-structure',
]);

/** A pillar key the server names: one of the draft's own, or one it no longer has (shown as unknown). */
export const pillarKeySchema = z.string();

/** One pillar of a draft's taxonomy. */
export const pillarSchema: z.ZodType<Pillar> = z.object({
  key: z.string(),
  label: z.string(),
  short: z.string(),
  description: z.string(),
  color: z.string(),
});

/** The clauses of a text in order, as `readOutline` derives them on the server. */
export const outlineSchema: z.ZodType<Outline> = z.object({
  title: z.string(),
  formula: z.string(),
  numbering: z.object({
    frozen: z.boolean(),
    deleted: z.array(z.object({ number: z.string(), before: z.string().nullable() })),
  }),
  clauses: z.array(
    z.object({
      id: z.string(),
      number: z.string(),
      kind: z.enum(CLAUSE_KINDS),
      pillars: z.array(pillarKeySchema),
      status: z.enum(CLAUSE_STATUSES),
      text: z.string(),
      subparagraphs: z.number(),
      points: z.array(
        z.object({ id: z.string(), level: z.number(), label: z.string(), reference: z.string(), text: z.string() }),
      ),
      annexId: z.string().optional(),
      divisionId: z.string().optional(),
      problems: z.array(problemCodeSchema).optional(),
    }),
  ),
  divisions: z.array(
    z.object({
      id: z.string(),
      level: z.enum(DIVISION_LEVELS),
      number: z.string(),
      title: z.string(),
      annexId: z.string().optional(),
    }),
  ),
  annexes: z.array(z.object({ id: z.string(), label: z.string(), title: z.string() })),
  footnotes: z.array(z.object({ number: z.number(), note: z.string(), clauseId: z.string(), reference: z.string() })),
  problems: z.array(
    z.object({
      code: problemCodeSchema,
      message: z.string(),
      number: z.string().optional(),
      clauseId: z.string().optional(),
    }),
  ),
});
