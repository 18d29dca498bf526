import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { splitDocument, splitUpdate } from './splitUpdate';

const SEED = 20261206;

/** Applies the pieces in order to a fresh doc, checking that nothing is ever left pending. */
function applyPieces(pieces: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  pieces.forEach((piece, index) => {
    Y.applyUpdate(doc, piece);
    expect({ index, pendingStructs: doc.store.pendingStructs, pendingDs: doc.store.pendingDs }).toEqual({
      index,
      pendingStructs: null,
      pendingDs: null,
    });
  });
  return doc;
}

function docOf(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
}

function contentOf(doc: Y.Doc) {
  return {
    stateVector: Y.encodeStateVector(doc),
    // Not the bytes of Y.encodeStateAsUpdate: where Yjs splits a run of items depends on the order they came in.
    snapshot: Y.encodeSnapshot(Y.snapshot(doc)),
    fragment: doc.getXmlFragment('body').toJSON(),
    map: doc.getMap('meta').toJSON(),
    array: doc.getArray('list').toJSON(),
  };
}

/**
 * Splits, applies piece by piece, and checks the result is the document the whole update gives. With `sameDeletes`
 * off, the delete sets may differ: Yjs deletes formatting marks it finds redundant after each remote transaction
 * (`cleanupYTextAfterTransaction`), and which ones depends on how the updates were batched, not on the text.
 */
function expectSplitsCausally(update: Uint8Array, maxBytes: number, sameDeletes = true): Uint8Array[] {
  const pieces = splitUpdate(update, maxBytes);
  const [split, whole] = [contentOf(applyPieces(pieces)), contentOf(docOf(update))];
  if (!sameDeletes) [split.snapshot, whole.snapshot] = [new Uint8Array(), new Uint8Array()];
  expect(split).toEqual(whole);
  return pieces;
}

/** Every XmlText and XmlElement under the fragment, fragment first. */
function nodesOf(fragment: Y.XmlFragment): { texts: Y.XmlText[]; parents: (Y.XmlFragment | Y.XmlElement)[] } {
  const texts: Y.XmlText[] = [];
  const parents: (Y.XmlFragment | Y.XmlElement)[] = [fragment];
  for (let i = 0; i < parents.length; i++) {
    for (const child of parents[i]!.toArray()) {
      if (child instanceof Y.XmlText) texts.push(child);
      else if (child instanceof Y.XmlElement) parents.push(child);
    }
  }
  return { texts, parents };
}

function randomEdit(gen: prng.PRNG, doc: Y.Doc): void {
  const fragment = doc.getXmlFragment('body');
  const { texts, parents } = nodesOf(fragment);
  const text = texts.length > 0 ? prng.oneOf(gen, texts) : null;
  const parent = prng.oneOf(gen, parents);
  const choice = prng.int32(gen, 0, 9);
  if (choice <= 1 || text === null) {
    const element = new Y.XmlElement(prng.oneOf(gen, ['paragraph', 'list', 'clause']));
    const inner = prng.bool(gen) ? new Y.XmlElement('item') : null;
    const content = new Y.XmlText(prng.word(gen, 1, 8));
    if (inner) inner.insert(0, [content]);
    element.insert(0, [inner ?? content]);
    parent.insert(prng.int32(gen, 0, parent.length), [element]);
  } else if (choice <= 4) {
    const attributes = prng.bool(gen) ? { bold: true } : prng.bool(gen) ? { italic: prng.word(gen, 1, 3) } : {};
    text.insert(prng.int32(gen, 0, text.length), prng.word(gen, 1, 12), attributes);
  } else if (choice === 5 && text.length > 0) {
    const index = prng.int32(gen, 0, text.length - 1);
    text.delete(index, prng.int32(gen, 1, Math.min(6, text.length - index)));
  } else if (choice === 6 && text.length > 0) {
    const index = prng.int32(gen, 0, text.length - 1);
    text.format(index, prng.int32(gen, 1, text.length - index), { bold: prng.bool(gen) ? true : null });
  } else if (choice === 7 && parent instanceof Y.XmlElement) {
    parent.setAttribute(prng.oneOf(gen, ['id', 'class']), prng.word(gen, 1, 5));
  } else if (choice === 8 && parent.length > 1) {
    parent.delete(prng.int32(gen, 0, parent.length - 1), 1);
  } else {
    const map = doc.getMap<string>('meta');
    const array = doc.getArray<number>('list');
    const which = prng.int32(gen, 0, 2);
    if (which === 0) map.set(prng.oneOf(gen, ['title', 'status', 'owner']), prng.word(gen, 1, 6));
    else if (which === 1 && array.length > 0) array.delete(prng.int32(gen, 0, array.length - 1), 1);
    else array.insert(prng.int32(gen, 0, array.length), [prng.int32(gen, 0, 1000)]);
  }
}

/** One person typing `steps` keystrokes into one text: letters, some bold, backspaces and jumps of the caret. */
function typingHistory(seed: number, steps: number): Y.Doc {
  const gen = prng.create(seed);
  const doc = new Y.Doc();
  const text = new Y.XmlText();
  doc.getXmlFragment('body').insert(0, [text]);
  let cursor = 0;
  for (let step = 0; step < steps; step++) {
    if (prng.int32(gen, 0, 19) === 0) cursor = prng.int32(gen, 0, text.length);
    if (cursor > 0 && prng.int32(gen, 0, 3) === 0) text.delete(--cursor, 1);
    else text.insert(cursor++, prng.letter(gen), prng.int32(gen, 0, 29) === 0 ? { bold: true } : undefined);
  }
  return doc;
}

function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), 'remote');
}

/** Several clients editing concurrently, syncing pairwise at random moments; returns them converged. */
function concurrentSession(seed: number): { docs: Y.Doc[]; emitted: Uint8Array[] } {
  const gen = prng.create(seed);
  const emitted: Uint8Array[] = [];
  const docs = [7, 3, 120_000, 42].map((clientID) => {
    const doc = new Y.Doc();
    doc.clientID = clientID;
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'remote') emitted.push(update);
    });
    return doc;
  });
  for (let step = 0; step < 600; step++) {
    const doc = prng.oneOf(gen, docs);
    doc.transact(() => randomEdit(gen, doc));
    if (prng.int32(gen, 0, 9) === 0) {
      const [a, b] = [prng.oneOf(gen, docs), prng.oneOf(gen, docs)];
      sync(a!, b!);
      if (prng.bool(gen)) sync(b!, a!);
    }
  }
  for (const a of docs) for (const b of docs) sync(a, b);
  return { docs, emitted };
}

describe('splitUpdate', () => {
  it('splits the state of clients that edited concurrently into causal pieces', () => {
    for (const seed of [SEED, SEED + 1, SEED + 2]) {
      const { docs } = concurrentSession(seed);
      const update = Y.encodeStateAsUpdate(docs[0]!);
      for (const maxBytes of [200, 1000]) {
        expect(expectSplitsCausally(update, maxBytes).length).toBeGreaterThan(3);
      }
      expect(contentOf(docOf(update)).fragment).toEqual(docs[3]!.getXmlFragment('body').toJSON());
    }
  });

  it('splits the merge of every update the clients sent, deleted content and all', () => {
    for (const seed of [SEED + 3, SEED + 4]) {
      const { emitted } = concurrentSession(seed);
      const merged = Y.mergeUpdates(emitted);
      for (const maxBytes of [200, 1000]) {
        expect(expectSplitsCausally(merged, maxBytes, false).length).toBeGreaterThan(3);
      }
    }
  });

  it('cuts a long typing history into pieces of about the requested size', () => {
    const doc = typingHistory(SEED + 5, 30_000);
    const update = Y.encodeStateAsUpdate(doc);
    const maxBytes = 1000;
    const pieces = expectSplitsCausally(update, maxBytes);
    expect(pieces.length).toBeGreaterThan(update.length / maxBytes);
    for (const piece of pieces) {
      if (Y.decodeUpdate(piece).structs.length > 1) expect(piece.length).toBeLessThanOrEqual(2 * maxBytes);
    }
    const sizes = pieces.map((piece) => piece.length).sort((a, b) => a - b);
    expect(sizes[Math.floor(sizes.length / 2)]).toBeGreaterThan(maxBytes / 2);
  });

  it('gives back an update that already fits as it is', () => {
    const doc = new Y.Doc();
    doc.getXmlFragment('body').insert(0, [new Y.XmlText('short')]);
    const update = Y.encodeStateAsUpdate(doc);
    const pieces = splitUpdate(update, 1000);
    expect(pieces).toHaveLength(1);
    expect(pieces[0]).toEqual(update);
    expect(splitUpdate(new Uint8Array([0, 0]), 1)).toEqual([new Uint8Array([0, 0])]);
  });

  it("keeps a gap in a client's history where it was, and never starts a piece with it", () => {
    const gen = prng.create(SEED + 6);
    const [a, b] = [new Y.Doc(), new Y.Doc()];
    a.clientID = 5;
    b.clientID = 9;
    const sent: Uint8Array[] = [];
    a.on('update', (update: Uint8Array) => sent.push(update));
    const text = a.getXmlFragment('body');
    for (let step = 0; step < 300; step++) {
      text.insert(prng.int32(gen, 0, text.length), [new Y.XmlText(prng.word(gen, 20, 40))]);
      if (step === 50) sync(a, b);
    }
    b.getXmlFragment('body').insert(3, [new Y.XmlText('from b')]);
    const missing = sent.splice(100, 1)[0]!;
    const withGap = Y.mergeUpdates([...sent, Y.encodeStateAsUpdate(b)]);
    expect(Y.decodeUpdate(withGap).structs.some((struct) => struct instanceof Y.Skip)).toBe(true);
    const pieces = splitUpdate(withGap, 300);
    for (const piece of pieces) {
      const seen = new Set<number>();
      for (const struct of Y.decodeUpdate(piece).structs) {
        if (!seen.has(struct.id.client)) expect(struct).not.toBeInstanceOf(Y.Skip);
        seen.add(struct.id.client);
      }
    }
    const [split, whole] = [new Y.Doc(), docOf(withGap)];
    for (const piece of pieces) Y.applyUpdate(split, piece);
    Y.applyUpdate(split, missing);
    Y.applyUpdate(whole, missing);
    expect(split.store.pendingStructs).toBeNull();
    expect(contentOf(split)).toEqual(contentOf(whole));
  });

  it('puts a struct bigger than the limit in a piece of its own', () => {
    const [a, b] = [new Y.Doc(), new Y.Doc()];
    a.clientID = 1;
    b.clientID = 2;
    const long = 'x'.repeat(5000);
    const text = new Y.XmlText();
    a.getXmlFragment('body').insert(0, [text]);
    text.insert(0, long);
    sync(a, b);
    const otherText = b.getXmlFragment('body').get(0) as Y.XmlText;
    otherText.insert(0, 'from b, ');
    otherText.insert(otherText.length, ' (b again)');
    sync(b, a);
    text.insert(8, 'from a, after b; ');
    text.delete(0, 5);
    const update = Y.encodeStateAsUpdate(a);
    const pieces = expectSplitsCausally(update, 500);
    const holding = pieces.filter((piece) => Y.decodeUpdate(piece).structs.some((struct) => struct.length >= 5000));
    expect(holding).toHaveLength(1);
    expect(Y.decodeUpdate(holding[0]!).structs).toHaveLength(1);
    expect(pieces.length).toBeGreaterThan(1);
  });
});

describe('splitDocument', () => {
  /** Cuts `doc` from its store, applies the pieces in order, and checks the result is the same document. */
  function expectDocumentSplitsCausally(doc: Y.Doc, maxBytes: number): Uint8Array[] {
    const pieces = splitDocument(doc, maxBytes);
    expect(contentOf(applyPieces(pieces))).toEqual(contentOf(doc));
    return pieces;
  }

  it('cuts a document that clients edited concurrently into causal pieces, as splitUpdate cuts its encoding', () => {
    for (const seed of [SEED + 7, SEED + 8]) {
      const { docs } = concurrentSession(seed);
      for (const maxBytes of [200, 1000]) {
        const pieces = expectDocumentSplitsCausally(docs[0]!, maxBytes);
        expect(pieces.length).toBeGreaterThan(3);
        // The same structs as the cut of its encoding, in about as many pieces.
        const fromUpdate = splitUpdate(Y.encodeStateAsUpdate(docs[0]!), maxBytes);
        expect(Math.abs(pieces.length - fromUpdate.length)).toBeLessThanOrEqual(Math.ceil(fromUpdate.length / 10));
      }
    }
  });

  it('cuts a document built from an update with deleted content and a long typing history', () => {
    const doc = typingHistory(SEED + 9, 20_000);
    // Read back from its encoding, as the worker reads a stored text.
    const read = docOf(Y.encodeStateAsUpdate(doc));
    const pieces = expectDocumentSplitsCausally(read, 1000);
    expect(pieces.length).toBeGreaterThan(Y.encodeStateAsUpdate(read).length / 1000);
  });

  it('gives an empty document as one empty update', () => {
    const pieces = splitDocument(new Y.Doc(), 100);
    expect(pieces).toHaveLength(1);
    expect(contentOf(applyPieces(pieces))).toEqual(contentOf(new Y.Doc()));
  });
});
