import { readFileSync } from 'node:fs';
import type { ImportSource } from '../readImportFile';
import { buildDocx } from './buildDocx';
import type { Listing } from './listing';

export type { Listing } from './listing';
export { outlineListing, previewListing } from './listing';

/** What importing a corpus document must create, and what its preview must warn about. */
export interface CorpusExpectation {
  /** The draft's structure, line by line (see `Listing`). */
  listing: Listing;
  /** The warnings the preview must give, in order, each as the words it must contain; no other warning may appear. */
  warnings: string[];
}

/** One document of the import corpus: a file in the style of a real instrument, written for the tests. */
export interface CorpusDocument {
  name: string;
  /** The file name it is uploaded under (its extension tells the format). */
  fileName: string;
  format: ImportSource;
  /** What it is in the corpus for. */
  shows: string;
  /** Its bytes: the committed file, or a .docx built from its committed description. */
  bytes: () => Promise<Uint8Array>;
  expected: CorpusExpectation;
}

function source(file: string): string {
  return readFileSync(new URL(`./${file}`, import.meta.url), 'utf8');
}

function expectation(name: string): CorpusExpectation {
  const lines = source(`${name}.expected`)
    .split('\n')
    .filter((line) => line.trim() !== '');
  return {
    listing: lines.filter((line) => !line.startsWith('warning: ')),
    warnings: lines.filter((line) => line.startsWith('warning: ')).map((line) => line.slice('warning: '.length)),
  };
}

/** The extension a corpus document is uploaded with, by format. */
const EXTENSIONS: Record<ImportSource, string> = { docx: 'docx', markdown: 'md', text: 'txt', akn: 'xml' };

function corpusDocument(name: string, format: ImportSource, shows: string): CorpusDocument {
  const file = format === 'docx' ? `${name}.docx.txt` : `${name}.${EXTENSIONS[format]}`;
  return {
    name,
    fileName: `${name}.${EXTENSIONS[format]}`,
    format,
    shows,
    bytes: async () => (format === 'docx' ? buildDocx(source(file)) : new TextEncoder().encode(source(file))),
    expected: expectation(name),
  };
}

/**
 * The import corpus: documents in the style of real instruments (in words of our own), each with
 * what importing it must create, line by line, beside it in `<name>.expected`. The import tests
 * run every one through the HTTP import route; other checks (an Akoma Ntoso round trip, opening
 * the exports in LibreOffice) can run the same list.
 */
export const CORPUS: readonly CorpusDocument[] = [
  corpusDocument('ga-resolution', 'docx', 'a General Assembly resolution with points (a) › (i) › (A), labels typed'),
  corpusDocument('hrc-footnotes', 'docx', 'a Human Rights Council resolution with Word footnotes'),
  corpusDocument('framework-parts', 'markdown', 'a framework in parts and sections, headings in several forms'),
  corpusDocument('annex', 'text', 'a decision with one annex, its title on the next line'),
  corpusDocument('two-annexes', 'text', 'a decision with two annexes, one with sections'),
  corpusDocument('word-numbering', 'docx', "Word's automatic numbering three levels deep"),
  corpusDocument('word-separate-lists', 'docx', 'Word numbering with points in lists of their own, restarting'),
  corpusDocument('typed-labels', 'text', 'typed labels "a)" and "(i)" in plain text, with a notes block'),
  corpusDocument(
    'ambiguous-i',
    'text',
    'an "(i)" after "(h)" that is a letter, one after a colon that opens a level, one unsure',
  ),
  corpusDocument('markdown-notes', 'markdown', 'Markdown footnotes, inline notes and nested lists'),
  corpusDocument(
    'cables-akn',
    'akn',
    "Accord's own Akoma Ntoso export: formula, parts and sections, points to (A), footnotes and an annex",
  ),
];
