import { Hono } from 'hono';
import type { Member, Role } from '../../../../shared/roles';
import { ApiError } from '../../../errors';
import { audit } from '../../../Services';
import type { Services } from '../../../Services';
import type { Storage } from '../../../storage/Storage';
import { requireDraftAccess } from '../../access';
import type { AppEnv } from '../../AppEnv';
import { parseBody } from '../../validate';
import { patchMemberBody } from './schema';

/** The members of a draft with their roles and affiliations. */
export async function listMembers(storage: Storage, draftId: string): Promise<Member[]> {
  const memberships = await storage.listMemberships(draftId);
  const members: Member[] = [];
  for (const membership of memberships) {
    const user = await storage.getUser(membership.userId);
    const affiliation = user && (await storage.getAffiliation(user.affiliationId));
    if (!user || !affiliation) continue;
    members.push({
      user: { id: user.id, name: user.name, email: user.email, affiliation },
      role: membership.role,
      since: membership.createdAt,
    });
  }
  return members;
}

/**
 * `/api/drafts/:id/members`: who holds which role. The chair changes roles and removes members;
 * the person's open connections follow at once. A draft always keeps at least one chair.
 */
export function memberRoutes(services: Services): Hono<AppEnv> {
  const { storage, registry } = services;
  const app = new Hono<AppEnv>();

  app.get('/:id/members', async (c) => {
    const { draft } = await requireDraftAccess(c, storage, c.req.param('id'), 'members:read');
    return c.json({ members: await listMembers(storage, draft.id) });
  });

  app.patch('/:id/members/:userId', async (c) => {
    const { draft, principal } = await requireDraftAccess(c, storage, c.req.param('id'), 'members:manage');
    const userId = c.req.param('userId');
    const body = await parseBody(c, patchMemberBody);
    const membership = await storage.getMembership(draft.id, userId);
    if (!membership) throw new ApiError(404, 'member_not_found', 'That person is not a member of this draft.');
    if (membership.role === 'chair' && body.role !== 'chair') await refuseIfLastChair(storage, draft.id);
    if (body.role === 'delegate') {
      const user = await storage.getUser(userId);
      const affiliation = user && (await storage.getAffiliation(user.affiliationId));
      if (affiliation?.kind !== 'delegation') {
        throw new ApiError(
          400,
          'role_affiliation_mismatch',
          'Delegates speak for a State: only a member of a delegation can be a delegate.',
        );
      }
    }
    await storage.setMembership(draft.id, userId, body.role, new Date());
    await registry.applyMembership(draft.id, userId, body.role);
    await audit(services, {
      actorId: principal.user.id,
      draftId: draft.id,
      action: 'member.role_changed',
      details: { userId, from: membership.role, to: body.role },
    });
    const members = await listMembers(storage, draft.id);
    return c.json({ member: members.find((member) => member.user.id === userId) });
  });

  app.delete('/:id/members/:userId', async (c) => {
    const { draft, principal } = await requireDraftAccess(c, storage, c.req.param('id'), 'members:manage');
    const userId = c.req.param('userId');
    const membership = await storage.getMembership(draft.id, userId);
    if (!membership) throw new ApiError(404, 'member_not_found', 'That person is not a member of this draft.');
    if (membership.role === 'chair') await refuseIfLastChair(storage, draft.id);
    await storage.removeMembership(draft.id, userId);
    await registry.applyMembership(draft.id, userId, null);
    await audit(services, {
      actorId: principal.user.id,
      draftId: draft.id,
      action: 'member.removed',
      details: { userId, role: membership.role },
    });
    return c.json({ ok: true });
  });

  return app;
}

async function refuseIfLastChair(storage: Storage, draftId: string): Promise<void> {
  const chairs = (await storage.listMemberships(draftId)).filter((m) => m.role === ('chair' satisfies Role));
  if (chairs.length <= 1) {
    throw new ApiError(
      409,
      'last_chair',
      'A draft needs a chair. Make someone else chair before changing or removing the last one.',
    );
  }
}
