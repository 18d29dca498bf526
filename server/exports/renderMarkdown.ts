import { escapeMarkdown, escapeMarkdownPieces, singleLine } from './safeText';
import type { ExportAnnex, ExportBlock, ExportClause, ExportEntry, ExportInline, ExportText } from './textModel';
import { OPEN_MARKERS_HEADING, divisionHeading } from './textModel';

/** Words of a block, escaped, with each footnote as a reference `[^2]` where it stands and suggestions in CriticMarkup. */
function inlineMarkdown(content: readonly ExportInline[]): string {
  return escapeMarkdownPieces(
    content.flatMap((piece) => {
      if (piece.kind === 'footnote') return [{ markup: `[^${piece.number}]` }];
      if (!piece.change) return [piece.text];
      // A suggestion in CriticMarkup, with who made it as a comment: {++words++}{>>by …<<}.
      const [open, close] = piece.change.kind === 'insert' ? ['{++', '++}'] : ['{--', '--}'];
      return [{ markup: open }, piece.text, { markup: `${close}{>>${escapeMarkdown(singleLine(piece.change.by))}<<}` }];
    }),
  );
}

/**
 * A point as a list item, indented two spaces a level so CommonMark nests it in the item of the
 * point that holds it; its label is kept as text after the bullet, and the lines it wraps onto
 * are indented to the item's content so they stay in it.
 */
function pointMarkdown(block: ExportBlock): string {
  const indent = '  '.repeat(block.level - 1);
  const [first = '', ...rest] = inlineMarkdown(block.content).split('\n');
  const opening = `${indent}- ${escapeMarkdown(block.letter ?? '')} ${first}`.trimEnd();
  return [opening, ...rest.map((line) => `${indent}  ${line}`)].join('\n');
}

function clauseMarkdown(clause: ExportClause, withPillars: boolean): string {
  const [first, ...rest] = clause.blocks;
  const paragraphs = [`**${clause.number}.** ${inlineMarkdown(first?.content ?? [])}`.trimEnd()];
  let list: string[] = [];
  for (const block of rest) {
    if (block.level > 0) {
      list.push(pointMarkdown(block));
      continue;
    }
    if (list.length > 0) paragraphs.push(list.join('\n'));
    list = [];
    paragraphs.push(inlineMarkdown(block.content));
  }
  if (list.length > 0) paragraphs.push(list.join('\n'));
  if (withPillars && clause.pillars.length > 0)
    paragraphs.push(`*Pillars: ${escapeMarkdown(clause.pillars.map((p) => p.label).join('; '))}*`);
  return paragraphs.join('\n\n');
}

function heading(level: number, text: string): string {
  return `${'#'.repeat(level)} ${escapeMarkdown(singleLine(text))}`;
}

function entriesMarkdown(entries: readonly ExportEntry[], withPillars: boolean): string[] {
  return entries.map((entry) =>
    entry.kind === 'clause'
      ? clauseMarkdown(entry.clause, withPillars)
      : heading(entry.division.level === 'part' ? 3 : 4, divisionHeading(entry.division)),
  );
}

function annexMarkdown(annex: ExportAnnex, withPillars: boolean): string[] {
  return [
    heading(2, annex.title ? `${annex.label} — ${annex.title}` : annex.label),
    ...entriesMarkdown(annex.entries, withPillars),
  ];
}

/**
 * The text as CommonMark: title, version line, the opening formula as a paragraph of its own, the
 * preamble and the operative part with PP/OP numbers, parts and sections as headings, points as
 * nested lists ("- (a) …", "  - (i) …") with their labels as text, annexes as headings with their
 * paragraphs, and footnotes as references (`[^1]`) defined at the end, as GitHub and Pandoc read
 * them. Every piece of user text is escaped so it reads back as the same words.
 */
export function renderMarkdown(text: ExportText, options: { pillars: boolean }): string {
  return [
    `# ${escapeMarkdown(singleLine(text.title))}`,
    `*${escapeMarkdown(singleLine(text.label))} — ${text.at.slice(0, 10)}*`,
    ...[escapeMarkdown(text.formula)].filter(Boolean),
    '## Preamble',
    ...text.preamble.map((clause) => clauseMarkdown(clause, options.pillars)),
    '## Operative part',
    ...entriesMarkdown(text.operativeEntries, options.pillars),
    ...text.annexes.flatMap((annex) => annexMarkdown(annex, options.pillars)),
    ...(text.open.length > 0
      ? [`## ${OPEN_MARKERS_HEADING}`, text.open.map((line) => `- ${escapeMarkdown(singleLine(line))}`).join('\n')]
      : []),
    ...text.footnotes.map((note) => `[^${note.number}]: ${escapeMarkdown(singleLine(note.note))}`),
    '',
  ].join('\n\n');
}
