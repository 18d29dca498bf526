import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { decodeClientMessage } from './codec';
import { FullStateAnswer, wholeOf } from './FullStateAnswer';

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

/** A text typed backwards, word by word (each word an item of its own), and its encoding. */
function typedBackwards(): { doc: Y.Doc; encoded: Uint8Array } {
  const doc = new Y.Doc();
  for (const word of 'resolutions, its recalling Assembly, General The'.split(' '))
    doc.getText('t').insert(0, `${word} `);
  return { doc, encoded: Y.encodeStateAsUpdate(doc) };
}

/** A text of `bytes` or more, encoded. */
function large(bytes: number): { doc: Y.Doc; encoded: Uint8Array } {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, 'x'.repeat(bytes));
  return { doc, encoded: Y.encodeStateAsUpdate(doc) };
}

describe('FullStateAnswer', () => {
  it('encodes the whole text once: everyone who asks before a change is sent the same message', () => {
    const answer = new FullStateAnswer(live());
    const [first, ...rest] = answer.get();
    expect(rest).toEqual([]);
    expect(answer.get()[0]).toBe(first);
    expect(received(answer.get()).getText('t').toString()).toBe('The General Assembly, recalling its resolutions,');
  });

  it('listens to the live text only while it keeps a whole text (Yjs encodes every change for a listener)', () => {
    const doc = live();
    // The listeners Yjs keeps (lib0's Observable has no public count of them).
    const listeners = () =>
      // oxlint-disable-next-line no-underscore-dangle
      (doc as unknown as { _observers: Map<string, Set<unknown>> })._observers.get('update')?.size ?? 0;
    const answer = new FullStateAnswer(doc, null, { maxChanges: 1, maxShare: 10 });
    expect(listeners()).toBe(0);
    answer.get();
    expect(listeners()).toBe(1);
    doc.getText('t').insert(0, '1. ');
    doc.getText('t').insert(0, '2. ');
    expect(listeners()).toBe(0);
    expect(received(answer.get()).getText('t').toString()).toBe(doc.getText('t').toString());
    expect(listeners()).toBe(1);
    answer.destroy();
    expect(listeners()).toBe(0);
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

  it('answers from the encoding a load made, in one sync step 2, the changes since first', () => {
    const { doc, encoded } = typedBackwards();
    const answer = new FullStateAnswer(doc, wholeOf(encoded));
    expect(answer.get()).toHaveLength(1);
    doc.getText('t').insert(0, '1. ');
    const messages = answer.get();
    expect(messages.map((frame) => decodeClientMessage(frame).kind)).toEqual(['update', 'sync-step-2']);
    expect(decodeClientMessage(messages[1]!)).toEqual({ kind: 'sync-step-2', update: encoded });
    const copy = received(messages);
    expect(copy.store.pendingStructs).toBeNull();
    expect(copy.getText('t').toString()).toBe('1. The General Assembly, recalling its resolutions, ');
  });

  it('sends a connection that was sent the kept text while the draft loaded only the changes since, and an empty step 2', () => {
    const { doc, encoded } = typedBackwards();
    const whole = wholeOf(encoded);
    const answer = new FullStateAnswer(doc, whole);
    const early: Uint8Array[] = [whole.message];
    doc.getText('t').insert(0, '1. ');
    answer.sendTo({ send: (message) => early.push(message), textSent: whole });
    expect(early.slice(1).map((frame) => decodeClientMessage(frame))).toEqual([
      { kind: 'update', update: expect.any(Uint8Array) as Uint8Array },
      { kind: 'sync-step-2', update: Uint8Array.of(0, 0) },
    ]);
    expect(received(early).getText('t').toString()).toBe('1. The General Assembly, recalling its resolutions, ');
    // Sent another text (one the answer no longer keeps): the whole answer, as to any newcomer.
    const other: Uint8Array[] = [];
    answer.sendTo({ send: (message) => other.push(message), textSent: wholeOf(encoded) });
    expect(other.map((frame) => decodeClientMessage(frame).kind)).toEqual(['update', 'sync-step-2']);
    expect(decodeClientMessage(other[1]!)).toEqual({ kind: 'sync-step-2', update: encoded });
  });

  it('sends a large text to one newcomer a turn, in the order they asked; a small one at once', async () => {
    const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
    const { doc, encoded } = large(300 * 1024);
    const answer = new FullStateAnswer(doc, wholeOf(encoded));
    const first: Uint8Array[] = [];
    const second: Uint8Array[] = [];
    answer.sendTo({ send: (message) => first.push(message) });
    answer.sendTo({ send: (message) => second.push(message) });
    expect([first.length, second.length]).toEqual([0, 0]);
    await nextTurn();
    expect([first.length, second.length]).toEqual([1, 0]);
    await nextTurn();
    expect(second).toEqual(first);
    expect(received(first).getText('t').length).toBe(300 * 1024);
    const small: Uint8Array[] = [];
    new FullStateAnswer(live()).sendTo({ send: (message) => small.push(message) });
    expect(small).toHaveLength(1);
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
