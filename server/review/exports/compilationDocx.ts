import type { Taxonomy } from '../../../shared/pillars';
import type { FileChild } from 'docx';
import { Paragraph, Tab, TextRun } from 'docx';
import type { Compilation } from '../../../shared/review/types';
import {
  TWIPS_PER_CM,
  wordDocument,
  wordPartHeading,
  wordRedlineLegend,
  wordRuns,
  wordTitle,
} from '../../exports/wordDocument';
import { wordAmendmentParagraphs } from './amendmentWord';
import type { CompilationClause } from './compilationModel';
import { compilationLine, compilationParts, compilationSummary } from './compilationModel';

/** Where a clause's text starts: its number hangs in the space before (as in the text's own Word export). */
const CLAUSE_INDENT = Math.round(1.5 * TWIPS_PER_CM);
/** How much further in each level of points sits ((a), then (i), then (A)), its label hanging in that space. */
const POINT_STEP = Math.round(1.1 * TWIPS_PER_CM);
/** Where the amendments to a clause start: beneath its text, further in. */
const AMENDMENT_INDENT = CLAUSE_INDENT + Math.round(1 * TWIPS_PER_CM);

function clauseParagraphs(clause: CompilationClause): Paragraph[] {
  const text = clause.lines.map((line, index) => {
    const runs = line.words.flatMap((word) => wordRuns(word.text));
    if (index === 0) {
      return new Paragraph({
        indent: { left: CLAUSE_INDENT, hanging: CLAUSE_INDENT },
        keepNext: true,
        children: [
          new TextRun({ text: `${clause.number}.`, bold: true }),
          new TextRun({ children: [new Tab()] }),
          ...runs,
        ],
      });
    }
    return new Paragraph({
      indent:
        line.level > 0
          ? { left: CLAUSE_INDENT + line.level * POINT_STEP, hanging: POINT_STEP }
          : { left: CLAUSE_INDENT },
      keepNext: true,
      children: runs,
    });
  });
  const amendments = clause.amendments.flatMap((amendment) =>
    wordAmendmentParagraphs(amendment, { left: AMENDMENT_INDENT, full: false }),
  );
  // A little air after a clause's amendments, before the next clause.
  return amendments.length > 0 ? [...text, ...amendments, new Paragraph({ children: [] })] : text;
}

/**
 * The compilation of a review cycle as a Word document: the base text clause by clause, each
 * number in bold before its text, and beneath each clause, indented, every amendment tabled to
 * it with its sponsor and accepted co-sponsors, its status and decision, and its redline against
 * the clause (insertions underlined, deletions struck through).
 */
export async function renderCompilationDocx(
  draftTitle: string,
  compilation: Compilation,
  taxonomy: Taxonomy,
): Promise<Buffer> {
  const line = compilationLine(compilation);
  const summary = compilationSummary(compilation);
  const children: FileChild[] = [
    ...wordTitle(draftTitle, line),
    new Paragraph({ children: [new TextRun({ text: summary, size: 20, color: '555555' })] }),
    wordRedlineLegend(),
  ];
  for (const part of compilationParts(compilation, taxonomy)) {
    children.push(wordPartHeading(part.heading));
    for (const clause of part.clauses) children.push(...clauseParagraphs(clause));
  }
  return wordDocument({
    title: `Compilation of amendments: ${draftTitle}`,
    description: `${line}. ${summary}`,
    footerLabel: `Compilation — ${compilation.cycle.name}`,
    children,
  });
}
