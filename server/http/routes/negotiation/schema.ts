import { z } from 'zod';

const markerId = z.string().min(1).max(100);

/** `PUT /api/drafts/:id/brackets/:bracketId/holding`: join (true) or leave (false) the delegations holding it. */
export const holdingBody = z.strictObject({ holding: z.boolean() });

/** `PUT /api/drafts/:id/alternatives/:setId/support`: the wording the delegation supports, or null for none. */
export const supportBody = z.strictObject({ option: markerId.nullable() });

/** `POST /api/drafts/:id/alternatives/:setId/select`: the wording agreed. */
export const selectBody = z.strictObject({ option: markerId });
