import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../../shared/collab';
import { draftSchema } from '../../shared/schema';
import { findUnknownContent } from './findUnknownContent';

const schema = draftSchema();

/** What the guard reports about the transaction that applies `update` to `doc` (as content from elsewhere arrives). */
function reportOn(doc: Y.Doc, update: Uint8Array): string | null {
  let found: string | null = null;
  const listener = (transaction: Y.Transaction): void => {
    found ??= findUnknownContent(transaction, doc.getXmlFragment(DOCUMENT_FIELD), schema);
  };
  doc.on('beforeObserverCalls', listener);
  Y.applyUpdate(doc, update);
  doc.off('beforeObserverCalls', listener);
  return found;
}

/** A draft's text with one clause, and a second copy of it that another (newer) client edits. */
function twoCopies(): { mine: Y.Doc; theirs: Y.Doc } {
  const mine = new Y.Doc();
  const fragment = mine.getXmlFragment(DOCUMENT_FIELD);
  const clause = new Y.XmlElement('clause');
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText('States should')]);
  clause.insert(0, [paragraph]);
  const operative = new Y.XmlElement('operative');
  operative.insert(0, [clause]);
  fragment.insert(0, [new Y.XmlElement('title'), new Y.XmlElement('preamble'), operative]);
  const theirs = new Y.Doc();
  Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine));
  return { mine, theirs };
}

function changed(doc: Y.Doc, change: (clause: Y.XmlElement) => void): Uint8Array {
  const before = Y.encodeStateVector(doc);
  const operative = doc.getXmlFragment(DOCUMENT_FIELD).get(2) as Y.XmlElement;
  change(operative.get(0) as Y.XmlElement);
  return Y.encodeStateAsUpdate(doc, before);
}

describe('the guard against content this version does not know', () => {
  it('names an element, an attribute or a formatting the schema does not have, before the editor binding sees it', () => {
    const element = twoCopies();
    expect(
      reportOn(
        element.mine,
        changed(element.theirs, (clause) => clause.insert(1, [new Y.XmlElement('pillarTag')])),
      ),
    ).toBe('the element "pillarTag"');
    const attribute = twoCopies();
    expect(
      reportOn(
        attribute.mine,
        changed(attribute.theirs, (clause) => clause.setAttribute('weight', '3')),
      ),
    ).toBe('the attribute "weight" on "clause"');
    const mark = twoCopies();
    const text = (clause: Y.XmlElement): Y.XmlText => (clause.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    expect(
      reportOn(
        mark.mine,
        changed(mark.theirs, (clause) => text(clause).format(0, 6, { highlight: {} })),
      ),
    ).toBe('the text formatting "highlight"');
  });

  it('lets through what the editor knows', () => {
    const { mine, theirs } = twoCopies();
    const text = (clause: Y.XmlElement): Y.XmlText => (clause.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    expect(
      reportOn(
        mine,
        changed(theirs, (clause) => text(clause).insert(0, 'All ')),
      ),
    ).toBeNull();
    expect(
      reportOn(
        mine,
        changed(theirs, (clause) => text(clause).format(0, 3, { bold: {} })),
      ),
    ).toBeNull();
    expect(
      reportOn(
        mine,
        changed(theirs, (clause) => clause.setAttribute('status', 'agreed')),
      ),
    ).toBeNull();
  });
});
