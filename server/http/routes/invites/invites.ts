import { Hono } from 'hono';
import { ROLE_LABELS } from '../../../../shared/roles';
import { newId } from '../../../auth/AuthService';
import { hashSecret, newSecret } from '../../../auth/tokens';
import { ApiError } from '../../../errors';
import { audit } from '../../../Services';
import type { Services } from '../../../Services';
import type { InviteRecord, Storage } from '../../../storage/Storage';
import { requireDraftAccess } from '../../access';
import type { AppEnv } from '../../AppEnv';
import { setSessionCookie } from '../../sessionCookie';
import { parseBody } from '../../validate';
import type { NewAccount } from './schema';
import { acceptInviteBody, createInviteBody } from './schema';

type InviteStatus = 'open' | 'accepted' | 'revoked' | 'expired';

function inviteStatus(invite: InviteRecord): InviteStatus {
  if (invite.acceptedAt) return 'accepted';
  if (invite.revokedAt) return 'revoked';
  if (Date.parse(invite.expiresAt) <= Date.now()) return 'expired';
  return 'open';
}

async function publicInvite(storage: Storage, invite: InviteRecord) {
  const affiliation = await storage.getAffiliation(invite.affiliationId);
  return {
    id: invite.id,
    draftId: invite.draftId,
    role: invite.role,
    affiliation,
    createdAt: invite.createdAt,
    expiresAt: invite.expiresAt,
    acceptedAt: invite.acceptedAt,
    status: inviteStatus(invite),
  };
}

/**
 * Invitations: the chair creates a link for a role and a delegation or organisation; opening it
 * shows what it is for; accepting it creates the account (or, signed in, adds the role).
 */
export function inviteRoutes(services: Services): { draftScoped: Hono<AppEnv>; byToken: Hono<AppEnv> } {
  const { storage, people, auth } = services;
  const draftScoped = new Hono<AppEnv>();

  draftScoped.post('/:id/invites', async (c) => {
    const { draft, principal } = await requireDraftAccess(c, storage, c.req.param('id'), 'invites:manage');
    const body = await parseBody(c, createInviteBody);
    const affiliation = await people.affiliation(body.affiliation);
    if (body.role === 'delegate' && affiliation.kind !== 'delegation') {
      throw new ApiError(
        400,
        'role_affiliation_mismatch',
        'Delegates speak for a State: invite them for a delegation, not an organisation.',
      );
    }
    if (body.role === 'observer' && affiliation.kind !== 'organisation') {
      throw new ApiError(
        400,
        'role_affiliation_mismatch',
        'Observers come from organisations: invite them for an organisation, not a delegation.',
      );
    }
    const token = newSecret('invite');
    const now = new Date();
    const invite = await storage.createInvite({
      id: newId(),
      tokenHash: hashSecret(token),
      draftId: draft.id,
      role: body.role,
      affiliationId: affiliation.id,
      createdBy: principal.user.id,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + body.expiresInDays * 86_400_000).toISOString(),
      acceptedAt: null,
      acceptedBy: null,
      revokedAt: null,
    });
    await audit(services, {
      actorId: principal.user.id,
      draftId: draft.id,
      action: 'invite.created',
      details: { inviteId: invite.id, role: body.role, affiliationId: affiliation.id },
    });
    return c.json({ invite: await publicInvite(storage, invite), token, path: `/invite/${token}` }, 201);
  });

  draftScoped.get('/:id/invites', async (c) => {
    const { draft } = await requireDraftAccess(c, storage, c.req.param('id'), 'invites:manage');
    const invites = await storage.listInvites(draft.id);
    return c.json({ invites: await Promise.all(invites.map((invite) => publicInvite(storage, invite))) });
  });

  draftScoped.delete('/:id/invites/:inviteId', async (c) => {
    const { draft, principal } = await requireDraftAccess(c, storage, c.req.param('id'), 'invites:manage');
    const inviteId = c.req.param('inviteId');
    if (!(await storage.listInvites(draft.id)).some((invite) => invite.id === inviteId)) {
      throw new ApiError(404, 'invite_not_found', 'This draft has no invitation with that id.');
    }
    await storage.revokeInvite(inviteId, new Date());
    await audit(services, {
      actorId: principal.user.id,
      draftId: draft.id,
      action: 'invite.revoked',
      details: { inviteId },
    });
    return c.json({ ok: true });
  });

  const byToken = new Hono<AppEnv>();

  byToken.get('/:token', async (c) => {
    const invite = await findInvite(storage, c.req.param('token'));
    const draft = await storage.getDraft(invite.draftId);
    return c.json({
      invite: {
        ...(await publicInvite(storage, invite)),
        draftTitle: draft?.title ?? '',
        roleLabel: ROLE_LABELS[invite.role],
      },
    });
  });

  byToken.post('/:token/accept', async (c) => {
    const invite = await findInvite(storage, c.req.param('token'));
    const signedIn = c.get('auth')?.principal;
    // Who before what: one of another delegation hears that before whether the link is still open.
    if (signedIn && signedIn.user.affiliationId !== invite.affiliationId) {
      throw new ApiError(
        403,
        'affiliation_mismatch',
        'This invitation is for another delegation or organisation than yours. Ask the chair for one for yours.',
      );
    }
    if (inviteStatus(invite) !== 'open')
      throw new ApiError(
        410,
        'invite_closed',
        `This invitation has been ${inviteStatus(invite)} and can no longer be used.`,
      );
    const body = await parseBody(c, acceptInviteBody);
    let person: Parameters<typeof people.acceptInvite>[1];
    if (signedIn) person = { userId: signedIn.user.id };
    else if ('email' in body) person = body as NewAccount;
    else
      throw new ApiError(
        400,
        'account_required',
        'Give your name, email and a password to create your account, or sign in first.',
      );
    // One transaction claims the invitation, creates the account if any, and gives the role; a
    // session is opened only once it has committed, so a refused request never carries one.
    const accepted = await people.acceptInvite(invite, person);
    const { userId } = accepted;
    await services.registry.applyMembership(accepted.draftId, userId, accepted.role);
    let token: string | undefined;
    if (accepted.user) {
      const session = await auth.openSession(accepted.user);
      token = session.token;
      setSessionCookie(c, token, session.principal.session.expiresAt);
    }
    await audit(services, {
      actorId: userId,
      draftId: accepted.draftId,
      action: 'invite.accepted',
      details: { inviteId: invite.id, role: invite.role },
    });
    return c.json({ draftId: accepted.draftId, role: accepted.role, ...(token ? { token } : {}) });
  });

  return { draftScoped, byToken };
}

async function findInvite(storage: Storage, token: string): Promise<InviteRecord> {
  const invite = token.length < 200 ? await storage.getInviteByTokenHash(hashSecret(token)) : undefined;
  if (!invite)
    throw new ApiError(404, 'invite_not_found', 'This invitation link is not valid. Check that you copied all of it.');
  return invite;
}
