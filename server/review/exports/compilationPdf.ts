import type { Taxonomy } from '../../../shared/pillars';
import type { Compilation } from '../../../shared/review/types';
import type { PdfWriter } from '../../exports/pdfDocument';
import {
  PDF_FONT,
  createPdf,
  finishPdf,
  keepSpace,
  pdfPartHeading,
  pdfRedlineLegend,
  pdfRuns,
  pdfTitle,
} from '../../exports/pdfDocument';
import type { RedlineLine } from '../../exports/redlineLayout';
import type { ExportAmendment } from './amendmentModel';
import type { CompilationClause } from './compilationModel';
import { compilationLine, compilationParts, compilationSummary } from './compilationModel';

/** Width of the hanging number column ("OP12."), as in the text's own PDF export, in points. */
const NUMBER_WIDTH = 40;
/** How much further in each level of points sits: (a), then (i), then (A). */
const POINT_STEP = 26;
/** How far the amendments to a clause sit in from the clause's text. */
const AMENDMENT_INDENT = 22;
/** How far an amendment's wording sits in from its details. */
const WORDING_INDENT = 14;
const BODY_SIZE = 11.5;
const AMENDMENT_SIZE = 10.5;

/** Writes lines of a redline from `left`, each level of points further in, the first at the current position. */
function writeLines(
  writer: PdfWriter,
  lines: readonly RedlineLine[],
  left: number,
  width: number,
  size: number,
  firstY = writer.doc.y,
): void {
  const { doc } = writer;
  lines.forEach((line, index) => {
    if (index > 0) {
      doc.moveDown(0.2);
      keepSpace(writer, size * 1.4);
    }
    const indent = line.level * POINT_STEP;
    doc.font(PDF_FONT.regular).fontSize(size);
    pdfRuns(writer, line.words, left + indent, index === 0 ? firstY : doc.y, width - indent);
  });
}

function writeDetail(
  writer: PdfWriter,
  text: string,
  left: number,
  width: number,
  options: { font?: string; color?: string } = {},
): void {
  const { doc } = writer;
  doc
    .font(options.font ?? PDF_FONT.sans)
    .fontSize(8.5)
    .fillColor(options.color ?? '#444444')
    .text(writer.safe(text), left, doc.y, { width, underline: false, strike: false });
  doc.moveDown(0.1);
}

function writeAmendment(writer: PdfWriter, amendment: ExportAmendment, left: number, width: number): void {
  const { doc } = writer;
  doc.moveDown(0.3);
  keepSpace(writer, AMENDMENT_SIZE * 6);
  doc
    .font(PDF_FONT.sansBold)
    .fontSize(9.5)
    .fillColor('#111111')
    .text(writer.safe(amendment.title), left, doc.y, { width, underline: false, strike: false });
  doc.moveDown(0.1);
  writeDetail(writer, amendment.sponsorsLine, left, width);
  writeDetail(writer, `Status: ${amendment.statusLine}`, left, width);
  if (amendment.liveChange)
    writeDetail(writer, amendment.liveChange, left, width, { font: PDF_FONT.italic, color: '#5b21b6' });
  if (amendment.pointChanges) writeDetail(writer, `Changes: ${amendment.pointChanges}`, left, width);
  writeDetail(writer, amendment.contentNote, left, width, { font: PDF_FONT.italic });
  writeLines(writer, amendment.lines, left + WORDING_INDENT, width - WORDING_INDENT, AMENDMENT_SIZE);
  if (amendment.revisedLines) {
    doc.moveDown(0.2);
    writeDetail(writer, 'As orally revised and adopted:', left, width, { font: PDF_FONT.italic });
    writeLines(writer, amendment.revisedLines, left + WORDING_INDENT, width - WORDING_INDENT, AMENDMENT_SIZE);
  }
}

function writeClause(writer: PdfWriter, clause: CompilationClause): void {
  const { doc } = writer;
  const textLeft = writer.left + NUMBER_WIDTH;
  const textWidth = writer.width - NUMBER_WIDTH;
  keepSpace(writer, BODY_SIZE * 2.6);
  const top = doc.y;
  doc
    .font(PDF_FONT.bold)
    .fontSize(BODY_SIZE)
    .fillColor('#111111')
    .text(`${clause.number}.`, writer.left, top, { width: NUMBER_WIDTH, lineBreak: false });
  writeLines(writer, clause.lines, textLeft, textWidth, BODY_SIZE, top);
  for (const amendment of clause.amendments)
    writeAmendment(writer, amendment, textLeft + AMENDMENT_INDENT, textWidth - AMENDMENT_INDENT);
  doc.moveDown(clause.amendments.length > 0 ? 0.9 : 0.6);
}

/**
 * The compilation of a review cycle as a PDF (A4): the base text clause by clause, each number
 * in bold hanging before its text, and beneath each clause, indented, every amendment tabled to
 * it with its sponsor and accepted co-sponsors, its status and decision, and its redline against
 * the clause (insertions green and underlined, deletions red and struck through), with the
 * cycle's name and "Page N of M" at the foot of every page.
 */
export async function renderCompilationPdf(
  draftTitle: string,
  compilation: Compilation,
  taxonomy: Taxonomy,
): Promise<Buffer> {
  const line = compilationLine(compilation);
  const summary = compilationSummary(compilation);
  const writer = createPdf({ title: `Compilation of amendments: ${draftTitle}`, subject: `${line}. ${summary}` });
  pdfTitle(writer, draftTitle, line);
  writer.doc
    .font(PDF_FONT.sans)
    .fontSize(9.5)
    .fillColor('#555555')
    .text(writer.safe(summary), writer.left, writer.doc.y, { width: writer.width });
  writer.doc.moveDown(0.4);
  pdfRedlineLegend(writer);
  for (const part of compilationParts(compilation, taxonomy)) {
    pdfPartHeading(writer, part.heading);
    for (const clause of part.clauses) writeClause(writer, clause);
  }
  return finishPdf(writer, `Compilation — ${compilation.cycle.name}`);
}
