import type { FileChild, INumberingOptions, IRunOptions } from 'docx';
import {
  AlignmentType,
  DeletedTextRun,
  Document,
  Footer,
  HeadingLevel,
  InsertedTextRun,
  Packer,
  PageNumber,
  Paragraph,
  Tab,
  TextRun,
  UnderlineType,
} from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { WordChange } from '../../shared/redline';
import { hasControlCharacters, withoutControlCharacters } from './safeText';

/** Twips (1/20 pt) in one centimetre: Word measures indents and margins in twips. */
export const TWIPS_PER_CM = 567;

/** Formatting of a run of text, as the `docx` library takes it (without its text). */
export type WordRunStyle = Omit<IRunOptions, 'text' | 'children' | 'break'>;

/**
 * The runs that write `text` with `style`: a line break (a hard break in the editor) becomes a
 * Word line break and a tab a Word tab, so neither is left as a raw character in the XML, which
 * Word and LibreOffice would show as a space.
 */
export function wordRuns(text: string, style: WordRunStyle = {}): TextRun[] {
  return text.split('\n').map((line, index) => {
    const children: (string | Tab)[] = [];
    line.split('\t').forEach((part, i) => {
      if (i > 0) children.push(new Tab());
      if (part) children.push(part);
    });
    return new TextRun({ ...style, ...(index > 0 ? { break: 1 } : {}), children });
  });
}

/** Ids of Word revisions: unique within the process, so within every document. */
let revisionId = 0;

/**
 * A suggestion as a Word tracked change (`w:ins` / `w:del`) with its author and date, so Word and
 * LibreOffice list it under the person and delegation who made it and can accept or reject it.
 */
export function wordTrackedRun(text: string, change: { kind: 'insert' | 'delete'; by: string; at: string }) {
  const options = { id: ++revisionId, author: change.by, date: change.at || new Date(0).toISOString(), text };
  return change.kind === 'insert' ? new InsertedTextRun(options) : new DeletedTextRun(options);
}

/**
 * How every Word redline marks its runs: insertions green and underlined, deletions red and
 * struck through, the same marks as the HTML redline. Plain character formatting rather than
 * tracked changes, so every reader shows it the same and there is nothing to accept or reject.
 */
export const WORD_REDLINE_STYLE: Record<WordChange['op'], WordRunStyle> = {
  equal: {},
  insert: { color: '166534', underline: { type: UnderlineType.SINGLE } },
  delete: { color: '991B1B', strike: true },
};

/**
 * The runs that write a line of word changes with the redline's marks; with `tracked`, inserted and
 * deleted words are also Word tracked changes by that author and date (a version redline), so Word
 * and LibreOffice list them and can accept or reject them.
 */
export function wordRedlineRuns(
  words: readonly WordChange[],
  tracked?: { by: string; at: string },
): (TextRun | InsertedTextRun | DeletedTextRun)[] {
  return words.flatMap((word): (TextRun | InsertedTextRun | DeletedTextRun)[] => {
    if (!tracked || word.op === 'equal') return wordRuns(word.text, WORD_REDLINE_STYLE[word.op]);
    const options = {
      id: ++revisionId,
      author: tracked.by,
      date: tracked.at,
      text: word.text,
      ...WORD_REDLINE_STYLE[word.op],
    };
    return [word.op === 'insert' ? new InsertedTextRun(options) : new DeletedTextRun(options)];
  });
}

/** "Legend: inserted text · deleted text", each in its own mark, with an optional note after them. */
export function wordRedlineLegend(note?: string): Paragraph {
  const small = { size: 18 };
  return new Paragraph({
    spacing: { after: 240 },
    children: [
      new TextRun({ text: 'Legend: ', bold: true, ...small }),
      new TextRun({ text: 'inserted text', ...small, ...WORD_REDLINE_STYLE.insert }),
      new TextRun({ text: ' · ', ...small }),
      new TextRun({ text: 'deleted text', ...small, ...WORD_REDLINE_STYLE.delete }),
      ...(note
        ? [
            new TextRun({ text: ' · ', ...small }),
            new TextRun({ text: note, italics: true, color: '5B21B6', ...small }),
          ]
        : []),
    ],
  });
}

/** The heading of a part ("Preamble", "Operative part"). */
export function wordPartHeading(text: string): Paragraph {
  return new Paragraph({
    heading: HeadingLevel.HEADING_2,
    spacing: { before: 360, after: 160 },
    keepNext: true,
    children: [new TextRun({ text: text.toUpperCase(), bold: true, size: 20, font: 'Arial', color: '444444' })],
  });
}

/** The title and the version line that open every Word export. */
export function wordTitle(title: string, versionLine: string): Paragraph[] {
  return [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      spacing: { after: 80 },
      children: [new TextRun({ text: title, bold: true, size: 36, color: '111111' })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 400 },
      children: [new TextRun({ text: versionLine, italics: true, color: '555555' })],
    }),
  ];
}

/**
 * The package with the characters no export may carry dropped from its XML parts. The docx
 * library escapes markup but writes U+FFFE and U+FFFF as they come, and a part holding one
 * is not XML: Word refuses the file. They are never part of markup, so dropping them from the
 * serialised part drops them from the text alone. The package is rebuilt only when one is found.
 */
function withoutControlCharactersInParts(docx: Buffer): Buffer {
  const parts = unzipSync(new Uint8Array(docx));
  let changed = false;
  for (const [name, bytes] of Object.entries(parts)) {
    if (!/\.(?:xml|rels)$/.test(name)) continue;
    const xml = strFromU8(bytes);
    if (!hasControlCharacters(xml)) continue;
    parts[name] = strToU8(withoutControlCharacters(xml));
    changed = true;
  }
  return changed ? Buffer.from(zipSync(parts)) : docx;
}

/**
 * A whole Word document in Accord's house layout: A4 with 2.5 cm margins, a serif body, the
 * document title and creator in its properties, and a footer on every page with `footerLabel`
 * and "page N of M" (fields Word and LibreOffice fill in when they lay the document out).
 * Every Word export goes through here so they all look alike and open cleanly in both. A document
 * with lists gives their `numbering` definitions, and one with footnotes their text by id (the
 * ids its `FootnoteReferenceRun`s name).
 */
export async function wordDocument(options: {
  title: string;
  description: string;
  footerLabel: string;
  children: FileChild[];
  numbering?: INumberingOptions;
  footnotes?: Record<number, { children: Paragraph[] }>;
}): Promise<Buffer> {
  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({ text: `${options.footerLabel} — page `, size: 18, color: '555555' }),
          new TextRun({ children: [PageNumber.CURRENT], size: 18, color: '555555' }),
          new TextRun({ text: ' of ', size: 18, color: '555555' }),
          new TextRun({ children: [PageNumber.TOTAL_PAGES], size: 18, color: '555555' }),
        ],
      }),
    ],
  });
  const document = new Document({
    title: options.title,
    description: options.description,
    creator: 'Accord',
    ...(options.numbering ? { numbering: options.numbering } : {}),
    ...(options.footnotes ? { footnotes: options.footnotes } : {}),
    styles: {
      default: { document: { run: { font: 'Times New Roman', size: 24 }, paragraph: { spacing: { after: 120 } } } },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 1418, bottom: 1418, left: 1418, right: 1418, footer: 567 },
          },
        },
        footers: { default: footer },
        children: options.children,
      },
    ],
  });
  return withoutControlCharactersInParts(await Packer.toBuffer(document));
}
