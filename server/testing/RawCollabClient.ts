import * as awarenessProtocol from 'y-protocols/awareness';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import type { CollabEvent } from '../../shared/collab';
import {
  MessageType,
  decodeClientMessage,
  decodeCollabEvent,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
} from '../collab/codec';
import { waitFor } from './waitFor';

/**
 * A collab client that skips the editor and the provider: a raw socket speaking the y-websocket
 * protocol by hand over its own Yjs document, as an attacker (or a buggy client) would. It syncs
 * like a real client, then sends whatever change a test makes, and records what the server says.
 */
export class RawCollabClient {
  readonly doc = new Y.Doc();
  readonly events: CollabEvent[] = [];
  /** Awareness entries the server relayed to this client, by client id, newest last. */
  readonly presence = new Map<number, unknown>();
  closeCode: number | null = null;
  /** Update messages the server sent before its sync step 2 (changes since it encoded the whole text). */
  updatesBeforeSync = 0;
  private synced = false;

  private constructor(readonly ws: WebSocket) {
    ws.binaryType = 'nodebuffer';
    ws.on('message', (data: Buffer) => this.receive(new Uint8Array(data)));
    ws.on('close', (code) => (this.closeCode = code));
  }

  /** Opens a socket to `collabUrl/<draftId>?token=…` and completes the sync handshake. */
  static async connect(collabUrl: string, draftId: string, token: string): Promise<RawCollabClient> {
    const ws = new WebSocket(`${collabUrl}/${draftId}?token=${token}`);
    const client = new RawCollabClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    ws.send(encodeSyncStep1(Y.encodeStateVector(client.doc)));
    await waitFor(() => client.synced, { message: 'raw client synced' });
    return client;
  }

  /** Makes a change in this client's document and sends the update it produces, as the provider would. */
  send(change: (doc: Y.Doc) => void): Uint8Array {
    const before = Y.encodeStateVector(this.doc);
    this.doc.transact(() => change(this.doc));
    const update = Y.encodeStateAsUpdate(this.doc, before);
    this.ws.send(encodeUpdate(update));
    return update;
  }

  /** Sends presence entries as they are, whatever they claim. */
  sendPresence(entries: { clientId: number; clock: number; state: Record<string, unknown> | null }[]): void {
    const awareness = new awarenessProtocol.Awareness(new Y.Doc());
    for (const { clientId, clock, state } of entries) {
      awareness.states.set(clientId, state ?? {});
      awareness.meta.set(clientId, { clock, lastUpdated: Date.now() });
    }
    const update = awarenessProtocol.encodeAwarenessUpdate(
      awareness,
      entries.map((entry) => entry.clientId),
    );
    awareness.destroy();
    this.ws.send(encodeAwareness(update));
  }

  /** The refusals the server sent. */
  get refusals(): Extract<CollabEvent, { type: 'edit-refused' }>[] {
    return this.events.filter(
      (event): event is Extract<CollabEvent, { type: 'edit-refused' }> => event.type === 'edit-refused',
    );
  }

  close(): void {
    this.ws.terminate();
  }

  private receive(frame: Uint8Array): void {
    const event = decodeCollabEvent(frame);
    if (event) {
      this.events.push(event);
      return;
    }
    if (frame[0] === MessageType.Auth) return;
    const message = decodeClientMessage(frame);
    switch (message.kind) {
      case 'sync-step-1':
        this.ws.send(encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, message.stateVector)));
        return;
      case 'sync-step-2':
        Y.applyUpdate(this.doc, message.update);
        this.synced = true;
        return;
      case 'update':
        Y.applyUpdate(this.doc, message.update);
        if (!this.synced) this.updatesBeforeSync++;
        return;
      case 'awareness':
        for (const entry of message.entries) if ('state' in entry) this.presence.set(entry.clientId, entry.state);
        return;
      default:
        return;
    }
  }
}
