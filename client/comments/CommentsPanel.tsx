import type { Editor } from '@tiptap/core';
import { useCallback, useEffect, useEffectEvent, useMemo, useRef, useState } from 'react';
import type { CommentAnchor } from '../../shared/comments';
import type { Outline } from '../../shared/outline';
import { can } from '../../shared/roles';
import { useCurrentUser } from '../auth/useCurrentUser';
import { shortcutLabel } from '../components/shortcutLabel';
import { spanAnchorFromSelection, type SpanAnchor } from '../editor/commentAnchors';
import { PENDING_SPAN_ID, type CommentHighlightsInput } from '../editor/CommentHighlights';
import { clauseAround } from '../editor/findClause';
import { pointAround } from '../editor/pointAround';
import { CommentComposer } from './CommentComposer';
import { CommentExportLinks } from './CommentExportLinks';
import { CommentFilters } from './CommentFilters';
import { livePlace, textPlaces } from './commentPlace';
import { mayComment } from './commentPeriods';
import { COMMENT_SHORTCUT, CommentSelectionBubble } from './CommentSelectionBubble';
import type { CommentStore } from './CommentStore';
import { CommentThreadCard } from './CommentThreadCard';
import {
  DEFAULT_THREAD_FILTER,
  amendmentIdOf,
  groupThreads,
  threadCountsByClause,
  threadMatches,
  type ThreadFilter,
} from './commentThreads';
import { useCommentsState } from './useCommentStore';
import { useNow } from './useNow';
import { usePeriodStatus } from './usePeriodStatus';
import { useThreadLayout, type LayoutTarget } from './useThreadLayout';

/** Props of {@link CommentsPanel}. */
export interface CommentsPanelProps {
  store: CommentStore;
  editor: Editor;
  /** The outline of the text: clause numbers and pillars, live. */
  outline: Outline;
}

/** A new thread being written: on selected words, on a whole point (at any level), or on a whole clause. */
type Draft =
  | { kind: 'span'; clauseId: string; anchor: SpanAnchor }
  | { kind: 'point'; clauseId: string; pointId: string }
  | { kind: 'clause'; clauseId: string };

/** What the composer says about each kind of new thread. */
const DRAFT_WORDS: Record<Draft['kind'], { tag: string; placeholder: string }> = {
  span: { tag: 'New comment', placeholder: 'Your comment on these words…' },
  point: { tag: 'Comment on the whole point', placeholder: 'Your comment on this point…' },
  clause: { tag: 'Comment on the whole clause', placeholder: 'Your comment on this clause…' },
};

/** The anchor a new thread is posted with. */
function anchorOf(draft: Draft): CommentAnchor {
  if (draft.kind === 'span') return draft.anchor;
  return draft.kind === 'point' ? { clauseId: draft.clauseId, pointId: draft.pointId } : { clauseId: draft.clauseId };
}

/** The composer's id among the cards the margin lays out. */
const COMPOSER_ID = 'composer';

/** Why an observer cannot comment right now. */
const CLOSED_REASON = 'Observers can comment while a public comment period is open.';

function prefersReducedMotion(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** Whether an element is at least partly inside the window. */
function onScreen(element: Element): boolean {
  const rect = element.getBoundingClientRect();
  return rect.bottom > 0 && rect.top < window.innerHeight;
}

/** Whether a key event is the comment shortcut (by key position, since Alt changes the character on a Mac). */
function isCommentShortcut(event: KeyboardEvent): boolean {
  return (event.ctrlKey || event.metaKey) && event.altKey && !event.shiftKey && event.code === 'KeyM';
}

/**
 * The comments of a draft beside its text: the threads, each level with the words it is about
 * (stacked without overlap, the active one exactly level), filters, the public record's export,
 * and the composer for a new thread, opened from the selection bubble, the keyboard shortcut or
 * the marker beside a clause. It also tells the text which threads to highlight and count, and
 * links the two ways: a click on highlighted words opens their thread, a click on a thread
 * scrolls to and flashes its words.
 */
export function CommentsPanel({ store, editor, outline }: CommentsPanelProps) {
  const state = useCommentsState(store);
  const user = useCurrentUser();
  const viewerId = user.kind === 'signed-in' ? user.user.id : null;
  const period = usePeriodStatus(state.periods);
  const now = useNow(30_000);
  const canComment = mayComment(state.role, period);
  const moderator = can(state.role ?? undefined, 'comment:moderate');
  const resolvesAny = can(state.role ?? undefined, 'comment:resolve-any');

  const [filter, setFilter] = useState<ThreadFilter>(DEFAULT_THREAD_FILTER);
  const [active, setActive] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [hint, setHint] = useState<string | null>(null);
  const [flash, setFlash] = useState<{ threadId: string; count: number } | null>(null);
  const stack = useRef<HTMLDivElement>(null);

  const clauses = useMemo(() => new Map(outline.clauses.map((clause) => [clause.id, clause])), [outline.clauses]);
  const places = useMemo(() => textPlaces(outline), [outline]);
  // Comments on amendments of the periodic review belong to the review page, not to this margin.
  const threads = useMemo(
    () => groupThreads(state.comments.filter((comment) => amendmentIdOf(comment.anchor) === null)),
    [state.comments],
  );
  const visible = useMemo(
    () => threads.filter((thread) => threadMatches(thread, filter, (clauseId) => clauses.get(clauseId)?.pillars ?? [])),
    [threads, filter, clauses],
  );
  const statusCounts = useMemo(() => {
    const others = (status: ThreadFilter['status']) =>
      threads.filter((thread) =>
        threadMatches(thread, { ...filter, status }, (clauseId) => clauses.get(clauseId)?.pillars ?? []),
      ).length;
    return { open: others('open'), resolved: others('resolved'), all: others('all') };
  }, [threads, filter, clauses]);
  const activeThread = active === null ? undefined : visible.find((thread) => thread.id === active);
  const activeId = activeThread?.id ?? null;

  // The text shows what the margin shows: highlights, counts beside clauses, the span being commented on.
  const highlights = useMemo<CommentHighlightsInput>(
    () => ({
      highlights: visible.map((thread) => {
        const anchor = thread.root.anchor;
        return {
          threadId: thread.id,
          clauseId: anchor.clauseId,
          span: 'from' in anchor ? { from: anchor.from, to: anchor.to } : null,
          ...('pointId' in anchor ? { pointId: anchor.pointId } : {}),
          resolved: thread.root.status === 'resolved',
        };
      }),
      counts: threadCountsByClause(visible),
      canComment,
      pending:
        draft?.kind === 'span' ? { clauseId: draft.clauseId, from: draft.anchor.from, to: draft.anchor.to } : null,
      ...(draft?.kind === 'point' ? { pendingPoint: draft.pointId } : {}),
    }),
    [visible, canComment, draft],
  );
  // Only when something the text shows changed: the outline (and so `visible`) is new after every keystroke.
  const highlightsShown = useRef<string | null>(null);
  useEffect(() => {
    const signature = JSON.stringify([
      highlights.highlights,
      [...highlights.counts],
      highlights.canComment,
      highlights.pending,
      highlights.pendingPoint,
    ]);
    if (editor.isDestroyed || signature === highlightsShown.current) return;
    highlightsShown.current = signature;
    editor.commands.setCommentHighlights(highlights);
  }, [editor, highlights]);
  useEffect(() => {
    if (!editor.isDestroyed) editor.commands.setActiveCommentThread(activeId);
  }, [editor, activeId]);

  // A thread chosen in the margin: its words scroll into view (if they are not) and flash.
  const reveal = useEffectEvent((threadId: string) => {
    if (editor.isDestroyed) return;
    const thread = threads.find((candidate) => candidate.id === threadId);
    const words = [...editor.view.dom.querySelectorAll(`[data-comment-id="${CSS.escape(threadId)}"]`)];
    const clause = thread
      ? editor.view.dom.querySelector(`.clause[data-clause-id="${CSS.escape(thread.root.anchor.clauseId)}"]`)
      : null;
    const target = words[0] ?? clause;
    if (!target) return;
    if (!onScreen(target))
      target.scrollIntoView({ block: 'center', behavior: prefersReducedMotion() ? 'auto' : 'smooth' });
    if (prefersReducedMotion()) return;
    for (const element of words.length > 0 ? words : [target]) {
      element.animate([{ backgroundColor: 'rgb(245 180 40 / 0.75)' }, {}], { duration: 1100, easing: 'ease-out' });
    }
  });
  useEffect(() => {
    if (flash !== null) reveal(flash.threadId);
  }, [flash]);

  const activate = useCallback((threadId: string) => {
    setActive(threadId);
    setFlash((current) => ({ threadId, count: (current?.count ?? 0) + 1 }));
  }, []);

  const cardRef = useThreadLayout(
    editor,
    stack,
    useMemo<LayoutTarget[]>(
      () => [
        ...(draft === null
          ? []
          : [
              {
                id: COMPOSER_ID,
                clauseId: draft.clauseId,
                rangeId: draft.kind === 'clause' ? null : PENDING_SPAN_ID,
                detached: false,
              },
            ]),
        ...visible.map((thread) => ({
          id: thread.id,
          clauseId: thread.root.anchor.clauseId,
          rangeId: thread.id,
          detached: thread.root.anchorState === 'clause-removed',
        })),
      ],
      [draft, visible],
    ),
    draft !== null ? COMPOSER_ID : activeId,
  );
  const threadCardRef = useCallback(
    (threadId: string, element: HTMLElement | null) => cardRef(threadId, element),
    [cardRef],
  );

  const startComment = useCallback(
    (clauseId?: string) => {
      if (!canComment) {
        setHint(state.role === 'observer' ? CLOSED_REASON : 'You cannot comment on this draft.');
        return;
      }
      setHint(null);
      if (clauseId !== undefined) {
        setDraft({ kind: 'clause', clauseId });
        return;
      }
      const { selection } = editor.state;
      if (selection.empty) {
        // The caret in a point comments on that point; elsewhere in a clause, on the clause.
        const clause = clauseAround(selection.$head);
        const id: unknown = clause?.node.attrs.id;
        const point = pointAround(selection.$head);
        if (typeof id !== 'string' || id === '')
          setHint('Select words in a clause, or put the caret in a clause, to comment on it.');
        else if (point !== null && point.id !== '') setDraft({ kind: 'point', clauseId: id, pointId: point.id });
        else setDraft({ kind: 'clause', clauseId: id });
        return;
      }
      const made = spanAnchorFromSelection(editor.state);
      if (!made.ok) {
        setHint(made.reason);
        return;
      }
      setDraft({ kind: 'span', clauseId: made.anchor.clauseId, anchor: made.anchor });
      // The words stay highlighted as "being commented on"; the selection itself can go.
      editor.commands.setTextSelection(made.to);
    },
    [canComment, editor, state.role],
  );

  // The shortcut works wherever the page has the keyboard, read-only text included.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isCommentShortcut(event)) return;
      const target = event.target instanceof Element ? event.target : null;
      if (
        target?.closest('input, textarea, select') ||
        (target?.closest('[contenteditable="true"]') && !editor.view.dom.contains(target))
      )
        return;
      event.preventDefault();
      startComment();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [editor, startComment]);

  // Clicks in the text: on highlighted words (their thread), on a clause's comment marker, elsewhere.
  useEffect(() => {
    const dom = editor.view.dom;
    const onClick = (event: MouseEvent) => {
      const target = event.target instanceof Element ? event.target : null;
      const marker = target?.closest<HTMLElement>('[data-comment-action]');
      if (marker) {
        event.preventDefault();
        const clauseId = marker.dataset.commentClause ?? '';
        if (marker.dataset.commentAction === 'add') startComment(clauseId);
        else {
          const first = visible.find((thread) => thread.root.anchor.clauseId === clauseId);
          if (first) activate(first.id);
        }
        return;
      }
      const words = target?.closest<HTMLElement>('[data-comment-id]');
      const threadId = words?.dataset.commentId;
      if (threadId && threadId !== PENDING_SPAN_ID) setActive(threadId);
      else if (editor.state.selection.empty) setActive(null);
    };
    dom.addEventListener('click', onClick);
    return () => dom.removeEventListener('click', onClick);
  }, [editor, visible, activate, startComment]);

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

  const draftPlace = draft === null ? null : livePlace(anchorOf(draft), places);
  const shortcut = shortcutLabel(COMMENT_SHORTCUT);

  return (
    <>
      <div className="comments-head">
        <div className="comments-head__title">
          <h2 className="comments-head__label">Comments</h2>
          <CommentExportLinks draftId={store.draftId} />
        </div>
        {state.notices.map((notice) => {
          const thread = threads.find(
            (candidate) =>
              candidate.id === notice.commentId || candidate.replies.some((reply) => reply.id === notice.commentId),
          );
          const number = thread ? livePlace(thread.root.anchor, places) : null;
          return (
            <div key={notice.id} className="comments-notice" role="alert" data-testid="comment-hidden-notice">
              <p>
                The chair hid your comment{number ? ` on ${number}` : ''}. Reason: {notice.reason}
              </p>
              <button type="button" className="comment-link" onClick={() => store.dismissNotice(notice.id)}>
                Dismiss
              </button>
            </div>
          );
        })}
        {state.role === 'observer' && !canComment && (
          <p className="comments-closed" data-testid="comment-closed-reason">
            <strong>Commenting is closed.</strong> {CLOSED_REASON}{' '}
            {period.upcoming ? 'One is scheduled; see the dates above the text.' : 'None is open now.'}
          </p>
        )}
        {canComment && (
          <p className="comments-head__how">
            Select words and choose <em>Comment</em> ({shortcut}), or use <span className="comments-head__plus">+</span>{' '}
            beside a clause. With the caret in a point, {shortcut} comments on the whole point.
          </p>
        )}
        {hint !== null && (
          <p className="comments-hint" role="status" data-testid="comment-hint">
            {hint}
            <button type="button" className="comment-link" onClick={() => setHint(null)} aria-label="Dismiss">
              ×
            </button>
          </p>
        )}
        <CommentFilters filter={filter} onChange={setFilter} counts={statusCounts} />
      </div>

      {state.phase === 'loading' && <p className="comments-empty">Loading comments…</p>}
      {state.phase === 'error' && (
        <p className="comments-empty comments-empty--error" role="alert">
          {state.error}{' '}
          <button type="button" className="comment-link" onClick={() => void store.reload()}>
            Try again
          </button>
        </p>
      )}
      {state.phase === 'ready' && visible.length === 0 && draft === null && (
        <p className="comments-empty" data-testid="comments-empty">
          {threads.length === 0 ? 'No comments yet.' : 'No comments match these filters.'}
        </p>
      )}

      <div ref={stack} className="comment-stack" data-testid="comment-stack">
        {draft !== null && (
          <section
            ref={(element) => cardRef(COMPOSER_ID, element)}
            className="comment-card comment-card--composer comment-card--active"
            data-testid="new-thread"
          >
            <header className="comment-card__header">
              <span className="comment-card__clause">{draftPlace ?? '—'}</span>
              <span className="anchor-tag">{DRAFT_WORDS[draft.kind].tag}</span>
              {draft.kind === 'point' && (
                <button
                  type="button"
                  className="comment-link"
                  data-testid="comment-whole-clause"
                  onClick={() => setDraft({ kind: 'clause', clauseId: draft.clauseId })}
                >
                  Whole clause instead
                </button>
              )}
            </header>
            {draft.kind === 'span' && <blockquote className="comment-card__quote">{draft.anchor.quote}</blockquote>}
            <CommentComposer
              label={`Comment on ${draftPlace ?? 'the clause'}`}
              placeholder={DRAFT_WORDS[draft.kind].placeholder}
              submitLabel="Comment"
              affiliations={state.affiliations}
              autoFocus
              testId="thread-composer"
              onCancel={() => setDraft(null)}
              onSubmit={async (body, mentions) => {
                const comment = await store.post({ anchor: anchorOf(draft), body, mentions });
                setDraft(null);
                if (filter.status === 'resolved' || filter.voice !== 'all' || filter.pillar !== null)
                  setFilter(DEFAULT_THREAD_FILTER);
                setActive(comment.id);
              }}
            />
          </section>
        )}
        {visible.map((thread) => (
          <CommentThreadCard
            key={thread.id}
            thread={thread}
            clauseNumber={livePlace(thread.root.anchor, places)}
            active={thread.id === activeId}
            viewerId={viewerId}
            moderator={moderator}
            mayResolve={resolvesAny || (viewerId !== null && thread.root.author.id === viewerId)}
            mayReply={canComment}
            affiliations={state.affiliations}
            now={now}
            onActivate={activate}
            onReply={onReply}
            onSetResolved={onSetResolved}
            onEdit={onEdit}
            onSetHidden={onSetHidden}
            cardRef={threadCardRef}
          />
        ))}
      </div>

      <CommentSelectionBubble
        editor={editor}
        canComment={canComment}
        closedReason={CLOSED_REASON}
        suppressed={draft !== null}
        onComment={() => startComment()}
      />
    </>
  );
}
