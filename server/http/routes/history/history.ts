import { Hono } from 'hono';
import { z } from 'zod';
import { documentOutline } from '../../../drafts/documentOutline';
import type { Services } from '../../../Services';
import { requireDraftAccess } from '../../access';
import type { AppEnv } from '../../AppEnv';
import { parseQuery } from '../../validate';

const historyQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });

/**
 * `/api/drafts/:id/history`: who changed which clause and when, newest first, with clause
 * numbers as they are now (null for a clause since deleted). `/api/drafts/:id/audit`: every API
 * action on the draft, for its chair.
 */
export function historyRoutes(services: Services): Hono<AppEnv> {
  const { storage, registry } = services;
  const app = new Hono<AppEnv>();

  app.get('/:id/history', async (c) => {
    const { draft } = await requireDraftAccess(c, storage, c.req.param('id'), 'history:read');
    const { limit } = parseQuery(c, historyQuery);
    const changes = await storage.listClauseChanges(draft.id, limit);
    const outline = await registry.withDocument(draft.id, async (document) => documentOutline(document.doc));
    const numbers = new Map((outline?.clauses ?? []).map((clause) => [clause.id, clause.number]));
    const people = new Map<string, { id: string; name: string; affiliation: string } | null>();
    for (const authorId of new Set(changes.map((change) => change.authorId))) {
      if (!authorId) continue;
      const user = await storage.getUser(authorId);
      const affiliation = user && (await storage.getAffiliation(user.affiliationId));
      people.set(authorId, user ? { id: user.id, name: user.name, affiliation: affiliation?.name ?? '' } : null);
    }
    return c.json({
      changes: changes.map((change) => ({
        id: change.id,
        at: change.at,
        author: change.authorId ? (people.get(change.authorId) ?? null) : null,
        clauses: change.clauseIds.map((id) => ({ id, number: numbers.get(id) ?? null })),
      })),
    });
  });

  app.get('/:id/audit', async (c) => {
    const { draft } = await requireDraftAccess(c, storage, c.req.param('id'), 'audit:read');
    const { limit } = parseQuery(c, historyQuery);
    return c.json({ entries: await storage.listAudit({ draftId: draft.id, limit }) });
  });

  return app;
}
