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
 * Cross-site request forgery guard: a request that changes something and is authenticated by the
 * cookie must come from a page of this server. A cross-origin Origin is refused for every unsafe
 * request, signed in or not (that also stops forced sign-in). Bearer-token calls carry no ambient
 * credential and are not checked.
 */
export function checkOrigin(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!SAFE_METHODS.has(c.req.method)) {
      const matches = originMatches({
        origin: c.req.header('origin'),
        referer: c.req.header('referer'),
        host: c.req.header('host'),
      });
      const viaCookie = c.get('auth')?.via === 'cookie';
      if (matches === false || (matches === undefined && viaCookie)) {
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
