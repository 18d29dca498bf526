/** What the comment marker right of a clause shows; it is redrawn only when one of these changes. */
export interface CommentGutterInfo {
  clauseId: string;
  number: string;
  /** Threads on the clause that pass the margin's filter. */
  count: number;
  /** Whether the reader may start a thread now (an empty clause then offers "Comment on clause"). */
  canComment: boolean;
  /** Whether the active thread is on this clause. */
  active: boolean;
}

/** The widget key of a marker: equal keys let ProseMirror keep the existing DOM. */
export function commentGutterKey(info: CommentGutterInfo): string {
  return `comments\u0000${info.clauseId}\u0000${info.number}\u0000${info.count}\u0000${info.canComment}\u0000${info.active}`;
}

/**
 * The comment marker right of a clause: a speech bubble with the number of threads on it, or,
 * on a clause without threads and for someone who may comment, a quiet "add" bubble shown when
 * the pointer is over the clause. Chrome, not text: the caret cannot enter it. Clicks are handled
 * by the page through `data-comment-clause` and `data-comment-action`.
 */
export function renderCommentGutter(info: CommentGutterInfo): HTMLElement {
  const holder = document.createElement('span');
  holder.className = `comment-gutter${info.active ? ' comment-gutter--active' : ''}`;
  holder.setAttribute('contenteditable', 'false');
  const button = document.createElement('button');
  button.type = 'button';
  button.tabIndex = -1;
  button.dataset.commentClause = info.clauseId;
  if (info.count > 0) {
    button.className = 'comment-gutter__count';
    button.dataset.commentAction = 'show';
    button.dataset.testid = 'clause-comment-count';
    const label = `${info.count} comment ${info.count === 1 ? 'thread' : 'threads'} on ${info.number}`;
    button.setAttribute('aria-label', label);
    button.title = label;
    button.textContent = String(info.count);
  } else {
    button.className = 'comment-gutter__add';
    button.dataset.commentAction = 'add';
    button.dataset.testid = 'clause-comment-add';
    const label = `Comment on ${info.number}`;
    button.setAttribute('aria-label', label);
    button.title = label;
    button.textContent = '+';
  }
  holder.append(button);
  return holder;
}
