import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../../shared/collab';
import { integratesAsIs } from './integratesAsIs';

/** A server document and a client in step with it: one paragraph of text, written by someone else. */
function inStep(): { server: Y.Doc; client: Y.Doc } {
  const author = new Y.Doc();
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText('Existing text')]);
  author.getXmlFragment(DOCUMENT_FIELD).insert(0, [paragraph]);
  const state = Y.encodeStateAsUpdate(author);
  const server = new Y.Doc();
  const client = new Y.Doc();
  Y.applyUpdate(server, state);
  Y.applyUpdate(client, state);
  return { server, client };
}

/** The update a change to the client's draft fragment produces. */
function change(doc: Y.Doc, edit: (fragment: Y.XmlFragment) => void): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.transact(() => edit(doc.getXmlFragment(DOCUMENT_FIELD)));
  return Y.encodeStateAsUpdate(doc, before);
}

function firstText(fragment: Y.XmlFragment): Y.XmlText {
  return (fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

/**
 * One text item in Yjs's update format (v1), written by hand to say things the Yjs API never
 * would: placed after `origin`, or (without one) inside the root `parentName` or the element `parentId`.
 */
function handWrittenItem(item: {
  client: number;
  clock: number;
  origin?: [number, number];
  parentName?: string;
  parentId?: [number, number];
  text: string;
}): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1); // clients
  encoding.writeVarUint(encoder, 1); // structs of this client
  encoding.writeVarUint(encoder, item.client);
  encoding.writeVarUint(encoder, item.clock);
  const CONTENT_STRING = 4;
  const HAS_ORIGIN = 0x80;
  encoding.writeUint8(encoder, CONTENT_STRING | (item.origin ? HAS_ORIGIN : 0));
  if (item.origin) {
    encoding.writeVarUint(encoder, item.origin[0]);
    encoding.writeVarUint(encoder, item.origin[1]);
  } else if (item.parentName !== undefined) {
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarString(encoder, item.parentName);
  } else if (item.parentId) {
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, item.parentId[0]);
    encoding.writeVarUint(encoder, item.parentId[1]);
  }
  encoding.writeVarString(encoder, item.text);
  encoding.writeVarUint(encoder, 0); // no deletions
  return encoding.toUint8Array(encoder);
}

describe('whether an update integrates exactly as sent', () => {
  it('accepts what the editor sends: typing, deleting, formatting, a new paragraph with its text, a re-tagged element', () => {
    const { server, client } = inStep();
    const edits: ((fragment: Y.XmlFragment) => void)[] = [
      (fragment) => firstText(fragment).insert(13, ', and more'),
      (fragment) => firstText(fragment).delete(0, 9),
      (fragment) => firstText(fragment).format(0, 4, { bold: true }),
      (fragment) => {
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText('A second paragraph')]);
        fragment.insert(1, [paragraph]);
      },
      (fragment) => (fragment.get(1) as Y.XmlElement).setAttribute('pillar', 'restraint'),
      (fragment) => fragment.delete(1, 1),
    ];
    for (const edit of edits) {
      const update = change(client, edit);
      expect(integratesAsIs(server, [update], DOCUMENT_FIELD)).toBe(true);
      Y.applyUpdate(server, update);
    }
    expect(server.getXmlFragment(DOCUMENT_FIELD).toString()).toBe(client.getXmlFragment(DOCUMENT_FIELD).toString());
  });

  it('accepts a client’s consecutive updates in one batch, and refuses the later one without the earlier', () => {
    const { server, client } = inStep();
    const first = change(client, (fragment) => firstText(fragment).insert(13, ' one'));
    const second = change(client, (fragment) => firstText(fragment).insert(17, ' two'));
    expect(integratesAsIs(server, [first, second], DOCUMENT_FIELD)).toBe(true);
    // Yjs would hold the second back until the first arrives: not the same as relaying it.
    expect(integratesAsIs(server, [second], DOCUMENT_FIELD)).toBe(false);
    // Once it is held back, applying the first integrates both: more than the first alone.
    Y.applyUpdate(server, second);
    expect(integratesAsIs(server, [first], DOCUMENT_FIELD)).toBe(false);
  });

  it('refuses an update the document already holds (sent again after reconnecting)', () => {
    const { server, client } = inStep();
    const update = change(client, (fragment) => firstText(fragment).insert(0, 'Again: '));
    Y.applyUpdate(server, update);
    expect(integratesAsIs(server, [update], DOCUMENT_FIELD)).toBe(false);
  });

  it('refuses deleting what the document does not hold', () => {
    const { server, client } = inStep();
    change(client, (fragment) => firstText(fragment).insert(0, 'unseen '));
    const deletion = change(client, (fragment) => firstText(fragment).delete(0, 7));
    expect(integratesAsIs(server, [deletion], DOCUMENT_FIELD)).toBe(false);
  });

  it('refuses an update that reads but that Yjs fails to integrate: an item placed after its own client’s future', () => {
    const { server } = inStep();
    const update = handWrittenItem({ client: 4242, clock: 0, origin: [4242, 5], text: 'x' });
    expect(Y.decodeUpdate(update).structs).toHaveLength(1);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(server));
    expect(() => Y.applyUpdate(copy, update)).toThrow();
    expect(integratesAsIs(server, [update], DOCUMENT_FIELD)).toBe(false);
  });

  it('refuses an item put inside something that is not an element, or in another root', () => {
    const { server } = inStep();
    // The id of the first character's item, which is text, not an element.
    const textItem = Y.createRelativePositionFromTypeIndex(firstText(server.getXmlFragment(DOCUMENT_FIELD)), 0).item!;
    expect(
      integratesAsIs(
        server,
        [handWrittenItem({ client: 4242, clock: 0, parentId: [textItem.client, textItem.clock], text: 'x' })],
        DOCUMENT_FIELD,
      ),
    ).toBe(false);
    expect(
      integratesAsIs(
        server,
        [handWrittenItem({ client: 4242, clock: 0, parentName: 'elsewhere', text: 'x' })],
        DOCUMENT_FIELD,
      ),
    ).toBe(false);
    // The same item in the draft's own root is fine.
    expect(
      integratesAsIs(
        server,
        [handWrittenItem({ client: 4242, clock: 0, parentName: DOCUMENT_FIELD, text: 'x' })],
        DOCUMENT_FIELD,
      ),
    ).toBe(true);
  });

  it('refuses sub-documents and updates that cannot be read', () => {
    const { server, client } = inStep();
    const other = new Y.Doc();
    other.getArray(DOCUMENT_FIELD).insert(0, [new Y.Doc()]);
    expect(integratesAsIs(server, [Y.encodeStateAsUpdate(other)], DOCUMENT_FIELD)).toBe(false);

    const update = change(client, (fragment) => firstText(fragment).insert(0, 'cut '));
    expect(integratesAsIs(server, [update.slice(0, update.length - 3)], DOCUMENT_FIELD)).toBe(false);
  });
});
