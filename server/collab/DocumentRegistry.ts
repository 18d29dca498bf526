import { CloseCode } from '../../shared/closeCodes';
import { ApiError } from '../errors';
import type { CollabEvent } from '../../shared/collab';
import type { Pillar } from '../../shared/pillars';
import type { Role } from '../../shared/roles';
import { encodeCollabEvent } from './codec';
import type { ConnectionAccess } from './ConnectionAccess';
import type { Logger } from '../logger';
import type { Storage } from '../storage/Storage';
import type { ClientConnection } from './ClientConnection';
import type { SharedDocumentOptions } from './SharedDocument';
import { SharedDocument } from './SharedDocument';

/**
 * The open drafts of this server. A draft is loaded on its first connection (or server-side use)
 * and unloaded, after storing, when its last connection and lease are gone. Loading the same
 * draft twice at once is impossible: callers share one pending load.
 */
export class DocumentRegistry {
  private readonly open = new Map<string, Promise<SharedDocument | null>>();
  private readonly unloading = new Map<string, Promise<void>>();

  constructor(
    private readonly storage: Storage,
    private readonly logger: Logger,
    private readonly options: SharedDocumentOptions,
  ) {}

  /** Number of drafts currently loaded (for health checks and tests). */
  get openCount(): number {
    return this.open.size;
  }

  /**
   * Attaches a connection to its draft once the draft is loaded; a draft that does not exist
   * closes the connection with {@link CloseCode.DraftNotFound}.
   */
  async connect(connection: ClientConnection): Promise<void> {
    try {
      const document = await this.acquire(connection.draftId);
      if (connection.isClosed) {
        if (document?.isIdle) this.maybeUnload(document);
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
    const release = document.lease();
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
    const document = await this.peek(draftId);
    if (!document) return;
    if (role === null) {
      for (const connection of document.connectionsOf(userId))
        connection.close(CloseCode.MembershipRevoked, 'removed from the draft');
    } else {
      document.changeRole(userId, role);
    }
    for (const connection of document.allConnections()) connection.send(encodeCollabEvent({ type: 'members-changed' }));
  }

  /**
   * Pushes an event to every open connection of a draft on the collab socket, shaped for each
   * reader by `eventFor` (null: nothing for that one). Does nothing when nobody has the draft open.
   */
  async sendEvent(draftId: string, eventFor: (access: ConnectionAccess) => CollabEvent | null): Promise<void> {
    const document = await this.peek(draftId);
    if (!document) return;
    for (const connection of document.allConnections()) {
      const event = eventFor(connection.access);
      if (event) connection.send(encodeCollabEvent(event));
    }
  }

  /** Applies the draft's facilitator mode to its open connections at once, and tells each client. */
  async setFacilitatorMode(draftId: string, on: boolean): Promise<void> {
    const document = await this.peek(draftId);
    if (!document) return;
    for (const connection of document.allConnections()) {
      connection.access.facilitatorMode = on;
      connection.send(encodeCollabEvent({ type: 'facilitator-mode', on }));
    }
  }

  /** Applies the draft's new pillars to its open connections at once, and tells each client. */
  async setPillars(draftId: string, pillars: readonly Pillar[]): Promise<void> {
    const document = await this.peek(draftId);
    if (!document) return;
    const keys = new Set(pillars.map((pillar) => pillar.key));
    for (const connection of document.allConnections()) {
      connection.access.pillars = keys;
      connection.send(encodeCollabEvent({ type: 'pillars', pillars: [...pillars] }));
    }
  }

  /**
   * Takes a draft out of service while `work` replaces its stored text: every open connection is
   * sent `event` and closed (clients reconnect and load the new text), the document is stored and
   * unloaded, and nobody can load it again until `work` is done.
   */
  async evict(draftId: string, event: CollabEvent, work: () => Promise<void>): Promise<void> {
    const document = await this.peek(draftId);
    if (document) {
      for (const connection of document.allConnections()) connection.send(encodeCollabEvent(event));
      document.closeConnections(CloseCode.GoingAway, 'the draft is being restored');
      await this.unload(document);
    }
    await this.unloading.get(draftId);
    const done = work().finally(() => this.unloading.delete(draftId));
    this.unloading.set(
      draftId,
      done.catch(() => undefined),
    );
    await done;
  }

  /** Closes every connection opened with a session or token that has been revoked. */
  async closeSession(sessionId: string): Promise<void> {
    const documents = (await Promise.all(this.open.values())).filter((d): d is SharedDocument => d !== null);
    for (const document of documents) {
      for (const connection of document.allConnections()) {
        if (connection.access.sessionId === sessionId) connection.close(CloseCode.SessionEnded, 'session ended');
      }
    }
  }

  /** Closes every connection with "going away" and stores and unloads every draft. */
  async closeAll(): Promise<void> {
    const documents = (await Promise.all(this.open.values())).filter((d): d is SharedDocument => d !== null);
    for (const document of documents) document.closeConnections(CloseCode.GoingAway, 'server shutting down');
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
    try {
      const draft = await this.storage.getDraft(draftId);
      if (!draft) {
        this.open.delete(draftId);
        return null;
      }
      const document = await SharedDocument.load(draftId, this.storage, this.logger, this.options);
      document.onIdle = () => this.maybeUnload(document);
      this.logger.debug({ draftId }, 'draft loaded');
      return document;
    } catch (error) {
      this.open.delete(draftId);
      throw error;
    }
  }

  private maybeUnload(document: SharedDocument): void {
    // Defer a tick: a connection arriving right now may still attach and keep the draft loaded.
    setImmediate(() => {
      if (!document.isIdle || document.isUnloaded) return;
      void this.unload(document);
    });
  }

  private unload(document: SharedDocument): Promise<void> {
    const existing = this.unloading.get(document.draftId);
    if (existing) return existing;
    if (document.isUnloaded) return Promise.resolve();
    this.open.delete(document.draftId);
    const done = document
      .unload()
      .then(() => this.logger.debug({ draftId: document.draftId }, 'draft unloaded'))
      .catch((error: unknown) =>
        this.logger.error({ err: error, draftId: document.draftId }, 'unloading a draft failed'),
      )
      .finally(() => this.unloading.delete(document.draftId));
    this.unloading.set(document.draftId, done);
    return done;
  }
}

/** The error every service meets on a draft whose stored text cannot be read. */
export function draftUnreadable(reason: string): ApiError {
  return new ApiError(
    409,
    'draft_unreadable',
    `The stored text of this draft cannot be read (${reason}). The chair can restore the last good state.`,
  );
}
