import { CLAUSE_STATUS_LABELS, isClauseStatus } from '../../shared/clauses';
import { pillarByKey } from '../../shared/pillars';

/** What a clause's gutter shows; a gutter is redrawn only when one of these changes. */
export interface ClauseGutterInfo {
  id: string;
  number: string;
  pillars: readonly string[];
  status: string;
}

/** The widget key of a gutter: equal keys let ProseMirror keep the existing DOM. */
export function clauseGutterKey(info: ClauseGutterInfo): string {
  return `gutter\u0000${info.id}\u0000${info.number}\u0000${info.pillars.join(' ')}\u0000${info.status}`;
}

/** Short status words for the narrow gutter; the menu and tooltips use the full labels. */
const SHORT_STATUS: Readonly<Record<string, string>> = { 'agreed-ad-ref': 'Ad ref', agreed: 'Agreed' };

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, attributes: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

/**
 * The gutter left of a clause: its number (a button that opens the clause menu), its pillar
 * chips in the pillars' colours, and its status when it is more than open. Chrome, not text:
 * the caret cannot enter it and it is not part of the document. Unknown pillar keys get a
 * chip of their own, marked as unknown, so a bad key is visible rather than hidden.
 */
export function renderClauseGutter(info: ClauseGutterInfo): HTMLElement {
  const gutter = element('div', 'clause-gutter', { contenteditable: 'false', 'data-testid': 'clause-gutter', 'data-status': info.status });
  const statusLabel = isClauseStatus(info.status) ? CLAUSE_STATUS_LABELS[info.status] : `Unknown status “${info.status}”`;
  const pillarLabels = info.pillars.map((key) => pillarByKey(key)?.label ?? `unknown pillar “${key}”`);

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
    for (const key of info.pillars) {
      const pillar = pillarByKey(key);
      const chip = element('span', `pillar-chip${pillar ? '' : ' pillar-chip--unknown'}`, {
        'data-testid': 'pillar-chip',
        'data-pillar': key,
        title: pillar?.label ?? `Unknown pillar “${key}”`,
      });
      if (pillar) chip.style.setProperty('--pillar-color', pillar.color);
      else chip.setAttribute('data-unknown', 'true');
      chips.append(chip);
    }
    gutter.append(chips);
  }

  if (info.status !== 'open') {
    const badge = element('span', `clause-gutter__status clause-gutter__status--${isClauseStatus(info.status) ? info.status : 'unknown'}`, {
      'data-testid': 'clause-status',
      title: statusLabel,
    });
    badge.textContent = SHORT_STATUS[info.status] ?? '?';
    gutter.append(badge);
  }
  return gutter;
}
