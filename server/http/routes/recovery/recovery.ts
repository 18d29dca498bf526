import { Hono } from 'hono';
import { audit } from '../../../Services';
import type { Services } from '../../../Services';
import { requireDraftAccess } from '../../access';
import type { AppEnv } from '../../AppEnv';

/**
 * `/api/drafts/:id/recovery`: whether a draft's stored text can be read and, when it cannot,
 * what the chair can restore (GET, any member); restoring it (POST, the chair), which replaces
 * the stored text and sends every open editor back to load it.
 */
export function recoveryRoutes(services: Services): Hono<AppEnv> {
  const { storage, recovery } = services;
  const app = new Hono<AppEnv>();

  app.get('/:id/recovery', async (c) => {
    const { draft } = await requireDraftAccess(c, storage, c.req.param('id'), 'draft:read');
    return c.json(await recovery.status(draft.id));
  });

  app.post('/:id/recovery', async (c) => {
    const { draft, principal } = await requireDraftAccess(c, storage, c.req.param('id'), 'version:manage');
    const restored = await recovery.recover(draft.id);
    await audit(services, {
      actorId: principal.user.id,
      draftId: draft.id,
      action: 'draft.recovered',
      details: restored,
    });
    return c.json({ restored });
  });

  return app;
}
