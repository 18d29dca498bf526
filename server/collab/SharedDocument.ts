import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { CloseCode, RefusalCode } from '../../shared/closeCodes';
import { DOCUMENT_FIELD } from '../../shared/collab';
import type { Role } from '../../shared/roles';
import { can } from '../../shared/roles';
import { readDocumentTitle } from '../drafts/documentTitle';
import { changesStructure, mayChangeTitle, touchedClauseIds } from '../drafts/touchedClauses';
import type { Logger } from '../logger';
import type { ClauseChange, Storage, StoredUpdate } from '../storage/Storage';
import { ClientConnection } from './ClientConnection';
import { integratesAsIs } from './integratesAsIs';
import { SharedMessage } from './SharedMessage';
import type { AwarenessEntry, ClientMessage } from './codec';
import {
  ProtocolError,
  encodeAwareness,
  encodeAwarenessEntries,
  encodeCollabEvent,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
} from './codec';

/** Transaction origin of changes the server itself makes (renames, restores, consolidation). */
export const SERVER_ORIGIN = Symbol('accord-server');

/** The update Yjs encodes for "nothing": no structs, no deletions. */
const EMPTY_UPDATE_LENGTH = 2;

/** Presence entries one connection may own (one per open editor; a few tabs share nothing). */
const MAX_PRESENCE_PER_CONNECTION = 4;

/** How often the records of the typing (who changed which clause, when the text last changed) are written. */
const RECORDS_INTERVAL_MS = 1000;

/**
 * How long after the last relay the server's own work on it (applying what was relayed as sent,
 * writing the records) waits, so that it never takes the processor from the clients still taking
 * in that relay, nor holds up a keystroke arriving meanwhile.
 */
const RELAY_SETTLE_MS = 10;

/** Past this, the records are written even if the relays never pause. */
const RECORDS_MAX_DELAY_MS = 5000;

/** Told to a client whose change was refused. */
const READ_ONLY_REASON = 'Your role on this draft does not allow changing the text. The change was not applied.';

export interface SharedDocumentOptions {
  /** Merge the update log into the state row once it holds this many rows. */
  compactAfterUpdates: number;
  /**
   * Keeps the text consistent after clients' changes are applied (for example, repairs duplicate
   * clause ids). It gets the document and a function that runs a change as the server; such a
   * change is stored and relayed like any other.
   */
  maintain?: (context: MaintainContext) => void;
}

/** What {@link SharedDocumentOptions.maintain} is given after changes were applied. */
export interface MaintainContext {
  draftId: string;
  doc: Y.Doc;
  /** Runs a change as the server (stored and relayed like any other). */
  writeAsServer: (change: () => void) => void;
  /** Clauses changed since the last time (empty right after loading). */
  changedClauseIds: ReadonlySet<string>;
  /**
   * Whether elements or attributes may have changed since the last time (true right after
   * loading); false when only the characters inside existing text nodes changed.
   */
  structureChanged: boolean;
}

interface IncomingUpdate {
  update: Uint8Array;
  origin: ClientConnection;
}

/** One flush: what goes into the log, and the effect to relay once it is there. */
interface Flush {
  updates: StoredUpdate[];
  relay: Uint8Array[];
  /** Whether clients' changes are part of it (then the text's consistency is checked after). */
  clientChanges: boolean;
  at: Date;
}

/** Two people whose changes arrive this close together are typing together. */
const TYPING_TOGETHER_MS = 2000;

/**
 * One draft's live text on the server, shared by every connection to it.
 *
 * Durability before relay: updates from clients are queued and handled together once the updates
 * that arrived together are in (see {@link scheduleFlush}), appended to the draft's update log in
 * one transaction, and only then relayed, merged into one message encoded and framed once for
 * every recipient (see {@link flushNow}). Ordinary changes (typing, new paragraphs, formatting),
 * once checked to integrate exactly as sent, are relayed as sent and applied to the server's
 * document once the clients have taken in the relay, or as soon as anything reads the document;
 * anything else is applied first and its effect, as Yjs encodes it, is what gets stored and
 * relayed. Keeping the text consistent (id repair, comment anchors) comes after the relay.
 * Nothing a client has been sent, by relay or in a sync answer, can be lost by a crash: it is on
 * disk first. If storing fails, every connection is closed and the document dropped from memory
 * without being stored; clients reconnect to the stored text and their sync sends back what was
 * lost.
 */
export class SharedDocument {
  private readonly ydoc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.ydoc);
  readonly logger: Logger;
  private readonly connections = new Set<ClientConnection>();
  private leases = 0;
  private incoming: IncomingUpdate[] = [];
  /** Changes the server made directly; already applied, stored and relayed with the next flush. */
  private serverEdits: StoredUpdate[] = [];
  /** Who the server is acting for in the change being made now (null: the server itself). */
  private serverAuthor: string | null = null;
  /** What applying the current batch changed, relayed at the end of the flush. */
  private toRelay: Uint8Array[] = [];
  /** Clauses changed per author since the history was last written (written at most once a second). */
  private changedClauses = new Map<string | null, Set<string>>();
  /** Clauses changed since `maintain` last ran. */
  private changedSinceMaintain = new Set<string>();
  /** Whether elements or attributes changed since `maintain` last ran (see {@link MaintainContext.structureChanged}). */
  private structureChangedSinceMaintain = true;
  /** Whether a change since the title was last read may have changed it. */
  private titleMayHaveChanged = false;
  /** When the text last changed, if that is not yet written as the draft's `updatedAt`. */
  private changedAt: Date | null = null;
  private recordsTimer: NodeJS.Timeout | null = null;
  private recordsWrittenAt = 0;
  /** Which connection owns each presence (awareness client id). */
  private readonly presenceOwners = new Map<number, ClientConnection>();
  private flushScheduled = false;
  private flushChain: Promise<void> = Promise.resolve();
  /** Flushes and compactions queued in the chain and not finished. */
  private pendingTasks = 0;
  /** Flushes applied to the document but waiting in the chain to be stored (asynchronous backends only). */
  private unstoredFlushes = 0;
  /** Storing failed: the document may hold changes that are not on disk, and is never stored as a whole. */
  private storageFailedOnce = false;
  /** Clients' changes stored and relayed as sent, not yet applied (see {@link scheduleApply}). */
  private unapplied: IncomingUpdate[] = [];
  private applyTimer: NodeJS.Timeout | null = null;
  private lastWriter: ClientConnection | null = null;
  private lastWriterAt = 0;
  /** Until when several people count as typing together. */
  private severalWritersUntil = 0;
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
    this.title = readDocumentTitle(this.ydoc);
    this.awareness.setLocalState(null);
    this.ydoc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === SERVER_ORIGIN) {
        this.serverEdits.push({ data: update, authorId: this.serverAuthor });
        this.scheduleFlush();
      } else if (origin instanceof ClientConnection) {
        this.toRelay.push(update);
      }
    });
    this.ydoc.on('afterTransaction', (transaction: Y.Transaction) => {
      if (transaction.origin === this) return;
      if (!this.structureChangedSinceMaintain && changesStructure(transaction))
        this.structureChangedSinceMaintain = true;
      if (!this.titleMayHaveChanged && mayChangeTitle(transaction, this.ydoc.getXmlFragment(DOCUMENT_FIELD)))
        this.titleMayHaveChanged = true;
      const author =
        transaction.origin === SERVER_ORIGIN
          ? this.serverAuthor
          : transaction.origin instanceof ClientConnection
            ? transaction.origin.access.userId
            : null;
      const ids = touchedClauseIds(transaction);
      if (ids.length === 0) return;
      const set = this.changedClauses.get(author) ?? new Set<string>();
      for (const id of ids) {
        set.add(id);
        this.changedSinceMaintain.add(id);
      }
      this.changedClauses.set(author, set);
    });
    this.awareness.on('update', ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
      const connection = this.connectionFor(origin);
      for (const id of added) {
        connection?.awarenessClients.add(id);
        if (connection) this.presenceOwners.set(id, connection);
      }
      for (const id of removed) {
        this.presenceOwners.get(id)?.awarenessClients.delete(id);
        this.presenceOwners.delete(id);
      }
      for (const id of [...added, ...updated, ...removed]) this.changedAwareness.add(id);
      this.scheduleAwarenessRelay();
    });
  }

  /** Loads a draft's text from storage: the compacted state, then the log after it. */
  static async load(
    draftId: string,
    storage: Storage,
    logger: Logger,
    options: SharedDocumentOptions,
  ): Promise<SharedDocument> {
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

  /**
   * The draft's live text. Changes relayed before they were applied (see {@link scheduleApply})
   * are applied first, so whoever reads it sees everything any client has been sent.
   */
  get doc(): Y.Doc {
    if (this.unapplied.length > 0) this.applyRelayedNow();
    return this.ydoc;
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
      connection.send(
        encodeAwareness(
          awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()]),
        ),
      );
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
        this.applyPresence(connection, message.entries);
        return;
      case 'query-awareness':
        connection.send(
          encodeAwareness(
            awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()]),
          ),
        );
        return;
    }
  }

  /**
   * Runs a change made by the server itself (not by a client) on the live text. It is stored and
   * relayed like any other change; the returned promise resolves once it is stored.
   */
  async transactAsServer(change: (doc: Y.Doc) => void, authorId: string | null = null): Promise<void> {
    this.serverAuthor = authorId;
    try {
      this.doc.transact(() => change(this.doc), SERVER_ORIGIN);
    } finally {
      this.serverAuthor = null;
    }
    await this.flushed();
  }

  /** The open connections of one person (to close or downgrade them when their access changes). */
  connectionsOf(userId: string): ClientConnection[] {
    return [...this.connections].filter((connection) => connection.access.userId === userId);
  }

  /** Every open connection. */
  allConnections(): ClientConnection[] {
    return [...this.connections];
  }

  /**
   * Applies a new role to a person's open connections at once: a downgraded editor's next change
   * is refused, and everyone sees the new role in their presence.
   */
  changeRole(userId: string, role: Role): void {
    for (const connection of this.connectionsOf(userId)) {
      connection.access.role = role;
      connection.access.presence = { ...connection.access.presence, role };
      connection.send(encodeCollabEvent({ type: 'role-changed', role }));
      const entries: AwarenessEntry[] = [];
      for (const clientId of connection.awarenessClients) {
        const state = this.awareness.getStates().get(clientId);
        const meta = this.awareness.meta.get(clientId);
        if (state && meta)
          entries.push({ clientId, clock: meta.clock + 1, state: { ...state, user: connection.access.presence } });
      }
      if (entries.length > 0)
        awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(entries), connection);
    }
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
    if (this.recordsTimer) clearTimeout(this.recordsTimer);
    this.recordsTimer = null;
    await this.writeRecords();
    if (this.logLength > 0 && !this.storageFailedOnce) await this.enqueue(() => this.compact());
    this.awareness.destroy();
    this.doc.destroy();
  }

  private answerSyncStep1(connection: ClientConnection, stateVector: Uint8Array): void {
    if (this.unstoredFlushes > 0) {
      // Applied but not yet stored (an asynchronous backend): answer once it is on disk.
      void this.flushChain.then(() => {
        if (connection.isClosed || this.unloaded) return;
        try {
          this.answerSyncStep1(connection, stateVector);
        } catch (error) {
          connection.close(
            error instanceof ProtocolError ? error.code : CloseCode.InternalError,
            error instanceof ProtocolError ? error.message : 'internal error',
          );
        }
      });
      return;
    }
    let update: Uint8Array;
    try {
      update = Y.encodeStateAsUpdate(this.doc, stateVector);
    } catch {
      throw new ProtocolError(CloseCode.MalformedMessage, 'state vector could not be decoded');
    }
    connection.send(encodeSyncStep2(update));
  }

  /**
   * Presence as the server allows it: identity fields are overwritten with the authenticated
   * person's, and a connection may not speak for a presence another connection owns.
   */
  private applyPresence(connection: ClientConnection, entries: AwarenessEntry[]): void {
    const allowed: AwarenessEntry[] = [];
    for (const entry of entries) {
      const owner = this.presenceOwners.get(entry.clientId);
      if (owner && owner !== connection) continue;
      if (!owner && connection.awarenessClients.size >= MAX_PRESENCE_PER_CONNECTION) continue;
      allowed.push(
        entry.state === null ? entry : { ...entry, state: { ...entry.state, user: connection.access.presence } },
      );
    }
    if (allowed.length > 0)
      awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(allowed), connection);
  }

  private receiveUpdate(connection: ClientConnection, update: Uint8Array): void {
    if (update.length <= EMPTY_UPDATE_LENGTH && update.every((byte) => byte === 0)) return;
    if (!can(connection.access.role, 'draft:edit-text')) {
      connection.logger.warn(
        { role: connection.access.role, bytes: update.length },
        'refused a change from a connection that may not edit',
      );
      connection.send(
        encodeCollabEvent({ type: 'edit-refused', code: RefusalCode.NotAllowed, reason: READ_ONLY_REASON }),
      );
      connection.send(encodePermissionDenied(READ_ONLY_REASON));
      return;
    }
    this.incoming.push({ update, origin: connection });
    this.noteWriter(connection);
    this.scheduleFlush();
  }

  /**
   * Remembers who has been typing lately: with one person typing there is nothing to merge a
   * change with but what arrived in the same read of their socket, so the flush runs as soon as
   * that read is handled; with several, it waits for the end of the event-loop turn so that the
   * changes that arrived together from different people go out as one message.
   */
  private noteWriter(connection: ClientConnection): void {
    const now = performance.now();
    if (connection !== this.lastWriter) {
      if (this.lastWriter && now - this.lastWriterAt < TYPING_TOGETHER_MS)
        this.severalWritersUntil = now + TYPING_TOGETHER_MS;
      this.lastWriter = connection;
    }
    this.lastWriterAt = now;
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    if (performance.now() < this.severalWritersUntil) setImmediate(() => this.flushNow());
    else process.nextTick(() => this.flushNow());
  }

  /**
   * Stores what arrived and relays it, after or before applying it (see {@link relayBeforeApplying}
   * and {@link applyBeforeRelaying}). Either way the log holds a change before any client is sent
   * it, and nothing, no sync answer and no other client, sees a document without a change some
   * client has been sent: the document applies what is waiting whenever it is read.
   */
  private flushNow(): void {
    this.flushScheduled = false;
    const batch = this.incoming;
    this.incoming = [];
    if (
      batch.length > 0 &&
      this.canStoreNow &&
      integratesAsIs(
        this.doc,
        batch.map(({ update }) => update),
        DOCUMENT_FIELD,
      )
    ) {
      this.relayBeforeApplying(batch);
    } else {
      this.applyBeforeRelaying(batch);
    }
  }

  /**
   * Clients' changes that Yjs would integrate exactly as they are (checked by
   * {@link integratesAsIs}: typing, new paragraphs, formatting, deletions of what is there) are
   * stored and relayed as they were sent, and applied to the server's document after the relay
   * (see {@link scheduleApply}). Reading an update costs a third of applying it; the relay waits
   * only for the reading and the commit.
   */
  private relayBeforeApplying(batch: IncomingUpdate[]): void {
    const serverEdits = this.serverEdits;
    this.serverEdits = [];
    const flush: Flush = {
      updates: [
        ...batch.map(({ update, origin }) => ({ data: update, authorId: origin.access.userId })),
        ...serverEdits,
      ],
      relay: [...batch.map(({ update }) => update), ...serverEdits.map((edit) => edit.data)],
      clientChanges: true,
      at: new Date(),
    };
    const lastSeq = this.storeNow(flush);
    if (lastSeq === 'failed') return;
    if (lastSeq === null) {
      // The database is inside another transaction: apply now, store in the chain, as for any backend.
      this.serverEdits = serverEdits;
      this.applyBeforeRelaying(batch);
      return;
    }
    this.afterStored(flush, lastSeq, batch);
  }

  /**
   * Applies what arrived, stores it, relays its effect. Applying comes first because it is also
   * the check: Yjs decodes the whole update before integrating any of it, so an update that
   * cannot be read changes nothing and is neither stored nor relayed, and its connection is
   * closed. (One case integrates half: Yjs reads the deletions after integrating the insertions,
   * so an update truncated in its deletions leaves its insertions in the document; those are
   * stored and relayed, as Yjs encodes them, so that the log always equals the document.) Then
   * the batch is appended to the log in one transaction and only after that relayed.
   */
  private applyBeforeRelaying(batch: IncomingUpdate[]): void {
    // Reading the document first applies what was relayed as sent and is still waiting.
    const doc = this.doc;
    const toStore: StoredUpdate[] = [];
    for (const { update, origin } of batch) {
      const effectsBefore = this.toRelay.length;
      try {
        Y.applyUpdate(doc, update, origin);
        toStore.push({ data: update, authorId: origin.access.userId });
      } catch (error) {
        const applied = this.toRelay.slice(effectsBefore);
        this.logger.warn(
          { err: error, connection: origin.id, partlyApplied: applied.length > 0 },
          'an update could not be applied',
        );
        for (const data of applied) toStore.push({ data, authorId: origin.access.userId });
        origin.close(CloseCode.InvalidUpdate, 'update could not be applied');
      }
    }
    // Changes the server made itself are in the document already (see transactAsServer).
    const serverEdits = this.serverEdits;
    this.serverEdits = [];
    toStore.push(...serverEdits);
    // What applying changed (Yjs's own encoding of the effect, so a malformed update never
    // reaches other clients), merged into one message.
    const relay = [...this.toRelay, ...serverEdits.map((edit) => edit.data)];
    this.toRelay = [];
    if (toStore.length === 0) return;
    const flush = { updates: toStore, relay, clientChanges: batch.length > 0, at: new Date() };
    const lastSeq = this.storeNow(flush);
    if (lastSeq === 'failed') return;
    if (lastSeq !== null) {
      this.afterStored(flush, lastSeq);
      return;
    }
    this.unstoredFlushes++;
    void this.enqueue(async () => {
      try {
        this.afterStored(flush, await this.storage.appendUpdates(this.draftId, flush.updates, flush.at));
      } finally {
        this.unstoredFlushes--;
      }
    });
  }

  /** Whether the backend can append to the log in this turn of the event loop, behind nothing queued. */
  private get canStoreNow(): boolean {
    return this.pendingTasks === 0 && this.storage.appendUpdatesNow !== undefined;
  }

  /**
   * Appends a flush to the log in this turn of the event loop if the backend can (the embedded
   * SQLite with no transaction of its own open). Returns the last sequence number; null when it
   * cannot now (then the flush goes into the chain); 'failed' when storing failed (every
   * connection is then closed).
   */
  private storeNow(flush: Flush): number | null | 'failed' {
    if (!this.canStoreNow) return null;
    try {
      return this.storage.appendUpdatesNow!(this.draftId, flush.updates, flush.at);
    } catch (error) {
      this.storageFailed(error);
      return 'failed';
    }
  }

  /**
   * Relays a stored flush to every connection (encoded and framed once for all). What was relayed
   * as sent (`toApply`) is queued to be applied after the relay (see {@link scheduleApply});
   * otherwise the text is kept consistent at once.
   */
  private afterStored(flush: Flush, lastSeq: number, toApply: IncomingUpdate[] = []): void {
    this.lastSeq = lastSeq;
    this.logLength += flush.updates.length;
    if (flush.relay.length > 0) {
      const message = new SharedMessage(
        encodeUpdate(flush.relay.length === 1 ? flush.relay[0]! : Y.mergeUpdates(flush.relay)),
      );
      for (const connection of this.connections) connection.sendShared(message);
    }
    this.changedAt = flush.at;
    if (toApply.length > 0) {
      this.unapplied.push(...toApply);
      this.scheduleApply();
    } else {
      this.keepConsistent(flush.clientChanges);
    }
    this.scheduleRecords();
    if (this.logLength >= this.options.compactAfterUpdates) {
      void this.enqueue(() => this.compact());
    }
  }

  /** After clients' changes: repairs the text where needed (see `maintain`) and notices a new title. */
  private keepConsistent(clientChanges: boolean): void {
    if (clientChanges) this.maintain();
    if (this.titleMayHaveChanged) {
      this.titleMayHaveChanged = false;
      const title = readDocumentTitle(this.ydoc);
      if (title !== this.title) {
        this.title = title;
        void this.writeDraftRecord(title);
      }
    }
  }

  /**
   * Applies, once the clients have taken in the relay, the changes that were stored and relayed as
   * they were sent: on a small machine the server's processor time in the milliseconds after a
   * relay is taken from the clients decoding it. Anything that reads the document first applies
   * them at once (see {@link doc}).
   */
  private scheduleApply(): void {
    if (this.applyTimer) {
      this.applyTimer.refresh();
      return;
    }
    this.applyTimer = setTimeout(() => this.applyRelayedNow(), RELAY_SETTLE_MS);
    this.applyTimer.unref();
  }

  /** Applies what was relayed before applying (its effect is those very updates), then keeps the text consistent. */
  private applyRelayedNow(): void {
    if (this.applyTimer) {
      clearTimeout(this.applyTimer);
      this.applyTimer = null;
    }
    if (this.unapplied.length === 0) return;
    const updates = this.unapplied;
    this.unapplied = [];
    for (const { update, origin } of updates) {
      try {
        Y.applyUpdate(this.ydoc, update, origin);
      } catch (error) {
        // integratesAsIs rules this out; should it happen, the clients that were sent the update fail alike.
        this.logger.error(
          { err: error, connection: origin.id },
          'an update relayed before applying could not be applied',
        );
        origin.close(CloseCode.InvalidUpdate, 'update could not be applied');
      }
    }
    this.toRelay = [];
    this.keepConsistent(true);
  }

  /** Runs `task` after every earlier flush and compaction, one at a time. */
  private enqueue(task: () => Promise<void>): Promise<void> {
    this.pendingTasks++;
    const run = this.flushChain
      .then(task)
      .catch((error: unknown) => this.storageFailed(error))
      .finally(() => {
        this.pendingTasks--;
      });
    this.flushChain = run;
    return run;
  }

  private storageFailed(error: unknown): void {
    this.storageFailedOnce = true;
    this.logger.error({ err: error }, 'storing the draft failed; closing its connections so clients resend');
    this.closeConnections(CloseCode.InternalError, 'storage failed');
  }

  /**
   * Who changed which clause (the history) and when the text last changed (the draft's
   * `updatedAt`, what the drafts list sorts by) are records, not text: they are written together,
   * at most once a second, in a pause of the relays, and when the draft is unloaded. A keystroke's
   * commit holds its log row alone. (A new title is written at once.)
   */
  private scheduleRecords(): void {
    const now = performance.now();
    if (this.recordsTimer) {
      if (now - this.recordsWrittenAt > RECORDS_MAX_DELAY_MS) return;
      clearTimeout(this.recordsTimer);
    }
    const wait = Math.max(RELAY_SETTLE_MS, this.recordsWrittenAt + RECORDS_INTERVAL_MS - now);
    this.recordsTimer = setTimeout(() => {
      this.recordsTimer = null;
      void this.writeRecords();
    }, wait);
    this.recordsTimer.unref();
  }

  private async writeRecords(): Promise<void> {
    this.recordsWrittenAt = performance.now();
    await this.writeHistory();
    await this.writeDraftRecord();
  }

  private async writeHistory(): Promise<void> {
    if (this.changedClauses.size === 0) return;
    const changes: ClauseChange[] = [...this.changedClauses].map(([authorId, ids]) => ({
      authorId,
      clauseIds: [...ids],
    }));
    this.changedClauses = new Map();
    try {
      await this.storage.appendClauseChanges(this.draftId, changes, new Date());
    } catch (error) {
      this.logger.error({ err: error }, 'writing the draft history failed');
    }
  }

  private async writeDraftRecord(title?: string): Promise<void> {
    const updatedAt = this.changedAt;
    this.changedAt = null;
    if (!updatedAt && title === undefined) return;
    try {
      await this.storage.updateDraft(this.draftId, {
        ...(title === undefined ? {} : { title }),
        ...(updatedAt ? { updatedAt } : {}),
      });
    } catch (error) {
      this.logger.error({ err: error }, 'writing when the draft last changed failed');
    }
  }

  private maintain(): void {
    const changedClauseIds = this.changedSinceMaintain;
    const structureChanged = this.structureChangedSinceMaintain;
    this.changedSinceMaintain = new Set();
    this.structureChangedSinceMaintain = false;
    try {
      this.options.maintain?.({
        draftId: this.draftId,
        doc: this.doc,
        writeAsServer: (change) => this.doc.transact(change, SERVER_ORIGIN),
        changedClauseIds,
        structureChanged,
      });
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
      Y.applyUpdate(this.ydoc, all.length === 1 ? all[0]! : Y.mergeUpdates(all), this);
    } catch (error) {
      // One damaged row must not hide the rest of the text: fall back to applying row by row.
      this.logger.error({ err: error }, 'stored log could not be merged; applying it row by row');
      for (const update of all) {
        try {
          Y.applyUpdate(this.ydoc, update, this);
        } catch (rowError) {
          this.logger.error({ err: rowError }, 'skipping a stored update that cannot be applied');
        }
      }
    }
    this.title = readDocumentTitle(this.ydoc);
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
      const message = new SharedMessage(
        encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)),
      );
      for (const connection of this.connections) connection.sendShared(message);
    });
  }
}

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}
