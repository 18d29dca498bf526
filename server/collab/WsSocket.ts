import type { Duplex } from 'node:stream';
import type { WebSocket, RawData } from 'ws';
import { CloseCode } from '../../shared/closeCodes';
import type { Logger } from '../logger';
import type { CollabSocket } from './CollabSocket';

/** How often a silent connection is pinged; one that has not answered by the next ping is dropped. */
const PING_INTERVAL_MS = 30_000;

/**
 * The libuv stream under a `net.Socket`. Node's `socket.pause()` only stops the 'data' events and
 * goes on reading into the stream's buffer until that is full; to leave what a client sends in the
 * kernel, reading has to stop here. Null where a socket has no such handle.
 */
interface ReadHandle {
  /** Node's own view: false once it stopped reading itself, its stream's buffer being full. */
  readonly reading: boolean;
  readStop(): number;
  readStart(): number;
}

function readHandleOf(transport: Duplex): ReadHandle | null {
  // oxlint-disable-next-line no-underscore-dangle -- Node's handle, see above; checked before use
  const handle = (transport as { _handle?: Partial<ReadHandle> })._handle;
  return handle && typeof handle.readStop === 'function' && typeof handle.readStart === 'function'
    ? (handle as ReadHandle)
    : null;
}

/**
 * A {@link CollabSocket} over a `ws` WebSocket: binary frames only, keep-alive pings, and every
 * socket error logged and turned into a close rather than an exception.
 */
export class WsSocket implements CollabSocket {
  private alive = true;
  /** Whether {@link pauseReading} stopped the socket's reading, which {@link resumeReading} starts again. */
  private readingStopped = false;
  private readonly pinger: NodeJS.Timeout;

  constructor(
    private readonly ws: WebSocket,
    private readonly logger: Logger,
    /** The connection under `ws` (the upgraded request's socket), whose reading {@link pauseReading} stops. */
    private readonly transport: Duplex,
  ) {
    ws.binaryType = 'nodebuffer';
    ws.on('pong', () => {
      this.alive = true;
    });
    ws.on('error', (error: Error & { code?: string }) => {
      // ws has already chosen the close code (1009 for a frame over maxPayload, 1002 for a bad frame).
      this.logger.warn({ err: { message: error.message, code: error.code } }, 'collab socket error');
    });
    this.pinger = setInterval(() => {
      if (!this.alive) {
        this.logger.info('collab socket did not answer a ping; dropping it');
        ws.terminate();
        return;
      }
      this.alive = false;
      ws.ping();
    }, PING_INTERVAL_MS);
    this.pinger.unref();
    ws.on('close', () => clearInterval(this.pinger));
  }

  send(data: Uint8Array, written?: () => void): void {
    if (this.ws.readyState !== this.ws.OPEN) {
      written?.();
      return;
    }
    // A failed send surfaces as the socket's 'error' and 'close'; no per-message callback on the hot path.
    if (written) this.ws.send(data, { binary: true }, () => written());
    else this.ws.send(data, { binary: true });
  }

  pauseReading(): void {
    const handle = readHandleOf(this.transport);
    if (this.readingStopped || !handle?.reading) return;
    // Node's stream is not told: it would start reading again at its next `_read`. As far as it knows, the socket reads.
    handle.readStop();
    this.readingStopped = true;
  }

  resumeReading(): void {
    if (!this.readingStopped) return;
    this.readingStopped = false;
    const handle = readHandleOf(this.transport);
    if (handle?.reading && !this.transport.destroyed) handle.readStart();
  }

  close(code: number, reason: string): void {
    if (this.ws.readyState === this.ws.CLOSED || this.ws.readyState === this.ws.CLOSING) return;
    this.ws.close(code, reason.slice(0, 120));
  }

  onMessage(listener: (data: Uint8Array) => void): void {
    this.ws.on('message', (data: RawData, isBinary: boolean) => {
      if (!isBinary) {
        this.close(CloseCode.UnsupportedData, 'text frames are not part of the protocol');
        return;
      }
      listener(toBytes(data));
    });
  }

  onClose(listener: (code: number, reason: string) => void): void {
    this.ws.on('close', (code, reason) => listener(code, reason.toString()));
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
