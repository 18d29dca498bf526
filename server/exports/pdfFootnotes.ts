import type { PdfWriter } from './pdfDocument';
import { PDF_FONT } from './pdfDocument';
import type { ExportFootnote } from './textModel';

const NOTE_SIZE = 9;
/** Width of a note's number column, in points. */
const NOTE_NUMBER_WIDTH = 14;
/** Space for the short rule above a page's notes, in points. */
const RULE_SPACE = 12;
const NOTE_GAP = 2;

/**
 * Footnotes at the foot of the page their reference ends on, as Word and LibreOffice set them.
 * PDFKit has no notes of its own: before a block is written, {@link PdfFootnotes.makeRoom} starts
 * a new page unless the block and every note the page would then hold fit above the footer; after
 * it, {@link PdfFootnotes.place} gives the notes to the page it ended on and raises that page's
 * bottom margin by their height, so no later text runs into them; {@link PdfFootnotes.draw}
 * writes each page's notes once all are known.
 */
export class PdfFootnotes {
  private readonly notes: Map<number, string>;
  private readonly byPage = new Map<number, number[]>();
  private readonly bottomMargin: number;

  constructor(
    private readonly writer: PdfWriter,
    footnotes: readonly ExportFootnote[],
  ) {
    this.notes = new Map(footnotes.map((footnote) => [footnote.number, footnote.note]));
    this.bottomMargin = writer.doc.page.margins.bottom;
  }

  private currentPage(): number {
    const range = this.writer.doc.bufferedPageRange();
    return range.start + range.count - 1;
  }

  private noteText(number: number): string {
    return this.writer.safe(this.notes.get(number) ?? '');
  }

  /** The height the notes take at the foot of a page, the rule above them included (0 for none). */
  private height(numbers: readonly number[]): number {
    if (numbers.length === 0) return 0;
    const { doc } = this.writer;
    doc.font(PDF_FONT.regular).fontSize(NOTE_SIZE);
    const width = this.writer.width - NOTE_NUMBER_WIDTH;
    return numbers.reduce(
      (sum, number) => sum + doc.heightOfString(this.noteText(number), { width }) + NOTE_GAP,
      RULE_SPACE,
    );
  }

  /** Before writing a block `height` points tall that refers to the notes `numbers`: a new page unless both fit on this one. */
  makeRoom(height: number, numbers: readonly number[]): void {
    // Without notes of its own a block is kept above the page's notes by the raised margin.
    if (numbers.length === 0) return;
    const { doc } = this.writer;
    const notes = this.height([...(this.byPage.get(this.currentPage()) ?? []), ...numbers]);
    const bottom = doc.page.height - this.bottomMargin - notes;
    const atTop = doc.y <= doc.page.margins.top + 1;
    if (doc.y + height > bottom && !atTop) doc.addPage();
  }

  /** After writing a block that refers to the notes `numbers`: they go to the foot of the page it ended on. */
  place(numbers: readonly number[]): void {
    if (numbers.length === 0) return;
    const page = this.currentPage();
    const onPage = [...(this.byPage.get(page) ?? []), ...numbers];
    this.byPage.set(page, onPage);
    this.writer.doc.page.margins.bottom = this.bottomMargin + this.height(onPage);
  }

  /** Writes every page's notes under a short rule at the foot of its text area, each with its number. */
  draw(): void {
    const { doc, left, width } = this.writer;
    for (const [page, numbers] of this.byPage) {
      doc.switchToPage(page);
      doc.page.margins.bottom = 0;
      let y = doc.page.height - this.bottomMargin - this.height(numbers);
      doc
        .moveTo(left, y + 4)
        .lineTo(left + width / 3, y + 4)
        .lineWidth(0.5)
        .strokeColor('#888888')
        .stroke();
      y += RULE_SPACE;
      for (const number of numbers) {
        doc
          .font(PDF_FONT.regular)
          .fontSize(NOTE_SIZE - 2)
          .fillColor('#111111');
        doc.text(String(number), left, y, { width: NOTE_NUMBER_WIDTH, lineBreak: false });
        doc.fontSize(NOTE_SIZE).text(this.noteText(number), left + NOTE_NUMBER_WIDTH, y, {
          width: width - NOTE_NUMBER_WIDTH,
        });
        y = doc.y + NOTE_GAP;
      }
      doc.page.margins.bottom = this.bottomMargin;
    }
  }
}
