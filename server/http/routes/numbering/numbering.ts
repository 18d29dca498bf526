import { Hono } from 'hono';
import { NumberingService } from '../../../numbering/NumberingService';
import type { Services } from '../../../Services';
import { audit } from '../../../Services';
import { requireDraftAccess } from '../../access';
import type { AppEnv } from '../../AppEnv';

/**
 * `/api/drafts/:id/numbering/freeze`, `/unfreeze` and `/renumber` (the chair's, `draft:renumber`):
 * stable paragraph numbers (docs/numbering.md). Each is audited and is a change to the text, in the
 * history and live for everyone; the outline API gives the numbers shown and the deleted ones.
 */
export function numberingRoutes(services: Services): Hono<AppEnv> {
  const { storage, registry } = services;
  const numbering = new NumberingService(storage, registry);
  const app = new Hono<AppEnv>();

  for (const action of ['freeze', 'unfreeze'] as const) {
    app.post(`/:id/numbering/${action}`, async (c) => {
      const { draft, principal } = await requireDraftAccess(c, storage, c.req.param('id'), 'draft:renumber');
      await numbering[action](draft.id, principal.user.id);
      await audit(services, { actorId: principal.user.id, draftId: draft.id, action: `numbering.${action}` });
      return c.json({ frozen: action === 'freeze' });
    });
  }

  app.post('/:id/numbering/renumber', async (c) => {
    const { draft, principal } = await requireDraftAccess(c, storage, c.req.param('id'), 'draft:renumber');
    const result = await numbering.renumber(draft.id, principal.user.id);
    await audit(services, {
      actorId: principal.user.id,
      draftId: draft.id,
      action: 'numbering.renumber',
      details: { renumbered: result.renumbered, references: result.references },
    });
    return c.json(result);
  });

  return app;
}
