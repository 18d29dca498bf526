import { Hono } from 'hono';
import { MarkerService } from '../../../negotiation/MarkerService';
import type { Services } from '../../../Services';
import { audit } from '../../../Services';
import { requireDraftAccess } from '../../access';
import type { AppEnv } from '../../AppEnv';
import { parseBody } from '../../validate';
import { holdingBody, selectBody, supportBody } from './schema';

/**
 * `/api/drafts/:id/brackets` and `/api/drafts/:id/alternatives`: who holds brackets open and who
 * supports which wording, and the chair lifting a bracket or selecting a wording (see
 * `BracketView` in shared/negotiation.ts for the routes). Every change is audited and pushed to
 * the open clients as `markers-changed`.
 */
export function negotiationRoutes(services: Services): Hono<AppEnv> {
  const { storage, registry } = services;
  const markers = new MarkerService(storage, registry);
  const app = new Hono<AppEnv>();
  const changed = (draftId: string) =>
    registry.sendEvent(draftId, { kind: 'everyone', event: { type: 'markers-changed' } });

  app.get('/:id/brackets', async (c) => {
    const { draft } = await requireDraftAccess(c, storage, c.req.param('id'), 'draft:read');
    return c.json(await markers.list(draft.id));
  });

  app.put('/:id/brackets/:bracketId/holding', async (c) => {
    const { draft, principal } = await requireDraftAccess(c, storage, c.req.param('id'), 'bracket:hold');
    const { holding } = await parseBody(c, holdingBody);
    const bracketId = c.req.param('bracketId');
    const actor = { userId: principal.user.id, affiliationId: principal.affiliation.id };
    const bracket = await markers.hold(draft.id, bracketId, holding, actor);
    await audit(services, {
      actorId: actor.userId,
      draftId: draft.id,
      action: holding ? 'bracket.held' : 'bracket.left',
      details: { bracketId },
    });
    await changed(draft.id);
    return c.json({ bracket });
  });

  app.delete('/:id/brackets/:bracketId', async (c) => {
    const { draft, principal } = await requireDraftAccess(c, storage, c.req.param('id'), 'bracket:remove');
    const actor = { userId: principal.user.id, affiliationId: principal.affiliation.id };
    const settlement = await markers.removeBracket(draft.id, c.req.param('bracketId'), actor);
    await audit(services, {
      actorId: actor.userId,
      draftId: draft.id,
      action: 'bracket.removed',
      details: { bracketId: settlement.markerId, clauseId: settlement.clauseId, text: settlement.bracket?.text },
    });
    await changed(draft.id);
    return c.json({ settlement });
  });

  app.put('/:id/alternatives/:setId/support', async (c) => {
    const { draft, principal } = await requireDraftAccess(c, storage, c.req.param('id'), 'alternative:support');
    const { option } = await parseBody(c, supportBody);
    const actor = { userId: principal.user.id, affiliationId: principal.affiliation.id };
    const alternative = await markers.support(draft.id, c.req.param('setId'), option, actor);
    await audit(services, {
      actorId: actor.userId,
      draftId: draft.id,
      action: 'alternative.supported',
      details: { setId: alternative.id, option },
    });
    await changed(draft.id);
    return c.json({ alternative });
  });

  app.post('/:id/alternatives/:setId/select', async (c) => {
    const { draft, principal } = await requireDraftAccess(c, storage, c.req.param('id'), 'alternative:select');
    const { option } = await parseBody(c, selectBody);
    const actor = { userId: principal.user.id, affiliationId: principal.affiliation.id };
    const settlement = await markers.selectAlternative(draft.id, c.req.param('setId'), option, actor);
    await audit(services, {
      actorId: actor.userId,
      draftId: draft.id,
      action: 'alternative.selected',
      details: { setId: settlement.markerId, clauseId: settlement.clauseId, option },
    });
    await changed(draft.id);
    return c.json({ settlement });
  });

  return app;
}
