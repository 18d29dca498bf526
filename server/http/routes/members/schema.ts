import { z } from 'zod';
import { ROLES } from '../../../../shared/roles';

/** `PATCH /api/drafts/:id/members/:userId` */
export const patchMemberBody = z.strictObject({ role: z.enum(ROLES) });
