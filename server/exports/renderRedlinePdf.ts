import type { ClauseRedline, Redline, WordChange } from '../versions/redline';
import type { PdfWriter } from './pdfDocument';
import {
  PDF_FONT,
  createPdf,
  finishPdf,
  keepSpace,
  pdfPartHeading,
  pdfRedlineLegend,
  pdfRuns,
  pdfTitle,
} from './pdfDocument';
import { redlineLines, redlineNotes, redlineNumber, redlineParts, redlineSummary } from './redlineLayout';

const NUMBER_WIDTH = 40;
const SUB_INDENT = 26;
const BODY_SIZE = 11.5;

function writeClause(writer: PdfWriter, clause: ClauseRedline): void {
  const { doc } = writer;
  const textLeft = writer.left + NUMBER_WIDTH;
  const textWidth = writer.width - NUMBER_WIDTH;
  keepSpace(writer, BODY_SIZE * 2.6);
  const top = doc.y;
  const numberOp: WordChange['op'] =
    clause.change === 'added' ? 'insert' : clause.change === 'removed' ? 'delete' : 'equal';
  doc.font(PDF_FONT.bold).fontSize(BODY_SIZE);
  pdfRuns(writer, [{ text: `${redlineNumber(clause)}.`, op: numberOp }], writer.left, top, NUMBER_WIDTH);
  doc.font(PDF_FONT.regular);
  redlineLines(clause).forEach((line, index) => {
    if (index > 0) {
      doc.moveDown(0.25);
      keepSpace(writer, BODY_SIZE * 1.4);
    }
    const indent = line.subparagraph ? SUB_INDENT : 0;
    pdfRuns(writer, line.words, textLeft + indent, index === 0 ? top : doc.y, textWidth - indent);
  });
  const notes = redlineNotes(clause);
  if (notes.length > 0) {
    doc.moveDown(0.15);
    doc
      .font(PDF_FONT.italic)
      .fontSize(9)
      .fillColor('#5b21b6')
      .text(writer.safe(notes.join(' · ')), textLeft, doc.y, { width: textWidth, underline: false, strike: false });
  }
  doc.moveDown(0.6);
}

/**
 * The redline between two texts as a PDF (A4): a legend, each clause in the order of the newer
 * text with insertions green and underlined and deletions red and struck through, added and
 * removed clauses marked whole, moves, status and pillar changes noted under the clause, and
 * the two labels with "Page N of M" at the foot of every page.
 */
export async function renderRedlinePdf(redline: Redline, labels: { from: string; to: string }): Promise<Buffer> {
  const writer = createPdf({ title: `Redline: ${redline.title.to}`, subject: redlineSummary(redline, labels) });
  pdfTitle(writer, redline.title.to, `Redline: ${labels.from} → ${labels.to}`);
  writer.doc
    .font(PDF_FONT.sans)
    .fontSize(9.5)
    .fillColor('#555555')
    .text(writer.safe(redlineSummary(redline, labels)), writer.left, writer.doc.y, { width: writer.width });
  writer.doc.moveDown(0.4);
  pdfRedlineLegend(writer, 'moves, status and pillar changes are noted under each clause');
  for (const part of redlineParts(redline)) {
    pdfPartHeading(writer, part.heading);
    for (const clause of part.clauses) writeClause(writer, clause);
  }
  return finishPdf(writer, `Redline ${labels.from} → ${labels.to}`);
}
