import { formatAbsolute } from '../components/formatTimestamp';

/** What the note under a locked clause says; it is redrawn only when one of these changes. */
export interface ClauseLockInfo {
  clauseId: string;
  /** `agreed` or `agreed-ad-ref`. */
  status: string;
  /** Who agreed it, as the server wrote it ("Amb. Ana Pérez (Secretariat)"); null for clauses agreed before it did. */
  statusBy: string | null;
  /** When, as an ISO date-time; null likewise. */
  statusAt: string | null;
}

/** The widget key of a note: equal keys let ProseMirror keep the existing DOM. */
export function clauseLockKey(info: ClauseLockInfo): string {
  return `lock\u0000${info.clauseId}\u0000${info.status}\u0000${info.statusBy ?? ''}\u0000${info.statusAt ?? ''}`;
}

/**
 * The first sentence of the note: who agreed the clause and when, as far as the server recorded
 * it. "Agreed by Amb. Ana Pérez (Secretariat) on 12 May 2026, 10:04." or, for a clause agreed
 * before the server recorded it, "Agreed." Ad ref clauses say that capitals have yet to confirm.
 */
export function lockSentence(info: ClauseLockInfo, formatDate: (iso: string) => string = formatAbsolute): string {
  const adRef = info.status === 'agreed-ad-ref';
  const by = info.statusBy !== null && info.statusBy.trim() !== '' ? ` by ${info.statusBy.trim()}` : '';
  const at =
    info.statusAt !== null && !Number.isNaN(Date.parse(info.statusAt)) ? ` on ${formatDate(info.statusAt)}` : '';
  return `${adRef ? 'Agreed ad ref' : 'Agreed'}${by}${at}${adRef ? ', pending confirmation from capitals' : ''}.`;
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  attributes: Record<string, string> = {},
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

/**
 * The note at the foot of a clause the reader may not change: who agreed it and when, that only
 * the chair changes it, and how to propose a change. "comment on the clause" is a button that
 * opens a comment on it: the comments margin handles it through `data-comment-action`, as it does
 * the markers beside each clause. Chrome, not text: the caret cannot enter it.
 */
export function renderClauseLock(info: ClauseLockInfo): HTMLElement {
  const note = element('div', `clause-lock clause-lock--${info.status}`, {
    contenteditable: 'false',
    'data-testid': 'clause-lock',
    'data-clause-id': info.clauseId,
  });
  const icon = element('span', 'clause-lock__icon', { 'aria-hidden': 'true' });
  const agreed = element('span', 'clause-lock__agreed', { 'data-testid': 'clause-lock-agreed' });
  agreed.textContent = lockSentence(info);
  if (info.statusAt !== null && !Number.isNaN(Date.parse(info.statusAt))) agreed.title = info.statusAt;
  const comment = element('button', 'clause-lock__comment', {
    type: 'button',
    'data-testid': 'clause-lock-comment',
    'data-comment-action': 'add',
    'data-comment-clause': info.clauseId,
  });
  comment.textContent = 'comment on the clause';
  note.append(
    icon,
    agreed,
    ' Only the chair can change its text directly; type to suggest a change, or ',
    comment,
    '.',
  );
  return note;
}
