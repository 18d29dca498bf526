import { z } from 'zod';
import { CLAUSE_STATUSES } from '../../../../shared/clauses';
import { MAX_PILLARS_PER_DRAFT } from '../../../../shared/pillars';

/** `PATCH /api/drafts/:id/clauses/:clauseId`: tag pillars or set the status of one clause. */
export const patchClauseBody = z
  .strictObject({
    pillars: z
      .array(z.string())
      .max(MAX_PILLARS_PER_DRAFT, `a clause has at most ${MAX_PILLARS_PER_DRAFT} pillars`)
      .optional(),
    status: z.enum(CLAUSE_STATUSES).optional(),
  })
  .refine((body) => body.pillars !== undefined || body.status !== undefined, 'give pillars or a status');
