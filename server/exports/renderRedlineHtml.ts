import type { Redline } from '../versions/redline';
import { htmlDocument } from './htmlDocument';
import { escapeHtml } from './safeText';

const STYLE = `
  body { font: 12pt/1.55 Georgia, serif; max-width: 44em; margin: 2em auto; padding: 0 1em; color: #111; }
  h1 { font-size: 16pt; } .summary { color: #555; font: 10pt system-ui, sans-serif; }
  .clause { display: grid; grid-template-columns: 3.5em 1fr; margin: 0 0 .9em; }
  .num { font-weight: 700; } .clause p { margin: 0; }
  ins { color: #14532d; background: #dcfce7; text-decoration: underline; }
  del { color: #7f1d1d; background: #fee2e2; text-decoration: line-through; }
  .removed .num { text-decoration: line-through; color: #7f1d1d; } .added .num { color: #14532d; }
  .moved { border-left: 3px solid #6d28d9; padding-left: .5em; }
  .notes { font: 9pt system-ui, sans-serif; color: #555; }
`;

/** The redline as a standalone HTML page: insertions underlined in green, deletions struck in red, moves and tag changes noted. */
export function renderRedlineHtml(redline: Redline, labels: { from: string; to: string }): string {
  const rows = redline.clauses
    .map((clause) => {
      const words = clause.words
        .map((word) =>
          word.op === 'insert'
            ? `<ins>${escapeHtml(word.text)}</ins>`
            : word.op === 'delete'
              ? `<del>${escapeHtml(word.text)}</del>`
              : escapeHtml(word.text),
        )
        .join('');
      const notes = [
        clause.change === 'added' ? 'added' : '',
        clause.change === 'removed' ? 'removed' : '',
        clause.moved ? `moved (was ${clause.fromNumber})` : '',
        clause.status ? `status ${clause.status.from} → ${clause.status.to}` : '',
        clause.pillars.added.length ? `pillars added: ${clause.pillars.added.join(', ')}` : '',
        clause.pillars.removed.length ? `pillars removed: ${clause.pillars.removed.join(', ')}` : '',
      ].filter(Boolean);
      const classes = `clause ${clause.change}${clause.moved ? ' moved' : ''}`;
      const number = escapeHtml(clause.toNumber ?? clause.fromNumber ?? '');
      const notesHtml = notes.length ? `<p class="notes">${escapeHtml(notes.join(' · '))}</p>` : '';
      return (
        `<div class="${classes}" data-clause-id="${escapeHtml(clause.id)}"><span class="num">${number}</span>` +
        `<div><p>${words}</p>${notesHtml}</div></div>`
      );
    })
    .join('\n');
  const s = redline.summary;
  return htmlDocument({
    title: `Redline: ${labels.from} → ${labels.to}`,
    style: STYLE,
    body: `<h1>${escapeHtml(redline.title.to)}</h1>
<p class="summary">Changes from ${escapeHtml(labels.from)} to ${escapeHtml(labels.to)}:
${s.modified} modified, ${s.added} added, ${s.removed} removed, ${s.moved} moved.</p>
${rows}`,
  });
}
