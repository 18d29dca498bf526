import * as prng from 'lib0/prng';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { findWriterText, prepareBenchDocument } from './benchDocument';
import { keystrokeToken } from './keystrokeToken';
import { monotonicMs } from './monotonicMs';
import { waitUntil } from './waitUntil';

/** Where a collab document lives, in the two parts `WebsocketProvider` wants. */
export interface CollabRoom {
  /** Websocket base URL, without the room (`ws://127.0.0.1:1234/collab`). */
  serverUrl: string;
  room: string;
  /** URL parameters every connection adds (Accord takes its access token as `?token=`). */
  params: Record<string, string>;
  /**
   * Every instance's websocket base URL, when several servers share the room (a cluster behind no
   * balancer): clients are spread over them round robin (see {@link roomFor}). Absent: `serverUrl` only.
   */
  serverUrls?: readonly string[];
}

/** The room as the `index`-th client of its kind reaches it: on a cluster, through instance `index` mod their number. */
export function roomFor(room: CollabRoom, index: number): CollabRoom {
  const urls = room.serverUrls;
  return urls?.length ? { ...room, serverUrl: urls[index % urls.length]! } : room;
}

/** The full websocket URL of a room, as `WebsocketProvider` builds it. */
export function roomUrl(room: CollabRoom): string {
  const query = new URLSearchParams(room.params).toString();
  return `${room.serverUrl}/${room.room}${query ? `?${query}` : ''}`;
}

/** How fast a writer types: a pause drawn uniformly from [minMs, maxMs] before each keystroke. */
export interface TypingPace {
  minPauseMs: number;
  maxPauseMs: number;
}

/**
 * One person typing: the real y-websocket `WebsocketProvider` a browser uses, run in Node over
 * `ws`. Each keystroke is its own Yjs transaction appending one token to the writer's own clause;
 * the time just before the transaction is recorded as the keystroke's send time (the provider
 * sends the update synchronously inside that transaction).
 */
export class Writer {
  private readonly doc = new Y.Doc();
  private readonly provider: WebsocketProvider;
  /** Monotonic send time of keystroke `seq`, NaN until sent. */
  readonly sendTimes: Float64Array;
  /** Connections the server closed while this writer was open. */
  connectionCloses = 0;

  constructor(
    readonly index: number,
    room: CollabRoom,
    private readonly keystrokes: number,
  ) {
    this.sendTimes = new Float64Array(keystrokes).fill(Number.NaN);
    this.provider = new WebsocketProvider(room.serverUrl, room.room, this.doc, {
      params: room.params,
      // ws implements the WebSocket API y-websocket uses; its declared type differs from the DOM one.
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      // Writers share this process; BroadcastChannel would let them sync without the server.
      disableBc: true,
    });
    this.provider.awareness.setLocalStateField('user', { name: `Writer ${index}` });
    this.provider.on('connection-close', () => {
      this.connectionCloses++;
    });
  }

  /** Resolves once the provider has received the server's document. */
  async connect(timeoutMs: number): Promise<void> {
    await waitUntil(() => this.provider.synced, `writer ${this.index} to sync`, timeoutMs);
  }

  /** Adds every writer's clause to the draft; called on one writer only, before the others connect. */
  prepareDocument(writers: number): void {
    prepareBenchDocument(this.doc, writers);
  }

  /** Resolves once this writer's clause (added by the preparing writer) has reached its document. */
  async waitForOwnClause(timeoutMs: number): Promise<void> {
    await waitUntil(
      () => findWriterText(this.doc, this.index) !== undefined,
      `writer ${this.index}'s clause`,
      timeoutMs,
    );
  }

  /**
   * Types every keystroke at `pace`, with pauses drawn from a generator seeded by `seed`, so a
   * run's schedule is the same for both servers. Resolves after the last keystroke is sent.
   */
  type(pace: TypingPace, seed: number): Promise<void> {
    const text = findWriterText(this.doc, this.index);
    if (!text) return Promise.reject(new Error(`writer ${this.index} has no clause to type into`));
    const random = prng.create(seed);
    return new Promise((resolve) => {
      let seq = 0;
      const keystroke = (): void => {
        this.sendTimes[seq] = monotonicMs();
        this.doc.transact(() => text.insert(text.length, keystrokeToken(this.index, seq)));
        seq++;
        if (seq < this.keystrokes) setTimeout(keystroke, prng.int32(random, pace.minPauseMs, pace.maxPauseMs));
        else resolve();
      };
      setTimeout(keystroke, prng.int32(random, pace.minPauseMs, pace.maxPauseMs));
    });
  }

  /** Disconnects and frees the document. */
  destroy(): void {
    this.provider.destroy();
    this.doc.destroy();
  }
}
