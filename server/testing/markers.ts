import * as Y from 'yjs';
import type { AlternativeAttributes, BracketAttributes, MarkerAttribution } from '../../shared/negotiation';
import { elementWithId } from './structuredDraft';

/** Attribution of a marker (or a suggestion) placed by `userId` for `affiliationId`, with an id of theirs. */
export function markerAttribution(userId: string, affiliationId: string, tail: string): MarkerAttribution {
  return { id: `${userId}:${tail}`, author: userId, delegation: affiliationId, at: new Date().toISOString() };
}

/** A bracket or alternative marker as the editor writes it into the text. */
export function marker(
  name: 'bracket' | 'alternative',
  attributes: BracketAttributes | AlternativeAttributes,
): Y.XmlElement {
  const element = new Y.XmlElement(name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value as string);
  return element;
}

/** Rewrites a clause's own paragraph with `pieces` put in after the character counts given, as the editor writes markers among words. */
export function placeMarkers(doc: Y.Doc, clauseId: string, pieces: [number, Y.XmlElement | Y.XmlText][]): void {
  const paragraph = elementWithId(doc, clauseId).get(0) as Y.XmlElement;
  const words = (paragraph.get(0) as Y.XmlText).toString();
  paragraph.delete(0, 1);
  const children: (Y.XmlElement | Y.XmlText)[] = [];
  let at = 0;
  for (const [offset, piece] of pieces) {
    if (offset > at) children.push(new Y.XmlText(words.slice(at, offset)));
    children.push(piece);
    at = offset;
  }
  if (at < words.length) children.push(new Y.XmlText(words.slice(at)));
  paragraph.insert(0, children);
}

/** A clause's own words as readers see them, brackets as [ and ], a further wording's marker as |. */
export function shownWithMarkers(doc: Y.Doc, clauseId: string): string {
  const paragraph = elementWithId(doc, clauseId).get(0) as Y.XmlElement;
  return paragraph
    .toArray()
    .map((child) => {
      if (child instanceof Y.XmlText) return child.toString();
      const side = (child as Y.XmlElement).getAttribute('side');
      return side === 'open' ? '[' : side === 'next' ? '|' : ']';
    })
    .join('');
}
