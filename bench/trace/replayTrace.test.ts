import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { planReplay } from './replayPlan';
import { type ReplayPacing, replayTrace } from './replayTrace';

/** A small trace with an emoji, a delete-only transaction and a replacement. */
const plan = planReplay({
  startContent: 'Hi',
  endContent: 'Hello 🎉 world',
  txns: [
    { patches: [[2, 0, ' there']] },
    { patches: [[1, 7, '']] }, // delete-only: "i there"
    { patches: [[1, 0, 'ello 🌍']] },
    { patches: [[6, 1, '🎉 world']] }, // the 🌍 (one code point) replaced
  ],
});

/**
 * Two documents joined by a relay that takes each update to the follower a tick later, the way
 * a server's relay arrives; `drop` loses every update after the first n.
 */
function joinedDocs(drop = Infinity): {
  writer: { doc: Y.Doc; text: Y.XmlText };
  follower: { doc: Y.Doc; text: Y.XmlText };
  maxInFlight: () => number;
} {
  const writerDoc = new Y.Doc();
  const followerDoc = new Y.Doc();
  writerDoc.getXmlFragment('default').insert(0, [new Y.XmlText(plan.startContent)]);
  Y.applyUpdate(followerDoc, Y.encodeStateAsUpdate(writerDoc));
  let inFlight = 0;
  let maxInFlight = 0;
  let relayed = 0;
  writerDoc.on('update', (update: Uint8Array) => {
    if (relayed++ >= drop) return;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    setImmediate(() => {
      inFlight--;
      Y.applyUpdate(followerDoc, update);
    });
  });
  const textOf = (doc: Y.Doc): Y.XmlText => doc.getXmlFragment('default').get(0) as Y.XmlText;
  return {
    writer: { doc: writerDoc, text: textOf(writerDoc) },
    follower: { doc: followerDoc, text: textOf(followerDoc) },
    maxInFlight: () => maxInFlight,
  };
}

function pacing(overrides: Partial<ReplayPacing> = {}): ReplayPacing {
  return {
    window: 1,
    stallTimeoutMs: 2000,
    checkpointEvery: 2,
    onCheckpoint: () => undefined,
    onRefusal: () => undefined,
    ...overrides,
  };
}

describe('replayTrace', () => {
  it('replays every transaction one at a time, deletions included, and ends once the follower has them all', async () => {
    const ends = joinedDocs();
    const checkpoints: number[] = [];
    await replayTrace(plan, ends, pacing({ onCheckpoint: (count) => checkpoints.push(count) }));
    expect(ends.follower.text.toString()).toBe('Hello 🎉 world');
    expect(ends.maxInFlight()).toBe(1);
    expect(checkpoints).toEqual([2, 4]);
  });

  it('keeps at most the window in flight', async () => {
    const ends = joinedDocs();
    await replayTrace(plan, ends, pacing({ window: 3 }));
    expect(ends.follower.text.toString()).toBe('Hello 🎉 world');
    expect(ends.maxInFlight()).toBe(3);
  });

  it('stops with the server’s reason as soon as a client hears a refusal', async () => {
    const ends = joinedDocs(2);
    let refuse: (reason: string) => void = () => undefined;
    const replay = replayTrace(plan, ends, pacing({ onRefusal: (listener) => (refuse = listener) }));
    setImmediate(() => setImmediate(() => refuse('edit-refused: the clause is too long')));
    await expect(replay).rejects.toThrow(
      /refused the replay after 2 transaction\(s\): edit-refused: the clause is too long/,
    );
  });

  it('fails when nothing comes back for the stall timeout', async () => {
    const ends = joinedDocs(1);
    await expect(replayTrace(plan, ends, pacing({ stallTimeoutMs: 100 }))).rejects.toThrow(
      /relayed nothing for 0.1 s: 1 of 2 transaction\(s\) came back/,
    );
  });
});
