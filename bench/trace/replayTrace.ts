import * as Y from 'yjs';
import { acknowledgedTransactions, type ReplayPlan } from './replayPlan';

/** Where the replay writes and where it reads back what the server relayed. */
export interface ReplayEnds {
  /** The writing client's document and the paragraph it replays into. */
  writer: { doc: Y.Doc; text: Y.XmlText };
  /** A second client's copy of the same paragraph, kept up to date by the server's relay. */
  follower: { doc: Y.Doc; text: Y.XmlText };
}

/** How the replay paces itself. */
export interface ReplayPacing {
  /**
   * Transactions sent and not yet read back by the follower, at most. 1 sends each transaction
   * only once the previous one has come back through the server, so every one arrives alone, as a
   * person's keystrokes do, and neither server is ever flooded.
   */
  window: number;
  /** Fail if the follower takes in nothing for this long while transactions are outstanding. */
  stallTimeoutMs: number;
  /** Called after every `checkpointEvery` transactions have been read back, and at the end. */
  checkpointEvery: number;
  onCheckpoint: (transactions: number) => void;
  /**
   * Registers a listener for the server refusing the replay (as soon as a client hears it); a
   * refusal ends the replay at once with the server's reason.
   */
  onRefusal: (listener: (reason: string) => void) => void;
}

/**
 * Tracks how many transactions the follower has taken in. The writer's clock in the follower's
 * document counts the UTF-16 units it has inserted; the paragraph's length then gives the units
 * deleted. Both only grow with the replay, so together they say how far it has got.
 */
class FollowerProgress {
  acknowledged = 0;
  private waiting: { count: number; resolve: () => void; reject: (error: Error) => void } | undefined;
  private readonly baseClock: number;
  private readonly baseLength: number;

  constructor(
    private readonly plan: ReplayPlan,
    private readonly ends: ReplayEnds,
  ) {
    this.baseClock = Y.getState(ends.follower.doc.store, ends.writer.doc.clientID);
    this.baseLength = ends.follower.text.length;
    ends.follower.doc.on('update', this.update);
  }

  private readonly update = (): void => {
    const inserted = Y.getState(this.ends.follower.doc.store, this.ends.writer.doc.clientID) - this.baseClock;
    const deleted = inserted - (this.ends.follower.text.length - this.baseLength);
    this.acknowledged = acknowledgedTransactions(this.plan, inserted, deleted);
    if (this.waiting && this.acknowledged >= this.waiting.count) {
      this.waiting.resolve();
      this.waiting = undefined;
    }
  };

  /** Resolves once `count` transactions have come back; rejects if none comes back for `stallMs`. */
  waitFor(count: number, stallMs: number): Promise<void> {
    if (this.acknowledged >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      let seen = this.acknowledged;
      const timer = setInterval(() => {
        if (this.acknowledged > seen) {
          seen = this.acknowledged;
          return;
        }
        clearInterval(timer);
        this.waiting = undefined;
        reject(
          new Error(
            `the server relayed nothing for ${stallMs / 1000} s: ${this.acknowledged} of ${count} transaction(s) came back`,
          ),
        );
      }, stallMs);
      this.waiting = {
        count,
        resolve: () => {
          clearInterval(timer);
          resolve();
        },
        reject: (error) => {
          clearInterval(timer);
          reject(error);
        },
      };
    });
  }

  /** Ends a pending wait with `error` (the server refused something). */
  abort(error: Error): void {
    this.waiting?.reject(error);
    this.waiting = undefined;
  }

  stop(): void {
    this.ends.follower.doc.off('update', this.update);
  }
}

/**
 * Replays the plan through the writer, one Yjs transaction per trace transaction (the provider
 * sends each as one update message), never more than `window` ahead of what the follower has
 * read back. Resolves once the follower has every transaction; rejects with the server's reason
 * if it refuses one, or if the relay stalls.
 */
export async function replayTrace(plan: ReplayPlan, ends: ReplayEnds, pacing: ReplayPacing): Promise<void> {
  const progress = new FollowerProgress(plan, ends);
  const { doc, text } = ends.writer;
  let refusal: Error | undefined;
  pacing.onRefusal((reason) => {
    refusal ??= new Error(`the server refused the replay after ${progress.acknowledged} transaction(s): ${reason}`);
    progress.abort(refusal);
  });
  const refused = (): Error | undefined => refusal;
  let nextCheckpoint = pacing.checkpointEvery;
  const checkpoint = (): void => {
    while (progress.acknowledged >= nextCheckpoint) {
      pacing.onCheckpoint(nextCheckpoint);
      nextCheckpoint += pacing.checkpointEvery;
    }
  };
  try {
    const total = plan.transactions.length;
    for (let t = 0; t < total; t++) {
      if (t - progress.acknowledged >= pacing.window) {
        await progress.waitFor(t - pacing.window + 1, pacing.stallTimeoutMs);
        checkpoint();
      }
      const error = refused();
      if (error) throw error;
      doc.transact(() => {
        for (const { index, deleteLength, insert } of plan.transactions[t] ?? []) {
          if (deleteLength > 0) text.delete(index, deleteLength);
          if (insert) text.insert(index, insert);
        }
      });
    }
    await progress.waitFor(total, pacing.stallTimeoutMs);
    checkpoint();
    if (total % pacing.checkpointEvery !== 0) pacing.onCheckpoint(total);
    const error = refused();
    if (error) throw error;
  } finally {
    progress.stop();
  }
}
