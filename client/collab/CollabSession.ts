import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { z } from 'zod';
import { closeCodeMessage, isFatalCloseCode } from '../../shared/closeCodes';
import * as decoding from 'lib0/decoding';
import type { CollabEvent } from '../../shared/collab';
import { ACCORD_EVENT_MESSAGE, COLLAB_PATH, DOCUMENT_FIELD } from '../../shared/collab';
import { draftSchema } from '../../shared/schema';
import { findUnknownContent } from './findUnknownContent';

/** What the header tells a delegate about their link to the others. */
export type ConnectionState = 'connected' | 'connecting' | 'reconnecting' | 'offline';

/** Everything about a draft's live session that the page shows; replaced (never mutated) on change. */
export interface CollabStatus {
  connection: ConnectionState;
  /**
   * Local changes made since this browser was last connected and synced with the server. They
   * are safe in IndexedDB and merge on reconnect; the count only tells the person they exist.
   */
  unsyncedChanges: number;
  /** Whether the document has content yet (from this device's copy or from the server). */
  hasContent: boolean;
  /** Why the session stopped for good (a fatal close code, unreadable content), or null. */
  fatalError: string | null;
  /**
   * The document holds content this version cannot represent. The editor must not bind to it:
   * the binding would delete what it cannot show, for everyone.
   */
  contentRejected: boolean;
  /** A transient problem worth a sentence (server restarting, change too large), or null. */
  notice: string | null;
  /**
   * The server cannot read the draft's stored text, in its words, or null. It syncs nothing and
   * refuses every change: the page must not bind an editor to the document (see `draft-unreadable`).
   */
  unreadable: string | null;
  /**
   * The server said it cannot save this draft right now (`storage-unavailable`: its disk is full
   * or failing), so changes are refused, not kept; until it says it can (`storage-restored`) or
   * the connection closes (the server tells a new connection again).
   */
  cannotSave: boolean;
}

/** The `draft-unreadable` event as the server sends it; checked, since the socket is a boundary. */
const unreadableEvent = z.object({ type: z.literal('draft-unreadable'), reason: z.string().min(1) });

/** Shown when another client wrote content this version of the editor does not know. */
export const UNKNOWN_CONTENT_MESSAGE =
  'This draft contains content that this version of Accord cannot display, probably added by ' +
  'a newer version. Editing is paused so that nothing is lost or changed. Reload the page to ' +
  'get the latest version.';

/** Options mainly for tests and unusual deployments; the defaults suit the browser. */
export interface CollabSessionOptions {
  /** Base websocket URL without the room, e.g. `wss://accord.example/collab`. */
  serverUrl?: string;
}

/** The websocket URL of the collab endpoint on the page's own origin. */
export function defaultCollabUrl(location: Location = window.location): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${COLLAB_PATH}`;
}

/** localStorage key of a draft's unsynced-change count. */
export function unsyncedStorageKey(draftId: string): string {
  return `accord.unsynced.${draftId}`;
}

function readCount(key: string): number {
  try {
    const value = Number.parseInt(window.localStorage.getItem(key) ?? '0', 10);
    return Number.isFinite(value) && value > 0 ? value : 0;
  } catch {
    return 0;
  }
}

function writeCount(key: string, count: number): void {
  try {
    if (count === 0) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, String(count));
  } catch {
    // Storage disabled: the count still shows for this page, it just does not survive a reload.
  }
}

/**
 * One open draft in this browser: its Yjs document, the websocket to the collab server, the
 * IndexedDB copy that lets edits made offline survive a reload and merge on reconnect, and the
 * connection state the header shows. React reads it through {@link subscribe}/{@link getStatus}
 * (the `useSyncExternalStore` contract); nothing here knows about React or Tiptap.
 */
export class CollabSession {
  readonly draftId: string;
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  readonly persistence: IndexeddbPersistence;

  private status: CollabStatus;
  private readonly listeners = new Set<() => void>();
  private readonly unknownContentListeners = new Set<() => void>();
  private readonly eventListeners = new Set<(event: CollabEvent) => void>();
  private readonly schema = draftSchema();
  private readonly countKey: string;
  private online: boolean;
  /** Whether this page has ever been connected and synced: decides "Connecting…" vs "Reconnecting…". */
  private everSynced = false;
  private destroyed = false;

  constructor(draftId: string, options: CollabSessionOptions = {}) {
    this.draftId = draftId;
    this.countKey = unsyncedStorageKey(draftId);
    this.online = navigator.onLine;
    this.doc = new Y.Doc();
    this.status = {
      connection: this.online ? 'connecting' : 'offline',
      unsyncedChanges: readCount(this.countKey),
      hasContent: false,
      fatalError: null,
      contentRejected: false,
      notice: null,
      unreadable: null,
      cannotSave: false,
    };

    // IndexedDB first, so a reload while offline shows this device's copy straight away.
    this.persistence = new IndexeddbPersistence(`accord-draft-${draftId}`, this.doc);
    this.provider = new WebsocketProvider(options.serverUrl ?? defaultCollabUrl(), draftId, this.doc, {
      connect: this.online,
      // Every change goes through the server, which judges it: tabs sharing changes among themselves
      // would build on changes the server has not seen (or has refused) and have theirs refused too.
      disableBc: true,
    });

    this.doc.on('beforeObserverCalls', this.guardContent);
    this.doc.on('update', this.onDocUpdate);
    this.provider.on('status', this.onProviderChange);
    this.provider.on('status', this.forgetOthersPresence);
    this.provider.on('sync', this.onProviderChange);
    this.provider.on('connection-close', this.onConnectionClose);
    // Accord's own events ride on the collab socket as message type ACCORD_EVENT_MESSAGE (JSON).
    this.provider.messageHandlers[ACCORD_EVENT_MESSAGE] = (_encoder, decoder) => {
      let event: CollabEvent;
      try {
        event = JSON.parse(decoding.readVarString(decoder)) as CollabEvent;
      } catch {
        return;
      }
      const unreadable = unreadableEvent.safeParse(event);
      if (unreadable.success) this.update({ unreadable: unreadable.data.reason });
      if (event.type === 'storage-unavailable' || event.type === 'storage-restored')
        this.update({ cannotSave: event.type === 'storage-unavailable' });
      for (const listener of this.eventListeners) listener(event);
    };
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
  }

  /** The Yjs XML fragment Tiptap's Collaboration extension binds to. */
  get fragment(): Y.XmlFragment {
    return this.doc.getXmlFragment(DOCUMENT_FIELD);
  }

  /** Registers a listener for status changes; returns the unsubscribe function. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** The current status; the same object until something changes. */
  getStatus = (): CollabStatus => this.status;

  /**
   * Stops syncing for good and says why: used when the server closes with a fatal code and when
   * the editor meets content it cannot show. Local state is left as it is.
   */
  halt(message: string): void {
    this.provider.disconnect();
    // The first reason is the real one; a close that follows it is only a consequence.
    this.update({ fatalError: this.status.fatalError ?? message });
  }

  /** Closes the websocket and IndexedDB and releases every listener. Safe to call twice. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    this.provider.off('status', this.onProviderChange);
    this.provider.off('status', this.forgetOthersPresence);
    this.provider.off('sync', this.onProviderChange);
    this.provider.off('connection-close', this.onConnectionClose);
    this.doc.off('beforeObserverCalls', this.guardContent);
    this.doc.off('update', this.onDocUpdate);
    this.provider.destroy();
    void this.persistence.destroy();
    if (!this.doc.isDestroyed) this.doc.destroy();
    this.listeners.clear();
    this.unknownContentListeners.clear();
    this.eventListeners.clear();
  }

  /**
   * Registers a listener for the events the server pushes on the collab socket (role changes,
   * refused edits, comments, comment periods). Returns the unsubscribe function.
   */
  onCollabEvent(listener: (event: CollabEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => {
      this.eventListeners.delete(listener);
    };
  }

  /**
   * Registers a listener called synchronously, inside the Yjs transaction, when content this
   * version does not know arrives: before any Yjs observer (so before the editor binding) sees
   * it. The editor unbinds there. Returns the unsubscribe function.
   */
  onUnknownContent(listener: () => void): () => void {
    this.unknownContentListeners.add(listener);
    return () => {
      this.unknownContentListeners.delete(listener);
    };
  }

  private get isLive(): boolean {
    return this.provider.wsconnected && this.provider.synced;
  }

  private guardContent = (transaction: Y.Transaction): void => {
    // Our own editor only produces content of its schema; everything else (server, IndexedDB,
    // other tabs) is checked before the binding's observer runs.
    if (transaction.local || this.status.contentRejected) return;
    const unknown = findUnknownContent(transaction, this.fragment, this.schema);
    if (unknown === null) return;
    console.warn(`Accord: stopped editing this draft: it contains ${unknown}, unknown to this version.`);
    for (const listener of this.unknownContentListeners) listener();
    this.update({ contentRejected: true, fatalError: UNKNOWN_CONTENT_MESSAGE, notice: null });
    // Leave the provider's message handling before closing its socket.
    queueMicrotask(() => this.halt(UNKNOWN_CONTENT_MESSAGE));
  };

  private onDocUpdate = (_update: Uint8Array, origin: unknown, _doc: Y.Doc, transaction: Y.Transaction): void => {
    // `local` is false for updates applied from the server or from IndexedDB; origin is checked
    // too because a future provider could apply its updates as local transactions.
    const madeHere = transaction.local && origin !== this.provider && origin !== this.persistence;
    const unsyncedChanges = madeHere && !this.isLive ? this.status.unsyncedChanges + 1 : this.status.unsyncedChanges;
    if (unsyncedChanges !== this.status.unsyncedChanges) writeCount(this.countKey, unsyncedChanges);
    this.update({ unsyncedChanges, hasContent: this.fragment.length > 0 });
  };

  private onProviderChange = (): void => {
    if (this.isLive) {
      this.everSynced = true;
      writeCount(this.countKey, 0);
      this.update({ unsyncedChanges: 0, notice: null });
    } else {
      this.update({});
    }
  };

  /**
   * As a connection opens, forgets what it knew of the others' presence (the provider dropped their
   * entries when the last one closed). y-protocols keeps the clock it last saw of each and would
   * ignore the server's snapshot of them, so their carets came back only at their next renewal.
   */
  private forgetOthersPresence = ({ status }: { status: string }): void => {
    if (status !== 'connected') return;
    const { awareness } = this.provider;
    for (const clientId of [...awareness.meta.keys()])
      if (clientId !== awareness.clientID && !awareness.getStates().has(clientId)) awareness.meta.delete(clientId);
  };

  private onConnectionClose = (event: CloseEvent | null): void => {
    this.update({ cannotSave: false });
    // Closed by us (disconnect, watchdog), or after the session already stopped: nothing to add.
    if (event === null || this.status.fatalError !== null) return;
    if (isFatalCloseCode(event.code)) {
      const message = closeCodeMessage(event.code) ?? 'The server ended this session. Reload the page to try again.';
      this.update({ fatalError: message, notice: null });
      // The provider is still inside its close handling; disconnect once it has finished.
      queueMicrotask(() => this.halt(message));
      return;
    }
    const message = closeCodeMessage(event.code);
    if (message !== undefined) this.update({ notice: message });
  };

  private onOnline = (): void => {
    this.online = true;
    if (this.status.fatalError === null) this.provider.connect();
    this.update({});
  };

  private onOffline = (): void => {
    // The socket is dead once the network is; closing it now keeps the indicator, the unsynced
    // count and the provider in agreement instead of waiting for a timeout.
    this.online = false;
    this.provider.disconnect();
    this.update({});
  };

  private deriveConnection(fatalError: string | null): ConnectionState {
    if (fatalError !== null || !this.online) return 'offline';
    if (this.isLive) return 'connected';
    return this.everSynced ? 'reconnecting' : 'connecting';
  }

  private update(changes: Partial<CollabStatus>): void {
    if (this.destroyed) return;
    const merged = { ...this.status, ...changes };
    const next: CollabStatus = { ...merged, connection: this.deriveConnection(merged.fatalError) };
    const current = this.status;
    if (
      next.connection === current.connection &&
      next.unsyncedChanges === current.unsyncedChanges &&
      next.hasContent === current.hasContent &&
      next.fatalError === current.fatalError &&
      next.contentRejected === current.contentRejected &&
      next.notice === current.notice &&
      next.unreadable === current.unreadable &&
      next.cannotSave === current.cannotSave
    ) {
      return;
    }
    this.status = next;
    for (const listener of this.listeners) listener();
  }
}
