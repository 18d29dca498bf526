import { randomBytes } from 'node:crypto';
import net from 'node:net';

/**
 * A websocket client that reads the server's messages without keeping them: it counts each
 * message's bytes and hands on only its first bytes. A storm's joiners use it. `ws` gathers each
 * message into a buffer of its own, and on the benchmark's machine a fresh 2 MiB buffer costs
 * about 6 ms of page faults: twenty of them held the joiners' thread for 120 to 470 ms after the
 * server had written the last byte, and that time was counted as the storm's. A browser takes
 * its draft in on a machine of its own.
 *
 * Enough of RFC 6455 for that: the opening handshake, unmasked frames from the server (text,
 * binary, continuation; pings and pongs are skipped) and masked binary frames to it.
 */
export interface CountingListeners {
  /** The socket is open: messages may be sent. */
  open(): void;
  /** A whole message came: its first bytes (at most `headBytes`) and its length. */
  message(head: Uint8Array, length: number): void;
  /** The connection failed or closed; called once. */
  closed(reason: string): void;
}

const OPCODE_CLOSE = 0x8;
const OPCODE_CONTINUATION = 0x0;
const OPCODE_TEXT = 0x1;
const OPCODE_BINARY = 0x2;

export class CountingSocket {
  private readonly socket: net.Socket;
  private handshake: Buffer | null = Buffer.alloc(0);
  private header = Buffer.alloc(0);
  /** Payload bytes of the current frame still to come; -1 while its header is read. */
  private remaining = -1;
  /** Whether the current frame is a ping or a pong, skipped. */
  private control = false;
  private fin = false;
  private messageHead: number[] = [];
  private messageLength = 0;
  private done = false;

  constructor(
    url: string,
    private readonly listeners: CountingListeners,
    private readonly headBytes = 16,
  ) {
    const { hostname, port, pathname, search } = new URL(url);
    this.socket = net.connect(Number(port), hostname, () => {
      this.socket.write(
        `GET ${pathname}${search} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\n` +
          `Connection: Upgrade\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n` +
          'Sec-WebSocket-Version: 13\r\n\r\n',
      );
    });
    this.socket.setNoDelay(true);
    this.socket.on('data', (chunk: Buffer) => this.read(chunk));
    this.socket.on('error', (error) => this.close(error.message));
    this.socket.on('close', () => this.close('closed by the server'));
  }

  /** Sends `data` as one masked binary frame. */
  send(data: Uint8Array): void {
    const length = data.byteLength;
    if (length >= 65536) throw new Error('CountingSocket sends only small messages');
    const lengthBytes = length < 126 ? [0x80 | length] : [0x80 | 126, length >> 8, length & 0xff];
    const mask = randomBytes(4);
    const masked = Buffer.from(data.map((byte, i) => byte ^ mask[i % 4]!));
    this.socket.write(Buffer.concat([Buffer.of(0x80 | OPCODE_BINARY, ...lengthBytes), mask, masked]));
  }

  /** Leaves: a close frame, then the connection ends. */
  end(): void {
    if (!this.done && this.handshake === null) {
      const mask = randomBytes(4);
      this.socket.end(Buffer.concat([Buffer.of(0x80 | OPCODE_CLOSE, 0x80), mask]));
    } else this.socket.destroy();
    this.done = true;
  }

  private close(reason: string): void {
    if (this.done) return;
    this.done = true;
    this.socket.destroy();
    this.listeners.closed(reason);
  }

  private read(chunk: Buffer): void {
    if (this.handshake !== null) {
      const seen = Buffer.concat([this.handshake, chunk]);
      const end = seen.indexOf('\r\n\r\n');
      if (end < 0) {
        this.handshake = seen;
        return;
      }
      const status = seen.subarray(0, seen.indexOf('\r\n')).toString();
      if (!/^HTTP\/1\.1 101 /.test(status)) return this.close(`the server answered ${status}`);
      this.handshake = null;
      this.listeners.open();
      chunk = seen.subarray(end + 4);
    }
    let at = 0;
    while (at < chunk.length && !this.done) {
      if (this.remaining < 0) {
        const taken = this.readHeader(chunk, at);
        if (taken < 0) return;
        at = taken;
        continue;
      }
      const take = Math.min(this.remaining, chunk.length - at);
      if (!this.control) {
        for (let i = 0; i < take && this.messageHead.length < this.headBytes; i++)
          this.messageHead.push(chunk[at + i]!);
        this.messageLength += take;
      }
      this.remaining -= take;
      at += take;
      if (this.remaining === 0) this.endFrame();
    }
  }

  /** Reads a frame's header from `chunk` at `at`; returns where its payload begins, or -1 if the header is not all here. */
  private readHeader(chunk: Buffer, at: number): number {
    const rest = chunk.subarray(at);
    const header = this.header.length ? Buffer.concat([this.header, rest]) : rest;
    if (header.length < 2) return this.keepHeader(header);
    const short = header[1]! & 0x7f;
    const size = 2 + (short === 126 ? 2 : short === 127 ? 8 : 0);
    if (header.length < size) return this.keepHeader(header);
    const length = short === 126 ? header.readUInt16BE(2) : short === 127 ? Number(header.readBigUInt64BE(2)) : short;
    const opcode = header[0]! & 0x0f;
    this.fin = (header[0]! & 0x80) !== 0;
    if (opcode === OPCODE_CLOSE) {
      this.close('closed by the server');
      return -1;
    }
    // A ping or pong is skipped; a continuation goes on with the message it continues.
    this.control = opcode !== OPCODE_CONTINUATION && opcode !== OPCODE_BINARY && opcode !== OPCODE_TEXT;
    this.remaining = length;
    const consumed = size - this.header.length;
    this.header = Buffer.alloc(0);
    if (length === 0) this.endFrame();
    return at + consumed;
  }

  private keepHeader(header: Buffer): number {
    this.header = Buffer.from(header);
    return -1;
  }

  private endFrame(): void {
    this.remaining = -1;
    if (!this.fin || this.control) return;
    const head = Uint8Array.from(this.messageHead);
    const length = this.messageLength;
    this.messageHead = [];
    this.messageLength = 0;
    this.listeners.message(head, length);
  }
}
