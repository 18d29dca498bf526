import type { Context, MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/**
 * The policy of an HTML export served by the API (a text, a version or a redline): its own
 * inline style sheet and nothing else; no script, and nothing loaded from anywhere. The page
 * also carries a stricter policy of its own in a `<meta>` tag (`htmlExportPolicy`), which holds
 * when the file is opened from disk.
 */
export const HTML_EXPORT_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The policy of every other API response (JSON, downloads): a browser that opens one runs and loads nothing. */
export const API_POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** A Host header that is a plain host name or address and port, safe to write into a policy. */
const PLAIN_HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The collab websocket's origin, named besides `'self'` for browsers that do not count a
 * same-host `ws:`/`wss:` URL as `'self'` (CSP level 3 does; older Safari did not). Behind a
 * TLS-terminating proxy the server sees `http`, so both schemes are named.
 */
function collabSources(c: Context): string {
  const host = c.req.header('host') ?? '';
  return PLAIN_HOST.test(host) ? `ws://${host} wss://${host}` : '';
}

/**
 * Security headers on every response: the app's Content-Security-Policy (its own scripts,
 * styles, images and API only; no inline script or style, no plugin, no framing, no `<base>`),
 * `nosniff`, `X-Frame-Options: DENY`, `Referrer-Policy: same-origin`, and Hono's cross-origin
 * isolation headers. A response that set its own policy keeps it (the API's, below).
 * Strict-Transport-Security is left to whatever terminates TLS in front of Accord.
 */
export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'", collabSources],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      frameAncestors: ["'none'"],
      formAction: ["'self'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'same-origin',
    strictTransportSecurity: false,
    overwrite: false,
  });
}

/**
 * The API's own policies, set before {@link securityHeaders} sees the response: an HTML export
 * gets {@link HTML_EXPORT_POLICY}, everything else {@link API_POLICY}.
 */
export function apiPolicy(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const html = /^text\/html\b/i.test(c.res.headers.get('Content-Type') ?? '');
    c.res.headers.set('Content-Security-Policy', html ? HTML_EXPORT_POLICY : API_POLICY);
  };
}
