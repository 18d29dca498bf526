import { z } from 'zod';

/** `PUT /api/drafts/:id/suggestions/:suggestionId/stance`: support, oppose, or null to take the position back. */
export const stanceBody = z.strictObject({ stance: z.enum(['support', 'oppose']).nullable() });

/** `PUT /api/drafts/:id/facilitator-mode`: only the chair edits (on), or everyone may again (off). */
export const facilitatorBody = z.strictObject({ on: z.boolean() });
