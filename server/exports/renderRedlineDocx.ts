import type { FileChild } from 'docx';
import { Paragraph, Tab, TextRun } from 'docx';
import type { ClauseRedline, Redline } from '../versions/redline';
import { redlineLines, redlineNotes, redlineNumber, redlineParts, redlineSummary } from './redlineLayout';
import type { WordRunStyle } from './wordDocument';
import {
  TWIPS_PER_CM,
  WORD_REDLINE_STYLE,
  wordDocument,
  wordPartHeading,
  wordRedlineLegend,
  wordRedlineRuns,
  wordTitle,
} from './wordDocument';

const CLAUSE_INDENT = Math.round(1.5 * TWIPS_PER_CM);
const SUB_INDENT = CLAUSE_INDENT + Math.round(1.1 * TWIPS_PER_CM);

const INSERTED = WORD_REDLINE_STYLE.insert;
const DELETED = WORD_REDLINE_STYLE.delete;

function clauseParagraphs(clause: ClauseRedline): Paragraph[] {
  const numberStyle: WordRunStyle = clause.change === 'added' ? INSERTED : clause.change === 'removed' ? DELETED : {};
  const paragraphs = redlineLines(clause).map((line, index) => {
    const runs = wordRedlineRuns(line.words);
    if (index === 0) {
      return new Paragraph({
        indent: { left: CLAUSE_INDENT, hanging: CLAUSE_INDENT },
        children: [
          new TextRun({ text: `${redlineNumber(clause)}.`, bold: true, ...numberStyle }),
          new TextRun({ children: [new Tab()] }),
          ...runs,
        ],
      });
    }
    return new Paragraph({
      indent: line.subparagraph ? { left: SUB_INDENT, hanging: SUB_INDENT - CLAUSE_INDENT } : { left: CLAUSE_INDENT },
      children: runs,
    });
  });
  const notes = redlineNotes(clause);
  if (notes.length > 0) {
    paragraphs.push(
      new Paragraph({
        indent: { left: CLAUSE_INDENT },
        spacing: { after: 200 },
        children: [new TextRun({ text: notes.join(' · '), italics: true, size: 18, color: '5B21B6' })],
      }),
    );
  }
  return paragraphs;
}

/**
 * The redline between two texts as a Word document: each clause in the order of the newer text
 * with its insertions green and underlined and its deletions red and struck through (plain
 * character formatting, so every reader shows it the same; nothing to accept or reject), added
 * and removed clauses marked whole, and moves, status and pillar changes noted under the clause.
 */
export async function renderRedlineDocx(redline: Redline, labels: { from: string; to: string }): Promise<Buffer> {
  const summary = redlineSummary(redline, labels);
  const children: FileChild[] = [
    ...wordTitle(redline.title.to, `Redline: ${labels.from} → ${labels.to}`),
    new Paragraph({ children: [new TextRun({ text: summary, size: 20, color: '555555' })] }),
    wordRedlineLegend('moves, status and pillar changes are noted under each clause'),
  ];
  for (const part of redlineParts(redline)) {
    children.push(wordPartHeading(part.heading));
    for (const clause of part.clauses) children.push(...clauseParagraphs(clause));
  }
  return wordDocument({
    title: `Redline: ${redline.title.to}`,
    description: summary,
    footerLabel: `Redline ${labels.from} → ${labels.to}`,
    children,
  });
}
