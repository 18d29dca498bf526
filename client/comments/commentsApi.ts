import { z } from 'zod';
import type { Comment, CommentAnchor, CommentPeriod } from '../../shared/comments';
import { AFFILIATION_KINDS, ROLES, type Affiliation } from '../../shared/roles';
import { affiliationSchema } from '../api/peopleSchemas';
import { requestJson } from '../api/requestJson';

// A whole-clause anchor may also name an amendment of the periodic review (`amendmentId`): the
// thread is about that amendment, shown on the review page, not beside the live text. A point
// anchor is tried before it, which would otherwise read it as a whole clause and drop the point.
const anchorSchema: z.ZodType<CommentAnchor> = z.union([
  z.object({ clauseId: z.string(), from: z.string(), to: z.string(), quote: z.string() }),
  z.object({ clauseId: z.string(), pointId: z.string() }),
  z.object({ clauseId: z.string(), amendmentId: z.string().optional() }),
]);

/** A comment as the API and the live channel send it, validated before it reaches the page. */
export const commentSchema: z.ZodType<Comment> = z.object({
  id: z.string(),
  draftId: z.string(),
  parentId: z.string().nullable(),
  author: z.object({
    id: z.string(),
    name: z.string(),
    affiliation: z.object({
      id: z.string(),
      kind: z.enum(AFFILIATION_KINDS),
      name: z.string(),
      code: z.string().nullable(),
    }),
  }),
  authorRole: z.enum(ROLES),
  body: z.string().nullable(),
  anchor: anchorSchema,
  anchorState: z.enum(['attached', 'text-removed', 'clause-removed']),
  clauseNumber: z.string().nullable(),
  pointReference: z.string().optional(),
  currentText: z.string().nullable(),
  mentions: z.array(z.object({ id: z.string(), name: z.string(), code: z.string().nullable() })),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  status: z.enum(['open', 'resolved']),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  hidden: z.object({ at: z.string(), by: z.string(), reason: z.string() }).nullable(),
});

/** A comment period as the API and the live channel send it. */
export const commentPeriodSchema: z.ZodType<CommentPeriod> = z.object({
  id: z.string(),
  draftId: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  closedAt: z.string().nullable(),
  openedBy: z.string(),
});

const commentEnvelope = z.object({ comment: commentSchema });
const periodEnvelope = z.object({ period: commentPeriodSchema });

function commentsPath(draftId: string, rest = ''): string {
  return `/api/drafts/${encodeURIComponent(draftId)}/comments${rest}`;
}

function periodsPath(draftId: string, rest = ''): string {
  return `/api/drafts/${encodeURIComponent(draftId)}/comment-periods${rest}`;
}

/** Every comment of a draft (hidden ones included, shaped for the reader) and its comment periods. */
export async function listComments(
  draftId: string,
  signal?: AbortSignal,
): Promise<{ comments: Comment[]; periods: CommentPeriod[] }> {
  return requestJson(
    commentsPath(draftId),
    z.object({ comments: z.array(commentSchema), periods: z.array(commentPeriodSchema) }),
    { signal },
  );
}

/** What a new comment says and where it goes: a new thread on an anchor, or a reply in a thread. */
export type NewComment = { body: string; mentions: string[] } & ({ anchor: CommentAnchor } | { parentId: string });

/**
 * Posts a comment. Rejects with `no_comment_period` (403) for an observer outside a comment
 * period, `thread_hidden` (409) for a reply to a hidden thread, `too_many_comments` (429).
 */
export async function postComment(draftId: string, input: NewComment): Promise<Comment> {
  const { comment } = await requestJson(commentsPath(draftId), commentEnvelope, { method: 'POST', json: input });
  return comment;
}

/** The author rewrites their comment; rejects with `edit_window_closed` (409) once the edit window has passed. */
export async function editComment(draftId: string, commentId: string, body: string): Promise<Comment> {
  const { comment } = await requestJson(commentsPath(draftId, `/${encodeURIComponent(commentId)}`), commentEnvelope, {
    method: 'PATCH',
    json: { body },
  });
  return comment;
}

/** Resolves a thread, or reopens it (the chair, delegates, or the thread's author). */
export async function setThreadResolved(draftId: string, commentId: string, resolved: boolean): Promise<Comment> {
  const action = resolved ? 'resolve' : 'reopen';
  const { comment } = await requestJson(
    commentsPath(draftId, `/${encodeURIComponent(commentId)}/${action}`),
    commentEnvelope,
    { method: 'POST' },
  );
  return comment;
}

/** The chair hides a comment with a stated reason (`reason`), or shows it again (null). */
export async function setCommentHidden(draftId: string, commentId: string, reason: string | null): Promise<Comment> {
  const path = commentsPath(draftId, `/${encodeURIComponent(commentId)}/${reason === null ? 'unhide' : 'hide'}`);
  const { comment } = await requestJson(
    path,
    commentEnvelope,
    reason === null ? { method: 'POST' } : { method: 'POST', json: { reason } },
  );
  return comment;
}

/** The chair opens a public comment period (it may start later). */
export async function openCommentPeriod(draftId: string, startsAt: Date, endsAt: Date): Promise<CommentPeriod> {
  const { period } = await requestJson(periodsPath(draftId), periodEnvelope, {
    method: 'POST',
    json: { startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() },
  });
  return period;
}

/** The chair closes a comment period now. */
export async function closeCommentPeriod(draftId: string, periodId: string): Promise<CommentPeriod> {
  const { period } = await requestJson(periodsPath(draftId, `/${encodeURIComponent(periodId)}/close`), periodEnvelope, {
    method: 'POST',
  });
  return period;
}

/** The delegations and organisations a comment may mention. */
export async function listAffiliations(signal?: AbortSignal): Promise<Affiliation[]> {
  const { affiliations } = await requestJson(
    '/api/affiliations',
    z.object({ affiliations: z.array(affiliationSchema) }),
    { signal },
  );
  return affiliations;
}

/** The public record of a draft's comments, as a download (`csv` or `json`). */
export function commentsExportUrl(draftId: string, format: 'csv' | 'json'): string {
  return commentsPath(draftId, `/export?format=${format}`);
}
