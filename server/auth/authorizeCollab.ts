import type { IncomingMessage } from 'node:http';
import { parse as parseCookies } from 'hono/utils/cookie';
import type { UpgradeDecision } from '../collab/ConnectionAccess';
import { upgradeOriginMatches } from '../http/checkOrigin';
import { SESSION_COOKIE } from '../http/authenticate';
import type { Storage } from '../storage/Storage';
import type { AuthService } from './AuthService';
import { presenceFor } from './presence';

/**
 * Who may open the collab socket of a draft. A token comes from `?token=` (scripts, Node
 * clients) or the session cookie (browsers; then the page must be one of ours, as a cross-site
 * page could otherwise open a socket with the person's cookie). No valid token: 401. Valid but no
 * role on the draft: 403. Both are answered before the upgrade, so no document byte is sent.
 */
export function authorizeCollab(auth: AuthService, storage: Storage) {
  return async (request: IncomingMessage, draftId: string): Promise<UpgradeDecision> => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const queryToken = url.searchParams.get('token');
    const cookieToken = request.headers.cookie
      ? parseCookies(request.headers.cookie, SESSION_COOKIE)[SESSION_COOKIE]
      : undefined;
    if (!queryToken && cookieToken && upgradeOriginMatches(request.headers) !== true) {
      return { kind: 'refuse', status: 403, reason: 'cookie-authenticated connection from another origin' };
    }
    const principal = await auth.authenticate(queryToken ?? cookieToken);
    if (!principal) return { kind: 'refuse', status: 401, reason: 'no valid session or token' };
    const draft = await storage.getDraft(draftId);
    if (!draft) return { kind: 'no-draft' };
    const membership = await storage.getMembership(draftId, principal.user.id);
    if (!membership) return { kind: 'refuse', status: 403, reason: 'not a member of the draft' };
    return {
      kind: 'accept',
      access: {
        userId: principal.user.id,
        affiliationId: principal.affiliation.id,
        sessionId: principal.session.id,
        role: membership.role,
        presence: presenceFor(principal, membership.role),
        facilitatorMode: draft.facilitatorSince !== null,
        pillars: new Set(draft.pillars.map((pillar) => pillar.key)),
      },
    };
  };
}
