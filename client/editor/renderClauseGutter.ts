import { CLAUSE_STATUS_LABELS, isClauseStatus } from '../../shared/clauses';
import type { Pillar } from '../../shared/pillars';

/**
 * The periodic review's amendments tabled against a clause, as its gutter shows them. Made
 * outside the editor (by `clauseAmendmentBadges`), which only draws it.
 */
export interface ClauseAmendmentsBadge {
  /** Their labels, in number order ("A-1", "A-3"). */
  labels: readonly string[];
  /** What the badge reads: the labels, or how many there are when more than a couple. */
  text: string;
  /** The tooltip: one line per amendment, with its label, sponsors and status. */
  title: string;
  /** Where the badge leads: the review's amendments filtered to the clause (a path in the app). */
  href: string;
}

/** What a clause's gutter shows; a gutter is redrawn only when one of these changes. */
export interface ClauseGutterInfo {
  id: string;
  number: string;
  /** The clause's tags, each with the draft's pillar of that key (undefined: the draft has none). */
  pillars: readonly { key: string; pillar: Pillar | undefined }[];
  status: string;
  /** The amendments tabled against the clause in the review the page follows; null for none. */
  amendments: ClauseAmendmentsBadge | null;
}

/** The widget key of a gutter: equal keys let ProseMirror keep the existing DOM. */
export function clauseGutterKey(info: ClauseGutterInfo): string {
  const amendments =
    info.amendments === null
      ? ''
      : `${info.amendments.text}\u0000${info.amendments.title}\u0000${info.amendments.href}`;
  const pillars = info.pillars
    .map(({ key, pillar }) => (pillar ? `${key}:${pillar.short}:${pillar.color}:${pillar.label}` : `${key}:?`))
    .join(' ');
  return `gutter\u0000${info.id}\u0000${info.number}\u0000${pillars}\u0000${info.status}\u0000${amendments}`;
}

/** Short status words for the narrow gutter; the menu and tooltips use the full labels. */
const SHORT_STATUS: Readonly<Record<string, string>> = { 'agreed-ad-ref': 'Ad ref', agreed: 'Agreed' };

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
 * The gutter left of a clause: its number (a button that opens the clause menu), its pillar
 * chips (each pillar's three letters on a rule of its colour), its status when it is more than open, and, last, the
 * amendments tabled against it in the periodic review (a link the page follows in the app, by
 * `data-clause-amendments`). Chrome, not text: the caret cannot enter it and it is not part of
 * the document. Unknown pillar keys get a chip of their own, marked as unknown, so a bad key is
 * visible rather than hidden.
 */
export function renderClauseGutter(info: ClauseGutterInfo): HTMLElement {
  const gutter = element('div', 'clause-gutter', {
    contenteditable: 'false',
    'data-testid': 'clause-gutter',
    'data-status': info.status,
  });
  const statusLabel = isClauseStatus(info.status)
    ? CLAUSE_STATUS_LABELS[info.status]
    : `Unknown status “${info.status}”`;
  const pillarLabels = info.pillars.map(({ key, pillar }) => pillar?.label ?? `unknown pillar “${key}”`);

  const button = element('button', 'clause-gutter__number', {
    type: 'button',
    tabindex: '-1',
    'data-testid': 'clause-number',
    'data-clause-menu': info.id,
    'aria-haspopup': 'dialog',
    'aria-label': `${info.number}: pillars, status and position`,
    title: [`${info.number} · ${statusLabel}`, ...pillarLabels].join('\n'),
  });
  button.textContent = info.number;
  gutter.append(button);

  if (info.pillars.length > 0) {
    const chips = element('span', 'clause-gutter__pillars');
    for (const { key, pillar } of info.pillars) {
      const chip = element('span', `pillar-chip${pillar ? '' : ' pillar-chip--unknown'}`, {
        'data-testid': 'pillar-chip',
        'data-pillar': key,
        title: pillar?.label ?? `Unknown pillar “${key}”`,
      });
      chip.textContent = pillar?.short ?? '?';
      if (pillar) chip.style.setProperty('--pillar-color', pillar.color);
      else chip.setAttribute('data-unknown', 'true');
      chips.append(chip);
    }
    gutter.append(chips);
  }

  if (info.status !== 'open') {
    const badge = element(
      'span',
      `clause-gutter__status clause-gutter__status--${isClauseStatus(info.status) ? info.status : 'unknown'}`,
      {
        'data-testid': 'clause-status',
        title: statusLabel,
      },
    );
    badge.textContent = SHORT_STATUS[info.status] ?? '?';
    gutter.append(badge);
  }

  if (info.amendments !== null) {
    const { labels, text, title, href } = info.amendments;
    // Not draggable: dropped into the text, a link would become words of the draft.
    const link = element('a', 'clause-gutter__amendments', {
      href,
      tabindex: '-1',
      draggable: 'false',
      contenteditable: 'false',
      'data-testid': 'clause-amendments',
      'data-clause-id': info.id,
      'data-clause-amendments': info.id,
      'aria-label': `${labels.length === 1 ? 'Amendment' : 'Amendments'} tabled against ${info.number}: ${labels.join(', ')}`,
      title,
    });
    link.textContent = text;
    gutter.append(link);
  }
  return gutter;
}
