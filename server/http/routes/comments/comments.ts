import { Hono } from 'hono';
import { commentsCsv } from '../../../comments/commentsCsv';
import { audit } from '../../../Services';
import type { Services } from '../../../Services';
import { exportFileName } from '../../../../shared/exportFileName';
import { requireDraftAccess } from '../../access';
import { attachment } from '../../contentDisposition';
import type { AppEnv } from '../../AppEnv';
import { parseBody, parseQuery } from '../../validate';
import { createCommentBody, editCommentBody, exportQuery, hideCommentBody, openPeriodBody } from './schema';

/**
 * `/api/drafts/:id/comments` and `/api/drafts/:id/comment-periods`: threads anchored to the
 * text, their moderation, the public record, and the periods in which observers may comment.
 */
export function commentRoutes(services: Services): Hono<AppEnv> {
  const { storage, comments } = services;
  const app = new Hono<AppEnv>();

  app.get('/:id/comments', async (c) => {
    const { draft, principal, role } = await requireDraftAccess(c, storage, c.req.param('id'), 'draft:read');
    return c.json({
      comments: await comments.list(draft.id, { userId: principal.user.id, role }),
      periods: await comments.periods(draft.id),
    });
  });

  app.get('/:id/comments/export', async (c) => {
    const { draft } = await requireDraftAccess(c, storage, c.req.param('id'), 'draft:read');
    const { format } = parseQuery(c, exportQuery);
    // The public record: a hidden comment appears with the chair's reason, never with its words, whoever exports it.
    const list = await comments.list(draft.id, { userId: '', role: 'observer' });
    c.header('Content-Disposition', attachment(exportFileName(draft.title, ['comments'], format)));
    if (format === 'json') {
      return c.json({
        draft: { id: draft.id, title: draft.title },
        exportedAt: new Date().toISOString(),
        comments: list,
      });
    }
    c.header('Content-Type', 'text/csv; charset=utf-8');
    return c.body(commentsCsv(list));
  });

  app.post('/:id/comments', async (c) => {
    const { draft, principal, role } = await requireDraftAccess(c, storage, c.req.param('id'), 'draft:read');
    const body = await parseBody(c, createCommentBody);
    const comment = await comments.create(draft.id, principal, role, body);
    await audit(services, {
      actorId: principal.user.id,
      draftId: draft.id,
      action: 'comment.created',
      details: { commentId: comment.id, parentId: comment.parentId },
    });
    return c.json({ comment }, 201);
  });

  app.patch('/:id/comments/:commentId', async (c) => {
    const { draft, principal } = await requireDraftAccess(c, storage, c.req.param('id'), 'draft:read');
    const { body } = await parseBody(c, editCommentBody);
    const comment = await comments.edit(draft.id, c.req.param('commentId'), principal, body);
    await audit(services, {
      actorId: principal.user.id,
      draftId: draft.id,
      action: 'comment.edited',
      details: { commentId: comment.id },
    });
    return c.json({ comment });
  });

  for (const [path, resolved] of [
    ['resolve', true],
    ['reopen', false],
  ] as const) {
    app.post(`/:id/comments/:commentId/${path}`, async (c) => {
      const { draft, principal, role } = await requireDraftAccess(c, storage, c.req.param('id'), 'draft:read');
      const comment = await comments.setResolved(draft.id, c.req.param('commentId'), principal, role, resolved);
      await audit(services, {
        actorId: principal.user.id,
        draftId: draft.id,
        action: `comment.${resolved ? 'resolved' : 'reopened'}`,
        details: { commentId: comment.id },
      });
      return c.json({ comment });
    });
  }

  app.post('/:id/comments/:commentId/hide', async (c) => {
    const { draft, principal } = await requireDraftAccess(c, storage, c.req.param('id'), 'comment:moderate');
    const { reason } = await parseBody(c, hideCommentBody);
    const comment = await comments.setHidden(draft.id, c.req.param('commentId'), principal, reason);
    await audit(services, {
      actorId: principal.user.id,
      draftId: draft.id,
      action: 'comment.hidden',
      details: { commentId: comment.id, reason },
    });
    return c.json({ comment });
  });

  app.post('/:id/comments/:commentId/unhide', async (c) => {
    const { draft, principal } = await requireDraftAccess(c, storage, c.req.param('id'), 'comment:moderate');
    const comment = await comments.setHidden(draft.id, c.req.param('commentId'), principal, null);
    await audit(services, {
      actorId: principal.user.id,
      draftId: draft.id,
      action: 'comment.unhidden',
      details: { commentId: comment.id },
    });
    return c.json({ comment });
  });

  app.get('/:id/comment-periods', async (c) => {
    const { draft } = await requireDraftAccess(c, storage, c.req.param('id'), 'draft:read');
    return c.json({ periods: await comments.periods(draft.id) });
  });

  app.post('/:id/comment-periods', async (c) => {
    const { draft, principal } = await requireDraftAccess(c, storage, c.req.param('id'), 'comment-period:manage');
    const body = await parseBody(c, openPeriodBody);
    const period = await comments.openPeriod(draft.id, principal, new Date(body.startsAt), new Date(body.endsAt));
    await audit(services, {
      actorId: principal.user.id,
      draftId: draft.id,
      action: 'comment_period.opened',
      details: { periodId: period.id, startsAt: period.startsAt, endsAt: period.endsAt },
    });
    return c.json({ period }, 201);
  });

  app.post('/:id/comment-periods/:periodId/close', async (c) => {
    const { draft, principal } = await requireDraftAccess(c, storage, c.req.param('id'), 'comment-period:manage');
    const period = await comments.closePeriod(draft.id, c.req.param('periodId'), principal);
    await audit(services, {
      actorId: principal.user.id,
      draftId: draft.id,
      action: 'comment_period.closed',
      details: { periodId: period.id },
    });
    return c.json({ period });
  });

  return app;
}
