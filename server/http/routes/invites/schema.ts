import { z } from 'zod';
import { ALPHA3_PATTERN, ROLES } from '../../../../shared/roles';

const affiliation = z.union([
  z.strictObject({ id: z.string().min(1).max(64) }),
  z.strictObject({
    kind: z.literal('delegation'),
    name: z.string().trim().min(2).max(200),
    code: z.string().trim().toUpperCase().regex(ALPHA3_PATTERN, 'an ISO 3166-1 alpha-3 code, three letters'),
  }),
  z.strictObject({ kind: z.literal('organisation'), name: z.string().trim().min(2).max(200) }),
]);

/** `POST /api/drafts/:id/invites`: an invitation link for one role and one delegation or organisation. */
export const createInviteBody = z.strictObject({
  role: z.enum(ROLES),
  affiliation,
  expiresInDays: z.number().int().min(1).max(90).default(14),
});

/** Shortest password accepted for a new account. */
export const MIN_PASSWORD_LENGTH = 10;

const newAccount = z.strictObject({
  name: z.string().trim().min(2).max(120),
  email: z.string().trim().email().max(320),
  password: z.string().min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`).max(1024),
});

/** The account a person creates as they accept an invitation. */
export type NewAccount = z.infer<typeof newAccount>;

/** `POST /api/invites/:token/accept`: signed in (empty body), or the new account's details. */
export const acceptInviteBody = z.union([z.strictObject({}), newAccount]);
