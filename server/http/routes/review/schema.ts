import { z } from 'zod';
import type { DocumentNodeJSON } from '../../../../shared/documentJSON';
import type { PillarKey } from '../../../../shared/pillars';
import { PILLAR_KEYS, isPillarKey } from '../../../../shared/pillars';
import { AMENDMENT_STATUSES } from '../../../../shared/review/amendmentStatus';
import { REVIEW_PHASES } from '../../../../shared/review/reviewPhases';

const MAX_NODES = 2000;

/** A ProseMirror node in JSON; its fit to the draft schema is checked by the service. */
const node: z.ZodType<DocumentNodeJSON> = z.lazy(() =>
  z.strictObject({
    type: z.string().min(1).max(40),
    attrs: z.record(z.string(), z.unknown()).optional(),
    content: z.array(node).max(MAX_NODES).optional(),
    text: z.string().max(20_000).optional(),
    marks: z
      .array(z.strictObject({ type: z.string().min(1).max(40), attrs: z.record(z.string(), z.unknown()).optional() }))
      .max(10)
      .optional(),
  }),
);
const clause = node.refine((n) => n.type === 'clause', 'must be a clause node');

const id = z.string().min(1).max(64);
const day = z.iso.date({ error: 'a date like 2027-03-31' });

/** `POST /api/drafts/:id/review-cycles` */
export const openCycleBody = z.strictObject({
  name: z.string().trim().min(3, 'name the review cycle, like "2027 periodic review"').max(120),
  baseVersionId: id,
  schedule: z.strictObject({ submission: day, comment: day, deliberation: day, decision: day }),
});

/** `POST …/phase` */
export const movePhaseBody = z.strictObject({ to: z.enum(REVIEW_PHASES) });

const pillars = z
  .array(
    z
      .string()
      .refine(isPillarKey, { error: `a pillar is one of ${PILLAR_KEYS.join(', ')}` })
      .transform((key) => key as PillarKey),
  )
  .max(PILLAR_KEYS.length);

const amendmentFields = {
  kind: z.enum(['modify', 'add', 'delete']),
  clauseId: id,
  proposed: clause.nullable(),
  justification: z.string().trim().min(1, 'an amendment needs a justification').max(5000),
  pillars,
};

/** `POST …/amendments` */
export const newAmendmentBody = z.strictObject(amendmentFields);

/** `PATCH …/amendments/:amendmentId` */
export const editAmendmentBody = z.strictObject(amendmentFields).partial();

const count = z.number().int().min(0).max(10_000);

/** `POST …/amendments/:amendmentId/status` */
export const statusBody = z.strictObject({
  to: z.enum(AMENDMENT_STATUSES),
  note: z.string().trim().max(2000).optional(),
  decision: z
    .discriminatedUnion('method', [
      z.strictObject({ method: z.literal('consensus') }),
      z.strictObject({ method: z.literal('vote'), inFavour: count, against: count, abstaining: count }),
    ])
    .optional(),
  revised: clause.optional(),
});

/** `POST …/co-sponsors/:affiliationId` */
export const answerCoSponsorBody = z.strictObject({ accept: z.boolean() });

/** `PUT …/statement` */
export const statementBody = z.strictObject({
  stance: z.enum(['support', 'objection']),
  note: z.string().trim().max(2000).default(''),
});

/** `PUT …/resolutions/:clauseId` */
export const resolutionBody = z.strictObject({
  clauses: z.array(clause).max(20),
  note: z.string().trim().max(2000).default(''),
});

/** `POST …/consolidate` */
export const consolidateBody = z.strictObject({
  label: z.string().trim().min(1).max(120).optional(),
  note: z.string().trim().max(2000).optional(),
});

export const compilationQuery = z.object({ format: z.enum(['json', 'docx', 'pdf']).default('json') });
export const amendmentsExportQuery = z.object({ format: z.enum(['json', 'csv', 'docx']) });
