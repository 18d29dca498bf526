import { Hono } from 'hono';
import type { ClauseStatus } from '../../../../shared/clauses';
import { statusSetBy } from '../../../drafts/clauseStatus';
import { documentOutline, findClauseElement } from '../../../drafts/documentOutline';
import { requireDraftPillars } from '../../../drafts/draftPillars';
import { Taxonomy } from '../../../../shared/pillars';
import { ApiError, draftNotFound } from '../../../errors';
import { audit } from '../../../Services';
import type { Services } from '../../../Services';
import { requireAction, requireDraftAccess } from '../../access';
import type { AppEnv } from '../../AppEnv';
import { parseBody } from '../../validate';
import { patchClauseBody } from './schema';

/**
 * `/api/drafts/:id/outline` and `/api/drafts/:id/clauses/:clauseId`: the clauses of the live
 * text as the server reads them, and tagging a clause (`clause:tag`) or setting its status
 * (`clause:set-status`, the chair's) from a script.
 */
export function clauseRoutes(services: Services): Hono<AppEnv> {
  const { storage, registry, logger } = services;
  const app = new Hono<AppEnv>();

  app.get('/:id/outline', async (c) => {
    const { draft } = await requireDraftAccess(c, storage, c.req.param('id'), 'draft:read');
    const draftId = draft.id;
    const taxonomy = new Taxonomy(draft.pillars);
    const outline = await registry.withDocument(draftId, async (document) => documentOutline(document.doc, taxonomy));
    if (!outline) throw draftNotFound();
    if (outline.problems.length > 0) {
      logger.warn({ draftId, problems: outline.problems }, 'the draft text does not fit the document model');
    }
    return c.json(outline);
  });

  app.patch('/:id/clauses/:clauseId', async (c) => {
    const access = await requireDraftAccess(c, storage, c.req.param('id'), 'clause:tag');
    const { draft, principal } = access;
    const draftId = draft.id;
    const clauseId = c.req.param('clauseId');
    const body = await parseBody(c, patchClauseBody);
    // Tagging pillars is open to delegates; agreeing a clause (or reopening it) is the chair's.
    if (body.status !== undefined) requireAction(access, 'clause:set-status');
    const pillars = body.pillars && requireDraftPillars(draft.pillars, body.pillars);
    const clause = await registry.withDocument(draftId, async (document) => {
      if (!findClauseElement(document.doc, clauseId)) {
        throw new ApiError(404, 'clause_not_found', `The draft has no clause with the id ${clauseId}.`);
      }
      await document.transactAsServer((doc) => {
        const element = findClauseElement(doc, clauseId)!;
        if (pillars) element.setAttribute('pillars', pillars as unknown as string);
        if (body.status && element.getAttribute('status') !== body.status) {
          element.setAttribute('status', body.status satisfies ClauseStatus);
          element.setAttribute('statusBy', statusSetBy(principal.user.name, principal.affiliation.name));
          element.setAttribute('statusAt', new Date().toISOString());
        }
      }, principal.user.id);
      return documentOutline(document.doc, new Taxonomy(draft.pillars)).clauses.find((entry) => entry.id === clauseId);
    });
    await audit(services, {
      actorId: principal.user.id,
      draftId,
      action: 'clause.tagged',
      details: { clauseId, pillars, status: body.status },
    });
    return c.json({ clause });
  });

  return app;
}
