import * as Y from 'yjs';
import { CloseCode } from '../../shared/closeCodes';
import { DOCUMENT_FIELD } from '../../shared/collab';
import type { Role } from '../../shared/roles';
import { draftSchema } from '../../shared/schema';
import { statusSetBy } from '../drafts/clauseStatus';
import { readDocumentTitle } from '../drafts/documentTitle';
import { liveClauseTexts } from '../drafts/documentOutline';
import { touchedClauseIds } from '../drafts/touchedClauses';
import type { Logger } from '../logger';
import type { Storage } from '../storage/Storage';
import type { StorageHealth } from '../storage/StorageHealth';
import { unreadableBecause, validateDocument } from '../text/validateDocument';
import { type Author, type Change, authorIdOf, holderIdOf, toStoredUpdate } from './Change';
import { ChangeGate } from './ChangeGate';
import { ChangeIntake, type IntakeHandlers } from './ChangeIntake';
import { CommitChain } from './CommitChain';
import { ClientConnection } from './ClientConnection';
import { ClientOwners } from './ClientOwners';
import type { ClientMessage } from './codec';
import { ProtocolError, encodeCollabEvent, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from './codec';
import { DraftConnections } from './DraftConnections';
import { DraftRecords, type ReadClauseTexts } from './DraftRecords';
import { FullStateAnswer, fullStateLimits } from './FullStateAnswer';
import type { DraftPeers, PeerChange } from './peers';
import { PeerLog } from './PeerLog';
import { RefusalBudget } from './RefusalBudget';
import { Presence } from './Presence';
import { StorageOutage } from './StorageOutage';
import { UpdateLog } from './UpdateLog';
import type { LoadedText, TextLoadOptions, TextWaiters } from './loadStoredText';
import { loadStoredText, storedTextOf } from './loadStoredText';
import { Upkeep, type UpkeepOptions } from './Upkeep';

const schema = draftSchema();

/** How a draft's text is kept: when its log is compacted, and what keeps it consistent. */
export interface SharedDocumentOptions extends UpkeepOptions, TextLoadOptions {
  /** Merge the update log into the state row once it holds this many rows. */
  compactAfterUpdates: number;
  /** Text the staging copy may be rebuilt from for one person's refused changes in a minute, in bytes; default 20 MiB. */
  refusalRebuildBytesPerMinute?: number;
  /** What each person's refusals cost, shared by the drafts of a registry (so it outlasts a draft's unloading). */
  refusals?: RefusalBudget;
  /** Told of each append, and tells the clients when storing stops and starts working. */
  storageHealth?: StorageHealth;
}

/** The origin of rows another instance stored: that instance keeps their records and upkeep. */
const PEER = Symbol('peer');

/**
 * One draft's live text on the server, shared by every connection to it. Follow a change:
 *
 * 1. decode (`ClientConnection`, `codec`), then gather, authorise and validate ({@link ChangeIntake}):
 *    each update is applied to a staging copy and judged by what it did ({@link ChangeGate}); a
 *    refused one is not stored, relayed or applied, and its sender is told why;
 * 2. store: what the admitted updates changed is appended to the log in one transaction
 *    ({@link UpdateLog});
 * 3. relay: then, and only then, it is sent to every connection as one message (but to its sender);
 * 4. apply: the live text (`doc`, what sync answers and every service read) takes it;
 * 5. upkeep: the records (history, `updatedAt`, title: {@link DraftRecords}), who agreed a
 *    clause, and the `maintain` option (clause ids, comment anchors).
 *
 * With other instances serving the same draft (`peers`), each commit is also published to them
 * after it is stored, and what they stored is applied here in the log's order ({@link PeerLog}).
 *
 * Updates that arrive in the same turn of the event loop go through together, as one commit and
 * one relayed message, and so do those that arrive while a commit waits for the one before
 * ({@link CommitChain}): commits go one at a time, in order. If storing fails, the change and every
 * one admitted after it are dropped and refused, and the clients are told that the draft cannot
 * be saved ({@link StorageOutage}); the live text stays what is stored.
 */
export class SharedDocument {
  private readonly presence: Presence;
  private readonly fullState: FullStateAnswer;
  private readonly gate: ChangeGate;
  private readonly log: UpdateLog;
  private readonly peerLog: PeerLog;
  private readonly records: DraftRecords;
  /** The open connections and leases: what keeps the draft loaded. */
  readonly connections = new DraftConnections((connection) => this.presence.remove(connection));
  private readonly intake: ChangeIntake<Change>;
  private readonly chain = new CommitChain<Change>((error) => this.storageFailed(error));
  /** Admitted changes not yet applied to the live text (the staging copy is rebuilt with them). */
  private inFlight: Change[] = [];
  private readonly upkeep: Upkeep;
  private readonly outage: StorageOutage;
  private storageFailedOnce = false;
  private unreadableBecause: string | null = null;
  private unloaded = false;

  /** The live text: exactly what is stored. Read it; change it only through {@link transactAsServer}. */
  readonly doc: Y.Doc;

  private constructor(
    readonly draftId: string,
    storage: Storage,
    readonly logger: Logger,
    options: SharedDocumentOptions,
    text: LoadedText,
    clientOwners: Map<number, string>,
    private readonly peers: DraftPeers | null,
  ) {
    this.doc = text.doc;
    this.fullState = new FullStateAnswer(this.doc, text.whole, fullStateLimits(options));
    this.log = new UpdateLog(draftId, storage, logger, { ...options, length: text.logLength });
    this.peerLog = new PeerLog(text.stored.lastSeq, {
      apply: (updates, holders) => this.applyPeerUpdates(updates, holders),
      load: async (afterSeq) => {
        const rows = await storage.loadDocument(draftId, afterSeq);
        this.gate.owners.adopt(await storage.loadClientOwners(draftId));
        return rows;
      },
      schedule: (task) => this.chain.run(task),
      failed: (error) => this.logger.warn({ err: error }, 'reading what other instances stored failed; trying again'),
    });
    const clauseWords: ReadClauseTexts = (clauseIds) => liveClauseTexts(this.doc, clauseIds);
    this.records = new DraftRecords(draftId, storage, logger, clauseWords, text.clauseTexts);
    this.presence = new Presence(
      this.doc,
      (message) => this.connections.broadcast(message),
      peers && ((update) => peers.publishPresence(update)),
    );
    this.outage = new StorageOutage(options.storageHealth ?? null, logger, (message) =>
      this.connections.broadcast(message),
    );
    const live = () => [Y.encodeStateAsUpdate(this.doc), ...this.inFlight.map((change) => change.effect)];
    const owners = new ClientOwners(clientOwners, this.presence);
    const staging = typeof text.staging === 'function' ? text.staging(() => this.fullState.sent()) : text.staging;
    this.gate = new ChangeGate(schema, DOCUMENT_FIELD, live, staging, owners);
    const intake: IntakeHandlers<Change> = {
      unreadable: () => this.unreadable,
      admitted: (effect, author, claims) => {
        const change = { effect, author, title: readDocumentTitle(this.gate.doc), claims };
        this.inFlight.push(change);
        return change;
      },
      commit: (changes) => this.commit(changes),
    };
    const refusals = options.refusals ?? new RefusalBudget(options.refusalRebuildBytesPerMinute);
    this.intake = new ChangeIntake(this.gate, intake, logger, refusals);
    // Commits and catch-ups wait for a staging copy still being built (the gate queues rows other instances send).
    if (!this.gate.isReady) void this.chain.run(() => this.gate.ready);
    const write = (change: (doc: Y.Doc) => void): Promise<void> => this.transactAsServer(change);
    this.upkeep = new Upkeep(draftId, logger, options, () => this.gate.doc, write);
    this.doc.on('afterTransaction', (transaction: Y.Transaction) => this.noteApplied(transaction));
  }

  /**
   * Loads a draft's text from storage and checks it against the schema: what can be mended
   * without losing words is mended (as a server change); anything else leaves the draft
   * unreadable, read-only for everyone until the chair restores a good state. `peers`: the same
   * draft on other instances, already listening (so nothing they store after this read is missed);
   * `waiters`, the connections waiting for a large draft, are sent its text before it is built here.
   */
  static async load(
    draftId: string,
    storage: Storage,
    logger: Logger,
    options: SharedDocumentOptions,
    { peers = null, waiters }: { peers?: DraftPeers | null; waiters?: TextWaiters } = {},
  ): Promise<SharedDocument> {
    const draftLogger = logger.child({ draftId });
    const text = await loadStoredText(storedTextOf(storage, draftId), draftLogger, options, waiters);
    // Read after the text: every client id in it is claimed by now.
    const clientOwners = await storage.loadClientOwners(draftId);
    const document = new SharedDocument(draftId, storage, draftLogger, options, text, clientOwners, peers);
    await document.log.storeTitle(readDocumentTitle(document.doc));
    const problems = text.checked ? [] : validateDocument(document.doc, schema, DOCUMENT_FIELD);
    if (problems.length > 0) {
      const messages = problems.map((problem) => problem.message);
      document.logger.warn({ problems: messages }, 'the stored text breaks the schema');
      document.unreadableBecause = unreadableBecause(problems);
      if (document.unreadable === null) await document.repair();
    }
    if (document.unreadable === null) {
      if (document.gate.isReady) document.upkeep.run(new Date());
      else void document.gate.ready.then(() => document.unloaded || document.upkeep.run(new Date()));
      if (document.log.compactionDue) void document.chain.run(() => document.compact());
    }
    return document;
  }

  /** Why the stored text cannot be read, or null: then nothing is synced and every change is refused. */
  get unreadable(): string | null {
    return this.unreadableBecause;
  }

  /** Whether changes are judged as they come: false while a large draft's staging copy is still being built (they wait). */
  get judging(): boolean {
    return this.gate.isReady;
  }

  get isUnloaded(): boolean {
    return this.unloaded;
  }

  /** Adds a connection and starts the sync handshake with it (or tells it the text cannot be read). */
  addConnection(connection: ClientConnection): void {
    this.connections.add(connection);
    if (this.unreadable !== null) {
      connection.send(encodeCollabEvent({ type: 'draft-unreadable', reason: this.unreadable }));
      return;
    }
    connection.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
    this.outage.greet(connection);
    const presence = this.presence.snapshot();
    if (presence !== null) connection.send(presence);
  }

  /** Another instance stored rows of this draft's log: they are applied in order (see {@link PeerLog}). */
  receivePeerChange(change: PeerChange): void {
    if (!this.unloaded) this.peerLog.received(change);
  }

  /** Who is in the draft, for what other instances say about their connections' presence; null once unloaded. */
  get peerPresence(): Presence | null {
    return this.unloaded ? null : this.presence;
  }

  /** Reads whatever other instances stored that this one has not applied (after messages were missed). */
  catchUp(): Promise<void> {
    return this.unloaded ? Promise.resolve() : this.peerLog.catchUp();
  }

  /** Handles one decoded message from a connection. Throws {@link ProtocolError} for a bad one. */
  handleMessage(connection: ClientConnection, message: ClientMessage): void {
    switch (message.kind) {
      case 'sync-step-1':
        if (this.unreadable === null) this.answerSyncStep1(connection, message.stateVector);
        return;
      case 'sync-step-2':
        for (const update of [message.update, ...connection.releaseHeld()]) this.intake.receive(connection, update);
        return;
      case 'update':
        if (this.intake.refusalFor(connection) === null && connection.hold(message.update)) return;
        this.intake.receive(connection, message.update);
        return;
      case 'awareness':
        this.presence.receive(connection, message.entries);
        return;
      case 'query-awareness': {
        const presence = this.presence.snapshot();
        if (presence !== null) connection.send(presence);
        return;
      }
    }
  }

  /**
   * Runs a change by the server itself (a rename, a restore, a consolidation) on the newest
   * text, for `authorId` (null: the server). It is checked against the schema and the limits
   * (it throws if it breaks them), then stored, relayed and applied like any other; the returned
   * promise resolves once it is applied to the live text, and rejects if it could not be stored
   * (then nothing changed).
   */
  async transactAsServer(change: (doc: Y.Doc) => void, authorId: string | null = null): Promise<void> {
    if (this.unreadable !== null) throw new Error('the stored text of this draft cannot be read');
    await this.gate.ready;
    const effect = this.gate.write(change);
    const written: Change | null = effect && { effect, author: { authorId }, title: readDocumentTitle(this.gate.doc) };
    if (written) {
      this.inFlight.push(written);
      this.commit([written]);
    }
    await this.flushed();
    if (written?.failure !== undefined) throw written.failure;
  }

  /** Applies a new role to a person's open connections at once: their next change is judged by it. */
  changeRole(userId: string, role: Role): void {
    for (const connection of this.connections.of(userId)) {
      connection.changeRole(role);
      this.presence.restamp(connection);
    }
  }

  /** Resolves when everything received so far is stored, relayed and applied. */
  async flushed(): Promise<void> {
    await this.intake.flushNow();
    return this.chain.settled;
  }

  /** Stores what is pending, compacts the log and frees the document. */
  async unload(): Promise<void> {
    if (this.unloaded) return;
    this.unloaded = true;
    await this.flushed();
    await this.records.flush();
    // A merge under way on the worker may leave rows after it; one that fails leaves them to the live text.
    const merge = () => this.log.hasRows && !this.storageFailedOnce && this.unreadable === null;
    for (let merges = 0; merges < 3 && merge(); merges++) await this.chain.run(() => this.compact(true));
    this.peerLog.stop();
    this.presence.destroy();
    this.fullState.destroy();
    this.outage.destroy();
    this.gate.destroy();
    this.doc.destroy();
  }

  private answerSyncStep1(connection: ClientConnection, stateVector: Uint8Array): void {
    if (FullStateAnswer.isFor(stateVector)) {
      this.fullState.sendTo(connection);
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

  /** Stores, relays and applies admitted changes (in flight), after every earlier commit, unless dropped with one. */
  private commit(changes: Change[]): void {
    this.chain.commit(changes, async (batch) => {
      // A commit that failed before this one dropped what was in flight then, not what came after.
      const stored = batch.filter((change) => change.failure === undefined);
      if (stored.length > 0) await this.store(stored);
    });
  }

  private async store(changes: Change[]): Promise<void> {
    const at = new Date();
    let seqs = { first: 0, last: 0 };
    const append = async () => {
      seqs = await this.log.append(changes.map(toStoredUpdate), at, changes.at(-1)!.title);
    };
    if (!(await this.outage.store(append, this.inFlight, (dropped) => this.gate.reset(dropped)))) return;
    const effects = changes.map((change) => change.effect);
    this.peers?.publishChange({ ...seqs, updates: effects, holders: changes.map(({ author }) => holderIdOf(author)) });
    this.connections.broadcast(encodeUpdate(effects.length === 1 ? effects[0]! : Y.mergeUpdates(effects)), changes);
    for (const { effect, author } of changes) Y.applyUpdate(this.doc, effect, author);
    this.inFlight.splice(0, changes.length);
    this.peerLog.stored(seqs.first, seqs.last);
    this.records.noteApplied(at);
    this.upkeep.run(at);
    if (this.log.compactionDue) await this.compact();
  }

  /** A defect, not storage (see {@link StorageOutage}): the live text may differ from what is stored. */
  private storageFailed(error: unknown): void {
    this.storageFailedOnce = true;
    this.logger.error({ err: error }, 'committing a change failed; closing the connections so clients resend');
    this.connections.closeAll(CloseCode.InternalError, 'storage failed');
  }

  /** Rows another instance stored: their client ids claimed, staged and applied as they are, and relayed here. */
  private applyPeerUpdates(updates: Uint8Array[], holders: (string | null)[] = []): void {
    this.gate.owners.claimRows(updates, holders);
    const update = updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
    this.gate.absorb(update);
    Y.applyUpdate(this.doc, update, PEER);
    this.connections.broadcast(encodeUpdate(update));
  }

  /** What each change applied to the live text means for the records and the upkeep. */
  private noteApplied(transaction: Y.Transaction): void {
    const author = transaction.origin as Author | typeof PEER | null;
    if (author === null) return;
    if (author === PEER) {
      this.records.noteElsewhere(touchedClauseIds(transaction));
      return;
    }
    const ids = touchedClauseIds(transaction);
    this.records.noteTransaction(ids, authorIdOf(author));
    const presence = author instanceof ClientConnection ? author.access.presence : null;
    this.upkeep.note(transaction, ids, presence && statusSetBy(presence.name, presence.affiliation));
  }

  /** Mends what the load found that loses no words (unknown attributes or formatting, data outside the text). */
  private async repair(): Promise<void> {
    await this.transactAsServer((doc) => {
      for (const problem of validateDocument(doc, schema, DOCUMENT_FIELD)) problem.repair?.();
    });
    this.logger.info('repaired the stored text');
  }

  /**
   * Merges the log rows the live text holds into one state row. Runs in the chain, between commits.
   * A large draft's rows are merged on the worker thread, from what is stored, while commits go on
   * (`wait`: resolves once that is stored too); any other's here, from the live text.
   */
  private async compact(wait = false): Promise<void> {
    const upToSeq = this.peerLog.appliedUpTo;
    const merging = this.log.compactStored(upToSeq);
    if (merging === null) await this.log.compact(Y.encodeStateAsUpdate(this.doc), upToSeq);
    else if (wait) await merging;
  }
}
