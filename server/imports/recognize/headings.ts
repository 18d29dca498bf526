import type { DivisionLevel } from '../../../shared/structure';

/** A heading line that starts a division or an annex: its number as the file writes it and its title, if on the same line. */
export interface HeadingLine {
  kind: DivisionLevel | 'annex';
  /** "Part I", "PART ONE", "Chapter II", "Section A", "A.", "ANNEX II". */
  sourceNumber: string;
  /** The title after the number on the same line, or null when it comes on the next line or not at all. */
  title: string | null;
}

const NUMBER_WORDS = [
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
];
const ROMAN = /^[IVXLCDM]+$/;
/** What separates a heading's number from its title: "Part I — Scope", "Section A. Scope", "Annex: Scope". */
const SEPARATED = /^\s*[.:–—-]\s*(.*)$/;
/** A title on the heading's line without a separator starts with a capital or a quote ("PART ONE GENERAL PROVISIONS"). */
const JUXTAPOSED = /^\s+([A-Z“"‘'(].*)$/;

function titleAfter(rest: string): string | null | undefined {
  if (rest.trim() === '') return null;
  const match = SEPARATED.exec(rest) ?? JUXTAPOSED.exec(rest);
  if (!match) return undefined;
  return match[1]!.trim() || null;
}

/** The keyword, its number if it has one, and the title after them; null when the line goes on as a sentence. */
function headingWith(
  keyword: RegExp,
  isNumber: (token: string) => boolean,
  text: string,
): { sourceNumber: string; numbered: boolean; title: string | null } | null {
  const match = keyword.exec(text);
  if (!match) return null;
  let length = match[0].length;
  const token = /^\s+([A-Za-z]+|\d{1,3})\b/.exec(text.slice(length));
  const numbered = token !== null && isNumber(token[1]!);
  if (numbered) length += token[0].length;
  const title = titleAfter(text.slice(length));
  return title === undefined ? null : { sourceNumber: text.slice(0, length), numbered, title };
}

const partNumber = (token: string) =>
  /^\d+$/.test(token) || ROMAN.test(token) || NUMBER_WORDS.includes(token.toLowerCase());
const sectionNumber = (token: string) => /^\d+$/.test(token) || /^[A-Z]$/.test(token) || ROMAN.test(token);

/**
 * Reads a line as the heading of a part ("Part I", "PART ONE", "Chapter II — Scope"), a section
 * ("Section A", "SECTION 2: Scope") or an annex ("Annex", "Annex I", "ANNEX II: Declaration"),
 * with its title when the same line has one. A line that goes on as a sentence ("Part of the
 * work …", "Chapter II of the Charter …") is not a heading. Sections written "A. Civilian
 * protection" need their place in the text to be told from a sentence: see {@link letteredSection}.
 */
export function headingLine(text: string): HeadingLine | null {
  if (text.length > 200 || /[,;]$/.test(text)) return null;
  const part = headingWith(/^(?:Part|PART|Chapter|CHAPTER)\b/, partNumber, text);
  if (part?.numbered) return { kind: 'part', sourceNumber: part.sourceNumber, title: part.title };
  const section = headingWith(/^(?:Section|SECTION)\b/, sectionNumber, text);
  if (section?.numbered) return { kind: 'section', sourceNumber: section.sourceNumber, title: section.title };
  const annex = headingWith(/^(?:Annex|ANNEX)\b/, sectionNumber, text);
  return annex ? { kind: 'annex', sourceNumber: annex.sourceNumber, title: annex.title } : null;
}

/**
 * Reads "A. Civilian protection" as a section heading when `expected()` is the letter the next
 * section of the part would have: a capital, a full stop, a short title without closing
 * punctuation. Anywhere else such a line is a sentence.
 */
export function letteredSection(text: string, expected: () => string): HeadingLine | null {
  const match = /^([A-Z])\.\s+(\S.{0,150})$/.exec(text);
  if (!match || /[.,;:]$/.test(match[2]!) || match[1] !== expected()) return null;
  return { kind: 'section', sourceNumber: `${match[1]}.`, title: match[2]!.trim() };
}

/** "The General Assembly,", "The Human Rights Council,", "The States participating in this Framework,": the opening formula. */
export function isFormula(text: string): boolean {
  return /^The\s+[A-Z][\w’'\- ]{1,100},$/.test(text) && text.split(/\s+/).length <= 12;
}

/** Whether a line after a heading without a title reads as that title: short, and not a sentence or a list's lead-in. */
export function isTitleLike(text: string): boolean {
  return text.length <= 200 && !/[.,;:]$/.test(text);
}

/** "A/RES/80/12", "A/HRC/RES/58/3": a document symbol, which is not a title. */
export function isDocumentSymbol(text: string): boolean {
  return /^[A-Z]{1,8}(?:\/[A-Z0-9.()-]+){2,}$/.test(text);
}
