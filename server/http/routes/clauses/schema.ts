import { z } from 'zod';
import { CLAUSE_STATUSES } from '../../../../shared/clauses';
import { PILLAR_KEYS } from '../../../../shared/pillars';

/** `PATCH /api/drafts/:id/clauses/:clauseId`: tag pillars or set the status of one clause. */
export const patchClauseBody = z
  .strictObject({
    pillars: z
      .array(z.string())
      .max(PILLAR_KEYS.length, `a clause has at most ${PILLAR_KEYS.length} pillars`)
      .optional(),
    status: z.enum(CLAUSE_STATUSES).optional(),
  })
  .refine((body) => body.pillars !== undefined || body.status !== undefined, 'give pillars or a status');
