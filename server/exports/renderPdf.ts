import type { PdfWriter } from './pdfDocument';
import { PDF_FONT, createPdf, finishPdf, keepSpace, pdfPartHeading, pdfTitle } from './pdfDocument';
import type { ExportClause, ExportText } from './textModel';

/** Width of the hanging number column ("OP12.") and of the letter column ("(a)"), in points. */
const NUMBER_WIDTH = 40;
const LETTER_WIDTH = 26;
const BODY_SIZE = 11.5;

function writeClause(writer: PdfWriter, clause: ExportClause, withPillars: boolean): void {
  const { doc } = writer;
  const textLeft = writer.left + NUMBER_WIDTH;
  const textWidth = writer.width - NUMBER_WIDTH;
  keepSpace(writer, BODY_SIZE * 2.6);
  const [first, ...rest] = clause.blocks;
  const top = doc.y;
  doc
    .font(PDF_FONT.bold)
    .fontSize(BODY_SIZE)
    .fillColor('#111111')
    .text(`${clause.number}.`, writer.left, top, { width: NUMBER_WIDTH, lineBreak: false });
  doc.font(PDF_FONT.regular).text(writer.safe(first?.text ?? ''), textLeft, top, { width: textWidth });
  for (const block of rest) {
    doc.moveDown(0.25);
    if (!block.letter) {
      doc.text(writer.safe(block.text), textLeft, doc.y, { width: textWidth });
      continue;
    }
    keepSpace(writer, BODY_SIZE * 1.4);
    const y = doc.y;
    doc.text(block.letter, textLeft, y, { width: LETTER_WIDTH, lineBreak: false });
    doc.text(writer.safe(block.text), textLeft + LETTER_WIDTH, y, { width: textWidth - LETTER_WIDTH });
  }
  if (withPillars && clause.pillars.length > 0) {
    doc.moveDown(0.15);
    doc
      .font(PDF_FONT.italic)
      .fontSize(9)
      .fillColor('#555555')
      .text(writer.safe(`Pillars: ${clause.pillars.map((p) => p.label).join('; ')}`), textLeft, doc.y, {
        width: textWidth,
      });
  }
  doc.moveDown(0.6);
}

/**
 * The text as a PDF: A4, the title and version line, "Preamble" and "Operative part", each clause
 * with its number hanging in the margin and its lettered sub-paragraphs indented under it,
 * pillar tags on request, and "<version> — Page N of M" at the foot of every page.
 */
export async function renderPdf(text: ExportText, options: { pillars: boolean }): Promise<Buffer> {
  const versionLine = `${text.label} — ${text.at.slice(0, 10)}`;
  const writer = createPdf({ title: text.title, subject: versionLine });
  pdfTitle(writer, text.title, versionLine);
  pdfPartHeading(writer, 'Preamble');
  for (const clause of text.preamble) writeClause(writer, clause, options.pillars);
  pdfPartHeading(writer, 'Operative part');
  for (const clause of text.operative) writeClause(writer, clause, options.pillars);
  return finishPdf(writer, versionLine);
}
