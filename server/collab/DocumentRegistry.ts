import { CloseCode } from '../../shared/closeCodes';
import { ApiError } from '../errors';
import type { CollabEvent } from '../../shared/collab';
import type { Pillar } from '../../shared/pillars';
import type { Role } from '../../shared/roles';
import { encodeCollabEvent } from './codec';
import type { Logger } from '../logger';
import type { Storage } from '../storage/Storage';
import type { ClientConnection } from './ClientConnection';
import type { UpgradeDecision } from './ConnectionAccess';
import type { DraftMessage, LiveEvent, Peers, ShapeLiveEvent } from './peers';
import type { SharedDocumentOptions } from './SharedDocument';
import { RefusalBudget } from './RefusalBudget';
import { SharedDocument } from './SharedDocument';
import { type ReadAccess, TextFirst } from './TextFirst';

/** How drafts are kept, and how long one stays loaded after its last connection and lease are gone. */
export interface RegistryOptions extends SharedDocumentOptions {
  /**
   * Milliseconds a draft nobody is in stays loaded (default 0: it is stored and unloaded at once).
   * A page reloaded, a connection dropped and made again, or a client that connects and leaves
   * over and over then finds it loaded, rather than making the server read the whole text again.
   */
  unloadAfterMs?: number;
}

/**
 * What an arriving connection's access was decided against, taken before it was decided (see
 * {@link DocumentRegistry.admission}): a change of access made since then is applied to open
 * connections only, so the arriving one has its access decided again before it is attached.
 */
export interface Admission {
  /** How many changes of access this instance had made or heard. */
  readonly changes: number;
  /** Whether this instance was hearing the other instances' changes of access to the draft. */
  readonly heard: boolean;
  /** Decides the connection's access again, from what is stored now. */
  readonly decide: () => Promise<UpgradeDecision>;
}

/** Without a shaper, only events that are the same for everyone are sent. */
const everyoneOnly: ShapeLiveEvent = (event) => (event.kind === 'everyone' ? event.event : null);

/** How the registry reaches the other instances of a deployment, if any (see `server/cluster`). */
export interface RegistryCluster {
  peers?: Peers | null;
  /** Shapes each live event for each reader. */
  shapeEvent?: ShapeLiveEvent;
}

/**
 * The open drafts of this server. A draft is loaded on its first connection (or server-side use)
 * and unloaded, after storing, once its last connection and lease have been gone for
 * `unloadAfterMs` (see {@link RegistryOptions}). Loading the same draft twice at once is
 * impossible: callers share one pending load.
 *
 * With other instances (`peers`), a loaded draft listens to what they say about it: their stored
 * changes, presence, live events and changes of access reach this instance's connections, and
 * every such change made here reaches theirs. Each method below that changes what connections
 * see acts here and tells the other instances, which act alike on their own connections.
 */
export class DocumentRegistry {
  private readonly open = new Map<string, Promise<SharedDocument | null>>();
  /** The drafts loaded and not unloading: where messages from other instances go. */
  private readonly loaded = new Map<string, SharedDocument>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly peers: Peers | null;
  /** How each loaded draft stops hearing the other instances. */
  private readonly leaving = new Map<SharedDocument, (() => Promise<void>) | null>();
  private readonly shapeEvent: ShapeLiveEvent;
  /** Drafts nobody is in, waiting out `unloadAfterMs` before they are unloaded. */
  private readonly idleTimers = new Map<SharedDocument, NodeJS.Timeout>();
  /** Sign-outs, membership changes, facilitator mode and pillars, made here or heard from other instances. */
  private accessChanges = 0;
  /** Newcomers sent a large draft's text before it is built here. */
  private readonly textFirst = new TextFirst();

  constructor(
    private readonly storage: Storage,
    private readonly logger: Logger,
    private readonly options: RegistryOptions,
    cluster: RegistryCluster = {},
  ) {
    // One budget for every draft: what a person's refused changes cost outlasts a draft's unloading.
    this.options = {
      ...options,
      refusals: options.refusals ?? new RefusalBudget(options.refusalRebuildBytesPerMinute),
    };
    this.peers = cluster.peers ?? null;
    this.shapeEvent = cluster.shapeEvent ?? everyoneOnly;
    this.peers?.onInstanceMessage((message) => this.closeSessionHere(message.sessionId));
    this.peers?.onReconnect(() => {
      for (const document of this.loaded.values()) void document.catchUp();
    });
    this.peers?.onInstanceGone((instanceId) => {
      for (const document of this.loaded.values()) document.peerPresence?.peerGone(instanceId);
    });
  }

  /** Number of drafts currently loaded (for health checks and tests). */
  get openCount(): number {
    return this.open.size;
  }

  /**
   * Taken as a connection arrives, before its access is decided by `decide`: see {@link connect}.
   * Without other instances every change of access goes through this registry; with them, only
   * those to drafts loaded here are heard.
   */
  admission(draftId: string, decide: () => Promise<UpgradeDecision>): Admission {
    return { changes: this.accessChanges, heard: !this.peers || this.loaded.has(draftId), decide };
  }

  /**
   * Attaches a connection to its draft once the draft is loaded; a draft that does not exist
   * closes the connection with {@link CloseCode.DraftNotFound}. A sign-out, a removal or another
   * change of access made while the connection was being authorised or its draft loaded reaches
   * only attached connections, so with an `admission` its access is then decided again (and
   * again, should it change meanwhile) before it is attached.
   */
  async connect(connection: ClientConnection, admission?: Admission): Promise<void> {
    try {
      // What the person's refusals cost on other instances, learned while their client syncs (a
      // round trip to Redis, well before its first change); not awaited, so as not to hold up attaching.
      void this.options.refusals!.learn(connection.access.userId);
      const stopWaiting = this.textFirst.wait(connection, this.readAccess(admission));
      let document = await this.acquire(connection.draftId).finally(stopWaiting);
      let seen = admission;
      while (document && seen && !connection.isClosed && (!seen.heard || seen.changes !== this.accessChanges)) {
        // Loaded, so the draft's changes of access are heard from here on.
        seen = { ...seen, changes: this.accessChanges, heard: true };
        const decision = await seen.decide();
        if (decision.kind !== 'accept') {
          connection.close(...refusedOnArrival(decision));
          break;
        }
        const { role, ...rest } = decision.access;
        Object.assign(connection.access, rest);
        if (role !== connection.access.role) connection.changeRole(role);
        document = await this.acquire(connection.draftId);
      }
      if (connection.isClosed) {
        if (document?.connections.isIdle) this.maybeUnload(document);
        return;
      }
      if (!document) {
        connection.close(CloseCode.DraftNotFound, 'no such draft');
        return;
      }
      connection.attach(document);
    } catch (error) {
      this.logger.error({ err: error, draftId: connection.draftId }, 'loading a draft failed');
      connection.close(CloseCode.InternalError, 'the draft could not be loaded');
    }
  }

  /**
   * Whether a connection arriving with `admission` may be sent its draft's text before it is loaded
   * (see `TextFirst`): as its access is decided again below once the draft is loaded, it is decided
   * again first if a change of access was made since, or this instance did not yet hear the draft's.
   */
  private readAccess(admission: Admission | undefined): ReadAccess {
    return {
      settled: () => !admission || (admission.heard && admission.changes === this.accessChanges),
      decideAgain: async () => {
        // Once the draft's text is read, its changes of access are heard here (listening came first).
        const changes = this.accessChanges;
        const decision = await admission!.decide();
        return decision.kind === 'accept' ? () => this.accessChanges === changes : null;
      },
    };
  }

  /**
   * Runs `work` with the live document of a draft, loading it if needed and keeping it loaded
   * until `work` settles. Resolves to undefined when the draft does not exist. A draft whose
   * stored text cannot be read answers 409 with the reason, unless `evenIfUnreadable` (recovery).
   */
  async withDocument<T>(
    draftId: string,
    work: (document: SharedDocument) => Promise<T>,
    options: { evenIfUnreadable?: boolean } = {},
  ): Promise<T | undefined> {
    const document = await this.acquire(draftId);
    if (!document) return undefined;
    if (document.unreadable !== null && !options.evenIfUnreadable) throw draftUnreadable(document.unreadable);
    const release = document.connections.lease();
    try {
      return await work(document);
    } finally {
      release();
    }
  }

  /** The loaded document of a draft, if it is open right now. */
  async peek(draftId: string): Promise<SharedDocument | undefined> {
    const document = await this.open.get(draftId);
    return document ?? undefined;
  }

  /**
   * Applies a membership change to a person's open connections to a draft, at once: removed
   * (role null) closes them; a new role applies to their very next message. Everyone else with
   * the draft open is told the members changed (a People tab reads them again).
   */
  async applyMembership(draftId: string, userId: string, role: Role | null): Promise<void> {
    this.accessChanges++;
    this.peers?.publish(draftId, { type: 'membership', userId, role });
    const document = await this.peek(draftId);
    if (document) this.applyMembershipHere(document, userId, role);
  }

  private applyMembershipHere(document: SharedDocument, userId: string, role: Role | null): void {
    if (role === null) {
      for (const connection of document.connections.of(userId))
        connection.close(CloseCode.MembershipRevoked, 'removed from the draft');
    } else {
      document.changeRole(userId, role);
    }
    for (const connection of document.connections.all())
      connection.send(encodeCollabEvent({ type: 'members-changed' }));
  }

  /**
   * Pushes an event to every open connection of a draft on the collab socket, on every instance,
   * shaped for each reader (`shapeEvent`). Does nothing where nobody has the draft open.
   */
  async sendEvent(draftId: string, event: LiveEvent): Promise<void> {
    this.peers?.publish(draftId, { type: 'event', event });
    const document = await this.peek(draftId);
    if (document) this.sendEventHere(document, event);
  }

  private sendEventHere(document: SharedDocument, live: LiveEvent): void {
    const encoded = new Map<CollabEvent, Uint8Array>();
    for (const connection of document.connections.all()) {
      const event = this.shapeEvent(live, connection.access);
      if (!event) continue;
      let message = encoded.get(event);
      if (!message) encoded.set(event, (message = encodeCollabEvent(event)));
      connection.send(message);
    }
  }

  /** Applies the draft's facilitator mode to its open connections at once, and tells each client. */
  async setFacilitatorMode(draftId: string, on: boolean): Promise<void> {
    this.accessChanges++;
    this.peers?.publish(draftId, { type: 'facilitator-mode', on });
    const document = await this.peek(draftId);
    if (document) this.setFacilitatorModeHere(document, on);
  }

  private setFacilitatorModeHere(document: SharedDocument, on: boolean): void {
    for (const connection of document.connections.all()) {
      connection.access.facilitatorMode = on;
      connection.send(encodeCollabEvent({ type: 'facilitator-mode', on }));
    }
  }

  /** Applies the draft's new pillars to its open connections at once, and tells each client. */
  async setPillars(draftId: string, pillars: readonly Pillar[]): Promise<void> {
    this.accessChanges++;
    this.peers?.publish(draftId, { type: 'pillars', pillars: [...pillars] });
    const document = await this.peek(draftId);
    if (document) this.setPillarsHere(document, pillars);
  }

  private setPillarsHere(document: SharedDocument, pillars: readonly Pillar[]): void {
    const keys = new Set(pillars.map((pillar) => pillar.key));
    for (const connection of document.connections.all()) {
      connection.access.pillars = keys;
      connection.send(encodeCollabEvent({ type: 'pillars', pillars: [...pillars] }));
    }
  }

  /**
   * Takes a draft out of service while `work` replaces its stored text: every open connection is
   * sent `event` and closed (clients reconnect and load the new text), the document is stored and
   * unloaded, and nobody can load it again until `work` is done. Other instances then do the same
   * with their connections, so that theirs too load the new text.
   */
  async evict(draftId: string, event: CollabEvent, work: () => Promise<void>): Promise<void> {
    await this.evictHere(draftId, event);
    await this.unloading.get(draftId);
    const done = work().finally(() => this.unloading.delete(draftId));
    this.unloading.set(
      draftId,
      done.catch(() => undefined),
    );
    await done;
    this.peers?.publish(draftId, { type: 'evicted', event });
  }

  private async evictHere(draftId: string, event: CollabEvent): Promise<void> {
    const document = await this.peek(draftId);
    if (!document) return;
    for (const connection of document.connections.all()) connection.send(encodeCollabEvent(event));
    document.connections.closeAll(CloseCode.GoingAway, 'the draft is being restored');
    await this.unload(document);
  }

  /** Closes every connection, on every instance, opened with a session or token that has been revoked. */
  async closeSession(sessionId: string): Promise<void> {
    this.peers?.publishToAll({ type: 'session-ended', sessionId });
    await this.closeSessionHere(sessionId);
  }

  private async closeSessionHere(sessionId: string): Promise<void> {
    this.accessChanges++;
    const documents = (await Promise.all(this.open.values())).filter((d): d is SharedDocument => d !== null);
    for (const document of documents) {
      for (const connection of document.connections.all()) {
        if (connection.access.sessionId === sessionId) connection.close(CloseCode.SessionEnded, 'session ended');
      }
    }
  }

  /** Closes every connection with "going away" and stores and unloads every draft. */
  async closeAll(): Promise<void> {
    const documents = (await Promise.all(this.open.values())).filter((d): d is SharedDocument => d !== null);
    for (const document of documents) document.connections.closeAll(CloseCode.GoingAway, 'server shutting down');
    await Promise.all(documents.map((document) => this.unload(document)));
    await Promise.all(this.unloading.values());
  }

  private async acquire(draftId: string): Promise<SharedDocument | null> {
    for (;;) {
      await this.unloading.get(draftId);
      let pending = this.open.get(draftId);
      if (!pending) {
        pending = this.load(draftId);
        this.open.set(draftId, pending);
      }
      const document = await pending;
      if (!document) return null;
      if (!document.isUnloaded) return document;
    }
  }

  private async load(draftId: string): Promise<SharedDocument | null> {
    let leave: (() => Promise<void>) | null = null;
    try {
      const draft = await this.storage.getDraft(draftId);
      if (!draft) {
        this.open.delete(draftId);
        return null;
      }
      // Listening before reading: whatever other instances store after the read is heard.
      const peers = this.peers;
      leave = peers && (await peers.join(draftId, (message, from) => this.hear(draftId, message, from)));
      const document = await SharedDocument.load(draftId, this.storage, this.logger, this.options, {
        peers: peers && {
          publishChange: (change) => peers.publish(draftId, { type: 'change', change }),
          publishPresence: (update) => peers.publish(draftId, { type: 'presence', update }),
        },
        waiters: { read: (whole) => this.textFirst.read(draftId, whole), sent: () => this.textFirst.sent() },
      });
      document.connections.onIdle = () => this.maybeUnload(document);
      this.loaded.set(draftId, document);
      this.leaving.set(document, leave);
      if (peers) {
        // What was stored between the read and now was heard before the document could take it;
        // who is already in the draft on other instances is asked for.
        void document.catchUp();
        peers.publish(draftId, { type: 'presence-query' });
      }
      this.logger.debug({ draftId }, 'draft loaded');
      return document;
    } catch (error) {
      this.open.delete(draftId);
      await leave?.().catch(() => undefined);
      throw error;
    } finally {
      this.textFirst.loaded(draftId);
    }
  }

  /** What another instance says about a draft loaded here. */
  private hear(draftId: string, message: DraftMessage, from: string): void {
    // Also while the draft is still loading here: a connection arriving with it decides its access again.
    if (message.type === 'membership' || message.type === 'facilitator-mode' || message.type === 'pillars')
      this.accessChanges++;
    const document = this.loaded.get(draftId);
    if (!document) return;
    switch (message.type) {
      case 'change':
        return document.receivePeerChange(message.change);
      case 'presence':
        return document.peerPresence?.receivePeer(message.update, from);
      case 'presence-query':
        return document.peerPresence?.publishHere();
      case 'event':
        return this.sendEventHere(document, message.event);
      case 'membership':
        return this.applyMembershipHere(document, message.userId, message.role);
      case 'facilitator-mode':
        return this.setFacilitatorModeHere(document, message.on);
      case 'pillars':
        return this.setPillarsHere(document, message.pillars);
      case 'evicted':
        void this.evictHere(draftId, message.event);
        return;
    }
  }

  private maybeUnload(document: SharedDocument): void {
    const unloadIfIdle = (): void => {
      this.idleTimers.delete(document);
      if (!document.connections.isIdle || document.isUnloaded) return;
      void this.unload(document);
    };
    clearTimeout(this.idleTimers.get(document));
    const wait = this.options.unloadAfterMs ?? 0;
    // Deferred a tick at least: a connection arriving right now may still attach and keep the draft loaded.
    if (wait <= 0) setImmediate(unloadIfIdle);
    else this.idleTimers.set(document, setTimeout(unloadIfIdle, wait).unref());
  }

  private unload(document: SharedDocument): Promise<void> {
    clearTimeout(this.idleTimers.get(document));
    this.idleTimers.delete(document);
    const existing = this.unloading.get(document.draftId);
    if (existing) return existing;
    if (document.isUnloaded) return Promise.resolve();
    this.open.delete(document.draftId);
    if (this.loaded.get(document.draftId) === document) this.loaded.delete(document.draftId);
    const leave = this.leaving.get(document);
    this.leaving.delete(document);
    const done = document
      .unload()
      .then(() => leave?.())
      .then(() => this.logger.debug({ draftId: document.draftId }, 'draft unloaded'))
      .catch((error: unknown) =>
        this.logger.error({ err: error, draftId: document.draftId }, 'unloading a draft failed'),
      )
      .finally(() => this.unloading.delete(document.draftId));
    this.unloading.set(document.draftId, done);
    return done;
  }
}

/** How a connection whose access was decided again, as it arrived, is closed if it lost it. */
function refusedOnArrival(decision: Exclude<UpgradeDecision, { kind: 'accept' }>): [CloseCode, string] {
  if (decision.kind === 'no-draft') return [CloseCode.DraftNotFound, 'no such draft'];
  return decision.status === 401
    ? [CloseCode.SessionEnded, 'session ended']
    : [CloseCode.MembershipRevoked, 'removed from the draft'];
}

/** The error every service meets on a draft whose stored text cannot be read. */
export function draftUnreadable(reason: string): ApiError {
  return new ApiError(
    409,
    'draft_unreadable',
    `The stored text of this draft cannot be read (${reason}). The chair can restore the last good state.`,
  );
}
