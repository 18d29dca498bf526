import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { create } from 'xmlbuilder2';

/** The LibreOffice binary; Debian's libreoffice-writer-nogui puts it on the PATH (`.ci/run` installs it). */
const SOFFICE = 'soffice';
/** How long one conversion may take: a cold start with a fresh profile on a loaded machine is a few seconds. */
const CONVERT_TIMEOUT_MS = 120_000;

/** Why a test that needs LibreOffice fails when it is not installed: never a skip. */
export const LIBREOFFICE_MISSING =
  'LibreOffice is not installed (no `soffice` on the PATH). Install the Debian package libreoffice-writer-nogui, as .ci/run does; every DOCX export is checked in it.';

function run(args: readonly string[]): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(SOFFICE, args, { timeout: CONVERT_TIMEOUT_MS }, (error, stdout, stderr) => {
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') reject(new Error(LIBREOFFICE_MISSING));
      else if (error) reject(new Error(`soffice failed: ${error.message}\n${stderr}`));
      else resolve({ stdout, stderr });
    });
  });
}

/**
 * Converts a document with headless LibreOffice, as `soffice --convert-to <convertTo>` does, and
 * returns the converted file. Each call runs with a profile of its own in a fresh temporary
 * directory, so conversions may run side by side (tests in parallel) without sharing a lock.
 * `convertTo` is a LibreOffice target, such as `pdf` or `xhtml:XHTML Writer File:UTF8`; the
 * output's extension is its part before the first colon. Throws {@link LIBREOFFICE_MISSING}
 * when LibreOffice is not installed.
 */
export async function libreOfficeConvert(
  input: Uint8Array,
  inputExtension: string,
  convertTo: string,
): Promise<Buffer> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'accord-libreoffice-'));
  try {
    const source = path.join(dir, `document.${inputExtension}`);
    const outDir = path.join(dir, 'out');
    await fs.writeFile(source, input);
    const profile = pathToFileURL(path.join(dir, 'profile')).href;
    const { stdout, stderr } = await run([
      '--headless',
      '--norestore',
      `-env:UserInstallation=${profile}`,
      '--convert-to',
      convertTo,
      '--outdir',
      outDir,
      source,
    ]);
    const target = path.join(outDir, `document.${convertTo.split(':')[0]}`);
    try {
      return await fs.readFile(target);
    } catch {
      throw new Error(`LibreOffice wrote no ${path.basename(target)} for the document:\n${stdout}${stderr}`);
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** A paragraph as LibreOffice lays out a Word document. */
export interface LibreOfficeParagraph {
  /** The list label LibreOffice drew from the paragraph's Word numbering, "(a)"; null when it has none. */
  label: string | null;
  /** How many lists the paragraph is in: 0 outside any, 1 for a first-level point, 2 for the next … */
  depth: number;
  /** Its words, without the label, each footnote reference as the number LibreOffice shows: "States[^1]:". */
  text: string;
}

/** A footnote as LibreOffice shows it: the number it draws, and its text. */
export interface LibreOfficeFootnote {
  number: string;
  text: string;
}

/** What LibreOffice shows of a Word document: its paragraphs in order, then its footnotes. */
export interface LibreOfficeView {
  paragraphs: LibreOfficeParagraph[];
  footnotes: LibreOfficeFootnote[];
}

const BLOCKS = new Set(['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const LISTS = new Set(['ol', 'ul']);

function words(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function elementsOf(node: Node): Element[] {
  return [...node.childNodes].filter((child): child is Element => child.nodeType === 1);
}

function hasClass(element: Element, prefix: string): boolean {
  return (element.getAttribute('class') ?? '').split(/\s+/).some((name) => name.startsWith(prefix));
}

function containsBlock(element: Element): boolean {
  return elementsOf(element).some((child) => BLOCKS.has(child.localName) || containsBlock(child));
}

/** LibreOffice links a footnote's reference in the text to its note (`#ftn1`) and the note back to it (`#body_ftn1`). */
function isFootnoteAnchor(element: Element): boolean {
  return element.localName === 'a' && (element.getAttribute('id') ?? '').startsWith('body_ftn');
}

function isFootnoteNumber(element: Element): boolean {
  return element.localName === 'a' && (element.getAttribute('href') ?? '').startsWith('#body_ftn');
}

/** The text of a paragraph, its list label (or a note's number) left out and each footnote anchor written `[^n]`. */
function paragraphText(node: Node): string {
  if (node.nodeType === 3) return node.nodeValue ?? '';
  if (node.nodeType !== 1) return '';
  const element = node as Element;
  if (hasClass(element, 'ListLabel') || isFootnoteNumber(element)) return '';
  if (isFootnoteAnchor(element)) return `[^${words(element.textContent ?? '')}]`;
  return [...element.childNodes].map(paragraphText).join('');
}

function readBlock(element: Element, depth: number, view: LibreOfficeView): void {
  const noteNumber = [...element.getElementsByTagName('a')].find(isFootnoteNumber);
  if (noteNumber) {
    view.footnotes.push({ number: words(noteNumber.textContent ?? ''), text: words(paragraphText(element)) });
    return;
  }
  const labelSpan = [...element.getElementsByTagName('span')].find((span) => hasClass(span, 'ListLabel'));
  const label = labelSpan ? words(labelSpan.textContent ?? '') || null : null;
  const text = words(paragraphText(element));
  if (label || text) view.paragraphs.push({ label, depth, text });
}

function walk(element: Element, depth: number, view: LibreOfficeView): void {
  for (const child of elementsOf(element)) {
    if (BLOCKS.has(child.localName) && !containsBlock(child)) readBlock(child, depth, view);
    else walk(child, depth + (LISTS.has(child.localName) ? 1 : 0), view);
  }
}

/**
 * Opens a Word document in LibreOffice and reads what it shows: every paragraph with the list
 * label LibreOffice draws from Word's numbering and its list depth, and the footnotes with their
 * numbers and text. It goes through LibreOffice's XHTML export, the one that writes both the
 * labels it computed and the footnotes (its text export drops footnotes, its HTML export drops
 * the labels' form). A label typed into the text is text, never a label here.
 */
export async function viewDocxInLibreOffice(docx: Uint8Array): Promise<LibreOfficeView> {
  const xhtml = (await libreOfficeConvert(docx, 'docx', 'xhtml:XHTML Writer File:UTF8')).toString('utf8');
  // xmlbuilder2 parses into a DOM with the standard interfaces, read here through the lib's DOM types.
  const root = create(xhtml).root().node as unknown as Element;
  const body = root.getElementsByTagName('body')[0];
  if (!body) throw new Error('LibreOffice wrote an XHTML page without a body');
  const view: LibreOfficeView = { paragraphs: [], footnotes: [] };
  walk(body, 0, view);
  return view;
}
