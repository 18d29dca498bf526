import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { decodeClientMessage } from './codec';
import { FullStateAnswer } from './FullStateAnswer';
import { splitUpdate } from './splitUpdate';

/** A newcomer's copy after taking in every message of an answer, in order. */
function received(messages: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const frame of messages) {
    const message = decodeClientMessage(frame);
    if (message.kind !== 'sync-step-2' && message.kind !== 'update') throw new Error(`unexpected ${message.kind}`);
    Y.applyUpdate(doc, message.update);
  }
  return doc;
}

function live(): Y.Doc {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, 'The General Assembly, recalling its resolutions,');
  return doc;
}

/** A text typed backwards, word by word (each word an item of its own), and its pieces of about 16 bytes. */
function typedBackwards(): { doc: Y.Doc; pieces: Uint8Array[] } {
  const doc = new Y.Doc();
  for (const word of 'resolutions, its recalling Assembly, General The'.split(' '))
    doc.getText('t').insert(0, `${word} `);
  return { doc, pieces: splitUpdate(Y.encodeStateAsUpdate(doc), 16) };
}

describe('FullStateAnswer', () => {
  it('encodes the whole text once: everyone who asks before a change is sent the same message', () => {
    const answer = new FullStateAnswer(live());
    const [first, ...rest] = answer.get();
    expect(rest).toEqual([]);
    expect(answer.get()[0]).toBe(first);
    expect(received(answer.get()).getText('t').toString()).toBe('The General Assembly, recalling its resolutions,');
  });

  it('after a change, sends the change then the same whole, so a newcomer has the live text once it has the whole', () => {
    const doc = live();
    const answer = new FullStateAnswer(doc);
    const [first] = answer.get();
    doc.getText('t').insert(0, '1. ');
    doc.getText('t').delete(3, 4);
    const messages = answer.get();
    expect(messages).toHaveLength(3);
    expect(messages.at(-1)).toBe(first);
    // Held by Yjs until the whole arrives: after the last message, nothing is pending.
    const copy = received(messages);
    expect(copy.store.pendingStructs).toBeNull();
    expect(copy.store.pendingDs).toBeNull();
    expect(copy.getText('t').toString()).toBe(doc.getText('t').toString());
  });

  it('encodes afresh once the changes since pass the limits, and sends no changes beside it', () => {
    const doc = live();
    const answer = new FullStateAnswer(doc, null, { maxChanges: 2, maxShare: 10 });
    const [first] = answer.get();
    for (const word of ['a', 'b', 'c']) doc.getText('t').insert(0, word);
    const messages = answer.get();
    expect(messages).toHaveLength(1);
    expect(messages[0]).not.toBe(first);
    expect(received(messages).getText('t').toString()).toBe(doc.getText('t').toString());
    // A large change (a restore, a paste) past the share of the text: likewise.
    const byShare = new FullStateAnswer(doc, null, { maxChanges: 100, maxShare: 0.5 });
    const [before] = byShare.get();
    doc.getText('t').insert(0, 'x'.repeat(200));
    expect(byShare.get()).toHaveLength(1);
    expect(byShare.get()[0]).not.toBe(before);
  });

  it('answers from the pieces a load cut the text into: updates, the last a sync step 2, and the changes since first', () => {
    const { doc, pieces } = typedBackwards();
    expect(pieces.length).toBeGreaterThan(1);
    const answer = new FullStateAnswer(doc, pieces);
    doc.getText('t').insert(0, '1. ');
    const messages = answer.get();
    expect(messages).toHaveLength(1 + pieces.length);
    expect(messages.slice(0, -1).map((frame) => decodeClientMessage(frame).kind)).toEqual(
      Array<string>(pieces.length).fill('update'),
    );
    expect(decodeClientMessage(messages.at(-1)!).kind).toBe('sync-step-2');
    const copy = received(messages);
    expect(copy.store.pendingStructs).toBeNull();
    expect(copy.getText('t').toString()).toBe('1. The General Assembly, recalling its resolutions, ');
  });

  it('sends a text in pieces to one newcomer a turn, in the order they asked; a text in one message at once', async () => {
    const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
    const { doc, pieces } = typedBackwards();
    const inPieces = new FullStateAnswer(doc, pieces);
    const first: Uint8Array[] = [];
    const second: Uint8Array[] = [];
    inPieces.sendTo({ send: (message) => first.push(message) });
    inPieces.sendTo({ send: (message) => second.push(message) });
    expect([first.length, second.length]).toEqual([0, 0]);
    await nextTurn();
    expect([first.length, second.length]).toEqual([inPieces.get().length, 0]);
    await nextTurn();
    expect(second).toEqual(first);
    const whole: Uint8Array[] = [];
    new FullStateAnswer(doc).sendTo({ send: (message) => whole.push(message) });
    expect(whole).toHaveLength(1);
  });

  it('keeps nothing and follows no change once destroyed', () => {
    const doc = live();
    const answer = new FullStateAnswer(doc);
    answer.get();
    answer.destroy();
    doc.getText('t').insert(0, 'later ');
    expect(received(answer.get()).getText('t').toString()).toBe(doc.getText('t').toString());
  });
});
