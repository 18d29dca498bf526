import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AuthService } from '../auth/AuthService';
import type { AppEnv } from './AppEnv';

/** Name of the browser session cookie. */
export const SESSION_COOKIE = 'accord_session';

/**
 * Reads the caller's identity from `Authorization: Bearer <token>` or the session cookie and
 * puts it on the context (null when anonymous or the token is unknown, expired or revoked).
 */
export function authenticate(auth: AuthService): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    const bearer = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const cookie = bearer ? undefined : getCookie(c, SESSION_COOKIE);
    const token = bearer ?? cookie;
    const principal = await auth.authenticate(token);
    c.set('auth', principal && token ? { principal, via: bearer ? 'bearer' : 'cookie', token } : null);
    await next();
  };
}
