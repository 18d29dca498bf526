import { strFromU8, unzipSync } from 'fflate';
import { validateXML } from 'xmllint-wasm';
import type { DocumentNodeJSON } from '../../../shared/documentJSON';
import { readOutline } from '../../../shared/outline';
import type { TextSnapshot } from '../../versions/VersionService';
import { sequentialIds, snapshotFromSpec } from './snapshotFromSpec';

/** Words that would break out of a CSS string and load a remote image, and hide the title, if written into a style sheet. */
export const CSS_BREAKOUT = '}} body{background:url(http://evil.example/beacon)} h1{display:none} .x{';
/** Words that would close a style or script element, a CDATA section or an entity if written unescaped. */
export const MARKUP_BREAKOUT = `"double" 'single' </style></script><script>alert(1)</script> ]]> <b>&amp; R&D; & <`;
/** Every C0 control, DEL and the XML non-characters, which no XML file may hold. */
export const CONTROLS = `${Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('')}\u007f\ufffe\uffff`;

/**
 * Text built to break every export that does not escape for its context: a line break into
 * CSS, markup and CDATA closers, quotes, ampersands and control characters. `name` keeps the
 * texts apart ("title", "label", …) so a test can find each where it belongs.
 */
export function hostile(name: string): string {
  return `${name} Rev.2\n${CSS_BREAKOUT}\n${MARKUP_BREAKOUT} ${CONTROLS} ${name}-end`;
}

/** What a reader of any export sees of {@link hostile}, as {@link words}: the same words, without the control characters. */
export function hostileAsRead(name: string): string {
  return `${name} Rev.2 ${CSS_BREAKOUT} ${MARKUP_BREAKOUT} ${name}-end`;
}

/** The well-formedness errors xmllint finds in an XML document (none when it parses). */
export async function xmlErrors(xml: string): Promise<string[]> {
  const result = await validateXML({ xml: [{ fileName: 'document.xml', contents: xml }], normalization: 'format' });
  return result.errors.map((error) => error.rawMessage);
}

/** The well-formedness errors of every XML part of a .docx package, each prefixed with the part's name. */
export async function docxXmlErrors(docx: Uint8Array): Promise<string[]> {
  const errors: string[] = [];
  for (const [name, bytes] of Object.entries(unzipSync(new Uint8Array(docx)))) {
    if (!/\.(?:xml|rels)$/.test(name)) continue;
    for (const error of await xmlErrors(strFromU8(bytes))) errors.push(`${name}: ${error}`);
  }
  return errors;
}

/** The text of an XML document's content as a reader sees it (the five predefined entities decoded; the document must be well-formed). */
export function xmlTextOf(xml: string): string {
  return xml
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&amp;', '&');
}

/** The text with every run of white space made one space, as a reader compares words. */
export function words(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The text without any white space, to compare words where a format may join lines without a space (a Word line break). */
export function unspaced(text: string): string {
  return text.replace(/\s+/g, '');
}

/** A text whose formula, headings, points at every level, annex and footnote are {@link hostile}. */
export function hostileStructureSnapshot(): TextSnapshot {
  const snapshot = snapshotFromSpec(
    {
      title: 'Structure',
      formula: hostile('formula'),
      preamble: ['Recalling the note^[placeholder],'],
      operative: [
        { division: 'part', title: hostile('part') },
        { division: 'section', title: hostile('section') },
        {
          text: 'Decides:',
          points: [{ text: hostile('point'), points: [{ text: hostile('inner'), points: [hostile('deepest')] }] }],
        },
      ],
      annexes: [{ title: hostile('annex'), clauses: [hostile('annex-clause')] }],
    },
    { newId: sequentialIds() },
  );
  // The note goes in after the spec is read: in a spec `^[…]` ends at the first "]", which the hostile text holds.
  const visit = (node: DocumentNodeJSON): void => {
    if (node.type === 'footnote') node.attrs = { note: hostile('note') };
    node.content?.forEach(visit);
  };
  visit(snapshot.document);
  return { ...snapshot, outline: readOutline(snapshot.document) };
}
