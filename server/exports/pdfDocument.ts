import fs from 'node:fs';
import PDFKitDocument from 'pdfkit';
import type { WordChange } from '../../shared/redline';
import { singleLine, withoutControlCharacters } from './safeText';

/** A4 in PDF points. */
const A4 = { width: 595.28, height: 841.89 };
/** Page margins in points: about 22 mm at the sides, room for the footer at the bottom. */
const MARGINS = { top: 62, bottom: 72, left: 62, right: 62 };

/** The font names every PDF export draws with, registered on each document by {@link createPdf}. */
export const PDF_FONT = {
  regular: 'body',
  bold: 'body-bold',
  italic: 'body-italic',
  sans: 'label',
  sansBold: 'label-bold',
} as const;

type FontFiles = Record<keyof typeof PDF_FONT, Buffer>;

/**
 * Serif and sans TrueType families with wide Unicode coverage, looked for where Debian's
 * fonts-liberation and fonts-dejavu put them. Embedding one lets Cyrillic, Greek and other
 * non-Latin text survive; PDF's 14 standard fonts only cover Western European (WinAnsi) text.
 */
const FONT_CANDIDATES: Record<keyof typeof PDF_FONT, string>[] = [
  {
    regular: '/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf',
    bold: '/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf',
    italic: '/usr/share/fonts/truetype/liberation/LiberationSerif-Italic.ttf',
    sans: '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
    sansBold: '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf',
  },
  {
    regular: '/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf',
    bold: '/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf',
    italic: '/usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf',
    sans: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
    sansBold: '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
  },
];

/** The standard PDF fonts used when no TrueType family is installed (nothing to embed, Latin text only). */
const STANDARD_FONTS: Record<keyof typeof PDF_FONT, string> = {
  regular: 'Times-Roman',
  bold: 'Times-Bold',
  italic: 'Times-Italic',
  sans: 'Helvetica',
  sansBold: 'Helvetica-Bold',
};

let fontFiles: FontFiles | null | undefined;

/** The first installed TrueType family, read once per process; null when none is installed. */
function installedFonts(): FontFiles | null {
  if (fontFiles !== undefined) return fontFiles;
  fontFiles = null;
  for (const candidate of FONT_CANDIDATES) {
    try {
      const entries = Object.entries(candidate).map(([role, file]) => [role, fs.readFileSync(file)] as const);
      fontFiles = Object.fromEntries(entries) as FontFiles;
      break;
    } catch {
      // Not installed here: try the next family.
    }
  }
  return fontFiles;
}

/** Whether PDFs embed an installed Unicode font (true) or fall back to the Latin-only standard fonts. */
export function pdfEmbedsUnicodeFont(): boolean {
  return installedFonts() !== null;
}

/** Characters the standard fonts can draw (WinAnsi: Latin-1 and the typographic signs of cp1252). */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

function winAnsiOnly(text: string): string {
  return [...text]
    .map((ch) =>
      ch === '\n' || (ch >= ' ' && ch <= '~') || (ch >= '\u00a0' && ch <= '\u00ff') || WIN_ANSI_EXTRA.has(ch)
        ? ch
        : '?',
    )
    .join('');
}

/** The text without control characters, a tab as a space and every line break as `\n`: PDFKit draws a tab or carriage return as a missing-glyph box. */
function drawableText(text: string): string {
  return withoutControlCharacters(text).replace(/\r\n?/g, '\n').replaceAll('\t', ' ');
}

/** A PDF being written, and how to make text safe for its fonts. */
export interface PdfWriter {
  doc: PDFKit.PDFDocument;
  /** The text as the document's fonts can draw it: without control characters, and Latin-1 only without an embedded Unicode font. */
  safe: (text: string) => string;
  /** Left edge and width of the text area. */
  left: number;
  width: number;
}

/**
 * Starts an A4 PDF in Accord's house layout, with its pages kept in memory so {@link finishPdf}
 * can write "Page N of M" once the number of pages is known. Embeds an installed Unicode serif
 * when there is one, else uses the standard Times and Helvetica.
 */
export function createPdf(info: { title: string; subject: string }): PdfWriter {
  const doc = new PDFKitDocument({
    size: [A4.width, A4.height],
    margins: MARGINS,
    bufferPages: true,
    info: { Title: singleLine(info.title), Subject: singleLine(info.subject), Creator: 'Accord' },
    lang: 'en',
  });
  const files = installedFonts();
  for (const [role, name] of Object.entries(PDF_FONT) as [keyof typeof PDF_FONT, string][]) {
    if (files) doc.registerFont(name, files[role]);
    else doc.registerFont(name, STANDARD_FONTS[role]);
  }
  doc.font(PDF_FONT.regular);
  return {
    doc,
    safe: files ? drawableText : (text) => winAnsiOnly(drawableText(text)),
    left: MARGINS.left,
    width: A4.width - MARGINS.left - MARGINS.right,
  };
}

/** Adds a page first when fewer than `height` points are left on this one, so a number is never parted from its text. */
export function keepSpace(writer: PdfWriter, height: number): void {
  const { doc } = writer;
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

/** Writes the title and the version line that open every PDF export, and under them a text's draft marking when it has one. */
export function pdfTitle(writer: PdfWriter, title: string, versionLine: string, marking: string | null = null): void {
  const { doc } = writer;
  doc
    .font(PDF_FONT.bold)
    .fontSize(17)
    .fillColor('#111111')
    .text(writer.safe(title), writer.left, doc.y, { width: writer.width, align: 'center' });
  doc.moveDown(0.3);
  doc
    .font(PDF_FONT.italic)
    .fontSize(11)
    .fillColor('#555555')
    .text(writer.safe(versionLine), { width: writer.width, align: 'center' });
  if (marking) {
    doc.moveDown(0.4);
    doc
      .font(PDF_FONT.sansBold)
      .fontSize(12)
      .fillColor('#a31515')
      .text(marking, { width: writer.width, align: 'center' });
  }
  doc.moveDown(1.2);
}

/** Writes the heading of a part ("PREAMBLE") with a rule under it. */
export function pdfPartHeading(writer: PdfWriter, heading: string): void {
  const { doc } = writer;
  keepSpace(writer, 60);
  doc.moveDown(0.6);
  doc
    .font(PDF_FONT.sansBold)
    .fontSize(9)
    .fillColor('#444444')
    .text(heading.toUpperCase(), writer.left, doc.y, { width: writer.width, characterSpacing: 0.8 });
  const y = doc.y + 2;
  doc
    .moveTo(writer.left, y)
    .lineTo(writer.left + writer.width, y)
    .lineWidth(0.5)
    .strokeColor('#bbbbbb')
    .stroke();
  doc.y = y + 8;
}

/** How every PDF redline draws its runs: insertions green and underlined, deletions red and struck through. */
export const PDF_REDLINE_STYLE: Record<WordChange['op'], { color: string; underline: boolean; strike: boolean }> = {
  equal: { color: '#111111', underline: false, strike: false },
  insert: { color: '#166534', underline: true, strike: false },
  delete: { color: '#991b1b', underline: false, strike: true },
};

/**
 * Writes runs of differently marked text as one flowing paragraph at (x, y) in the current font
 * and size. PDFKit carries a continued run's options over to the next, so every run states its
 * marks explicitly.
 */
export function pdfRuns(
  writer: PdfWriter,
  runs: readonly { text: string; op: WordChange['op'] }[],
  x: number,
  y: number,
  width: number,
): void {
  const { doc } = writer;
  const visible = runs.filter((run) => run.text.length > 0);
  if (visible.length === 0) {
    doc.text('', x, y, { width });
    return;
  }
  visible.forEach((run, index) => {
    const style = PDF_REDLINE_STYLE[run.op];
    const options = { width, continued: index < visible.length - 1, underline: style.underline, strike: style.strike };
    doc.fillColor(style.color);
    if (index === 0) doc.text(writer.safe(run.text), x, y, options);
    else doc.text(writer.safe(run.text), options);
  });
  doc.fillColor('#111111');
}

/** Writes "Legend: inserted text · deleted text", each in its own mark, with an optional note after them. */
export function pdfRedlineLegend(writer: PdfWriter, note?: string): void {
  const { doc } = writer;
  doc.font(PDF_FONT.sans).fontSize(9);
  const runs: { text: string; op: WordChange['op'] }[] = [
    { text: 'Legend: ', op: 'equal' },
    { text: 'inserted text', op: 'insert' },
    { text: '  ·  ', op: 'equal' },
    { text: 'deleted text', op: 'delete' },
    ...(note ? [{ text: `  ·  ${note}`, op: 'equal' as const }] : []),
  ];
  pdfRuns(writer, runs, writer.left, doc.y, writer.width);
  doc.moveDown(0.8);
}

/**
 * Writes the footer on every page ("<label> — Page N of M"), ends the document and returns its
 * bytes. The footer sits in the bottom margin, so the margin is lifted while it is written
 * (otherwise PDFKit would start a new page for it).
 */
export async function finishPdf(writer: PdfWriter, footerLabel: string): Promise<Buffer> {
  const { doc } = writer;
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font(PDF_FONT.sans)
      .fontSize(8.5)
      .fillColor('#555555')
      .text(
        writer.safe(`${singleLine(footerLabel)} — Page ${i + 1 - range.start} of ${range.count}`),
        writer.left,
        doc.page.height - 42,
        { width: writer.width, align: 'center', lineBreak: false },
      );
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}
