import * as Y from 'yjs';
import { encodeSyncStep2, encodeUpdate } from './codec';

/** When the changes kept since the last encoding are dropped and the whole text encoded afresh. */
export interface FullStateLimits {
  /** More changes than this since the last encoding. */
  maxChanges: number;
  /** Changes adding up to more than this share of the encoded text's size. */
  maxShare: number;
}

/**
 * A change a minute for a whole session, or half the text's size: past either, a newcomer is
 * better served by one fresh encoding than by the old one and every change since.
 */
const LIMITS: FullStateLimits = { maxChanges: 500, maxShare: 0.5 };

/**
 * What a client with an empty copy (a first visit, a tab without local storage) is sent in answer
 * to its sync step 1: the changes made since the server last encoded the whole draft, as update
 * messages, then that encoding as one sync step 2. Encoding a large draft blocks the event loop
 * for tens of milliseconds (a 2 MiB draft: 25–65 ms on the development machine, and as much again
 * to copy it into the message), and when a meeting opens everyone asks at once: twenty people
 * opening a 2 MiB draft held up every other draft's keystrokes on the server for about a second.
 * So the whole text is encoded once and kept; each change applied to the live text afterwards is
 * kept beside it, already framed, until they pass {@link LIMITS}, when the next newcomer has the
 * text encoded afresh. Measured in BENCHMARKS.md ("The initial-sync storm").
 *
 * The changes go first: Yjs holds an update whose predecessors it does not have yet and applies
 * it as soon as they come, so when the client takes in the step 2, the moment y-websocket calls
 * it synced, its copy is the live text, as if the whole had been encoded for it. (Sent after the
 * step 2, a client acting on "synced" at once would build on the older text.)
 *
 * It holds the message and the changes in memory (at most one and a half times the encoded text)
 * for each open draft someone has joined since it loaded. A client that already holds part of the
 * draft (a reconnect) is answered with what it lacks, encoded for it, as before.
 */
export class FullStateAnswer {
  private whole: Uint8Array | null = null;
  private since: Uint8Array[] = [];
  private sinceBytes = 0;
  private readonly note = (update: Uint8Array): void => {
    if (this.whole === null) return;
    this.since.push(encodeUpdate(update));
    this.sinceBytes += update.byteLength;
    if (this.since.length > this.limits.maxChanges || this.sinceBytes > this.whole.byteLength * this.limits.maxShare) {
      this.forget();
    }
  };

  constructor(
    private readonly doc: Y.Doc,
    private readonly limits: FullStateLimits = LIMITS,
  ) {
    doc.on('update', this.note);
  }

  /** Whether `stateVector` is that of an empty document: the one case this answer is for. */
  static isFor(stateVector: Uint8Array): boolean {
    return stateVector.length === 1 && stateVector[0] === 0;
  }

  /** The messages to send, in order: each change since the whole text was last encoded, then that encoding (a sync step 2). */
  get(): Uint8Array[] {
    this.whole ??= encodeSyncStep2(Y.encodeStateAsUpdate(this.doc));
    return [...this.since, this.whole];
  }

  destroy(): void {
    this.doc.off('update', this.note);
    this.forget();
  }

  private forget(): void {
    this.whole = null;
    this.since = [];
    this.sinceBytes = 0;
  }
}
