import type { NumberingReference } from './docx/docxNumbering';
import { DocxNumbering, numberingReference, readStyles } from './docx/docxNumbering';
import { attribute, child, childElements, readDocxPackage } from './docx/docxPackage';
import type { ImportLine, ReadLines } from './ImportPreview';
import { inlineNote } from './text/inlineNote';

/** A paragraph of the document as read, before its numbering is counted. */
interface RawParagraph {
  text: string;
  styleId: string | null;
  numbering: NumberingReference | null;
}

/** What is left out of the text: deleted and moved-away revisions, field codes, the marks of notes and comments. */
const SKIPPED = new Set([
  'del',
  'moveFrom',
  'delText',
  'instrText',
  'pPr',
  'rPr',
  'sectPr',
  'footnoteRef',
  'endnoteRef',
  'commentReference',
  'annotationRef',
  'fldData',
]);

const HEADING_STYLE = /^(?:title|subtitle|heading\s*\d)$/i;

/** Reads the paragraphs of a document part (body, note, text box) in reading order. */
class ParagraphReader {
  readonly paragraphs: RawParagraph[] = [];

  constructor(private readonly note: (kind: 'footnote' | 'endnote', id: string) => string) {}

  blocks(parent: Element): void {
    for (const element of childElements(parent)) {
      if (element.localName === 'p') this.paragraph(element);
      else if (element.localName === 'AlternateContent') this.blocks(this.alternative(element));
      else if (!SKIPPED.has(element.localName)) this.blocks(element);
    }
  }

  /** Of the alternatives Word writes for a drawing or text box, the fallback (the other repeats it). */
  private alternative(element: Element): Element {
    return child(element, 'Fallback') ?? child(element, 'Choice') ?? element;
  }

  private paragraph(p: Element): void {
    const properties = child(p, 'pPr');
    const paragraph: RawParagraph = {
      text: '',
      styleId: attribute(properties && child(properties, 'pStyle'), 'val'),
      numbering: numberingReference(properties),
    };
    this.paragraphs.push(paragraph);
    const inner = new ParagraphReader(this.note);
    this.inline(p, paragraph, inner);
    // A text box in the paragraph is read after it.
    this.paragraphs.push(...inner.paragraphs);
  }

  private inline(parent: Element, paragraph: RawParagraph, inner: ParagraphReader): void {
    for (const element of childElements(parent)) {
      switch (element.localName) {
        case 't':
          paragraph.text += element.textContent ?? '';
          break;
        case 'tab':
        case 'ptab':
          paragraph.text += '\t';
          break;
        case 'br':
        case 'cr':
          paragraph.text += '\n';
          break;
        case 'noBreakHyphen':
          paragraph.text += '-';
          break;
        case 'footnoteReference':
        case 'endnoteReference':
          paragraph.text += this.note(
            element.localName === 'footnoteReference' ? 'footnote' : 'endnote',
            attribute(element, 'id') ?? '',
          );
          break;
        case 'txbxContent':
          inner.blocks(element);
          break;
        case 'AlternateContent':
          this.inline(this.alternative(element), paragraph, inner);
          break;
        default:
          if (!SKIPPED.has(element.localName)) this.inline(element, paragraph, inner);
      }
    }
  }
}

/** The notes of a notes part (footnotes.xml, endnotes.xml) by id, each as one line of plain text. */
function readNotes(part: Element | null): Map<string, string> {
  const notes = new Map<string, string>();
  for (const note of part ? childElements(part) : []) {
    const id = attribute(note, 'id');
    if (id === null || attribute(note, 'type')) continue; // separators and continuation notices
    const reader = new ParagraphReader(() => '');
    reader.blocks(note);
    notes.set(
      id,
      reader.paragraphs
        .map((p) => p.text)
        .join(' ')
        .replace(/\s+/g, ' ')
        .trim(),
    );
  }
  return notes;
}

/**
 * Reads a .docx as lines for the clause recognizer, from its XML parts: each paragraph's text
 * (body, tables, content controls and text boxes in reading order; deleted revisions and field
 * codes left out), its footnotes and endnotes written in as `^[note]` where their references
 * stand, whether Word numbers it and how (the list, the level, the level's number format and the
 * label Word shows: automatic numbering is not in the text), and whether it is styled as a title
 * or heading. Throws `invalid_docx` (400) for anything that is not a readable Word document.
 */
export function readDocxLines(bytes: Uint8Array): ReadLines {
  const parts = readDocxPackage(bytes);
  const warnings: string[] = [];
  const footnotes = readNotes(parts.footnotes);
  const endnotes = readNotes(parts.endnotes);
  const reader = new ParagraphReader((kind, id) => {
    const note = (kind === 'footnote' ? footnotes : endnotes).get(id);
    return note === undefined ? '' : inlineNote(note, warnings);
  });
  const body = child(parts.document, 'body');
  if (body) reader.blocks(body);
  const styles = readStyles(parts.styles);
  const numbering = new DocxNumbering(parts.numbering, styles);
  const lines: ImportLine[] = [];
  for (const paragraph of reader.paragraphs) {
    const reference = numbering.referenceOf(paragraph.numbering, paragraph.styleId);
    const list = reference ? numbering.next(reference) : null;
    const heading = HEADING_STYLE.test(styles.get(paragraph.styleId ?? '')?.name ?? paragraph.styleId ?? '');
    // A line break inside a paragraph starts a new line; only the first keeps the paragraph's numbering.
    paragraph.text.split('\n').forEach((text, index) => lines.push({ text, list: index === 0 ? list : null, heading }));
  }
  return { lines, warnings };
}
