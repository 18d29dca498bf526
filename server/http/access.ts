import type { Context } from 'hono';
import type { PolicyAction, Role, Who } from '../../shared/roles';
import { whoMay } from '../../shared/roles';
import type { Principal } from '../auth/AuthService';
import { ApiError, draftNotFound, enforce } from '../errors';
import type { DraftRecord, Storage } from '../storage/Storage';
import type { AppEnv } from './AppEnv';
import { draftIdParam } from './routes/drafts/schema';

/** The signed-in caller, or a 401 telling them to sign in. */
export function requirePrincipal(c: Context<AppEnv>): Principal {
  const auth = c.get('auth');
  if (!auth) throw new ApiError(401, 'unauthenticated', 'Sign in to do this.');
  return auth.principal;
}

/** What the caller may do on one draft, checked. */
export interface DraftAccess {
  draft: DraftRecord;
  role: Role;
  principal: Principal;
}

/**
 * Loads a draft and checks that the caller may do `action` there as far as who they are decides
 * it (their role, and the rule's conditions about who is asking: `whoMay`), before anything else
 * the request names is read: 401 when anonymous, 404 when there is no such draft, 403 when they
 * are not a member or may not, with the policy's sentence. With several actions (a route whose
 * body says which it is), passing means the caller may do at least one; the route then checks
 * the one asked for with {@link requireAction} once it has read the body. The rest of an
 * action's rule (the phase, the state of what it acts on) is checked where those are known, so
 * every route answers 401, then 403, then 404 or 409.
 */
export async function requireDraftAccess(
  c: Context<AppEnv>,
  storage: Storage,
  draftId: string,
  action: PolicyAction | readonly PolicyAction[],
): Promise<DraftAccess> {
  const principal = requirePrincipal(c);
  if (!draftIdParam.safeParse(draftId).success) throw draftNotFound();
  const draft = await storage.getDraft(draftId);
  if (!draft) throw draftNotFound();
  const membership = await storage.getMembership(draftId, principal.user.id);
  if (!membership) {
    throw new ApiError(403, 'not_a_member', 'You are not a member of this draft. Ask its chair for an invitation.');
  }
  const access = { draft, role: membership.role, principal };
  requireAction(access, action);
  return access;
}

/**
 * Checks an action as {@link requireDraftAccess} does, once the request has said which it is
 * (several: the caller may do at least one, and hears why not the first otherwise).
 */
export function requireAction(access: DraftAccess, action: PolicyAction | readonly PolicyAction[]): void {
  const who: Who = { role: access.role, affiliation: access.principal.affiliation };
  const decisions = (typeof action === 'string' ? [action] : action).map((one) => whoMay(one, who));
  enforce(decisions.find((decision) => decision.ok) ?? decisions[0]!);
}
