import * as Y from 'yjs';
import { encodeSyncStep2, encodeUpdate } from './codec';
import { type ReaderOptions, isLargeText } from './readInPiecesOffThread';
import { TurnQueue } from './TurnQueue';

/** When the changes kept since the last encoding are dropped and the whole text encoded afresh. */
export interface FullStateLimits extends ReaderOptions {
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

/** A sync step 2 that brings nothing: the answer to a client that already has the text. */
const EMPTY_STEP_2 = encodeSyncStep2(Uint8Array.of(0, 0));

/** The default limits; a text the worker thread reads (`reader`) is sent to newcomers one a turn. */
export const fullStateLimits = ({ readOffThreadFrom }: ReaderOptions): FullStateLimits => ({
  ...LIMITS,
  readOffThreadFrom,
});

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
 * A large draft's load has the worker thread encode its text (see `loadStoredText`): that is the
 * first encoding, so the whole text is never encoded on the thread that serves every draft until
 * it has changed past the limits. It goes out as one message, never in parts: the editor would
 * take in a part of a text on its own, and a part can break the schema, which the editor mends by
 * deleting what does not fit (a change the server then refuses).
 *
 * It holds the message and the changes in memory (at most one and a half times the encoded text)
 * for each open draft someone has joined since it loaded. A client that already holds part of the
 * draft (a reconnect) is answered with what it lacks, encoded for it, as before.
 */
export class FullStateAnswer {
  private whole: WholeText | null = null;
  private since: Uint8Array[] = [];
  private sinceBytes = 0;
  /** Newcomers still to be sent a large text, in the order they asked. */
  private readonly waiting = new TurnQueue();
  private readonly note = (update: Uint8Array): void => {
    if (this.whole === null) return;
    this.since.push(encodeUpdate(update));
    this.sinceBytes += update.byteLength;
    if (this.since.length > this.limits.maxChanges || this.sinceBytes > this.whole.bytes * this.limits.maxShare) {
      this.forget();
    }
  };

  /** `whole`: the text `doc` holds now, framed, when the caller has it (a load; see {@link wholeOf}). */
  constructor(
    private readonly doc: Y.Doc,
    whole: WholeText | null = null,
    private readonly limits: FullStateLimits = LIMITS,
  ) {
    if (whole !== null) this.keep(whole);
  }

  /** Whether `stateVector` is that of an empty document: the one case this answer is for. */
  static isFor(stateVector: Uint8Array): boolean {
    return stateVector.length === 1 && stateVector[0] === 0;
  }

  /**
   * Sends a newcomer {@link get}'s messages: at once for a small text; a large one (writing 2 MiB
   * to a socket takes milliseconds) in a turn of its own, after the newcomers who asked before, so
   * that twenty people opening a large draft at once hold up other drafts' keystrokes for one
   * newcomer's sending at a time. A connection already sent the kept text while the draft was
   * loading is sent only the changes since.
   */
  sendTo(connection: { send(message: Uint8Array): void; readonly textSent?: WholeText | null }): void {
    if (this.whole !== null && connection.textSent === this.whole) {
      // Sent this text while the draft was loading (see `TextFirst`): the changes since, and an empty step 2 to answer.
      for (const message of [...this.since, EMPTY_STEP_2]) connection.send(message);
      return;
    }
    const messages = this.get();
    const send = (): void => {
      for (const message of messages) connection.send(message);
    };
    if (!isLargeText(this.whole!.bytes, this.limits)) return send();
    this.waiting.push(send);
  }

  /** Resolves once no newcomer is waiting to be sent the text: at once when none is. */
  sent(): Promise<void> {
    return this.waiting.drained();
  }

  /** The messages to send, in order: each change since the whole text was last encoded, then that encoding (a sync step 2). */
  get(): Uint8Array[] {
    const whole = this.whole ?? this.keep(wholeOf(Y.encodeStateAsUpdate(this.doc)));
    return [...this.since, whole.message];
  }

  destroy(): void {
    this.forget();
    this.waiting.clear();
  }

  /** Keeps `whole` as the whole text, and from now on each change beside it. */
  private keep(whole: WholeText): WholeText {
    this.whole = whole;
    // Listened to only while a whole text is kept: Yjs encodes every change for an 'update' listener.
    this.doc.on('update', this.note);
    return this.whole;
  }

  private forget(): void {
    this.doc.off('update', this.note);
    this.whole = null;
    this.since = [];
    this.sinceBytes = 0;
  }
}

/** The whole text as a sync step 2, and the size of the text. */
export interface WholeText {
  message: Uint8Array;
  bytes: number;
}

/**
 * Frames an encoded text as the sync step 2 a newcomer is sent. A large draft's load has the worker
 * thread do it: copying 2 MiB into fresh memory takes this machine about 5 ms.
 */
export function wholeOf(encoded: Uint8Array): WholeText {
  return { message: encodeSyncStep2(encoded), bytes: encoded.byteLength };
}
