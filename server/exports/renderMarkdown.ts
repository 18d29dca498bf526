import { escapeMarkdown, escapeMarkdownPieces, singleLine } from './safeText';
import type { ExportAnnex, ExportBlock, ExportClause, ExportEntry, ExportInline, ExportText } from './textModel';
import { DRAFT_MARKING, OPEN_MARKERS_HEADING, divisionHeading, statusMark } from './textModel';

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
 * A point as a list item at `depth`, indented two spaces a step so CommonMark nests it in the item
 * before it; its label is kept as text after the bullet, and the lines it wraps onto are indented
 * to the item's content so they stay in it.
 */
function pointMarkdown(block: ExportBlock, depth: number): string {
  const indent = '  '.repeat(depth);
  const [first = '', ...rest] = inlineMarkdown(block.content).split('\n');
  const opening = `${indent}- ${escapeMarkdown(block.letter ?? '')} ${first}`.trimEnd();
  return [opening, ...rest.map((line) => `${indent}  ${line}`)].join('\n');
}

/**
 * A clause as CommonMark: its number and first paragraph, its points as one nested list per run
 * of points, and any paragraph between them as a paragraph. A point is nested at most one step
 * deeper than the item before it: indented further, CommonMark would read it as code.
 */
function clauseMarkdown(clause: ExportClause, withPillars: boolean): string {
  const [first, ...rest] = clause.blocks;
  const status = statusMark(clause);
  const paragraphs = [
    `**${clause.number}.**${status ? ` *${status}*` : ''} ${inlineMarkdown(first?.content ?? [])}`.trimEnd(),
  ];
  let list: string[] = [];
  let depth = -1;
  const endList = () => {
    if (list.length > 0) paragraphs.push(list.join('\n'));
    list = [];
    depth = -1;
  };
  for (const block of rest) {
    if (block.level > 0) {
      depth = Math.min(block.level - 1, depth + 1);
      list.push(pointMarkdown(block, depth));
      continue;
    }
    const words = inlineMarkdown(block.content);
    if (!words) continue;
    endList();
    paragraphs.push(words);
  }
  endList();
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
 * The text as CommonMark: title, version line, the draft marking of a text not published, an
 * agreed clause's status after its number ("*(Agreed ad ref)*"), the opening formula as a paragraph of its own, the
 * preamble and the operative part with PP/OP numbers, parts and sections as headings, points as
 * nested lists ("- (a) …", "  - (i) …") with their labels as text, annexes as headings with their
 * paragraphs, and footnotes as references (`[^1]`) defined at the end, as GitHub and Pandoc read
 * them. Every piece of user text is escaped so it reads back as the same words.
 */
export function renderMarkdown(text: ExportText, options: { pillars: boolean }): string {
  return [
    `# ${escapeMarkdown(singleLine(text.title))}`,
    `*${escapeMarkdown(singleLine(text.label))} — ${text.at.slice(0, 10)}*`,
    ...(text.draft ? [`**${DRAFT_MARKING}**`] : []),
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
