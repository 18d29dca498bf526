import { Hono } from 'hono';
import type { DraftSummary } from '../../../../shared/api';
import type { DraftService } from '../../../drafts/DraftService';
import { draftNotFound } from '../../../errors';
import type { DraftRecord, Storage } from '../../../storage/Storage';
import { parseBody, parseQuery } from '../../validate';
import { createDraftBody, draftIdParam, listDraftsQuery, patchDraftBody } from './schema';

export interface DraftRoutesDeps {
  storage: Storage;
  drafts: DraftService;
}

/** `/api/drafts`: list, create, read, rename, archive and restore drafts. Drafts are never deleted. */
export function draftRoutes({ storage, drafts }: DraftRoutesDeps): Hono {
  const app = new Hono();

  app.get('/', async (c) => {
    const query = parseQuery(c, listDraftsQuery);
    const list = await storage.listDrafts({ archived: query.archived === 'true' });
    return c.json({ drafts: list.map(toSummary) });
  });

  app.post('/', async (c) => {
    const body = await parseBody(c, createDraftBody);
    const draft = await drafts.create(body.title, { template: body.template });
    return c.json({ draft: toSummary(draft) }, 201);
  });

  app.get('/:id', async (c) => {
    const draft = await findDraft(storage, c.req.param('id'));
    return c.json({ draft: toSummary(draft) });
  });

  app.patch('/:id', async (c) => {
    const draft = await findDraft(storage, c.req.param('id'));
    const body = await parseBody(c, patchDraftBody);
    let updated = draft;
    if (body.title !== undefined) updated = await drafts.rename(draft.id, body.title);
    if (body.archived !== undefined) updated = await drafts.setArchived(draft.id, body.archived);
    return c.json({ draft: toSummary(updated) });
  });

  return app;
}

async function findDraft(storage: Storage, id: string): Promise<DraftRecord> {
  if (!draftIdParam.safeParse(id).success) throw draftNotFound();
  const draft = await storage.getDraft(id);
  if (!draft) throw draftNotFound();
  return draft;
}

function toSummary(draft: DraftRecord): DraftSummary {
  return { id: draft.id, title: draft.title, createdAt: draft.createdAt, updatedAt: draft.updatedAt, archivedAt: draft.archivedAt };
}
