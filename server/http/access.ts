import type { Context } from 'hono';
import type { PolicyAction, Role } from '../../shared/roles';
import { roleMay } from '../../shared/roles';
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
 * Loads a draft and checks that the caller holds a role on it that allows `action` (the role
 * alone: an action whose rule looks further, at the person's delegation or the phase, is checked
 * again in full where those are known): 401 when anonymous, 404 when there is no such draft, 403
 * when they are not a member or their role does not allow it, with the policy's sentence.
 */
export async function requireDraftAccess(
  c: Context<AppEnv>,
  storage: Storage,
  draftId: string,
  action: PolicyAction,
): Promise<DraftAccess> {
  const principal = requirePrincipal(c);
  if (!draftIdParam.safeParse(draftId).success) throw draftNotFound();
  const draft = await storage.getDraft(draftId);
  if (!draft) throw draftNotFound();
  const membership = await storage.getMembership(draftId, principal.user.id);
  if (!membership) {
    throw new ApiError(403, 'not_a_member', 'You are not a member of this draft. Ask its chair for an invitation.');
  }
  enforce(roleMay(membership.role, action));
  return { draft, role: membership.role, principal };
}
