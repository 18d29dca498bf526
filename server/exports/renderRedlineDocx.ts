import type { FileChild } from 'docx';
import { Paragraph, Tab, TextRun, UnderlineType } from 'docx';
import type { ClauseRedline, Redline, WordChange } from '../versions/redline';
import { redlineLines, redlineNotes, redlineNumber, redlineParts, redlineSummary } from './redlineLayout';
import type { WordRunStyle } from './wordDocument';
import { TWIPS_PER_CM, wordDocument, wordPartHeading, wordRuns, wordTitle } from './wordDocument';

const CLAUSE_INDENT = Math.round(1.5 * TWIPS_PER_CM);
const SUB_INDENT = CLAUSE_INDENT + Math.round(1.1 * TWIPS_PER_CM);

/** Insertions: green and underlined. Deletions: red and struck through. The same marks as the HTML redline. */
const INSERTED: WordRunStyle = { color: '166534', underline: { type: UnderlineType.SINGLE } };
const DELETED: WordRunStyle = { color: '991B1B', strike: true };

function styleOf(op: WordChange['op']): WordRunStyle {
  return op === 'insert' ? INSERTED : op === 'delete' ? DELETED : {};
}

function clauseParagraphs(clause: ClauseRedline): Paragraph[] {
  const numberStyle: WordRunStyle = clause.change === 'added' ? INSERTED : clause.change === 'removed' ? DELETED : {};
  const paragraphs = redlineLines(clause).map((line, index) => {
    const runs = line.words.flatMap((word) => wordRuns(word.text, styleOf(word.op)));
    if (index === 0) {
      return new Paragraph({
        indent: { left: CLAUSE_INDENT, hanging: CLAUSE_INDENT },
        children: [new TextRun({ text: `${redlineNumber(clause)}.`, bold: true, ...numberStyle }), new TextRun({ children: [new Tab()] }), ...runs],
      });
    }
    return new Paragraph({ indent: line.subparagraph ? { left: SUB_INDENT, hanging: SUB_INDENT - CLAUSE_INDENT } : { left: CLAUSE_INDENT }, children: runs });
  });
  const notes = redlineNotes(clause);
  if (notes.length > 0) {
    paragraphs.push(new Paragraph({ indent: { left: CLAUSE_INDENT }, spacing: { after: 200 }, children: [new TextRun({ text: notes.join(' · '), italics: true, size: 18, color: '5B21B6' })] }));
  }
  return paragraphs;
}

function legend(): Paragraph {
  const small = { size: 18 };
  return new Paragraph({
    spacing: { after: 240 },
    children: [
      new TextRun({ text: 'Legend: ', bold: true, ...small }),
      new TextRun({ text: 'inserted text', ...small, ...INSERTED }),
      new TextRun({ text: ' · ', ...small }),
      new TextRun({ text: 'deleted text', ...small, ...DELETED }),
      new TextRun({ text: ' · ', ...small }),
      new TextRun({ text: 'moves, status and pillar changes are noted under each clause', italics: true, color: '5B21B6', ...small }),
    ],
  });
}

/**
 * The redline between two texts as a Word document: each clause in the order of the newer text
 * with its insertions green and underlined and its deletions red and struck through (plain
 * character formatting, so every reader shows it the same; nothing to accept or reject), added
 * and removed clauses marked whole, and moves, status and pillar changes noted under the clause.
 */
export async function renderRedlineDocx(redline: Redline, labels: { from: string; to: string }): Promise<Buffer> {
  const summary = redlineSummary(redline, labels);
  const children: FileChild[] = [...wordTitle(redline.title.to, `Redline: ${labels.from} → ${labels.to}`), new Paragraph({ children: [new TextRun({ text: summary, size: 20, color: '555555' })] }), legend()];
  for (const part of redlineParts(redline)) {
    children.push(wordPartHeading(part.heading));
    for (const clause of part.clauses) children.push(...clauseParagraphs(clause));
  }
  return wordDocument({ title: `Redline: ${redline.title.to}`, description: summary, footerLabel: `Redline ${labels.from} → ${labels.to}`, children });
}
