/** An XML name (an element's or an attribute's), prefix included. */
const NAME = String.raw`[\p{L}_:][\p{L}\p{N}_.:\-\u00B7]*`;
/** A start tag or an empty-element tag: its name, its attributes (each value quoted, with no `<`), and `/` if empty. */
const START_TAG = new RegExp(String.raw`<(${NAME})((?:\s+${NAME}\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(/?)>`, 'uy');
const END_TAG = new RegExp(String.raw`</(${NAME})\s*>`, 'uy');
/** The references XML itself defines: the five named entities and character references. */
const REFERENCE = /&(?:lt|gt|amp|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/y;

/** Why a file is not well-formed, and where: the sentence of the refusal names it. */
export class NotWellFormed extends Error {}

function lineOf(xml: string, index: number): number {
  let line = 1;
  for (let at = xml.indexOf('\n'); at !== -1 && at < index; at = xml.indexOf('\n', at + 1)) line++;
  return line;
}

function fail(xml: string, index: number, what: string): never {
  throw new NotWellFormed(`line ${lineOf(xml, index)}: ${what}`);
}

/** Checks that every `&` in a run of text or an attribute value starts a reference XML defines. */
function checkReferences(xml: string, from: number, to: number): void {
  for (let at = xml.indexOf('&', from); at !== -1 && at < to; at = xml.indexOf('&', at + 1)) {
    REFERENCE.lastIndex = at;
    if (!REFERENCE.test(xml)) {
      const written = /^&[^\s&<;]{0,12};?/.exec(xml.slice(at))![0];
      fail(xml, at, `“${written}” is not a character XML defines; write the character itself, or “&amp;” for “&”`);
    }
  }
}

/**
 * Checks what the lenient parser xmlbuilder2 lets through (it builds a tree from any tags it
 * finds): that every element is closed, by an end tag of its own name, in order; that there is
 * one root element and only white space, comments and processing instructions around it; that
 * comments, CDATA sections and processing instructions are closed; and that every `&` starts a
 * reference XML defines (`&nbsp;` does not, without a DTD). A truncated or hand-damaged file is
 * then refused rather than read as some other text. One pass over the file, no backtracking
 * beyond a tag. Throws {@link NotWellFormed} with the line and what is wrong. DOCTYPE and entity
 * declarations are refused before this runs (see parseXml).
 */
export function checkWellFormed(xml: string): void {
  const open: { name: string; at: number }[] = [];
  let rootSeen = false;
  let at = 0;
  while (at < xml.length) {
    const tag = xml.indexOf('<', at);
    const textEnd = tag === -1 ? xml.length : tag;
    if (open.length === 0 && xml.slice(at, textEnd).trim() !== '')
      fail(xml, at, rootSeen ? 'there is text after the root element' : 'there is text before the root element');
    checkReferences(xml, at, textEnd);
    if (tag === -1) break;
    at = tag;
    const closed = (opening: string, closing: string, what: string): number => {
      if (!xml.startsWith(opening, at)) return -1;
      const end = xml.indexOf(closing, at + opening.length);
      if (end === -1) fail(xml, at, `${what} is never closed`);
      return end + closing.length;
    };
    const skipped = Math.max(closed('<!--', '-->', 'a comment'), closed('<?', '?>', 'a processing instruction'));
    if (skipped !== -1) {
      at = skipped;
      continue;
    }
    const cdataEnd = closed('<![CDATA[', ']]>', 'a CDATA section');
    if (cdataEnd !== -1) {
      if (open.length === 0) fail(xml, at, 'a CDATA section stands outside the root element');
      at = cdataEnd;
      continue;
    }
    END_TAG.lastIndex = at;
    const end = END_TAG.exec(xml);
    if (end) {
      const element = open.pop();
      if (!element) fail(xml, at, `</${end[1]}> closes no element`);
      if (element.name !== end[1])
        fail(xml, at, `</${end[1]}> closes <${element.name}> opened on line ${lineOf(xml, element.at)}`);
      at = END_TAG.lastIndex;
      continue;
    }
    START_TAG.lastIndex = at;
    const start = START_TAG.exec(xml);
    if (!start) fail(xml, at, `a tag cannot be read: “${xml.slice(at, at + 40).split('\n')[0]}”`);
    if (open.length === 0 && rootSeen) fail(xml, at, `<${start[1]}> is a second root element`);
    rootSeen = true;
    checkReferences(xml, at, START_TAG.lastIndex);
    if (!start[3]) open.push({ name: start[1]!, at });
    at = START_TAG.lastIndex;
  }
  const unclosed = open.pop();
  if (unclosed) fail(xml, unclosed.at, `<${unclosed.name}> is never closed: the file may be cut short`);
  if (!rootSeen) throw new NotWellFormed('there is no root element');
}
