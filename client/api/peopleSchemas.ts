import { z } from 'zod';
import { AFFILIATION_KINDS, ROLES, type Affiliation, type Member, type PublicUser } from '../../shared/roles';

/** A delegation or organisation as the API sends it. */
export const affiliationSchema: z.ZodType<Affiliation> = z.object({
  id: z.string(),
  kind: z.enum(AFFILIATION_KINDS),
  name: z.string(),
  code: z.string().nullable(),
});

/** The signed-in person as `/api/auth/me` and sign-in describe them. */
export const publicUserSchema: z.ZodType<PublicUser> = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  affiliation: affiliationSchema,
  canCreateDrafts: z.boolean(),
});

/** A member of a draft with their role. */
export const memberSchema: z.ZodType<Member> = z.object({
  user: z.object({ id: z.string(), name: z.string(), email: z.string(), affiliation: affiliationSchema }),
  role: z.enum(ROLES),
  since: z.string(),
});
