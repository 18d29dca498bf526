import { memo, useState, type MouseEvent } from 'react';
import { commentPlace, isPointAnchor, isSpanAnchor } from '../../shared/comments';
import type { Affiliation } from '../../shared/roles';
import { ApiError } from '../api/ApiError';
import { CommentComposer } from './CommentComposer';
import { CommentEntry } from './CommentEntry';
import type { CommentThread } from './commentThreads';

/** Props of {@link CommentThreadCard}. */
export interface CommentThreadCardProps {
  thread: CommentThread;
  /**
   * Where the thread is now, as people name it: the point's reference for a thread on a point
   * ("OP1(b)(ii)"), else the clause's number ("OP3"); null if the clause was deleted.
   */
  clauseNumber: string | null;
  active: boolean;
  viewerId: string | null;
  moderator: boolean;
  /** Whether the reader may resolve and reopen this thread. */
  mayResolve: boolean;
  /** Whether the reader may reply now. */
  mayReply: boolean;
  affiliations: readonly Affiliation[];
  now: number;
  onActivate: (threadId: string) => void;
  onReply: (threadId: string, body: string, mentions: string[]) => Promise<unknown>;
  onSetResolved: (threadId: string, resolved: boolean) => Promise<unknown>;
  onEdit: (commentId: string, body: string) => Promise<unknown>;
  onSetHidden: (commentId: string, reason: string | null) => Promise<unknown>;
  /** Gives the layout the card's element (null when it unmounts). */
  cardRef: (threadId: string, element: HTMLElement | null) => void;
}

/** Whether a click landed on something that does its own thing (a button, a link, a field). */
function isInteractive(event: MouseEvent): boolean {
  return (
    event.target instanceof Element && event.target.closest('button, a, input, textarea, select, label, form') !== null
  );
}

/**
 * One thread in the margin: the words it is about (or that they were removed, quoted as they
 * were, or that the clause is gone), its first comment, its replies (all of them while the thread
 * is active), a reply box, and resolve or reopen. Clicking the card makes it the active thread,
 * which the text answers by scrolling to and flashing its words.
 */
export const CommentThreadCard = memo(function CommentThreadCard(props: CommentThreadCardProps) {
  const {
    thread,
    clauseNumber,
    active,
    viewerId,
    moderator,
    mayResolve,
    mayReply,
    affiliations,
    now,
    onActivate,
    onReply,
    onSetResolved,
    onEdit,
    onSetHidden,
    cardRef,
  } = props;
  const { root, replies } = thread;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const anchor = root.anchor;
  const span = isSpanAnchor(anchor) ? anchor : null;
  const onPoint = isPointAnchor(anchor);
  const resolved = root.status === 'resolved';

  const toggleResolved = async () => {
    setBusy(true);
    setError(null);
    try {
      await onSetResolved(thread.id, !resolved);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'That did not work. Try again.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section
      ref={(element) => cardRef(thread.id, element)}
      className={`comment-card${active ? ' comment-card--active' : ''}${resolved ? ' comment-card--resolved' : ''}`}
      data-testid="comment-thread"
      data-thread-id={thread.id}
      data-status={root.status}
      data-anchor-state={root.anchorState}
      aria-label={`Comment thread on ${clauseNumber ?? 'a removed clause'}`}
      tabIndex={0}
      onClick={(event) => {
        if (!isInteractive(event)) onActivate(thread.id);
      }}
      onKeyDown={(event) => {
        if (event.target === event.currentTarget && (event.key === 'Enter' || event.key === ' ')) {
          event.preventDefault();
          onActivate(thread.id);
        }
      }}
    >
      <header className="comment-card__header">
        <span className="comment-card__clause">{clauseNumber ?? commentPlace(root) ?? '—'}</span>
        {root.anchorState === 'text-removed' && (
          <span className="anchor-tag anchor-tag--removed" data-testid="anchor-text-removed">
            {onPoint ? 'Point removed' : 'Text removed'}
          </span>
        )}
        {root.anchorState === 'clause-removed' && (
          <span className="anchor-tag anchor-tag--removed" data-testid="anchor-clause-removed">
            Clause removed
          </span>
        )}
        {span === null && root.anchorState === 'attached' && (
          <span className="anchor-tag">{onPoint ? 'Whole point' : 'Whole clause'}</span>
        )}
        {resolved && <span className="anchor-tag anchor-tag--resolved">Resolved</span>}
        {mayResolve && (
          <button
            type="button"
            className="comment-card__resolve"
            data-testid={resolved ? 'reopen-thread' : 'resolve-thread'}
            disabled={busy}
            onClick={() => void toggleResolved()}
            title={resolved ? 'Reopen the thread' : 'Mark the thread as resolved'}
          >
            {resolved ? 'Reopen' : '✓ Resolve'}
          </button>
        )}
      </header>

      {span !== null && (
        <blockquote
          className={`comment-card__quote${root.anchorState === 'attached' ? '' : ' comment-card__quote--removed'}`}
          data-testid="thread-quote"
        >
          {span.quote}
        </blockquote>
      )}

      <CommentEntry
        comment={root}
        viewerId={viewerId}
        moderator={moderator}
        now={now}
        onEdit={onEdit}
        onSetHidden={onSetHidden}
      />

      {replies.length > 0 &&
        (active ? (
          <div className="comment-card__replies">
            {replies.map((reply) => (
              <CommentEntry
                key={reply.id}
                comment={reply}
                viewerId={viewerId}
                moderator={moderator}
                now={now}
                onEdit={onEdit}
                onSetHidden={onSetHidden}
              />
            ))}
          </div>
        ) : (
          <button type="button" className="comment-card__more" onClick={() => onActivate(thread.id)}>
            {replies.length === 1 ? '1 reply' : `${replies.length} replies`}
          </button>
        ))}

      {active && mayReply && root.hidden === null && (
        <CommentComposer
          label={`Reply on ${clauseNumber ?? 'this thread'}`}
          placeholder="Reply…"
          submitLabel="Reply"
          affiliations={affiliations}
          testId="reply-composer"
          onSubmit={async (body, mentions) => {
            await onReply(thread.id, body, mentions);
          }}
        />
      )}
      {error !== null && (
        <p className="comment-composer__error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
});
