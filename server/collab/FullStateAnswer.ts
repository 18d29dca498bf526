import * as Y from 'yjs';
import { encodeSyncStep2 } from './codec';

/**
 * What a client with an empty copy (a first visit, a tab without local storage) is sent in answer
 * to its sync step 1: the whole draft, as one sync step 2 message. Encoding a large draft blocks
 * the event loop for tens of milliseconds (a 2 MiB draft: 25–55 ms, and as much again to copy it
 * into the message), and when a meeting opens, everyone asks at once: twenty people opening a
 * 2 MiB draft held up every other draft's keystrokes on the server for about a second. So the
 * message is built once and kept until the text next changes; the rest of the twenty are sent
 * the same bytes. Measured in BENCHMARKS.md ("The initial-sync storm").
 *
 * It costs the message's size in memory while kept, for each open draft someone has joined since
 * its last change. A client that already holds part of the draft (a reconnect) is answered with
 * what it lacks, encoded for it as before.
 */
export class FullStateAnswer {
  private message: Uint8Array | null = null;
  private readonly forget = (): void => {
    this.message = null;
  };

  constructor(private readonly doc: Y.Doc) {
    doc.on('update', this.forget);
  }

  /** Whether `stateVector` is that of an empty document: the one case this answer is for. */
  static isFor(stateVector: Uint8Array): boolean {
    return stateVector.length === 1 && stateVector[0] === 0;
  }

  /** The sync step 2 message with the whole text as it is now. */
  get(): Uint8Array {
    this.message ??= encodeSyncStep2(Y.encodeStateAsUpdate(this.doc));
    return this.message;
  }

  destroy(): void {
    this.doc.off('update', this.forget);
    this.message = null;
  }
}
