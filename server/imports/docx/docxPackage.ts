import { strFromU8, unzipSync } from 'fflate';
import { create } from 'xmlbuilder2';
import { MAX_IMPORT_UNPACKED_BYTES, formatImportLimit } from '../../../shared/importLimits';
import { ApiError } from '../../errors';

/** The parts of a Word document the importer reads, parsed; the optional ones are null when the document has none. */
export interface DocxPackage {
  document: Element;
  styles: Element | null;
  numbering: Element | null;
  footnotes: Element | null;
  endnotes: Element | null;
}

/** The 400 a file that is not a readable Word document gets, with what to do. */
export function invalidDocx(detail: string): ApiError {
  return new ApiError(
    400,
    'invalid_docx',
    `This file is not a Word document that can be read (${detail}). Save it as .docx from Word or LibreOffice and try again.`,
  );
}

/**
 * Checks that the bytes are a zip holding a Word document, from the zip's directory alone (no
 * entry is unpacked), and that it does not unpack to more than MAX_IMPORT_UNPACKED_BYTES.
 */
function checkPackage(bytes: Uint8Array): void {
  let unpacked = 0;
  let hasDocument = false;
  try {
    unzipSync(bytes, {
      filter: (entry) => {
        unpacked += entry.originalSize;
        if (entry.name === 'word/document.xml') hasDocument = true;
        return false;
      },
    });
  } catch {
    throw invalidDocx('it is not a valid .docx package');
  }
  if (!hasDocument) throw invalidDocx('the package has no Word document in it');
  if (unpacked > MAX_IMPORT_UNPACKED_BYTES) {
    throw new ApiError(
      413,
      'file_too_large',
      `This document unpacks to more than ${formatImportLimit(MAX_IMPORT_UNPACKED_BYTES)}, more than a draft can hold.`,
    );
  }
}

/** The elements among a node's children. */
export function childElements(node: Node): Element[] {
  const elements: Element[] = [];
  node.childNodes.forEach((item) => {
    if (item.nodeType === 1) elements.push(item as Element);
  });
  return elements;
}

/** The first child element with this local name (`w:` and any other prefix alike). */
export function child(node: Node, name: string): Element | null {
  return childElements(node).find((element) => element.localName === name) ?? null;
}

/** An attribute by its local name (`w:val`, `w:id`), whatever its prefix. */
export function attribute(element: Element | null, name: string): string | null {
  if (!element) return null;
  for (const attr of Array.from(element.attributes)) if (attr.localName === name) return attr.value;
  return null;
}

function parse(xml: string, part: string): Element {
  try {
    const root = create({ skipWhitespaceOnlyText: false }, xml).root().node as unknown as Element;
    if (!root) throw new Error('empty');
    return root;
  } catch {
    throw invalidDocx(`its part ${part} is not well-formed XML`);
  }
}

/** Where the main document's relationships point for each kind of part: styles, numbering, footnotes, endnotes. */
function partTargets(files: Record<string, Uint8Array>): Map<string, string> {
  const targets = new Map<string, string>([
    ['styles', 'word/styles.xml'],
    ['numbering', 'word/numbering.xml'],
    ['footnotes', 'word/footnotes.xml'],
    ['endnotes', 'word/endnotes.xml'],
  ]);
  const rels = files['word/_rels/document.xml.rels'];
  if (!rels) return targets;
  for (const relationship of childElements(parse(strFromU8(rels), 'word/_rels/document.xml.rels'))) {
    const kind = /\/(styles|numbering|footnotes|endnotes)$/.exec(attribute(relationship, 'Type') ?? '')?.[1];
    const target = attribute(relationship, 'Target');
    if (kind && target && attribute(relationship, 'TargetMode') !== 'External')
      targets.set(kind, target.startsWith('/') ? target.slice(1) : `word/${target}`);
  }
  return targets;
}

/**
 * Opens a .docx: checks the package (a zip with a Word document, within the unpacked limit),
 * unpacks only its XML parts and parses the ones the importer reads, found through the main
 * document's relationships. Throws `invalid_docx` (400) or `file_too_large` (413).
 */
export function readDocxPackage(bytes: Uint8Array): DocxPackage {
  checkPackage(bytes);
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (entry) => /\.(?:xml|rels)$/.test(entry.name) });
  } catch {
    throw invalidDocx('it is not a valid .docx package');
  }
  const targets = partTargets(files);
  const part = (kind: string): Element | null => {
    const name = targets.get(kind)!;
    const data = files[name];
    return data ? parse(strFromU8(data), name) : null;
  };
  return {
    document: parse(strFromU8(files['word/document.xml']!), 'word/document.xml'),
    styles: part('styles'),
    numbering: part('numbering'),
    footnotes: part('footnotes'),
    endnotes: part('endnotes'),
  };
}
