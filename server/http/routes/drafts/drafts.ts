import { Hono } from 'hono';
import type { DraftSummary } from '../../../../shared/api';
import type { Role } from '../../../../shared/roles';
import { ApiError } from '../../../errors';
import { audit } from '../../../Services';
import type { Services } from '../../../Services';
import type { DraftRecord } from '../../../storage/Storage';
import { requireAction, requireDraftAccess, requirePrincipal } from '../../access';
import type { AppEnv } from '../../AppEnv';
import { parseBody, parseQuery } from '../../validate';
import { createDraftBody, listDraftsQuery, patchDraftBody, putPillarsBody } from './schema';

/** `/api/drafts`: the caller's drafts; create, read, rename, archive and restore. Drafts are never deleted. */
export function draftRoutes(services: Services): Hono<AppEnv> {
  const { storage, drafts } = services;
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const principal = requirePrincipal(c);
    const query = parseQuery(c, listDraftsQuery);
    const list = await storage.listDraftsForUser(principal.user.id, { archived: query.archived === 'true' });
    return c.json({ drafts: list.map((draft) => toSummary(draft, draft.role)) });
  });

  app.post('/', async (c) => {
    const principal = requirePrincipal(c);
    if (!principal.user.canCreateDrafts) {
      throw new ApiError(
        403,
        'forbidden',
        'Your account cannot create drafts. Ask the secretariat to create one and invite you.',
      );
    }
    const body = await parseBody(c, createDraftBody);
    const draft = await drafts.create(body.title, {
      template: body.template,
      chairId: principal.user.id,
      pillars: body.pillars,
    });
    await audit(services, {
      actorId: principal.user.id,
      draftId: draft.id,
      action: 'draft.created',
      details: { title: body.title, template: body.template, pillars: body.pillars.map((pillar) => pillar.key) },
    });
    return c.json({ draft: toSummary(draft, 'chair') }, 201);
  });

  app.get('/:id', async (c) => {
    const { draft, role } = await requireDraftAccess(c, storage, c.req.param('id'), 'draft:read');
    return c.json({ draft: toSummary(draft, role) });
  });

  app.patch('/:id', async (c) => {
    const id = c.req.param('id');
    // Who may do either, before the body is read; then who may do what it asks.
    const access = await requireDraftAccess(c, storage, id, ['draft:rename', 'draft:archive']);
    const body = await parseBody(c, patchDraftBody);
    if (body.title !== undefined) requireAction(access, 'draft:rename');
    if (body.archived !== undefined) requireAction(access, 'draft:archive');
    let updated = access.draft;
    if (body.title !== undefined) {
      updated = await drafts.rename(id, body.title, access.principal.user.id);
      await audit(services, {
        actorId: access.principal.user.id,
        draftId: id,
        action: 'draft.renamed',
        details: { from: access.draft.title, to: body.title },
      });
    }
    if (body.archived !== undefined) {
      updated = await drafts.setArchived(id, body.archived);
      await audit(services, {
        actorId: access.principal.user.id,
        draftId: id,
        action: body.archived ? 'draft.archived' : 'draft.restored',
      });
    }
    return c.json({ draft: toSummary(updated, access.role) });
  });

  app.put('/:id/pillars', async (c) => {
    const access = await requireDraftAccess(c, storage, c.req.param('id'), 'draft:edit-pillars');
    const body = await parseBody(c, putPillarsBody);
    const before = access.draft.pillars;
    const updated = await drafts.setPillars(access.draft.id, body.pillars, body.removed, access.principal.user.id);
    await audit(services, {
      actorId: access.principal.user.id,
      draftId: access.draft.id,
      action: 'draft.pillars-changed',
      details: {
        from: before.map((pillar) => pillar.key),
        to: body.pillars.map((pillar) => pillar.key),
        removed: body.removed,
      },
    });
    return c.json({ draft: toSummary(updated, access.role) });
  });

  return app;
}

function toSummary(draft: DraftRecord, role: Role): DraftSummary {
  return {
    id: draft.id,
    title: draft.title,
    createdAt: draft.createdAt,
    updatedAt: draft.updatedAt,
    archivedAt: draft.archivedAt,
    role,
    facilitatorMode: draft.facilitatorSince !== null,
    pillars: draft.pillars,
  };
}
