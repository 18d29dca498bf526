import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../../shared/collab';

function titleElement(doc: Y.Doc): Y.XmlElement | undefined {
  const first = doc.getXmlFragment(DOCUMENT_FIELD).get(0);
  return first instanceof Y.XmlElement && first.nodeName === 'title' ? first : undefined;
}

/** The plain text of a draft's title node, as the drafts list shows it. */
export function readDocumentTitle(doc: Y.Doc): string {
  const element = titleElement(doc);
  if (!element) return '';
  return element
    .toArray()
    .map((child) => (child instanceof Y.XmlText ? child.toString() : ''))
    .join('')
    .trim();
}

/** Replaces the text of a draft's title node; returns false when the document has no title node. */
export function writeDocumentTitle(doc: Y.Doc, title: string): boolean {
  const element = titleElement(doc);
  if (!element) return false;
  doc.transact(() => {
    const existing = element.toArray();
    const text = existing.find((child): child is Y.XmlText => child instanceof Y.XmlText);
    if (text) {
      text.delete(0, text.length);
      text.insert(0, title);
      const others = existing.filter((child) => child !== text);
      for (const other of others) element.delete(element.toArray().indexOf(other), 1);
    } else {
      element.insert(0, [new Y.XmlText(title)]);
    }
  });
  return true;
}
