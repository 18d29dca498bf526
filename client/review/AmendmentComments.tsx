import { useCallback, useMemo, useState } from 'react';
import type { ReviewPhase } from '../../shared/review/reviewPhases';
import type { Amendment } from '../../shared/review/types';
import { can, decide } from '../../shared/roles';
import { useCurrentUser } from '../auth/useCurrentUser';
import { CommentComposer } from '../comments/CommentComposer';
import type { CommentStore } from '../comments/CommentStore';
import { CommentThreadCard } from '../comments/CommentThreadCard';
import { amendmentIdOf, groupThreads } from '../comments/commentThreads';
import { useCommentsState } from '../comments/useCommentStore';
import { useNow } from '../comments/useNow';
import { usePeriodStatus } from '../comments/usePeriodStatus';

/** Props of {@link AmendmentComments}. */
export interface AmendmentCommentsProps {
  store: CommentStore;
  amendment: Amendment;
  /** The cycle's phase: observers are invited to comment during its comment period. */
  phase: ReviewPhase;
}

/** The thread cards lay themselves out in the draft's margin; here they simply follow one another. */
const noLayout = () => {};

/**
 * Comments on one amendment (observers' above all): ordinary comment threads whose anchor names
 * the amendment, with the same cards, replies, resolving and moderation as on the text, and a
 * composer for a new thread. The server decides who may comment when; its refusal is shown.
 */
export function AmendmentComments({ store, amendment, phase }: AmendmentCommentsProps) {
  const state = useCommentsState(store);
  const user = useCurrentUser();
  const viewerId = user.kind === 'signed-in' ? user.user.id : null;
  const period = usePeriodStatus(state.periods);
  const now = useNow(30_000);
  const [active, setActive] = useState<string | null>(null);
  const threads = useMemo(
    () => groupThreads(state.comments.filter((comment) => amendmentIdOf(comment.anchor) === amendment.id)),
    [state.comments, amendment.id],
  );
  const moderator = can(state.role ?? undefined, 'comment:moderate');
  const resolvesAny = can(state.role ?? undefined, 'comment:resolve-any');
  // Observers comment on amendments during the review's comment period as during the draft's own;
  // a closed cycle takes no more comments (the policy's `amendment:comment`).
  const writing = decide('amendment:comment', {
    role: state.role ?? undefined,
    phase,
    commentPeriodOpen: period.open !== null,
  });
  const mayWrite = writing.ok;

  const onReply = useCallback(
    (threadId: string, body: string, mentions: string[]) => store.post({ parentId: threadId, body, mentions }),
    [store],
  );
  const onSetResolved = useCallback(
    (threadId: string, resolved: boolean) => store.setResolved(threadId, resolved),
    [store],
  );
  const onEdit = useCallback((commentId: string, body: string) => store.edit(commentId, body), [store]);
  const onSetHidden = useCallback(
    (commentId: string, reason: string | null) => store.setHidden(commentId, reason),
    [store],
  );

  return (
    <section className="review-block amendment-comments" aria-label="Comments" data-testid="amendment-comments">
      <h3 className="review-block__title">
        Comments <span className="outline__count">{threads.length}</span>
      </h3>
      {state.phase === 'error' && (
        <p className="field__hint field__hint--error" role="alert">
          {state.error}
        </p>
      )}
      {state.phase === 'ready' && threads.length === 0 && (
        <p className="muted">No comments on {amendment.label} yet.</p>
      )}
      <div className="amendment-comments__threads">
        {threads.map((thread) => (
          <CommentThreadCard
            key={thread.id}
            thread={thread}
            clauseNumber={amendment.label}
            active={thread.id === active}
            viewerId={viewerId}
            moderator={moderator}
            mayResolve={resolvesAny || (viewerId !== null && thread.root.author.id === viewerId)}
            mayReply={mayWrite}
            affiliations={state.affiliations}
            now={now}
            onActivate={setActive}
            onReply={onReply}
            onSetResolved={onSetResolved}
            onEdit={onEdit}
            onSetHidden={onSetHidden}
            cardRef={noLayout}
          />
        ))}
      </div>
      {mayWrite ? (
        <CommentComposer
          key={amendment.id}
          label={`Comment on ${amendment.label}`}
          placeholder={`Your comment on ${amendment.label}…`}
          submitLabel="Comment"
          affiliations={state.affiliations}
          testId="amendment-comment-composer"
          onSubmit={async (body, mentions) => {
            const anchor = { clauseId: amendment.clauseId, amendmentId: amendment.id };
            const comment = await store.post({ anchor, body, mentions });
            setActive(comment.id);
          }}
        />
      ) : (
        <p className="muted">{state.role !== null && !writing.ok ? writing.reason : null}</p>
      )}
    </section>
  );
}
