import type { MiddlewareHandler } from 'hono';
import type { IncomingHttpHeaders } from 'node:http';
import { ApiError } from '../errors';
import type { AppEnv } from './AppEnv';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The origin a request comes from (its Origin header, or failing that its Referer's origin), and
 * whether that is this server's own origin as the browser addressed it (the Host header).
 */
export function originMatches(headers: {
  origin?: string | undefined;
  referer?: string | undefined;
  host?: string | undefined;
}): boolean | undefined {
  let origin = headers.origin;
  if (!origin && headers.referer) {
    try {
      origin = new URL(headers.referer).origin;
    } catch {
      return false;
    }
  }
  if (!origin || origin === 'null') return origin === 'null' ? false : undefined;
  try {
    return new URL(origin).host === headers.host;
  } catch {
    return false;
  }
}

/** {@link originMatches} on Node's raw headers (the websocket upgrade). */
export function upgradeOriginMatches(headers: IncomingHttpHeaders): boolean | undefined {
  return originMatches({ origin: headers.origin, referer: headers.referer, host: headers.host });
}

/**
 * Cross-site request forgery guard, on every request that changes something. A call made with a
 * valid Bearer token is not checked: the token is no ambient credential a browser attaches on its
 * own, and a page of another site cannot send an Authorization header here at all (that needs a
 * CORS preflight, which Accord never grants), so a script may send any Origin or none. Every other
 * call, by cookie or anonymous, must not come from another origin (anonymous too: that stops
 * forced sign-in and accounts created from another site), and one by cookie must name this
 * server's origin in Origin or Referer.
 */
export function checkOrigin(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const via = c.get('auth')?.via;
    if (!SAFE_METHODS.has(c.req.method) && via !== 'bearer') {
      const matches = originMatches({
        origin: c.req.header('origin'),
        referer: c.req.header('referer'),
        host: c.req.header('host'),
      });
      if (matches === false || (matches === undefined && via === 'cookie')) {
        throw new ApiError(
          403,
          'origin_mismatch',
          'This request did not come from an Accord page. Reload Accord and try again.',
        );
      }
    }
    await next();
  };
}
