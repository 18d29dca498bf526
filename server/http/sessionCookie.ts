import type { Context } from 'hono';
import { setCookie } from 'hono/cookie';
import type { AppEnv } from './AppEnv';
import { SESSION_COOKIE } from './authenticate';

/**
 * Sets the browser session cookie: httpOnly (no script can read it), SameSite=Lax, expiring with
 * the session, and Secure when the request came over HTTPS (directly or through a proxy that says
 * so with X-Forwarded-Proto).
 */
export function setSessionCookie(c: Context<AppEnv>, token: string, expiresAt: string | null): void {
  const secure = new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure,
    path: '/',
    ...(expiresAt ? { expires: new Date(expiresAt) } : {}),
  });
}
