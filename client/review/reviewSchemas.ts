import { z } from 'zod';
import { CLAUSE_KINDS, CLAUSE_STATUSES } from '../../shared/clauses';
import { AMENDMENT_STATUSES } from '../../shared/review/amendmentStatus';
import { REVIEW_PHASES } from '../../shared/review/reviewPhases';
import type {
  AddedClause,
  AffiliationRef,
  Amendment,
  AmendmentTransition,
  CoSponsor,
  Compilation,
  Conflict,
  ConsolidationPlan,
  ConsolidationRecord,
  DecisionMethod,
  LiveChange,
  PersonRef,
  Resolution,
  ReviewCycle,
  Statement,
} from '../../shared/review/types';
import { AFFILIATION_KINDS } from '../../shared/roles';
import { blockRedlineSchema, clauseRedlineSchema, wordsSchema } from '../api/compareApi';
import { documentNodeSchema, pillarKeySchema } from '../api/textSchemas';

/*
 * The periodic review as the API and the live channel send it, validated before it reaches the
 * page: the socket is a boundary like the API. Shapes follow `shared/review/types.ts`.
 */

const personSchema: z.ZodType<PersonRef> = z.object({ id: z.string(), name: z.string() });

const affiliationRefSchema: z.ZodType<AffiliationRef> = z.object({
  id: z.string(),
  kind: z.enum(AFFILIATION_KINDS),
  name: z.string(),
  code: z.string().nullable(),
});

const statusSchema = z.enum(AMENDMENT_STATUSES);
const kindSchema = z.enum(['modify', 'add', 'delete']);

/** A review cycle: its base version, phase, planned dates and counts. */
export const reviewCycleSchema: z.ZodType<ReviewCycle> = z.object({
  id: z.string(),
  draftId: z.string(),
  name: z.string(),
  baseVersion: z.object({ id: z.string(), label: z.string() }),
  phase: z.enum(REVIEW_PHASES),
  schedule: z.object({ submission: z.string(), comment: z.string(), deliberation: z.string(), decision: z.string() }),
  openedBy: personSchema,
  createdAt: z.string(),
  phaseChangedAt: z.string(),
  consolidated: z.object({ versionId: z.string(), label: z.string(), at: z.string(), by: personSchema }).nullable(),
  counts: z.partialRecord(statusSchema, z.number()),
});

const decisionSchema: z.ZodType<DecisionMethod> = z.union([
  z.object({ method: z.literal('consensus'), overridden: z.array(affiliationRefSchema).optional() }),
  z.object({ method: z.literal('vote'), inFavour: z.number(), against: z.number(), abstaining: z.number() }),
]);

const transitionSchema: z.ZodType<AmendmentTransition> = z.object({
  from: statusSchema,
  to: statusSchema,
  by: personSchema,
  at: z.string(),
  note: z.string(),
  decision: decisionSchema.nullable(),
});

const coSponsorSchema: z.ZodType<CoSponsor> = z.object({
  affiliation: affiliationRefSchema,
  status: z.enum(['requested', 'accepted']),
  requestedBy: personSchema,
  requestedAt: z.string(),
  acceptedAt: z.string().nullable(),
});

const statementSchema: z.ZodType<Statement> = z.object({
  affiliation: affiliationRefSchema,
  stance: z.enum(['support', 'objection']),
  note: z.string(),
  by: personSchema,
  at: z.string(),
});

/** A formal amendment with everything said and decided about it. */
export const amendmentSchema: z.ZodType<Amendment> = z.object({
  id: z.string(),
  cycleId: z.string(),
  draftId: z.string(),
  number: z.number().nullable(),
  label: z.string(),
  kind: kindSchema,
  wordAction: z.enum(['replace', 'insert', 'delete', 'none']),
  clauseId: z.string(),
  clauseNumber: z.string(),
  baseText: z.string(),
  proposed: documentNodeSchema.nullable(),
  redline: wordsSchema,
  blocks: z.array(blockRedlineSchema),
  pointChanges: z.array(
    z.object({
      reference: z.string(),
      change: z.enum(['replace', 'insert', 'delete', 'added', 'removed', 'moved']),
    }),
  ),
  justification: z.string(),
  pillars: z.array(pillarKeySchema),
  sponsor: affiliationRefSchema,
  createdBy: personSchema,
  coSponsors: z.array(coSponsorSchema),
  statements: z.array(statementSchema),
  status: statusSchema,
  revised: z
    .object({ proposed: documentNodeSchema, redline: wordsSchema, blocks: z.array(blockRedlineSchema) })
    .nullable(),
  transitions: z.array(transitionSchema),
  liveChange: z
    .object({ change: z.enum(['modified', 'removed']), words: wordsSchema, liveNumber: z.string().nullable() })
    .nullable(),
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
  updatedAt: z.string(),
});

/** The base text with the amendments to each clause beneath it. */
export const compilationSchema: z.ZodType<Compilation> = z.object({
  cycle: reviewCycleSchema,
  clauses: z.array(
    z.object({
      id: z.string(),
      number: z.string(),
      kind: z.enum(CLAUSE_KINDS),
      text: z.string(),
      blocks: z.array(blockRedlineSchema),
      pillars: z.array(pillarKeySchema),
      amendments: z.array(amendmentSchema),
    }),
  ),
});

export const conflictSchema: z.ZodType<Conflict> = z.object({
  clauseId: z.string(),
  clauseNumber: z.string(),
  point: z.object({ id: z.string(), reference: z.string() }).optional(),
  reason: z.enum([
    'same-words',
    'clause-deleted',
    'point-deleted',
    'same-place',
    'clause-changed-live',
    'clause-removed-live',
    'invalid-result',
  ]),
  amendments: z.array(z.string()),
  message: z.string(),
  covers: z.array(z.string()),
  startingClause: documentNodeSchema.nullable(),
  liveClause: documentNodeSchema.nullable().optional(),
});

export const resolutionSchema: z.ZodType<Resolution> = z.object({
  clauseId: z.string(),
  clauses: z.array(documentNodeSchema),
  note: z.string(),
  by: personSchema,
  at: z.string(),
});

const authorSchema = z.object({ id: z.string(), name: z.string(), affiliation: z.string() });

/** A change made in the live text since the base version (to a clause, the title, the formula or a heading), with who made it. */
export const liveChangeSchema: z.ZodType<LiveChange> = z.union([
  z.object({
    part: z.literal('clause'),
    id: z.string(),
    number: z.string(),
    redline: clauseRedlineSchema,
    authors: z.array(authorSchema),
  }),
  z.object({
    part: z.enum(['title', 'formula', 'heading']),
    id: z.string(),
    number: z.string(),
    change: z.enum(['modified', 'added', 'removed']),
    words: wordsSchema,
    authors: z.array(authorSchema),
  }),
]);

const previewSchema = z.array(
  z.object({
    id: z.string(),
    number: z.string(),
    text: z.string(),
    change: z.enum(['unchanged', 'modified', 'added', 'removed']),
    amendments: z.array(z.string()),
  }),
);

/** A clause an adopted amendment adds, as the plan places it. */
const addedClauseSchema: z.ZodType<AddedClause> = z.object({
  amendment: z.string(),
  afterClauseId: z.string(),
  afterNumber: z.string(),
  number: z.string().nullable(),
  text: z.string(),
});

/** What a consolidation did, as kept when the chair consolidated. */
const consolidationRecordSchema: z.ZodType<ConsolidationRecord> = z.object({
  version: z.object({ id: z.string(), label: z.string() }),
  by: personSchema,
  at: z.string(),
  amendments: z.array(
    z.object({
      label: z.string(),
      clauseId: z.string(),
      clauseNumber: z.string(),
      kind: kindSchema,
      status: statusSchema,
      applied: z.boolean(),
    }),
  ),
  resolutions: z.array(
    z.object({
      clauseId: z.string(),
      clauseNumber: z.string(),
      clauses: z.array(documentNodeSchema),
      note: z.string(),
      by: personSchema,
      at: z.string(),
    }),
  ),
  kept: z.array(liveChangeSchema),
  discarded: z.array(liveChangeSchema),
  changed: previewSchema,
  added: z
    .array(
      z.object({
        amendment: z.string(),
        afterClauseId: z.string(),
        afterNumber: z.string(),
        id: z.string(),
        number: z.string(),
        text: z.string(),
        status: z.enum(CLAUSE_STATUSES),
      }),
    )
    .optional(),
});

/** What consolidating now would do, or why it cannot yet; once consolidated, what it did. */
export const consolidationPlanSchema: z.ZodType<ConsolidationPlan> = z.object({
  adopted: z.array(z.string()),
  added: z.array(addedClauseSchema),
  liveChanges: z.array(liveChangeSchema),
  decisions: z.record(z.string(), z.enum(['keep', 'discard'])),
  conflicts: z.array(conflictSchema),
  resolutions: z.array(resolutionSchema),
  pending: z.array(z.string()),
  preview: previewSchema,
  record: consolidationRecordSchema.nullable(),
});
