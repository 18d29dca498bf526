import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { monotonicMs } from '../fanout/monotonicMs';
import { CountingSocket } from './countingSocket';

const MESSAGE_SYNC = 0;
/** The state vector of an empty document, and the update that says it holds nothing: what a newcomer sends. */
const EMPTY_STATE_VECTOR = Uint8Array.of(0);
const EMPTY_UPDATE = Uint8Array.of(0, 0);

function syncMessage(type: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, type);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** What a joining client is told, as it happens. */
interface JoinListeners {
  /** The server's sync step 2: the whole draft as the server last encoded it (a view into the received frame). */
  arrived(update: Uint8Array, socket: WebSocket): void;
  /**
   * Any other update: a change made since that encoding (Accord sends those just before the step
   * 2), a change made later, or (`answer`) the server's answer to a further sync step 1 of this
   * client's.
   */
  updated?(update: Uint8Array, socket: WebSocket, answer: boolean): void;
  /** Why the step 2 did not come; called instead of `arrived`, at most once. */
  failed(reason: string): void;
}

/** Opens `url` with an empty local copy and tells `listeners` what the server sends. Returns the socket, for closing. */
function joinEmpty(url: string, listeners: JoinListeners): WebSocket {
  let settled = false;
  const settle = (then: () => void): void => {
    if (settled) return;
    settled = true;
    then();
  };
  const socket = new WebSocket(url, { perMessageDeflate: false });
  socket.binaryType = 'nodebuffer';
  socket.on('open', () => socket.send(syncMessage(syncProtocol.messageYjsSyncStep1, EMPTY_STATE_VECTOR)));
  socket.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
    const type = decoding.readVarUint(decoder);
    if (type === syncProtocol.messageYjsSyncStep1) {
      socket.send(syncMessage(syncProtocol.messageYjsSyncStep2, EMPTY_UPDATE));
    } else if (type === syncProtocol.messageYjsSyncStep2) {
      const update = decoding.readVarUint8Array(decoder);
      if (settled) listeners.updated?.(update, socket, true);
      else settle(() => listeners.arrived(update, socket));
    } else if (type === syncProtocol.messageYjsUpdate) {
      listeners.updated?.(decoding.readVarUint8Array(decoder), socket, false);
    }
  });
  socket.on('error', (error) => settle(() => listeners.failed(error.message)));
  socket.on('close', (code) => settle(() => listeners.failed(`closed with code ${code} before the draft arrived`)));
  return socket;
}

/** What one joiner saw: when it started, when the whole draft had arrived, and how big it was. */
export interface JoinResult {
  /** Monotonic ms when the connection was opened. */
  startedAt: number;
  /** Monotonic ms when the server's sync step 2 (the whole draft) had been received; NaN if it never came. */
  syncedAt: number;
  /** Size of the whole draft as sent: that sync step 2 and the updates before it, in bytes (0 if it never came). */
  stateBytes: number;
  /** Why it did not sync, if it did not. */
  failure?: string;
}

/**
 * Someone opening a draft they do not have yet, as a browser tab with an empty local copy does:
 * a raw websocket client that sends y-websocket's sync step 1 with an empty state vector, answers
 * the server's step 1 with an empty step 2, and counts as synced once the server's step 2 (the
 * whole draft in one message) has been received. It reads the messages with a
 * {@link CountingSocket}, which keeps only their sizes: taking a 2 MB draft in is the browser's
 * work on a machine of its own, and twenty copies in the benchmark process would take CPU from
 * the server it measures and make the storm look longer than the server made it. The size is
 * kept, so a run can check that all of it came, with the updates sent before it (changes made
 * since the server encoded it), and so are the bytes of the updates that come after it.
 */
export class Joiner {
  private readonly socket: CountingSocket;
  readonly result: Promise<JoinResult>;
  /** Bytes of the updates received since the step 2 (before it: until it comes). */
  updateBytes = 0;

  constructor(url: string, timeoutMs: number) {
    const startedAt = monotonicMs();
    let settled = false;
    let resolveResult: (result: JoinResult) => void = () => undefined;
    this.result = new Promise((resolve) => (resolveResult = resolve));
    const settle = (result: JoinResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolveResult(result);
    };
    const failed = (failure: string): void => settle({ startedAt, syncedAt: Number.NaN, stateBytes: 0, failure });
    const timer = setTimeout(() => failed(`not synced within ${timeoutMs} ms`), timeoutMs);
    this.socket = new CountingSocket(url, {
      open: () => this.socket.send(syncMessage(syncProtocol.messageYjsSyncStep1, EMPTY_STATE_VECTOR)),
      message: (head) => {
        const decoder = decoding.createDecoder(head);
        if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
        const type = decoding.readVarUint(decoder);
        if (type === syncProtocol.messageYjsSyncStep1) {
          this.socket.send(syncMessage(syncProtocol.messageYjsSyncStep2, EMPTY_UPDATE));
          return;
        }
        const bytes = decoding.readVarUint(decoder);
        if (type === syncProtocol.messageYjsSyncStep2 && !settled) {
          settle({ startedAt, syncedAt: monotonicMs(), stateBytes: bytes + this.updateBytes });
          this.updateBytes = 0;
        } else this.updateBytes += bytes;
      },
      closed: (reason) => failed(reason),
    });
  }

  /** Leaves the draft. */
  close(): void {
    this.socket.end();
  }
}

/**
 * The whole draft at `url` as one update, for seeding and checks: joins with an empty copy as a
 * {@link Joiner} does, applies the step 2 and every update that comes, then asks again with the
 * state vector it has (a second sync step 1). The server answers that with what is still missing,
 * after everything it sent before on the same socket, so when the answer comes the copy is whole
 * whatever order a server sends its answer in.
 */
export function fetchFullState(url: string, timeoutMs = 60_000): Promise<Uint8Array> {
  const doc = new Y.Doc();
  return new Promise<Uint8Array>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`no whole draft from ${url} within ${timeoutMs} ms`));
    }, timeoutMs);
    const socket = joinEmpty(url, {
      arrived: (update, ws) => {
        Y.applyUpdate(doc, update);
        ws.send(syncMessage(syncProtocol.messageYjsSyncStep1, Y.encodeStateVector(doc)));
      },
      updated: (update, ws, answer) => {
        Y.applyUpdate(doc, update);
        if (!answer) return;
        clearTimeout(timer);
        resolve(Y.encodeStateAsUpdate(doc));
        ws.close();
      },
      failed: (reason) => {
        clearTimeout(timer);
        reject(new Error(`${url}: ${reason}`));
      },
    });
  }).finally(() => doc.destroy());
}
