import { z } from 'zod';
import type { AccessSession } from '../../shared/api';
import type { PublicUser } from '../../shared/roles';
import { publicUserSchema } from './peopleSchemas';
import { okAnswer, requestJson } from './requestJson';

const userEnvelope = z.object({ user: publicUserSchema });

/**
 * Signs in with email and password. The server sets the session cookie that authenticates every
 * later call and the collab socket; the token in its answer is not kept by the page.
 * Rejects with `invalid_credentials` (401) or `too_many_attempts` (429, the message says how long).
 * A successful sign-in also leaves a device cookie, so this browser's later sign-ins to the account
 * are not slowed by strangers' failed ones.
 */
export async function signIn(email: string, password: string): Promise<PublicUser> {
  const { user } = await requestJson('/api/auth/login', userEnvelope, { method: 'POST', json: { email, password } });
  return user;
}

/** Ends this browser's session only (the server closes its sockets too); other browsers and tokens go on working. */
export async function signOut(): Promise<void> {
  await requestJson('/api/auth/logout', okAnswer, { method: 'POST' });
}

/** Who is signed in at this browser; rejects with status 401 when nobody is. */
export async function fetchCurrentUser(signal?: AbortSignal): Promise<PublicUser> {
  const { user } = await requestJson('/api/auth/me', userEnvelope, { signal });
  return user;
}

export type { AccessSession };

const accessSessionSchema: z.ZodType<AccessSession> = z.object({
  id: z.string(),
  kind: z.enum(['session', 'token']),
  name: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  current: z.boolean(),
});

/** The person's browser sessions and personal access tokens, revoked and expired ones included. */
export async function listAccessSessions(signal?: AbortSignal): Promise<AccessSession[]> {
  const { sessions } = await requestJson('/api/auth/sessions', z.object({ sessions: z.array(accessSessionSchema) }), {
    signal,
  });
  return sessions;
}

/** Creates a personal access token for scripts, expiring after `expiresInDays`. The secret is in this answer only, never again. */
export async function createAccessToken(
  name: string,
  expiresInDays: number,
): Promise<{ token: string; session: AccessSession }> {
  return requestJson('/api/auth/tokens', z.object({ token: z.string(), session: accessSessionSchema }), {
    method: 'POST',
    json: { name, expiresInDays },
  });
}

/** Revokes one of the person's sessions or tokens; anything using it is refused from now on. */
export async function revokeAccessSession(id: string): Promise<void> {
  await requestJson(`/api/auth/sessions/${encodeURIComponent(id)}`, okAnswer, { method: 'DELETE' });
}
