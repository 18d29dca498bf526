import { z } from 'zod';
import { MAX_COMMENT_LENGTH, MAX_HIDE_REASON_LENGTH, MAX_QUOTE_LENGTH } from '../../../../shared/limits';

const body = z
  .string()
  .trim()
  .min(1, 'a comment cannot be empty')
  .max(MAX_COMMENT_LENGTH, `a comment has at most ${MAX_COMMENT_LENGTH} characters`);
const clauseId = z.string().min(1).max(64);
const position = z
  .string()
  .min(1)
  .max(400)
  .regex(/^[A-Za-z0-9+/=]+$/, 'a base64 relative position');

const anchor = z.union([
  z.strictObject({ clauseId, from: position, to: position, quote: z.string().min(1).max(MAX_QUOTE_LENGTH) }),
  z.strictObject({ clauseId }),
  z.strictObject({ clauseId, pointId: clauseId }),
  z.strictObject({ clauseId, amendmentId: z.string().min(1).max(64) }),
]);

/** `POST /api/drafts/:id/comments`: a new thread (with an anchor) or a reply (with `parentId`). */
export const createCommentBody = z
  .strictObject({
    body,
    anchor: anchor.optional(),
    parentId: z.string().min(1).max(64).optional(),
    mentions: z.array(z.string().min(1).max(64)).max(20).default([]),
  })
  .refine(
    (input) => (input.anchor === undefined) !== (input.parentId === undefined),
    'give an anchor for a new thread, or a parentId for a reply',
  );

/** `PATCH /api/drafts/:id/comments/:commentId` */
export const editCommentBody = z.strictObject({ body });

/** `POST /api/drafts/:id/comments/:commentId/hide` */
export const hideCommentBody = z.strictObject({
  reason: z.string().trim().min(3, 'give the reason for hiding it').max(MAX_HIDE_REASON_LENGTH),
});

/** `POST /api/drafts/:id/comment-periods` */
export const openPeriodBody = z.strictObject({
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
});

/** `GET /api/drafts/:id/comments/export` */
export const exportQuery = z.object({ format: z.enum(['csv', 'json']) });
