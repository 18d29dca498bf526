import { memo, useState } from 'react';
import type { Comment } from '../../shared/comments';
import { COMMENT_EDIT_WINDOW_MS } from '../../shared/limits';
import { affiliationLabel } from '../auth/affiliationLabel';
import { formatAbsolute, formatRelative } from '../components/formatTimestamp';
import { CommentBody } from './CommentBody';
import { CommentComposer } from './CommentComposer';
import { voiceOf } from './commentThreads';
import { HideCommentForm } from './HideCommentForm';

/** Props of {@link CommentEntry}. */
export interface CommentEntryProps {
  comment: Comment;
  /** The signed-in reader's id (their own comments can be edited for a while), or null. */
  viewerId: string | null;
  /** Whether the reader moderates (the chair). */
  moderator: boolean;
  /** The time now, for "3 minutes ago" and the edit window. */
  now: number;
  onEdit: (commentId: string, body: string) => Promise<unknown>;
  onSetHidden: (commentId: string, reason: string | null) => Promise<unknown>;
}

const VOICE_LABELS = { delegations: null, 'civil-society': 'Civil society', chair: 'Chair' } as const;

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return `${parts[0]?.[0] ?? ''}${parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : ''}`.toUpperCase();
}

/**
 * One comment: who wrote it for which delegation or organisation, when, its words (or, once the
 * chair has hidden it, that fact and the reason), its mentions, and what the reader may do with
 * it: edit their own within the edit window, hide or show it again as the chair.
 */
export const CommentEntry = memo(function CommentEntry({
  comment,
  viewerId,
  moderator,
  now,
  onEdit,
  onSetHidden,
}: CommentEntryProps) {
  const [mode, setMode] = useState<'read' | 'edit' | 'hide'>('read');
  const [error, setError] = useState<string | null>(null);
  const own = viewerId !== null && comment.author.id === viewerId;
  const editable =
    own &&
    comment.hidden === null &&
    comment.body !== null &&
    now - Date.parse(comment.createdAt) < COMMENT_EDIT_WINDOW_MS;
  const voice = voiceOf(comment);
  const voiceLabel = VOICE_LABELS[voice];

  return (
    <article
      className={`comment-entry${comment.hidden ? ' comment-entry--hidden' : ''}`}
      data-testid="comment"
      data-comment-id={comment.id}
    >
      <header className="comment-entry__header">
        <span className={`comment-avatar comment-avatar--${voice}`} aria-hidden="true">
          {initials(comment.author.name)}
        </span>
        <span className="comment-entry__who">
          <span className="comment-entry__name">
            <span className="comment-entry__name-text">{comment.author.name}</span>
            {voiceLabel !== null && <span className={`voice-tag voice-tag--${voice}`}>{voiceLabel}</span>}
          </span>
          <span className="comment-entry__affiliation">{affiliationLabel(comment.author.affiliation)}</span>
        </span>
        <time className="comment-entry__time" dateTime={comment.createdAt} title={formatAbsolute(comment.createdAt)}>
          {formatRelative(comment.createdAt, now)}
          {comment.editedAt !== null && <span title={`Edited ${formatAbsolute(comment.editedAt)}`}> · edited</span>}
        </time>
      </header>

      {comment.hidden !== null && (
        <p className="comment-entry__hidden-note" data-testid="comment-hidden">
          <strong>Hidden by the chair.</strong> Reason:{' '}
          <span data-testid="comment-hidden-reason">{comment.hidden.reason}</span>
        </p>
      )}

      {mode === 'edit' && comment.body !== null ? (
        <CommentComposer
          label="Edit your comment"
          placeholder="Your comment"
          submitLabel="Save"
          initialBody={comment.body}
          autoFocus
          testId="edit-composer"
          onCancel={() => setMode('read')}
          onSubmit={async (body) => {
            await onEdit(comment.id, body);
            setMode('read');
          }}
        />
      ) : (
        comment.body !== null && (
          <>
            <CommentBody body={comment.body} />
            {comment.hidden !== null && (
              <p className="comment-entry__private">
                {own
                  ? 'Only you and the chair can read your words.'
                  : 'Only its author and the chair can read these words.'}
              </p>
            )}
          </>
        )
      )}

      {comment.mentions.length > 0 && (
        <ul className="mention-chips mention-chips--static" aria-label="Mentions">
          {comment.mentions.map((mention) => (
            <li key={mention.id} className="mention-chip" data-testid="comment-mention">
              @{affiliationLabel(mention)}
            </li>
          ))}
        </ul>
      )}

      {mode === 'hide' && (
        <HideCommentForm
          onCancel={() => setMode('read')}
          onHide={async (reason) => {
            await onSetHidden(comment.id, reason);
            setMode('read');
          }}
        />
      )}

      {mode === 'read' && (editable || moderator) && (
        <div className="comment-entry__actions">
          {editable && (
            <button type="button" className="comment-link" onClick={() => setMode('edit')}>
              Edit
            </button>
          )}
          {moderator &&
            (comment.hidden === null ? (
              <button
                type="button"
                className="comment-link comment-link--danger"
                data-testid="hide-comment"
                onClick={() => setMode('hide')}
              >
                Hide…
              </button>
            ) : (
              <button
                type="button"
                className="comment-link"
                data-testid="unhide-comment"
                onClick={() => {
                  setError(null);
                  onSetHidden(comment.id, null).catch(() =>
                    setError('The comment could not be shown again. Try again.'),
                  );
                }}
              >
                Show again
              </button>
            ))}
        </div>
      )}
      {error !== null && (
        <p className="comment-composer__error" role="alert">
          {error}
        </p>
      )}
    </article>
  );
});
