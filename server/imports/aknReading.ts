import type { ClauseKind } from '../../shared/clauses';
import { clauseNumber } from '../../shared/clauses';
import { MAX_FOOTNOTE_LENGTH } from '../../shared/limits';
import { footnoteText } from '../../shared/outline';
import { CLAUSE_ID_PATTERN } from '../../shared/schema/attributes';
import { ApiError } from '../errors';
import { holdsInline } from './text/inlineNote';
import type { XmlElement, XmlNode } from './xmlTree';
import { elementsOf } from './xmlTree';

/** What reading one Akoma Ntoso document keeps track of: notes kept in `meta`, warnings, ids taken, clause numbers so far. */
export interface AknReading {
  /** The notes of `meta/notes`, by eId (and older `id`), for `noteRef`s. */
  notes: Map<string, XmlElement>;
  /** Sentences for the preview, in order, each once. */
  warnings: Set<string>;
  /** Ids already given (from `GUID`s), so a repeated one is not given twice. */
  ids: Set<string>;
  counters: Record<ClauseKind, number>;
  annexIndex: number;
}

/** A fresh reading of a document whose `meta` is `meta` (if it has one). */
export function aknReading(meta: XmlElement | undefined): AknReading {
  const notes = new Map<string, XmlElement>();
  for (const group of meta ? elementsOf(meta).filter((el) => el.name === 'notes') : []) {
    for (const note of elementsOf(group)) {
      for (const key of [note.attrs.eId, note.attrs.id, note.attrs.GUID]) if (key) notes.set(key, note);
    }
  }
  return {
    notes,
    warnings: new Set(),
    ids: new Set(),
    counters: { preambular: 0, operative: 0, annex: 0 },
    annexIndex: 0,
  };
}

/** Adds a warning for the preview (the same sentence is kept once). */
export function warn(reading: AknReading, message: string): void {
  reading.warnings.add(message);
}

/** The number the next clause of `kind` will have in the new draft ("OP4", "A1.2"), to name it in warnings. */
export function nextClauseNumber(reading: AknReading, kind: ClauseKind): string {
  return clauseNumber(kind, reading.counters[kind]++, reading.annexIndex);
}

/** An id from a `GUID` (Accord's export writes its ids there), when it is a valid id not already given. */
export function takeId(reading: AknReading, element: XmlElement): { id?: string } {
  const id = element.attrs.GUID;
  if (!id || !CLAUSE_ID_PATTERN.test(id) || reading.ids.has(id)) return {};
  reading.ids.add(id);
  return { id };
}

/** A text shortened for a message, at a word: “Recalling its resolution …”. */
export function quoteShort(text: string): string {
  if (text.length <= 60) return `“${text}”`;
  const cut = text.slice(0, 58);
  const end = cut.lastIndexOf(' ');
  return `“${(end > 30 ? cut.slice(0, end) : cut).trimEnd()} …”`;
}

/** Pretty-printing's line breaks and indentation become one space; the ends are trimmed. Spaces within a line are kept. */
export function tidySpace(text: string): string {
  return text
    .replace(/[ \t]*[\r\n][\s]*/g, ' ')
    .replace(/\t/g, ' ')
    .trim();
}

/** Elements read as a line break or nothing inside a paragraph. */
const BREAKS = new Set(['br', 'eol', 'eop']);
const SKIPPED_INLINE = new Set(['img', 'object', 'marker']);

/** Where a text is read: `notes: false` where a footnote cannot be kept (a title, a heading, the formula). */
interface InlineOptions {
  notes: boolean;
  where: string;
  /** Reading a note's own words: a note inside it (even one referring back to it) is not read. */
  inNote?: boolean;
}

function noteContent(reading: AknReading, note: XmlElement, where: string): string {
  const text = inlineOf(reading, note, { notes: false, where: `a footnote in ${where}`, inNote: true })
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length > MAX_FOOTNOTE_LENGTH) {
    throw new ApiError(
      422,
      'footnote_too_long',
      `A footnote in ${where} (${quoteShort(text)}) is longer than ${MAX_FOOTNOTE_LENGTH} characters; shorten it before importing.`,
    );
  }
  // A note holds square brackets one level deep ("A/HRC/57/30 [advance unedited version]"), as `^[…]` reads them.
  if (holdsInline(text)) return text;
  warn(reading, `A footnote in ${where} had square brackets that do not pair up; they became round brackets.`);
  return text.replaceAll('[', '(').replaceAll(']', ')');
}

function inlineOf(reading: AknReading, element: XmlElement, options: InlineOptions): string {
  const parts: string[] = [];
  const visit = (node: XmlNode): void => {
    if (typeof node === 'string') {
      parts.push(node);
      return;
    }
    if (BREAKS.has(node.name)) parts.push(' ');
    else if (SKIPPED_INLINE.has(node.name)) return;
    else if ((node.name === 'authorialNote' || node.name === 'noteRef') && options.inNote)
      warn(reading, `A note within ${options.where} was left out: a footnote holds no notes of its own.`);
    else if (node.name === 'authorialNote' || node.name === 'noteRef') {
      const note = node.name === 'noteRef' ? reading.notes.get((node.attrs.href ?? '').replace(/^#/, '')) : node;
      if (!note) {
        warn(reading, `A reference to a note in ${options.where} points to no note in the file; it was left out.`);
        return;
      }
      const text = noteContent(reading, note, options.where);
      if (options.notes) parts.push(footnoteText(text));
      else if (text)
        warn(
          reading,
          `A footnote in ${options.where} was left out, as footnotes stand only in paragraphs: ${quoteShort(text)}.`,
        );
    } else
      // Block elements inside a note or a paragraph (a note's own `p`s) are read as one run of text.
      for (const child of node.children) {
        const before = parts.length;
        visit(child);
        if (typeof child !== 'string' && child.name === 'p' && parts.length > before) parts.push(' ');
      }
  };
  for (const child of element.children) {
    visit(child);
    if (typeof child !== 'string' && child.name === 'p') parts.push(' ');
  }
  return parts.join('');
}

/**
 * The text of an inline element (a `p`, `num`, `heading`, `docTitle` …): its text and that of the
 * elements within, footnotes (`authorialNote`, or a `noteRef` to `meta/notes`) as `^[note]` where
 * they stand, line breaks as spaces, pretty-printing's whitespace tidied. Where `notes` is false, a
 * footnote is left out with a warning.
 */
export function inlineText(reading: AknReading, element: XmlElement, options: InlineOptions): string {
  return tidySpace(inlineOf(reading, element, options));
}
