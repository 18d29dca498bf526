import { escapeMarkdown, singleLine } from './safeText';
import type { ExportClause, ExportText } from './textModel';

function clauseMarkdown(clause: ExportClause, withPillars: boolean): string {
  const [first, ...rest] = clause.blocks;
  const lines = [`**${clause.number}.** ${escapeMarkdown(first?.text ?? '')}`];
  for (const block of rest)
    lines.push(block.letter ? `    ${block.letter} ${escapeMarkdown(block.text)}` : escapeMarkdown(block.text));
  if (withPillars && clause.pillars.length > 0)
    lines.push(`*Pillars: ${escapeMarkdown(clause.pillars.map((p) => p.label).join('; '))}*`);
  return lines.join('\n\n');
}

/** The text as Markdown: title, version line, the two parts with PP/OP numbers and lettered sub-paragraphs. */
export function renderMarkdown(text: ExportText, options: { pillars: boolean }): string {
  return [
    `# ${escapeMarkdown(singleLine(text.title))}`,
    `*${escapeMarkdown(singleLine(text.label))} — ${text.at.slice(0, 10)}*`,
    '## Preamble',
    ...text.preamble.map((clause) => clauseMarkdown(clause, options.pillars)),
    '## Operative part',
    ...text.operative.map((clause) => clauseMarkdown(clause, options.pillars)),
    '',
  ].join('\n\n');
}
