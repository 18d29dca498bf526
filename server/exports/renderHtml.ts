import { htmlDocument } from './htmlDocument';
import { escapeHtml } from './safeText';
import type { ExportClause, ExportText } from './textModel';

// No user text in here: the version label is in the page as text, never in a CSS string.
const STYLE = `
  @page { size: A4; margin: 22mm 20mm 24mm;
    @bottom-center { content: "Page " counter(page) " of " counter(pages); font: 9pt Georgia, serif; color: #555; }
  }
  body { font: 12pt/1.55 Georgia, 'Times New Roman', serif; color: #111; max-width: 42em; margin: 2em auto; padding: 0 1em; }
  h1 { font-size: 18pt; text-align: center; line-height: 1.3; margin: 0 0 .3em; }
  .version { text-align: center; color: #555; font-style: italic; margin: 0 0 2em; }
  h2 {
    font: 600 10pt system-ui, sans-serif; letter-spacing: .08em; text-transform: uppercase; color: #444;
    border-bottom: 1px solid #ccc; padding-bottom: .2em; margin-top: 2em;
  }
  .clause { display: grid; grid-template-columns: 3.5em 1fr; margin: 0 0 .9em; break-inside: avoid; }
  .num { font-weight: 700; }
  .clause p { margin: 0 0 .4em; }
  .sub { display: grid; grid-template-columns: 2.2em 1fr; margin-left: 0; }
  .pillars { font: 9pt system-ui, sans-serif; color: #555; margin-top: .2em; }
  footer { margin-top: 3em; border-top: 1px solid #ccc; padding-top: .5em; font-size: 9pt; color: #555; text-align: center; }
`;

function clauseHtml(clause: ExportClause, withPillars: boolean): string {
  const blocks = clause.blocks
    .map((block) =>
      block.letter
        ? `<div class="sub"><span>${escapeHtml(block.letter)}</span><p>${escapeHtml(block.text)}</p></div>`
        : `<p>${escapeHtml(block.text)}</p>`,
    )
    .join('');
  const pillars =
    withPillars && clause.pillars.length > 0
      ? `<div class="pillars">${clause.pillars.map((p) => escapeHtml(p.label)).join(' · ')}</div>`
      : '';
  const number = escapeHtml(clause.number);
  return (
    `<div class="clause" id="${number}" data-clause-id="${escapeHtml(clause.id)}">` +
    `<span class="num">${number}.</span><div>${blocks}${pillars}</div></div>`
  );
}

/**
 * A standalone, printable HTML page of the text (A4, page numbers when printed). Every piece of
 * user text is escaped HTML text; the page loads nothing (see {@link htmlDocument}).
 */
export function renderHtml(text: ExportText, options: { pillars: boolean }): string {
  const label = `${text.label} (${text.at.slice(0, 10)})`;
  return htmlDocument({
    title: `${text.title} — ${text.label}`,
    style: STYLE,
    body: `<h1>${escapeHtml(text.title)}</h1>
<p class="version">${escapeHtml(label)}</p>
<h2>Preamble</h2>
${text.preamble.map((clause) => clauseHtml(clause, options.pillars)).join('\n')}
<h2>Operative part</h2>
${text.operative.map((clause) => clauseHtml(clause, options.pillars)).join('\n')}
<footer>${escapeHtml(label)} — exported from Accord</footer>`,
  });
}
