import type { PdfWriter } from './pdfDocument';
import { PDF_FONT, createPdf, finishPdf, keepSpace, pdfPartHeading, pdfTitle } from './pdfDocument';
import { PdfFootnotes } from './pdfFootnotes';
import type { ExportAnnex, ExportBlock, ExportClause, ExportEntry, ExportInline, ExportText } from './textModel';
import { DRAFT_MARKING, OPEN_MARKERS_HEADING, divisionHeading, statusMark } from './textModel';

/** Width of the hanging number column ("OP12."), and of a point's label column ("(iii)") at each level, in points. */
const NUMBER_WIDTH = 40;
const LABEL_WIDTH = 28;
const BODY_SIZE = 11.5;
/** Size of a footnote's number in the text: drawn from the top of the line, it stands as a superscript. */
const MARK_SIZE = 7;

function footnotesOf(block: ExportBlock): number[] {
  return block.content.flatMap((piece) => (piece.kind === 'footnote' ? [piece.number] : []));
}

/**
 * Writes a block's words as one paragraph at (x, y), each footnote's number raised and small where
 * it stands, after `mark` in italics when there is one (an agreed clause's status).
 */
function writeInline(
  writer: PdfWriter,
  content: readonly ExportInline[],
  x: number,
  y: number,
  width: number,
  mark: string | null = null,
): void {
  const { doc } = writer;
  const plain = { size: BODY_SIZE, underline: false, strike: false, italic: false };
  const runs = [
    ...(mark ? [{ ...plain, text: `${mark} `, italic: true }] : []),
    ...content.map((piece) =>
      piece.kind === 'text'
        ? {
            ...plain,
            text: writer.safe(piece.text),
            // A suggestion stands out without colour alone: inserted words underlined, proposed deletions struck through.
            underline: piece.change?.kind === 'insert',
            strike: piece.change?.kind === 'delete',
          }
        : { ...plain, text: String(piece.number), size: MARK_SIZE },
    ),
  ].filter((run) => run.text.length > 0);
  // PDFKit moves down by the size of the run that ends a line: a block ending on a footnote's small
  // number ends with a space in the body size, so the line after it keeps its distance.
  if (runs.at(-1)?.size === MARK_SIZE) runs.push({ ...plain, text: ' ' });
  doc.font(PDF_FONT.regular).fillColor('#111111');
  if (runs.length === 0) {
    doc.fontSize(BODY_SIZE).text('', x, y, { width });
    return;
  }
  runs.forEach((run, index) => {
    const options = { width, continued: index < runs.length - 1, underline: run.underline, strike: run.strike };
    doc.font(run.italic ? PDF_FONT.italic : PDF_FONT.regular).fontSize(run.size);
    if (index === 0) doc.text(run.text, x, y, options);
    else doc.text(run.text, options);
  });
  doc.font(PDF_FONT.regular).fontSize(BODY_SIZE);
}

/** Writes the clauses and headings of a container, keeping each block's footnotes on the page it ends on. */
class PdfText {
  private readonly footnotes: PdfFootnotes;

  constructor(
    private readonly writer: PdfWriter,
    text: ExportText,
    private readonly withPillars: boolean,
  ) {
    this.footnotes = new PdfFootnotes(writer, text.footnotes);
  }

  /**
   * Writes one block at `x` in `width`, after `label` (a clause number or a point's label) in the
   * space before it, its words after `mark` when there is one.
   */
  private block(
    block: ExportBlock,
    label: { text: string; x: number; bold: boolean } | null,
    x: number,
    width: number,
    mark: string | null = null,
  ): void {
    const { doc } = this.writer;
    const notes = footnotesOf(block);
    doc.font(PDF_FONT.regular).fontSize(BODY_SIZE);
    const words = this.writer.safe(mark ? `${mark} ${block.text}` : block.text);
    this.footnotes.makeRoom(doc.heightOfString(words, { width }), notes);
    const top = doc.y;
    if (label)
      doc
        .font(label.bold ? PDF_FONT.bold : PDF_FONT.regular)
        .fontSize(BODY_SIZE)
        .fillColor('#111111')
        .text(label.text, label.x, top, { width: x - label.x, lineBreak: false });
    writeInline(this.writer, block.content, x, top, width, mark);
    this.footnotes.place(notes);
  }

  clause(clause: ExportClause): void {
    const { doc, left } = this.writer;
    const textLeft = left + NUMBER_WIDTH;
    const textWidth = this.writer.width - NUMBER_WIDTH;
    keepSpace(this.writer, BODY_SIZE * 2.6);
    const [first, ...rest] = clause.blocks;
    const opening: ExportBlock = first ?? { level: 0, letter: null, reference: null, id: '', text: '', content: [] };
    this.block(opening, { text: `${clause.number}.`, x: left, bold: true }, textLeft, textWidth, statusMark(clause));
    for (const block of rest) {
      doc.moveDown(0.25);
      if (block.level === 0) {
        this.block(block, null, textLeft, textWidth);
        continue;
      }
      keepSpace(this.writer, BODY_SIZE * 1.4);
      const labelLeft = textLeft + (block.level - 1) * LABEL_WIDTH;
      const pointLeft = labelLeft + LABEL_WIDTH;
      this.block(
        block,
        { text: this.writer.safe(block.letter ?? ''), x: labelLeft, bold: false },
        pointLeft,
        left + this.writer.width - pointLeft,
      );
    }
    if (this.withPillars && clause.pillars.length > 0) {
      doc.moveDown(0.15);
      doc
        .font(PDF_FONT.italic)
        .fontSize(9)
        .fillColor('#555555')
        .text(this.writer.safe(`Pillars: ${clause.pillars.map((p) => p.label).join('; ')}`), textLeft, doc.y, {
          width: textWidth,
        });
    }
    doc.moveDown(0.6);
  }

  /** A part heading bold, a section heading in italics, each kept with the clause after it. */
  entries(entries: readonly ExportEntry[]): void {
    const { doc, left, width } = this.writer;
    for (const entry of entries) {
      if (entry.kind === 'clause') {
        this.clause(entry.clause);
        continue;
      }
      const part = entry.division.level === 'part';
      keepSpace(this.writer, 70);
      doc.moveDown(part ? 0.6 : 0.3);
      doc
        .font(part ? PDF_FONT.bold : PDF_FONT.italic)
        .fontSize(part ? 13 : 12)
        .fillColor('#111111')
        .text(this.writer.safe(divisionHeading(entry.division)), left, doc.y, { width });
      doc.moveDown(0.5);
    }
  }

  /** An annex on a page of its own: its label and title centred, then its paragraphs under their headings. */
  annex(annex: ExportAnnex): void {
    const { doc, left, width } = this.writer;
    doc.addPage();
    doc
      .font(PDF_FONT.bold)
      .fontSize(14)
      .fillColor('#111111')
      .text(this.writer.safe(annex.label), left, doc.y, { width, align: 'center' });
    doc.moveDown(0.4);
    doc.fontSize(BODY_SIZE + 0.5).text(this.writer.safe(annex.title), { width, align: 'center' });
    doc.moveDown(1.2);
    this.entries(annex.entries);
  }

  /** Writes a paragraph of plain words in the clauses' column: the opening formula, a line of the open brackets. */
  paragraph(words: string): void {
    const { doc, left } = this.writer;
    doc
      .font(PDF_FONT.regular)
      .fontSize(BODY_SIZE)
      .fillColor('#111111')
      .text(this.writer.safe(words), left + NUMBER_WIDTH, doc.y, { width: this.writer.width - NUMBER_WIDTH });
    doc.moveDown(0.6);
  }

  /** Writes the notes at the foot of their pages; call once, after the last block. */
  finishFootnotes(): void {
    this.footnotes.draw();
  }
}

/**
 * The text as a PDF: A4, the title and version line, the draft marking of a text not published
 * (also at the foot of every page), each agreed clause's status after its number, the opening formula, "Preamble" and
 * "Operative part" with parts and sections as headings, each clause with its number hanging in
 * the margin and its points indented a step a level under their labels ((a) → (i) → (A)),
 * footnote numbers raised in the text with the notes at the foot of the page, each annex on a
 * new page, pillar tags on request, and "<version> — Page N of M" at the foot of every page.
 */
export async function renderPdf(text: ExportText, options: { pillars: boolean }): Promise<Buffer> {
  const versionLine = `${text.label} — ${text.at.slice(0, 10)}`;
  const writer = createPdf({ title: text.title, subject: versionLine });
  const body = new PdfText(writer, text, options.pillars);
  pdfTitle(writer, text.title, versionLine, text.draft ? DRAFT_MARKING : null);
  if (text.formula) body.paragraph(text.formula);
  pdfPartHeading(writer, 'Preamble');
  for (const clause of text.preamble) body.clause(clause);
  pdfPartHeading(writer, 'Operative part');
  body.entries(text.operativeEntries);
  for (const annex of text.annexes) body.annex(annex);
  if (text.open.length > 0) {
    pdfPartHeading(writer, OPEN_MARKERS_HEADING);
    for (const line of text.open) body.paragraph(line);
  }
  body.finishFootnotes();
  return finishPdf(writer, text.draft ? `${DRAFT_MARKING} — ${versionLine}` : versionLine);
}
