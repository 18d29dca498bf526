import { htmlDocument } from './htmlDocument';
import { escapeHtml } from './safeText';
import type { ExportAnnex, ExportBlock, ExportClause, ExportEntry, ExportInline, ExportText } from './textModel';
import { DRAFT_MARKING, OPEN_MARKERS_HEADING, divisionHeading, statusMark } from './textModel';

// No user text in here: the version label is in the page as text, never in a CSS string.
const STYLE = `
  @page { size: A4; margin: 22mm 20mm 24mm;
    @bottom-center { content: "Page " counter(page) " of " counter(pages); font: 9pt Georgia, serif; color: #555; }
  }
  body { font: 12pt/1.55 Georgia, 'Times New Roman', serif; color: #111; max-width: 42em; margin: 2em auto; padding: 0 1em; }
  h1 { font-size: 18pt; text-align: center; line-height: 1.3; margin: 0 0 .3em; }
  .version { text-align: center; color: #555; font-style: italic; margin: 0 0 2em; }
  .draft-marking {
    text-align: center; font: 700 11pt system-ui, sans-serif; letter-spacing: .1em; text-transform: uppercase;
    color: #a31515; border: 2px solid #a31515; padding: .3em; margin: -1.4em auto 2em; max-width: 20em;
  }
  .status { display: block; font: italic 9pt system-ui, sans-serif; color: #1d6b35; }
  .formula { margin: 0 0 1em 3.5em; }
  h2 {
    font: 600 10pt system-ui, sans-serif; letter-spacing: .08em; text-transform: uppercase; color: #444;
    border-bottom: 1px solid #ccc; padding-bottom: .2em; margin-top: 2em;
  }
  h3.part { font-size: 13pt; margin: 1.6em 0 .6em; }
  h4.section { font-size: 12pt; font-style: italic; margin: 1.2em 0 .5em; }
  .clause { display: grid; grid-template-columns: 3.5em 1fr; margin: 0 0 .9em; break-inside: avoid; }
  .num { font-weight: 700; }
  .clause p { margin: 0 0 .4em; }
  .point { display: grid; grid-template-columns: 2.6em 1fr; }
  .point.level-2 { margin-left: 2.6em; }
  .point.level-3 { margin-left: 5.2em; }
  sup.fnref { font-size: 70%; line-height: 0; }
  sup.fnref a { text-decoration: none; }
  .pillars { font: 9pt system-ui, sans-serif; color: #555; margin-top: .2em; }
  .annex { break-before: page; margin-top: 3em; }
  .annex h2.annex-name { text-align: center; border: 0; font: 700 14pt Georgia, serif; letter-spacing: 0; text-transform: none; color: #111; }
  .annex-title { text-align: center; font-weight: 700; margin: 0 0 1.5em; }
  .footnotes { margin-top: 2.5em; font-size: 10pt; }
  .footnotes ol { padding-left: 2em; }
  footer { margin-top: 3em; border-top: 1px solid #ccc; padding-top: .5em; font-size: 9pt; color: #555; text-align: center; }
`;

/** The words of a block (suggestions as <ins>/<del> with who made them), each footnote a superscript number linking to its note. */
function inlineHtml(content: readonly ExportInline[]): string {
  return content
    .map((piece) => {
      if (piece.kind === 'footnote')
        return `<sup class="fnref"><a href="#fn-${piece.number}" id="fnref-${piece.number}">${piece.number}</a></sup>`;
      if (!piece.change) return escapeHtml(piece.text);
      // A suggestion, with who made it and when: inserted words underlined, proposed deletions struck through.
      const tag = piece.change.kind === 'insert' ? 'ins' : 'del';
      const title = `${piece.change.kind === 'insert' ? 'Suggested insertion' : 'Suggested deletion'} by ${piece.change.by}, ${piece.change.at}`;
      return `<${tag} class="suggestion" title="${escapeHtml(title)}">${escapeHtml(piece.text)}</${tag}>`;
    })
    .join('');
}

function blockHtml(block: ExportBlock): string {
  if (block.level === 0) return `<p>${inlineHtml(block.content)}</p>`;
  return (
    `<div class="point level-${block.level}" data-point-id="${escapeHtml(block.id)}">` +
    `<span class="label">${escapeHtml(block.letter ?? '')}</span><p>${inlineHtml(block.content)}</p></div>`
  );
}

/** An agreed clause's status under its number, "(Agreed ad ref)"; nothing for an open clause. */
function statusHtml(clause: ExportClause): string {
  const mark = statusMark(clause);
  return mark ? `<span class="status status-${clause.status}">${escapeHtml(mark)}</span>` : '';
}

function clauseHtml(clause: ExportClause, withPillars: boolean): string {
  const blocks = clause.blocks.map(blockHtml).join('');
  const pillars =
    withPillars && clause.pillars.length > 0
      ? `<div class="pillars">${clause.pillars.map((p) => escapeHtml(p.label)).join(' · ')}</div>`
      : '';
  const number = escapeHtml(clause.number);
  return (
    `<div class="clause" id="${number}" data-clause-id="${escapeHtml(clause.id)}">` +
    `<span class="num">${number}.${statusHtml(clause)}</span><div>${blocks}${pillars}</div></div>`
  );
}

function entriesHtml(entries: readonly ExportEntry[], withPillars: boolean): string {
  return entries
    .map((entry) => {
      if (entry.kind === 'clause') return clauseHtml(entry.clause, withPillars);
      const { division } = entry;
      const tag = division.level === 'part' ? 'h3' : 'h4';
      return `<${tag} class="${division.level}" data-division-id="${escapeHtml(division.id)}">${escapeHtml(divisionHeading(division))}</${tag}>`;
    })
    .join('\n');
}

function annexHtml(annex: ExportAnnex, withPillars: boolean): string {
  return `<section class="annex" data-annex-id="${escapeHtml(annex.id)}">
<h2 class="annex-name">${escapeHtml(annex.label)}</h2>
<p class="annex-title">${escapeHtml(annex.title)}</p>
${entriesHtml(annex.entries, withPillars)}
</section>`;
}

/** A negotiation export's list of open brackets and alternatives, with who holds or supports them. */
function openHtml(text: ExportText): string {
  if (text.open.length === 0) return '';
  const items = text.open.map((line) => `<li>${escapeHtml(line)}</li>`).join('\n');
  return `<section class="open-markers"><h2>${OPEN_MARKERS_HEADING}</h2>\n<ul>\n${items}\n</ul></section>\n`;
}

function footnotesHtml(text: ExportText): string {
  if (text.footnotes.length === 0) return '';
  const notes = text.footnotes
    .map(
      (note) =>
        `<li id="fn-${note.number}" value="${note.number}">${escapeHtml(note.note)} ` +
        `<a href="#fnref-${note.number}" aria-label="Back to the text">↩</a></li>`,
    )
    .join('\n');
  return `<section class="footnotes">
<h2>Notes</h2>
<ol>
${notes}
</ol>
</section>`;
}

/** The line at the end of the page: the version, and the draft marking of a text not published. */
function footerHtml(text: ExportText, label: string): string {
  return `${text.draft ? `${DRAFT_MARKING} — ` : ''}${escapeHtml(label)} — exported from Accord`;
}

/**
 * A standalone, printable HTML page of the text (A4, page numbers when printed): the title, the
 * draft marking of a text not published, each agreed clause's status under its number, the
 * opening formula, the preamble, the operative part under its part and section headings, points
 * indented by level with their labels, footnote references as superscript numbers linked to a
 * numbered list of notes, and each annex (on a new page when printed). Every piece of user text
 * is escaped HTML text; the page loads nothing (see {@link htmlDocument}).
 */
export function renderHtml(text: ExportText, options: { pillars: boolean }): string {
  const label = `${text.label} (${text.at.slice(0, 10)})`;
  const marking = text.draft ? `<p class="draft-marking">${DRAFT_MARKING}</p>\n` : '';
  return htmlDocument({
    title: `${text.title} — ${text.label}`,
    style: STYLE,
    body: `<h1>${escapeHtml(text.title)}</h1>
<p class="version">${escapeHtml(label)}</p>
${marking}${text.formula ? `<p class="formula">${escapeHtml(text.formula)}</p>\n` : ''}<h2>Preamble</h2>
${text.preamble.map((clause) => clauseHtml(clause, options.pillars)).join('\n')}
<h2>Operative part</h2>
${entriesHtml(text.operativeEntries, options.pillars)}
${text.annexes.map((annex) => annexHtml(annex, options.pillars)).join('\n')}
${footnotesHtml(text)}${openHtml(text)}
<footer>${footerHtml(text, label)}</footer>`,
  });
}
