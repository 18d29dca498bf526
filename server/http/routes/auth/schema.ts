import { z } from 'zod';
import { DEFAULT_ACCESS_TOKEN_DAYS, MAX_ACCESS_TOKEN_DAYS } from '../../../../shared/limits';

/** `POST /api/auth/login` */
export const loginBody = z.strictObject({
  email: z.string().trim().min(3).max(320),
  password: z.string().min(1).max(1024),
});

/** `POST /api/auth/tokens`: a personal access token for scripts, expiring after 1 to 365 days (90 unless chosen). */
export const createTokenBody = z.strictObject({
  name: z.string().trim().min(1, 'give the token a name').max(100),
  expiresInDays: z
    .number()
    .int()
    .min(1)
    .max(MAX_ACCESS_TOKEN_DAYS, `a token lasts at most ${MAX_ACCESS_TOKEN_DAYS} days`)
    .default(DEFAULT_ACCESS_TOKEN_DAYS),
});
