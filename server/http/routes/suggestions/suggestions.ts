import { Hono } from 'hono';
import type { Services } from '../../../Services';
import { audit } from '../../../Services';
import { SuggestionService } from '../../../suggestions/SuggestionService';
import { draftNotFound } from '../../../errors';
import type { DraftAccess } from '../../access';
import { requireDraftAccess } from '../../access';
import type { AppEnv } from '../../AppEnv';
import { parseBody } from '../../validate';
import { facilitatorBody, stanceBody } from './schema';

const actorOf = ({ principal }: DraftAccess) => ({
  userId: principal.user.id,
  affiliationId: principal.affiliation.id,
});

/**
 * `/api/drafts/:id/suggestions` and `/api/drafts/:id/facilitator-mode` (see `Suggestion` in
 * shared/suggestions.ts for the routes): listing suggestions, the chair accepting and rejecting
 * them (one, or all in a clause), authors withdrawing theirs, delegations supporting or opposing
 * them, and the chair's facilitator mode. Every action is audited, is in the clause's history (a
 * change to the text by the person who decided) and reaches the open clients.
 */
export function suggestionRoutes(services: Services): Hono<AppEnv> {
  const { storage, registry, logger } = services;
  const suggestions = new SuggestionService(storage, registry, logger);
  const app = new Hono<AppEnv>();
  const changed = (draftId: string) =>
    registry.sendEvent(draftId, { kind: 'everyone', event: { type: 'suggestions-changed' } });

  app.get('/:id/suggestions', async (c) => {
    const { draft } = await requireDraftAccess(c, storage, c.req.param('id'), 'draft:read');
    return c.json({ suggestions: await suggestions.list(draft.id), facilitatorMode: draft.facilitatorSince !== null });
  });

  for (const [action, decision] of [
    ['accept', 'accepted'],
    ['reject', 'rejected'],
    ['withdraw', 'withdrawn'],
  ] as const) {
    app.post(`/:id/suggestions/:suggestionId/${action}`, async (c) => {
      const access = await requireDraftAccess(
        c,
        storage,
        c.req.param('id'),
        decision === 'withdrawn' ? 'suggestion:withdraw' : 'suggestion:decide',
      );
      const actor = actorOf(access);
      // Recorded with its audit entry by the service, in one transaction.
      const suggestion = await suggestions.decide(access.draft.id, c.req.param('suggestionId'), decision, actor);
      await changed(access.draft.id);
      return c.json({ suggestion });
    });
  }

  for (const [action, decision] of [
    ['accept-all', 'accepted'],
    ['reject-all', 'rejected'],
  ] as const) {
    app.post(`/:id/clauses/:clauseId/suggestions/${action}`, async (c) => {
      const access = await requireDraftAccess(c, storage, c.req.param('id'), 'suggestion:decide');
      const actor = actorOf(access);
      const clauseId = c.req.param('clauseId');
      const decided = await suggestions.decideClause(access.draft.id, clauseId, decision, actor);
      await changed(access.draft.id);
      return c.json({ suggestions: decided });
    });
  }

  app.put('/:id/suggestions/:suggestionId/stance', async (c) => {
    const access = await requireDraftAccess(c, storage, c.req.param('id'), 'suggestion:take-stance');
    const { stance } = await parseBody(c, stanceBody);
    const actor = actorOf(access);
    const suggestion = await suggestions.takeStance(access.draft.id, c.req.param('suggestionId'), stance, actor);
    await audit(services, {
      actorId: actor.userId,
      draftId: access.draft.id,
      action: 'suggestion.stance',
      details: { suggestionId: suggestion.id, stance },
    });
    await changed(access.draft.id);
    return c.json({ suggestion });
  });

  app.put('/:id/facilitator-mode', async (c) => {
    const access = await requireDraftAccess(c, storage, c.req.param('id'), 'draft:facilitate');
    const { on } = await parseBody(c, facilitatorBody);
    const draft = await storage.updateDraft(access.draft.id, { facilitatorSince: on ? new Date() : null });
    if (!draft) throw draftNotFound();
    // Open connections are judged by the new mode from their next change on, and told at once.
    await registry.setFacilitatorMode(draft.id, on);
    await audit(services, {
      actorId: access.principal.user.id,
      draftId: draft.id,
      action: 'draft.facilitator-mode',
      details: { on },
    });
    return c.json({ facilitatorMode: on });
  });

  return app;
}
