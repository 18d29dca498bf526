import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import { monotonicMs } from '../fanout/monotonicMs';

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

/**
 * Opens `url` with an empty local copy and calls `arrived` with the server's sync step 2 (the
 * whole draft, a view into the received frame), or `failed` with why it did not come. Only the
 * first of the two is called. Returns the socket, for closing.
 */
function joinEmpty(url: string, arrived: (update: Uint8Array) => void, failed: (reason: string) => void): WebSocket {
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
      settle(() => arrived(update));
    }
  });
  socket.on('error', (error) => settle(() => failed(error.message)));
  socket.on('close', (code) => settle(() => failed(`closed with code ${code} before the draft arrived`)));
  return socket;
}

/** What one joiner saw: when it started, when the whole draft had arrived, and how big it was. */
export interface JoinResult {
  /** Monotonic ms when the connection was opened. */
  startedAt: number;
  /** Monotonic ms when the server's sync step 2 (the whole draft) had been received; NaN if it never came. */
  syncedAt: number;
  /** Size of the update in that sync step 2, in bytes (0 if it never came). */
  stateBytes: number;
  /** Why it did not sync, if it did not. */
  failure?: string;
}

/**
 * Someone opening a draft they do not have yet, as a browser tab with an empty local copy does:
 * a raw `ws` client that sends y-websocket's sync step 1 with an empty state vector, answers the
 * server's step 1 with an empty step 2, and counts as synced once the server's step 2 (the whole
 * draft, one message) has been received. It does not apply that update to a document: that is
 * the browser's work, not the server's, and twenty 2 MB applies in the benchmark process would
 * take CPU from the server it measures. The size is kept, so a run can check that all of it came.
 */
export class Joiner {
  private readonly socket: WebSocket;
  readonly result: Promise<JoinResult>;

  constructor(url: string, timeoutMs: number) {
    const startedAt = monotonicMs();
    let resolveResult: (result: JoinResult) => void = () => undefined;
    this.result = new Promise((resolve) => (resolveResult = resolve));
    const timer = setTimeout(() => failed(`not synced within ${timeoutMs} ms`), timeoutMs);
    const failed = (failure: string): void => {
      clearTimeout(timer);
      resolveResult({ startedAt, syncedAt: Number.NaN, stateBytes: 0, failure });
    };
    this.socket = joinEmpty(
      url,
      (update) => {
        clearTimeout(timer);
        resolveResult({ startedAt, syncedAt: monotonicMs(), stateBytes: update.byteLength });
      },
      failed,
    );
  }

  /** Leaves the draft. */
  close(): void {
    this.socket.close();
  }
}

/** The whole draft at `url` as one update, fetched the way a {@link Joiner} joins (for seeding and checks). */
export function fetchFullState(url: string, timeoutMs = 60_000): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`no sync step 2 from ${url} within ${timeoutMs} ms`));
    }, timeoutMs);
    const socket = joinEmpty(
      url,
      (update) => {
        clearTimeout(timer);
        resolve(update.slice());
        socket.close();
      },
      (reason) => {
        clearTimeout(timer);
        reject(new Error(`${url}: ${reason}`));
      },
    );
  });
}
