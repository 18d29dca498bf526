import type { ClauseRedline, HeadingRedline, Redline, WordChange } from '../versions/redline';
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
import {
  headingNotes,
  headingNumber,
  redlineEntries,
  redlineLines,
  redlineNotes,
  redlineNumber,
  redlineSummary,
} from './redlineLayout';

const NUMBER_WIDTH = 40;
/** How much further in each level of points sits: (a), then (i), then (A). */
const POINT_STEP = 26;
const BODY_SIZE = 11.5;

function changeOp(change: ClauseRedline['change']): WordChange['op'] {
  return change === 'added' ? 'insert' : change === 'removed' ? 'delete' : 'equal';
}

function writeNotes(writer: PdfWriter, notes: readonly string[], left: number, width: number): void {
  if (notes.length === 0) return;
  writer.doc.moveDown(0.15);
  writer.doc
    .font(PDF_FONT.italic)
    .fontSize(9)
    .fillColor('#5b21b6')
    .text(writer.safe(notes.join(' · ')), left, writer.doc.y, { width, underline: false, strike: false });
}

function writeClause(writer: PdfWriter, clause: ClauseRedline, pillarLabels: Redline['pillarLabels']): void {
  const { doc } = writer;
  const textLeft = writer.left + NUMBER_WIDTH;
  const textWidth = writer.width - NUMBER_WIDTH;
  keepSpace(writer, BODY_SIZE * 2.6);
  const top = doc.y;
  doc.font(PDF_FONT.bold).fontSize(BODY_SIZE);
  pdfRuns(writer, [{ text: `${redlineNumber(clause)}.`, op: changeOp(clause.change) }], writer.left, top, NUMBER_WIDTH);
  doc.font(PDF_FONT.regular);
  redlineLines(clause).forEach((line, index) => {
    if (index > 0) {
      doc.moveDown(0.25);
      keepSpace(writer, BODY_SIZE * 1.4);
    }
    const indent = line.level * POINT_STEP;
    pdfRuns(writer, line.words, textLeft + indent, index === 0 ? top : doc.y, textWidth - indent);
  });
  writeNotes(writer, redlineNotes(clause, pillarLabels), textLeft, textWidth);
  doc.moveDown(0.6);
}

function writeHeading(writer: PdfWriter, heading: HeadingRedline): void {
  const { doc } = writer;
  keepSpace(writer, BODY_SIZE * 4);
  doc.moveDown(0.4);
  doc.font(PDF_FONT.bold).fontSize(BODY_SIZE);
  pdfRuns(
    writer,
    [
      { text: headingNumber(heading), op: changeOp(heading.change) },
      ...(heading.words.length > 0 ? [{ text: ' — ', op: 'equal' as const }, ...heading.words] : []),
    ],
    writer.left,
    doc.y,
    writer.width,
  );
  writeNotes(writer, headingNotes(heading), writer.left, writer.width);
  doc.font(PDF_FONT.regular);
  doc.moveDown(0.5);
}

/**
 * The redline between two texts as a PDF (A4): a legend, the opening formula, each clause in the
 * order of the newer text under its part, division and annex headings, with insertions green and
 * underlined and deletions red and struck through, its points indented by level with each side's
 * label, added and removed clauses and points marked whole, moves, status and pillar changes
 * noted under the clause, and the two labels with "Page N of M" at the foot of every page.
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
  if (redline.formula && redline.formula.words.length > 0) {
    writer.doc.font(PDF_FONT.regular).fontSize(BODY_SIZE);
    pdfRuns(writer, redline.formula.words, writer.left, writer.doc.y, writer.width);
    writer.doc.moveDown(0.6);
  }
  for (const entry of redlineEntries(redline)) {
    if (entry.type === 'part') pdfPartHeading(writer, entry.heading);
    else if (entry.type === 'heading') writeHeading(writer, entry.heading);
    else writeClause(writer, entry.clause, redline.pillarLabels);
  }
  return finishPdf(writer, `Redline ${labels.from} → ${labels.to}`);
}
