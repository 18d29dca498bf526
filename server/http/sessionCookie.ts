import type { Context } from 'hono';
import { setCookie } from 'hono/cookie';
import { DEVICE_TTL_MS } from '../auth/AuthService';
import type { AppEnv } from './AppEnv';
import { SESSION_COOKIE } from './authenticate';

/** Name of the device cookie: which account this browser has signed in to before (see `AuthService.login`). */
export const DEVICE_COOKIE = 'accord_device';

/** Path of the device cookie: only sign-in reads it. */
const DEVICE_COOKIE_PATH = '/api/auth';

function isHttps(c: Context<AppEnv>): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
}

/**
 * Sets the browser session cookie: httpOnly (no script can read it), SameSite=Lax, expiring with
 * the session, and Secure when the request came over HTTPS (directly or through a proxy that says
 * so with X-Forwarded-Proto).
 */
export function setSessionCookie(c: Context<AppEnv>, token: string, expiresAt: string | null): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(c),
    path: '/',
    ...(expiresAt ? { expires: new Date(expiresAt) } : {}),
  });
}

/**
 * Sets the device cookie after a successful sign-in: httpOnly, sent only to `/api/auth`, kept for
 * a year, so this browser's later sign-ins to the account are not slowed by strangers' failures.
 */
export function setDeviceCookie(c: Context<AppEnv>, token: string): void {
  setCookie(c, DEVICE_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: isHttps(c),
    path: DEVICE_COOKIE_PATH,
    expires: new Date(Date.now() + DEVICE_TTL_MS),
  });
}
