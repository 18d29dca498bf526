import { describe, expect, it } from 'vitest';
import type { StoredDocument } from '../storage/Storage';
import { waitFor } from '../testing/waitFor';
import { PeerLog } from './PeerLog';

const row = (seq: number) => Uint8Array.of(seq);

/** A PeerLog over a log of numbered rows; what it applies, in order, and how often it read the log. */
function peerLog(lastSeq: number, stored: Map<number, Uint8Array> = new Map()) {
  const applied: number[] = [];
  const reads: number[] = [];
  const log = new PeerLog(lastSeq, {
    apply: (updates) => applied.push(...updates.map((update) => update[0]!)),
    load: async (afterSeq): Promise<StoredDocument> => {
      reads.push(afterSeq);
      const seqs = [...stored.keys()].filter((seq) => seq > afterSeq).sort((a, b) => a - b);
      return {
        state: null,
        updates: seqs.map((seq) => stored.get(seq)!),
        lastSeq: Math.max(afterSeq, ...stored.keys()),
      };
    },
    schedule: (task) => task(),
    failed: () => undefined,
  });
  return { log, applied, reads };
}

describe('the order in which a draft takes rows other instances stored', () => {
  it('applies them in number order, waiting behind its own rows and behind late ones', () => {
    const { log, applied } = peerLog(10);
    log.received({ first: 13, last: 13, updates: [row(13)], holders: [null] });
    expect(applied).toEqual([]);
    log.stored(12, 12);
    expect(applied).toEqual([]);
    log.received({ first: 11, last: 11, updates: [row(11)], holders: [null] });
    expect(applied).toEqual([11, 13]);
    expect(log.appliedUpTo).toBe(13);
    log.received({ first: 12, last: 13, updates: [row(12), row(13)], holders: [null, null] });
    expect(applied).toEqual([11, 13]);
    log.stop();
  });

  it('reads the log when a gap stays open, and then goes on in order', async () => {
    const stored = new Map([11, 12, 13].map((seq) => [seq, row(seq)]));
    const { log, applied, reads } = peerLog(10, stored);
    log.received({ first: 12, last: 13, updates: [row(12), row(13)], holders: [null, null] });
    expect(applied).toEqual([]);
    await waitFor(() => expect(log.appliedUpTo).toBe(13));
    expect(reads).toEqual([10]);
    expect(applied).toEqual([11, 12, 13]);
    log.received({ first: 14, last: 14, updates: [row(14)], holders: [null] });
    expect(applied).toEqual([11, 12, 13, 14]);
    log.stop();
  });
});
