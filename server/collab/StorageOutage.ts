import { RefusalCode } from '../../shared/closeCodes';
import type { CollabEvent } from '../../shared/collab';
import type { Logger } from '../logger';
import type { StorageHealth } from '../storage/StorageHealth';
import type { Refusal } from '../text/checkChange';
import { ClientConnection } from './ClientConnection';
import { encodeCollabEvent } from './codec';

/** Why a change that could not be stored is refused. */
export const STORAGE_REFUSAL: Refusal = {
  code: RefusalCode.StorageUnavailable,
  reason: 'The server could not save this change (its storage is failing), so it was not kept.',
};

const UNAVAILABLE: CollabEvent = { type: 'storage-unavailable' };
const RESTORED: CollabEvent = { type: 'storage-restored' };

/** A change that was admitted but has not reached the live text yet: its author, and why it failed if it did. */
export interface PendingChange {
  author: ClientConnection | { authorId: string | null };
  /** Set when the change could not be stored and was dropped; a server write then rejects with it. */
  failure?: unknown;
}

/**
 * A draft's side of a storage outage. A change is stored before anyone sees it, so when its
 * append fails nothing of it is anywhere yet but in the staging copy: the document drops it and
 * every change admitted after it (they may build on it) and this refuses them, so each sender's
 * editor goes back to the stored text, and a server write (a rename) rejects with the failure.
 * The live text stays exactly what is stored; nothing acknowledged is touched.
 *
 * Every client of the draft is told when saving stops working (`storage-unavailable`, also on
 * joining during an outage) and when it works again (`storage-restored`), as {@link StorageHealth}
 * hears from every write of the server.
 */
export class StorageOutage {
  private readonly stopListening: () => void;

  constructor(
    private readonly health: StorageHealth | null,
    private readonly logger: Logger,
    broadcast: (message: Uint8Array) => void,
  ) {
    this.stopListening =
      health?.onChange((failing) => broadcast(encodeCollabEvent(failing ? UNAVAILABLE : RESTORED))) ?? (() => false);
  }

  /** Tells a connection that joins during an outage. */
  greet(connection: ClientConnection): void {
    if (this.health?.failing) connection.send(encodeCollabEvent(UNAVAILABLE));
  }

  /**
   * Runs `append` (the commit of the first changes of `inFlight`) and answers whether it stored
   * them. If not, every change in flight is dropped (taken out of `inFlight`, marked with the
   * failure, its sender refused) and `reset` rebuilds the staging copy without them.
   */
  async store<Change extends PendingChange>(
    append: () => Promise<void>,
    inFlight: Change[],
    reset: (dropped: Change[]) => void,
  ): Promise<boolean> {
    try {
      await append();
    } catch (error) {
      const dropped = inFlight.splice(0);
      this.refuse(error, dropped);
      reset(dropped);
      return false;
    }
    this.health?.writeSucceeded();
    return true;
  }

  private refuse(error: unknown, dropped: readonly PendingChange[]): void {
    this.logger.error({ err: error, dropped: dropped.length }, 'storing changes failed; refusing them');
    this.health?.writeFailed(error);
    const refused = new Set<ClientConnection>();
    for (const change of dropped) {
      change.failure = error ?? new Error('storing failed');
      if (change.author instanceof ClientConnection && !refused.has(change.author)) {
        refused.add(change.author);
        change.author.refuse(STORAGE_REFUSAL);
      }
    }
  }

  destroy(): void {
    this.stopListening();
  }
}
