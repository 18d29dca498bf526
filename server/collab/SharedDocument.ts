import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { CloseCode } from '../../shared/closeCodes';
import { readDocumentTitle } from '../drafts/documentTitle';
import type { Logger } from '../logger';
import type { Storage } from '../storage/Storage';
import type { ClientConnection } from './ClientConnection';
import type { ClientMessage } from './codec';
import { ProtocolError, encodeAwareness, encodeAwarenessEntries, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from './codec';

/** Transaction origin of changes the server itself makes (renames, restores, consolidation). */
export const SERVER_ORIGIN = Symbol('accord-server');

/** The update Yjs encodes for "nothing": no structs, no deletions. */
const EMPTY_UPDATE_LENGTH = 2;

export interface SharedDocumentOptions {
  /** Merge the update log into the state row once it holds this many rows. */
  compactAfterUpdates: number;
  /**
   * Keeps the text consistent after clients' changes are applied (for example, repairs duplicate
   * clause ids). It gets the document and a function that runs a change as the server; such a
   * change is stored and relayed like any other.
   */
  maintain?: (doc: Y.Doc, writeAsServer: (change: () => void) => void) => void;
}

interface IncomingUpdate {
  update: Uint8Array;
  origin: ClientConnection;
}

/**
 * One draft's live text on the server, shared by every connection to it.
 *
 * Durability before relay: updates from clients are queued, and once per tick the whole queue is
 * appended to the draft's update log in one transaction; only then are they applied to the
 * server's document and relayed, merged into one message encoded once for every recipient. The
 * in-memory document therefore never holds a client's change that is not on disk, and nothing a
 * client has been sent can be lost by a crash.
 */
export class SharedDocument {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly logger: Logger;
  private readonly connections = new Set<ClientConnection>();
  private leases = 0;
  private incoming: IncomingUpdate[] = [];
  /** Changes the server made directly; already applied, stored and relayed with the next flush. */
  private serverEdits: Uint8Array[] = [];
  /** Effective updates produced by applying a stored batch, relayed at the end of the flush. */
  private toRelay: Uint8Array[] = [];
  private flushScheduled = false;
  private flushChain: Promise<void> = Promise.resolve();
  private changedAwareness = new Set<number>();
  private awarenessScheduled = false;
  private lastSeq: number;
  private logLength: number;
  private title: string;
  private unloaded = false;

  /** Called when the last connection and lease are gone; the registry unloads the draft. */
  onIdle: (() => void) | null = null;

  private constructor(
    readonly draftId: string,
    private readonly storage: Storage,
    logger: Logger,
    private readonly options: SharedDocumentOptions,
    stored: { lastSeq: number; logLength: number },
  ) {
    this.logger = logger.child({ draftId });
    this.lastSeq = stored.lastSeq;
    this.logLength = stored.logLength;
    this.title = readDocumentTitle(this.doc);
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === SERVER_ORIGIN) {
        this.serverEdits.push(update);
        this.scheduleFlush();
      } else {
        this.toRelay.push(update);
      }
    });
    this.awareness.on('update', ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
      const connection = this.connectionFor(origin);
      for (const id of added) connection?.awarenessClients.add(id);
      for (const id of removed) connection?.awarenessClients.delete(id);
      for (const id of [...added, ...updated, ...removed]) this.changedAwareness.add(id);
      this.scheduleAwarenessRelay();
    });
  }

  /** Loads a draft's text from storage: the compacted state, then the log after it. */
  static async load(draftId: string, storage: Storage, logger: Logger, options: SharedDocumentOptions): Promise<SharedDocument> {
    const stored = await storage.loadDocument(draftId);
    const document = new SharedDocument(draftId, storage, logger, options, {
      lastSeq: stored.lastSeq,
      logLength: stored.updates.length,
    });
    document.applyStored(stored.state, stored.updates);
    document.maintain();
    if (document.logLength >= options.compactAfterUpdates) document.enqueue(() => document.compact());
    return document;
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** No connection and no lease: nothing keeps the draft loaded. */
  get isIdle(): boolean {
    return this.connections.size === 0 && this.leases === 0;
  }

  get isUnloaded(): boolean {
    return this.unloaded;
  }

  /** Adds a connection and starts the sync handshake with it. */
  addConnection(connection: ClientConnection): void {
    this.connections.add(connection);
    connection.onClose(() => this.removeConnection(connection));
    connection.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
    if (this.awareness.getStates().size > 0) {
      connection.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()])));
    }
  }

  /** Handles one decoded message from a connection. Throws {@link ProtocolError} for a bad one. */
  handleMessage(connection: ClientConnection, message: ClientMessage): void {
    switch (message.kind) {
      case 'sync-step-1':
        this.answerSyncStep1(connection, message.stateVector);
        return;
      case 'sync-step-2':
      case 'update':
        this.receiveUpdate(connection, message.update);
        return;
      case 'awareness':
        awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(message.entries), connection);
        return;
      case 'query-awareness':
        connection.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()])));
        return;
    }
  }

  /**
   * Runs a change made by the server itself (not by a client) on the live text. It is stored and
   * relayed like any other change; the returned promise resolves once it is stored.
   */
  async transactAsServer(change: (doc: Y.Doc) => void): Promise<void> {
    this.doc.transact(() => change(this.doc), SERVER_ORIGIN);
    await this.flushed();
  }

  /** Resolves when everything received so far is stored and relayed. */
  flushed(): Promise<void> {
    if (this.incoming.length > 0 || this.serverEdits.length > 0) this.flushNow();
    return this.flushChain;
  }

  /** Keeps the draft loaded while the server works on it without a client connection. */
  lease(): () => void {
    this.leases++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.leases--;
      this.checkIdle();
    };
  }

  /** Closes every connection with `code` (for example on shutdown or when the draft is archived). */
  closeConnections(code: CloseCode, reason: string): void {
    for (const connection of [...this.connections]) connection.close(code, reason);
  }

  /** Stores what is pending, compacts the log and frees the document. */
  async unload(): Promise<void> {
    if (this.unloaded) return;
    this.unloaded = true;
    await this.flushed();
    if (this.logLength > 0) await this.enqueue(() => this.compact());
    this.awareness.destroy();
    this.doc.destroy();
  }

  private answerSyncStep1(connection: ClientConnection, stateVector: Uint8Array): void {
    let update: Uint8Array;
    try {
      update = Y.encodeStateAsUpdate(this.doc, stateVector);
    } catch {
      throw new ProtocolError(CloseCode.MalformedMessage, 'state vector could not be decoded');
    }
    connection.send(encodeSyncStep2(update));
  }

  private receiveUpdate(connection: ClientConnection, update: Uint8Array): void {
    if (update.length <= EMPTY_UPDATE_LENGTH && update.every((byte) => byte === 0)) return;
    try {
      Y.decodeUpdate(update);
    } catch {
      throw new ProtocolError(CloseCode.InvalidUpdate, 'update could not be decoded');
    }
    this.incoming.push({ update, origin: connection });
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flushNow());
  }

  private flushNow(): void {
    this.flushScheduled = false;
    const batch = this.incoming;
    const serverEdits = this.serverEdits;
    this.incoming = [];
    this.serverEdits = [];
    if (batch.length === 0 && serverEdits.length === 0) return;
    void this.enqueue(() => this.storeApplyRelay(batch, serverEdits));
  }

  /** Runs `task` after every earlier flush and compaction, one at a time. */
  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.flushChain.then(task).catch((error: unknown) => {
      this.logger.error({ err: error }, 'storing the draft failed; closing its connections so clients resend');
      this.closeConnections(CloseCode.InternalError, 'storage failed');
    });
    this.flushChain = run;
    return run;
  }

  private async storeApplyRelay(batch: IncomingUpdate[], serverEdits: Uint8Array[]): Promise<void> {
    const updates = [...batch.map((item) => item.update), ...serverEdits];
    this.lastSeq = await this.storage.appendUpdates(this.draftId, updates, new Date());
    this.logLength += updates.length;

    for (const { update, origin } of batch) {
      try {
        Y.applyUpdate(this.doc, update, origin);
      } catch (error) {
        this.logger.warn({ err: error, connection: origin.id }, 'stored update could not be applied');
        origin.close(CloseCode.InvalidUpdate, 'update could not be applied');
      }
    }
    if (batch.length > 0) this.maintain();
    const relay = [...this.toRelay, ...serverEdits];
    this.toRelay = [];
    if (relay.length > 0) {
      const message = encodeUpdate(relay.length === 1 ? relay[0]! : Y.mergeUpdates(relay));
      for (const connection of this.connections) connection.send(message);
    }

    const title = readDocumentTitle(this.doc);
    if (title !== this.title) {
      this.title = title;
      await this.storage.updateDraft(this.draftId, { title });
    }
    if (this.logLength >= this.options.compactAfterUpdates) {
      void this.enqueue(() => this.compact());
    }
  }

  private maintain(): void {
    try {
      this.options.maintain?.(this.doc, (change) => this.doc.transact(change, SERVER_ORIGIN));
    } catch (error) {
      this.logger.error({ err: error }, 'maintaining the draft text failed');
    }
  }

  /** Replaces the log with one state row. Runs in the flush chain, so the document equals what is stored. */
  private async compact(): Promise<void> {
    if (this.logLength === 0) return;
    const upToSeq = this.lastSeq;
    const before = this.logLength;
    await this.storage.compactDocument(this.draftId, Y.encodeStateAsUpdate(this.doc), upToSeq);
    this.logLength = 0;
    this.logger.debug({ upToSeq, merged: before }, 'compacted the update log');
  }

  private applyStored(state: Uint8Array | null, updates: Uint8Array[]): void {
    const all = state ? [state, ...updates] : updates;
    if (all.length === 0) return;
    try {
      Y.applyUpdate(this.doc, all.length === 1 ? all[0]! : Y.mergeUpdates(all), this);
    } catch (error) {
      // One damaged row must not hide the rest of the text: fall back to applying row by row.
      this.logger.error({ err: error }, 'stored log could not be merged; applying it row by row');
      for (const update of all) {
        try {
          Y.applyUpdate(this.doc, update, this);
        } catch (rowError) {
          this.logger.error({ err: rowError }, 'skipping a stored update that cannot be applied');
        }
      }
    }
    this.toRelay = [];
    this.title = readDocumentTitle(this.doc);
  }

  private removeConnection(connection: ClientConnection): void {
    if (!this.connections.delete(connection)) return;
    if (connection.awarenessClients.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.awarenessClients], null);
    }
    this.checkIdle();
  }

  private checkIdle(): void {
    if (this.isIdle && !this.unloaded) this.onIdle?.();
  }

  private connectionFor(origin: unknown): ClientConnection | undefined {
    const connection = origin as ClientConnection;
    return this.connections.has(connection) ? connection : undefined;
  }

  private scheduleAwarenessRelay(): void {
    if (this.awarenessScheduled) return;
    this.awarenessScheduled = true;
    setImmediate(() => {
      this.awarenessScheduled = false;
      const changed = [...this.changedAwareness];
      this.changedAwareness.clear();
      if (changed.length === 0 || this.unloaded) return;
      const message = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
      for (const connection of this.connections) connection.send(message);
    });
  }
}

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}
