import { z } from 'zod';

/** `POST /api/auth/login` */
export const loginBody = z.strictObject({
  email: z.string().trim().min(3).max(320),
  password: z.string().min(1).max(1024),
});

/** `POST /api/auth/tokens`: a personal access token for scripts. */
export const createTokenBody = z.strictObject({ name: z.string().trim().min(1, 'give the token a name').max(100) });
