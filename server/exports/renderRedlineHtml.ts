import type { OpenItems } from '../../shared/openItems';
import { groupOpenItems, openItemWhat, openItemWho, openStatusLabel } from '../../shared/openItems';
import type { WordChange } from '../../shared/redline';
import type { ClauseRedline, HeadingRedline, Redline } from '../versions/redline';
import { htmlDocument } from './htmlDocument';
import { headingNotes, headingNumber, redlineEntries, redlineLines, redlineNotes } from './redlineLayout';
import { escapeHtml } from './safeText';

const STYLE = `
  body { font: 12pt/1.55 Georgia, serif; max-width: 44em; margin: 2em auto; padding: 0 1em; color: #111; }
  h1 { font-size: 16pt; } .summary { color: #555; font: 10pt system-ui, sans-serif; }
  h2 { font: 700 9pt system-ui, sans-serif; letter-spacing: .08em; color: #444; border-bottom: 1px solid #bbb; }
  h3 { font-size: 12pt; margin: 1.2em 0 .6em; } .formula { font-style: italic; }
  .clause { display: grid; grid-template-columns: 3.5em 1fr; margin: 0 0 .9em; }
  .num { font-weight: 700; } .clause p { margin: 0; }
  .clause p.level-1 { padding-left: 2em; text-indent: -2em; margin-left: 2em; }
  .clause p.level-2 { padding-left: 2em; text-indent: -2em; margin-left: 4em; }
  .clause p.level-3 { padding-left: 2em; text-indent: -2em; margin-left: 6em; }
  ins { color: #14532d; background: #dcfce7; text-decoration: underline; }
  del { color: #7f1d1d; background: #fee2e2; text-decoration: line-through; }
  .removed .num, h3.removed .num { text-decoration: line-through; color: #7f1d1d; }
  .added .num, h3.added .num { color: #14532d; }
  .moved { border-left: 3px solid #6d28d9; padding-left: .5em; }
  .notes { font: 9pt system-ui, sans-serif; color: #555; }
  .open ul { margin: 0; padding-left: 1.2em; } .open .status { font: 700 9pt system-ui, sans-serif; color: #555; }
  .open .settled { color: #555; } .open .settled .what { text-decoration: line-through; }
`;

function wordsHtml(words: readonly WordChange[]): string {
  return words
    .map((word) =>
      word.op === 'insert'
        ? `<ins>${escapeHtml(word.text)}</ins>`
        : word.op === 'delete'
          ? `<del>${escapeHtml(word.text)}</del>`
          : escapeHtml(word.text),
    )
    .join('');
}

function notesHtml(notes: readonly string[]): string {
  return notes.length ? `<p class="notes">${escapeHtml(notes.join(' · '))}</p>` : '';
}

function clauseHtml(clause: ClauseRedline, pillarLabels: Redline['pillarLabels']): string {
  const classes = `clause ${clause.change}${clause.moved ? ' moved' : ''}`;
  const number = escapeHtml(clause.toNumber ?? clause.fromNumber ?? '');
  const lines = redlineLines(clause)
    .map((line) => `<p class="level-${line.level}">${wordsHtml(line.words)}</p>`)
    .join('');
  return (
    `<div class="${classes}" data-clause-id="${escapeHtml(clause.id)}"><span class="num">${number}</span>` +
    `<div>${lines}${notesHtml(redlineNotes(clause, pillarLabels))}</div></div>`
  );
}

function headingHtml(heading: HeadingRedline): string {
  const title = heading.words.length > 0 ? ` — ${wordsHtml(heading.words)}` : '';
  return (
    `<h3 class="heading ${heading.kind} ${heading.change}"><span class="num">${escapeHtml(headingNumber(heading))}</span>` +
    `${title}</h3>${notesHtml(headingNotes(heading))}`
  );
}

/** The open suggestions, brackets and alternatives of both texts, by clause, each still open, settled or new. */
function openHtml(open: OpenItems, fromLabel: string): string {
  const groups = groupOpenItems(open);
  if (groups.length === 0) return '';
  const rows = groups.map((group) => {
    const items = group.entries
      .map(
        ({ status, item }) =>
          `<li class="${status}"><span class="status">${escapeHtml(openStatusLabel(status, fromLabel))}</span> ` +
          `<span class="what">${escapeHtml(openItemWhat(item))}</span> — ${escapeHtml(openItemWho(item))}</li>`,
      )
      .join('');
    return `<div class="clause"><span class="num">${escapeHtml(group.number ?? '')}</span><ul>${items}</ul></div>`;
  });
  return `\n<section class="open"><h2>OPEN SUGGESTIONS, BRACKETS AND ALTERNATIVES</h2>\n${rows.join('\n')}</section>`;
}

/**
 * The redline as a standalone HTML page: insertions underlined in green, deletions struck in red,
 * the opening formula, part, division and annex headings, points indented by level with each
 * side's label, moves and tag changes noted; then what is open in either text (suggestions,
 * brackets, alternatives), each still open, settled since the older text or new since.
 */
export function renderRedlineHtml(redline: Redline, labels: { from: string; to: string }, open: OpenItems): string {
  const rows = redlineEntries(redline)
    .map((entry) =>
      entry.type === 'part'
        ? `<h2>${escapeHtml(entry.heading.toUpperCase())}</h2>`
        : entry.type === 'heading'
          ? headingHtml(entry.heading)
          : clauseHtml(entry.clause, redline.pillarLabels),
    )
    .join('\n');
  const formula =
    redline.formula && redline.formula.words.length > 0
      ? `<p class="formula">${wordsHtml(redline.formula.words)}</p>\n`
      : '';
  const s = redline.summary;
  return htmlDocument({
    title: `Redline: ${labels.from} → ${labels.to}`,
    style: STYLE,
    body: `<h1>${escapeHtml(redline.title.to)}</h1>
<p class="summary">Changes from ${escapeHtml(labels.from)} to ${escapeHtml(labels.to)}:
${s.modified} modified, ${s.added} added, ${s.removed} removed, ${s.moved} moved.</p>
${formula}${rows}${openHtml(open, labels.from)}`,
  });
}
