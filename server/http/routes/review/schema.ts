import { z } from 'zod';
import { CLAUSE_STATUSES } from '../../../../shared/clauses';
import type { DocumentNodeJSON } from '../../../../shared/documentJSON';
import { clauseLimitProblem, clausesLimitProblem } from '../../../../shared/documentLimits';
import { MAX_CLAUSES_PER_DRAFT } from '../../../../shared/limits';
import { MAX_PILLARS_PER_DRAFT, PILLAR_LIMITS } from '../../../../shared/pillars';
import { AMENDMENT_STATUSES } from '../../../../shared/review/amendmentStatus';
import { REVIEW_PHASES } from '../../../../shared/review/reviewPhases';
import type { DocumentLimits } from '../../validate';

const MAX_NODES = 2000;

/**
 * A ProseMirror node in JSON; its fit to the draft schema is checked by the service. This schema
 * reads nodes recursively: every body that holds one is measured first (its `DocumentLimits`
 * below, given to `parseBody`), so a node nested past MAX_NESTING_DEPTH never reaches it.
 */
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

/** Pillar keys; which are the draft's own is checked against its taxonomy when the amendment is made. */
const pillars = z.array(z.string().max(PILLAR_LIMITS.key)).max(MAX_PILLARS_PER_DRAFT);

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

/** A field of a body not yet validated, if the body is an object. */
function field(body: unknown, key: string): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[key] : undefined;
}

/** The proposed clause of a new or edited amendment, within the limits of a clause. */
export const amendmentDocuments: DocumentLimits = (body) =>
  clauseLimitProblem(field(body, 'proposed'), 'The proposed clause');

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
  overrideObjections: z.boolean().optional(),
  resolution: z
    .strictObject({ clauses: z.array(clause).max(20), note: z.string().trim().max(2000).optional() })
    .optional(),
});

/** `POST …/adoption-preview` */
export const adoptionPreviewBody = z.strictObject({ revised: clause.optional() });

/** The clause as orally revised, within the limits of a clause. */
export const adoptionPreviewDocuments: DocumentLimits = (body) =>
  clauseLimitProblem(field(body, 'revised'), 'The revised clause');

/** The clause as orally revised, and the clauses of a resolution, within the limits of a clause and of a draft. */
export const statusDocuments: DocumentLimits = (body) =>
  clauseLimitProblem(field(body, 'revised'), 'The revised clause') ?? resolutionDocuments(field(body, 'resolution'));

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

/** Each clause of a resolution within the limits of a clause, and all of them within those of a draft. */
export const resolutionDocuments: DocumentLimits = (body) => {
  const clauses = field(body, 'clauses');
  if (!Array.isArray(clauses)) return null;
  return clausesLimitProblem(clauses, {
    each: (index) => `Clause ${index + 1} of the resolution`,
    all: 'The clauses of the resolution',
  });
};

/** At most one live change per clause, and as many again for the title, the formula and the headings. */
const MAX_LIVE_CHANGES = 2 * MAX_CLAUSES_PER_DRAFT;

/** A live change's id: a clause id, `title`, `formula` or `heading:<id>`. */
const liveChangeId = z.string().min(1).max(80);
/** `PUT …/live-changes/:changeId`: the chair's choice on one live change, kept until consolidating. */
export const liveChangeDecisionBody = z.strictObject({ decision: z.enum(['keep', 'discard']) });

/** An amendment's label, as the chair names the one whose added clause takes a status: "A-3". */
const amendmentLabel = z.string().regex(/^A-\d{1,6}$/, { error: 'name an amendment by its label, like A-3' });

/**
 * `POST …/consolidate`: `liveChanges` keeps or discards each live change since the base version, by
 * its id; `addedClauses` gives the clause each adopted amendment adds its status, by the
 * amendment's label (agreed for one not named). Which labels add a clause is the service's to check.
 */
export const consolidateBody = z.strictObject({
  label: z.string().trim().min(1).max(120).optional(),
  note: z.string().trim().max(2000).optional(),
  liveChanges: z
    .record(liveChangeId, z.enum(['keep', 'discard']))
    .refine((decisions) => Object.keys(decisions).length <= MAX_LIVE_CHANGES, {
      error: `at most ${MAX_LIVE_CHANGES} decisions, one per live change`,
    })
    .default({}),
  addedClauses: z
    .record(
      amendmentLabel,
      z.enum(CLAUSE_STATUSES, { error: `a clause's status is one of ${CLAUSE_STATUSES.join(', ')}` }),
    )
    .refine((statuses) => Object.keys(statuses).length <= MAX_CLAUSES_PER_DRAFT, {
      error: `at most ${MAX_CLAUSES_PER_DRAFT} statuses, one per added clause`,
    })
    .default({}),
});

/** `GET …/consolidation`, and the plan a resolution answers with: `keep`, the ids of the live changes kept. */
export const consolidationQuery = z.object({
  keep: z
    .string()
    .max(MAX_LIVE_CHANGES * 81)
    .optional()
    .transform((list) => new Set((list ?? '').split(',').filter((changeId) => changeId !== ''))),
});

export const compilationQuery = z.object({ format: z.enum(['json', 'docx', 'pdf']).default('json') });
export const amendmentsExportQuery = z.object({ format: z.enum(['json', 'csv', 'docx']) });
