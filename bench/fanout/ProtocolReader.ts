import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as authProtocol from 'y-protocols/auth';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { draftFragment, findWriterText } from './benchDocument';
import { forEachKeystrokeToken } from './keystrokeToken';

const messageSync = 0;
const messageAwareness = 1;
const messageAuth = 2;
const messageQueryAwareness = 3;

/**
 * A read-only collaborator: a raw `ws` client that speaks the y-websocket protocol through
 * y-protocols and keeps its own Y.Doc and Awareness, like a browser tab whose user only watches.
 * It is lighter than a `WebsocketProvider` (no reconnects, no awareness state of its own, no
 * BroadcastChannel), but it genuinely decodes every message and applies every update, and it
 * learns that a keystroke arrived only by observing its own document change.
 */
export class ProtocolReader {
  private readonly doc = new Y.Doc();
  private readonly awareness = new awarenessProtocol.Awareness(this.doc);
  private socket: WebSocket | undefined;
  private synced = false;
  /** Close code if the server ended the connection, undefined while it is open or closed by us. */
  closedByServer: number | undefined;
  /** Why this reader stopped decoding, if a message could not be read. */
  failure: string | undefined;

  constructor(
    private readonly url: string,
    private readonly writers: number,
    onKeystroke: (writer: number, seq: number) => void,
  ) {
    this.awareness.setLocalState(null);
    draftFragment(this.doc).observeDeep((events) => {
      for (const event of events) {
        if (!(event.target instanceof Y.XmlText)) continue;
        for (const op of (event as Y.YTextEvent).delta) {
          if (typeof op.insert === 'string') forEachKeystrokeToken(op.insert, onKeystroke);
        }
      }
    });
  }

  /**
   * Opens the connection and resolves once the server's document has been received (sync step 2)
   * and holds every writer's clause, so each keystroke later arrives as a change to a text this
   * reader already observes.
   */
  connect(timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(this.url, { perMessageDeflate: false });
      this.socket = socket;
      socket.binaryType = 'nodebuffer';
      const timer = setTimeout(() => fail(new Error(`reader not synced within ${timeoutMs} ms`)), timeoutMs);
      let settled = false;
      const fail = (error: Error): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(error);
      };
      socket.on('open', () => {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, messageSync);
        syncProtocol.writeSyncStep1(encoder, this.doc);
        socket.send(encoding.toUint8Array(encoder));
      });
      socket.on('message', (data: Buffer) => {
        try {
          this.receive(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
        } catch (error) {
          this.failure = error instanceof Error ? error.message : String(error);
          this.socket = undefined;
          socket.close();
          fail(new Error(this.failure));
          return;
        }
        if (!settled && this.synced && this.hasEveryWriterText()) {
          settled = true;
          clearTimeout(timer);
          resolve();
        }
      });
      socket.on('error', (error) => fail(error));
      socket.on('close', (code) => {
        if (this.socket === socket) this.closedByServer = code;
        fail(new Error(`connection closed with code ${code} before sync`));
      });
    });
  }

  private hasEveryWriterText(): boolean {
    for (let writer = 0; writer < this.writers; writer++) {
      if (!findWriterText(this.doc, writer)) return false;
    }
    return true;
  }

  private receive(message: Uint8Array): void {
    const decoder = decoding.createDecoder(message);
    switch (decoding.readVarUint(decoder)) {
      case messageSync:
        this.receiveSync(decoder);
        break;
      case messageAwareness:
        awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), this);
        break;
      case messageAuth:
        authProtocol.readAuthMessage(decoder, this.doc, (_doc, reason) => {
          throw new Error(`permission denied: ${reason}`);
        });
        break;
      case messageQueryAwareness:
        // This reader has no awareness state of its own to answer with.
        break;
      default:
        break;
    }
  }

  /**
   * The sync part of the protocol, as `syncProtocol.readSyncMessage` does it, except that the
   * reply encoder is only made for sync step 1: updates are nearly every message a reader gets.
   */
  private receiveSync(decoder: decoding.Decoder): void {
    switch (decoding.readVarUint(decoder)) {
      case syncProtocol.messageYjsSyncStep1: {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, messageSync);
        syncProtocol.readSyncStep1(decoder, encoder, this.doc);
        this.socket?.send(encoding.toUint8Array(encoder));
        break;
      }
      case syncProtocol.messageYjsSyncStep2:
        syncProtocol.readSyncStep2(decoder, this.doc, this);
        this.synced = true;
        break;
      case syncProtocol.messageYjsUpdate:
        syncProtocol.readUpdate(decoder, this.doc, this);
        break;
      default:
        throw new Error('unknown sync message type');
    }
  }

  /** Closes the connection and frees the document; safe to call more than once. */
  close(): void {
    const socket = this.socket;
    this.socket = undefined;
    socket?.close();
    this.awareness.destroy();
    this.doc.destroy();
  }
}
