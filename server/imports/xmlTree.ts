import { create } from 'xmlbuilder2';
import { MAX_IMPORT_BYTES, formatImportLimit } from '../../shared/importLimits';
import { ApiError } from '../errors';
import { NotWellFormed, checkWellFormed } from './xmlWellFormed';

/** An element of a parsed XML file: its local name (no prefix), its attributes by local name, its children in order. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}

/** A child of an element: an element, or a run of text (CDATA included). */
export type XmlNode = XmlElement | string;

/** Deepest nesting of elements read; a real document is a few dozen deep, and reading is recursive. */
const MAX_XML_DEPTH = 200;

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_NODE = 4;

/** The element children of an element. */
export function elementsOf(element: XmlElement): XmlElement[] {
  return element.children.filter((child): child is XmlElement => typeof child !== 'string');
}

/** The first element child with one of `names`. */
export function childNamed(element: XmlElement, ...names: string[]): XmlElement | undefined {
  return elementsOf(element).find((child) => names.includes(child.name));
}

function invalidXml(detail: string): ApiError {
  return new ApiError(422, 'invalid_xml', `The file is not well-formed XML (${detail}). Export it again and retry.`);
}

function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}

function toTree(node: Node, depth: number): XmlElement {
  if (depth > MAX_XML_DEPTH) throw invalidXml(`elements are nested more than ${MAX_XML_DEPTH} deep`);
  const element = node as Element;
  const attrs: Record<string, string> = {};
  for (let i = 0; i < element.attributes.length; i++) {
    const attribute = element.attributes.item(i);
    if (attribute && !attribute.name.startsWith('xmlns')) attrs[localName(attribute.name)] = attribute.value;
  }
  const children: XmlNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === ELEMENT_NODE) children.push(toTree(child, depth + 1));
    else if (child.nodeType === TEXT_NODE || child.nodeType === CDATA_NODE) children.push(child.nodeValue ?? '');
  }
  return { name: localName(element.nodeName), attrs, children };
}

/**
 * Parses an XML file into a plain tree, refusing what could harm the server: a file over
 * MAX_IMPORT_BYTES, and any DOCTYPE or entity declaration (external entities can read the
 * server's files, nested ones expand without bound), so only the five predefined entities and
 * character references are ever expanded; and refusing a file that is not well-formed (cut
 * short, tags crossed, an undefined entity), which the parser alone would read as some other
 * text. Every refusal is an ApiError saying what to do.
 */
export function parseXml(xml: string): XmlElement {
  if (Buffer.byteLength(xml, 'utf8') > MAX_IMPORT_BYTES) {
    throw new ApiError(
      413,
      'file_too_large',
      `The file is larger than ${formatImportLimit()}, the most that can be imported.`,
    );
  }
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    throw new ApiError(
      422,
      'xml_doctype_refused',
      'The file declares a DOCTYPE or entities, which are refused for safety. Remove the <!DOCTYPE …> declaration and import it again.',
    );
  }
  // xmlbuilder2 decodes `&amp;` before character references, so `&amp;#38;` (the text "&#38;")
  // would read as "&"; written as `&#38;#38;` it reads right. CDATA sections are left as they are.
  const escaped = xml
    .replace(/^\uFEFF/, '')
    .replace(/<!\[CDATA\[[\s\S]*?\]\]>|&amp;#/g, (match) => (match === '&amp;#' ? '&#38;#' : match));
  try {
    checkWellFormed(escaped);
  } catch (error) {
    if (error instanceof NotWellFormed) throw invalidXml(error.message);
    throw error;
  }
  let document: Node;
  try {
    // Whitespace between inline elements (`<docStage>…</docStage> <docType>`) is part of the text.
    document = create({ skipWhitespaceOnlyText: false }, escaped).node as unknown as Node;
  } catch (error) {
    throw invalidXml(error instanceof Error ? error.message : 'it cannot be read');
  }
  let root: Node | null = null;
  for (let child = document.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === ELEMENT_NODE) root = child;
  }
  if (!root) throw invalidXml('there is no root element');
  return toTree(root, 0);
}
