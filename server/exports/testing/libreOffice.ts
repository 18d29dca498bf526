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
/** LibreOffice's XHTML export: the one that writes the list labels it computed from Word numbering. */
const XHTML = 'xhtml:XHTML Writer File:UTF8';
/** LibreOffice's own document format, flat: footnotes as it holds them (`text:note`). */
const FLAT_ODT = 'fodt';

/** Why a test that needs LibreOffice fails when it is not installed: never a skip. */
export const LIBREOFFICE_MISSING =
  'LibreOffice is not installed (no `soffice` on the PATH). ' +
  'Install the Debian package libreoffice-writer-nogui, as .ci/run does; every DOCX export is checked in it.';

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
 * Converts a document with headless LibreOffice into each of `targets`, as `soffice --convert-to
 * <target>` does, and returns the converted files in that order. Each call runs with a profile of
 * its own in a fresh temporary directory, so conversions may run side by side (tests in parallel)
 * without sharing a lock. A target is a LibreOffice one, such as `pdf`, `fodt` or
 * `xhtml:XHTML Writer File:UTF8`; the output's extension is its part before the first colon.
 * Throws {@link LIBREOFFICE_MISSING} when LibreOffice is not installed.
 */
export async function libreOfficeConvert(
  input: Uint8Array,
  inputExtension: string,
  targets: readonly string[],
): Promise<Buffer[]> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'accord-libreoffice-'));
  try {
    const source = path.join(dir, `document.${inputExtension}`);
    const outDir = path.join(dir, 'out');
    await fs.writeFile(source, input);
    const profile = pathToFileURL(path.join(dir, 'profile')).href;
    const outputs: Buffer[] = [];
    for (const target of targets) {
      const args = ['--headless', '--norestore', `-env:UserInstallation=${profile}`, '--convert-to', target];
      const { stdout, stderr } = await run([...args, '--outdir', outDir, source]);
      const file = path.join(outDir, `document.${target.split(':')[0]}`);
      outputs.push(
        await fs.readFile(file).catch(() => {
          throw new Error(`LibreOffice wrote no ${path.basename(file)} for the document:\n${stdout}${stderr}`);
        }),
      );
    }
    return outputs;
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

/** A footnote as LibreOffice holds it: the number it shows, and its words. */
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

/** The root element of an XML document; xmlbuilder2 parses into a DOM with the standard interfaces, typed here by the lib's. */
function parseXml(xml: string): Element {
  return create(xml).root().node as unknown as Element;
}

function hasClass(element: Element, prefix: string): boolean {
  return (element.getAttribute('class') ?? '').split(/\s+/).some((name) => name.startsWith(prefix));
}

function containsBlock(element: Element): boolean {
  return elementsOf(element).some((child) => BLOCKS.has(child.localName) || containsBlock(child));
}

/** LibreOffice's XHTML links a footnote's reference in the text to its note (`#ftn1`) and the note back to it. */
function isFootnoteAnchor(element: Element): boolean {
  return element.localName === 'a' && (element.getAttribute('id') ?? '').startsWith('body_ftn');
}

function isFootnoteNumber(element: Element): boolean {
  return element.localName === 'a' && (element.getAttribute('href') ?? '').startsWith('#body_ftn');
}

/** The text of an XHTML paragraph, its list label (or a note's number) left out and each footnote anchor written `[^n]`. */
function paragraphText(node: Node): string {
  if (node.nodeType === 3) return node.nodeValue ?? '';
  if (node.nodeType !== 1) return '';
  const element = node as Element;
  if (hasClass(element, 'ListLabel') || isFootnoteNumber(element)) return '';
  if (isFootnoteAnchor(element)) return `[^${words(element.textContent ?? '')}]`;
  return [...element.childNodes].map(paragraphText).join('');
}

/** Every innermost block of the XHTML body in order, with the number of lists it is in. */
function xhtmlBlocks(element: Element, depth: number, blocks: { element: Element; depth: number }[]): void {
  for (const child of elementsOf(element)) {
    if (BLOCKS.has(child.localName) && !containsBlock(child)) blocks.push({ element: child, depth });
    else xhtmlBlocks(child, depth + (LISTS.has(child.localName) ? 1 : 0), blocks);
  }
}

/** The text of an ODF element as it reads: `text:s` a space, `text:tab` and `text:line-break` white space. */
function odfText(node: Node): string {
  if (node.nodeType === 3) return node.nodeValue ?? '';
  if (node.nodeType !== 1) return '';
  const element = node as Element;
  if (['s', 'tab', 'line-break'].includes(element.localName)) return ' ';
  return [...element.childNodes].map(odfText).join('');
}

/** The footnotes of a flat ODT document in order, with how many paragraphs each holds. */
function odfFootnotes(fodt: string): (LibreOfficeFootnote & { paragraphs: number })[] {
  return [...parseXml(fodt).getElementsByTagName('text:note')]
    .filter((note) => note.getAttribute('text:note-class') === 'footnote')
    .map((note) => {
      const body = note.getElementsByTagName('text:note-body')[0];
      return {
        number: words(note.getElementsByTagName('text:note-citation')[0]?.textContent ?? ''),
        text: words(body ? odfText(body) : ''),
        paragraphs: body ? body.getElementsByTagName('text:p').length : 0,
      };
    });
}

/**
 * Opens a Word document in LibreOffice and reads what it shows: every paragraph with the list
 * label LibreOffice draws from Word's numbering and its list depth, and the footnotes with their
 * numbers and words. Paragraphs and labels come from LibreOffice's XHTML export, the one that
 * writes the labels it computed (its text export drops footnotes, its HTML export the labels'
 * form); footnotes from its own flat ODT, since the XHTML export drops a note's number when the
 * note holds a tab. The XHTML writes the notes' paragraphs after the text, so that many are left
 * out of `paragraphs`. A label typed into the text is text here, never a label.
 */
export async function viewDocxInLibreOffice(docx: Uint8Array): Promise<LibreOfficeView> {
  const [xhtml, fodt] = await libreOfficeConvert(docx, 'docx', [XHTML, FLAT_ODT]);
  const body = parseXml(xhtml!.toString('utf8')).getElementsByTagName('body')[0];
  if (!body) throw new Error('LibreOffice wrote an XHTML page without a body');
  const footnotes = odfFootnotes(fodt!.toString('utf8'));
  const blocks: { element: Element; depth: number }[] = [];
  xhtmlBlocks(body, 0, blocks);
  const textBlocks = blocks.slice(0, blocks.length - footnotes.reduce((sum, note) => sum + note.paragraphs, 0));
  if (textBlocks.some((block) => [...block.element.getElementsByTagName('a')].some(isFootnoteNumber)))
    throw new Error("LibreOffice's XHTML holds footnote paragraphs before the end of the text: read it again");
  const paragraphs = textBlocks.flatMap(({ element, depth }) => {
    const labelSpan = [...element.getElementsByTagName('span')].find((span) => hasClass(span, 'ListLabel'));
    const label = labelSpan ? words(labelSpan.textContent ?? '') || null : null;
    const text = words(paragraphText(element));
    return label || text ? [{ label, depth, text }] : [];
  });
  return { paragraphs, footnotes: footnotes.map(({ number, text }) => ({ number, text })) };
}
