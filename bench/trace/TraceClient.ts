import * as decoding from 'lib0/decoding';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as authProtocol from 'y-protocols/auth';
import * as Y from 'yjs';
import { ACCORD_EVENT_MESSAGE } from '../../shared/collab';
import { findClauseText } from '../fanout/benchDocument';
import { waitUntil } from '../fanout/waitUntil';
import type { CollabRoom } from '../fanout/Writer';

/** y-websocket's message type for auth ("permission denied"). */
const MESSAGE_AUTH = 2;

/**
 * One client of the trace benchmark: the real y-websocket `WebsocketProvider` a browser uses, run
 * in Node over `ws`. It also listens for what a server says when it refuses a change (Accord's
 * `edit-refused` event, a permission-denied message, a closed connection), so a replay that a
 * server stops taking fails at once with the server's own words instead of waiting for a timeout.
 */
export class TraceClient {
  readonly doc = new Y.Doc();
  private readonly provider: WebsocketProvider;
  /** The first thing the server said against this client's changes, if anything. */
  refusal: string | undefined;
  /** Connections the server closed while this client was open. */
  connectionCloses = 0;
  private readonly refusalListeners: ((reason: string) => void)[] = [];
  private destroyed = false;

  constructor(room: CollabRoom, name: string) {
    this.provider = new WebsocketProvider(room.serverUrl, room.room, this.doc, {
      params: room.params,
      // ws implements the WebSocket API y-websocket uses; its declared type differs from the DOM one.
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      // The benchmark's clients share this process; BroadcastChannel would let them sync without the server.
      disableBc: true,
    });
    this.provider.awareness.setLocalStateField('user', { name });
    this.provider.messageHandlers[ACCORD_EVENT_MESSAGE] = (_encoder, decoder) => {
      let event: { type?: string; reason?: string };
      try {
        event = JSON.parse(decoding.readVarString(decoder)) as typeof event;
      } catch {
        return;
      }
      if (event.type === 'edit-refused' || event.type === 'draft-unreadable') {
        this.refuse(`${event.type}: ${event.reason ?? 'no reason given'}`);
      }
    };
    this.provider.messageHandlers[MESSAGE_AUTH] = (_encoder, decoder) => {
      authProtocol.readAuthMessage(decoder, this.doc, (_doc, reason) => this.refuse(`permission denied: ${reason}`));
    };
    this.provider.on('connection-close', (event) => {
      if (this.destroyed) return;
      this.connectionCloses++;
      this.refuse(
        `the server closed the connection (code ${event?.code ?? 'unknown'}${event?.reason ? `: ${event.reason}` : ''})`,
      );
    });
  }

  private refuse(reason: string): void {
    this.refusal ??= reason;
    for (const listener of this.refusalListeners) listener(reason);
  }

  /** Calls `listener` whenever the server refuses something of this client's. */
  onRefusal(listener: (reason: string) => void): void {
    this.refusalListeners.push(listener);
  }

  /** Resolves once the provider has received the server's document. */
  async connect(timeoutMs: number): Promise<void> {
    await waitUntil(() => this.provider.synced, 'a trace client to sync', timeoutMs);
  }

  /** Resolves with the paragraph text of clause `id` once that clause has reached this client. */
  async clauseText(id: string, timeoutMs: number): Promise<Y.XmlText> {
    let text: Y.XmlText | undefined;
    await waitUntil(() => (text = findClauseText(this.doc, id)) !== undefined, `clause ${id}`, timeoutMs);
    if (!text) throw new Error(`clause ${id} has no text`);
    return text;
  }

  /** Disconnects and frees the document. */
  destroy(): void {
    this.destroyed = true;
    this.provider.destroy();
    this.doc.destroy();
  }
}

/** A paragraph's text as plain characters, whatever marks it carries (none, in a replay). */
export function plainText(text: Y.XmlText): string {
  return text
    .toDelta()
    .map((op: { insert?: unknown }) => (typeof op.insert === 'string' ? op.insert : '\uFFFC'))
    .join('');
}
