import * as Y from 'yjs';
import type { ClientClaim } from '../storage/DocumentLogStorage';

/** Stands for the server (this instance or another) as the holder of its Yjs client ids. */
export const SERVER_HOLDER = Symbol('server');
/** Who a Yjs client id belongs to: a person (their user id), or the server. */
export type ClientHolder = string | typeof SERVER_HOLDER;

/**
 * Whom each Yjs client id of one draft's text belongs to: the person who first wrote under it, or
 * who announced it in their presence (here or on another instance) before writing. Nobody else may
 * write under it, not even once its owner's connection has dropped. A delegate whose connection
 * dropped comes back with the same id and the next clock numbers. Had someone else written under
 * it meanwhile, the server would skip their edits as already held, without a word, and their copy
 * would no longer agree with anyone's.
 *
 * A person's first write under an id is recorded in storage with the change, in its transaction
 * (`StoredUpdate.claims`), so the id stays theirs after the draft is unloaded, after a restart, and
 * on other instances that load the draft; and no stored text is ever under an id whose owner is not.
 * Instances serving the draft together also tell each other whose ids their rows use (`PeerChange.holders`).
 */
export class ClientOwners {
  private readonly owners: Map<number, ClientHolder>;
  /** Claims whose change could not be stored: stored with the next change that is. */
  private unstored: ClientClaim[] = [];

  constructor(
    /** What storage holds for the draft (`loadClientOwners`). */
    stored: ReadonlyMap<number, string>,
    private readonly presence: { announcedBy(client: number): string | undefined },
  ) {
    this.owners = new Map(stored);
  }

  /** Owners kept for one pass over a text, where nothing is stored (a recovery's replay of stored changes). */
  static inMemory(): ClientOwners {
    return new ClientOwners(new Map(), { announcedBy: () => undefined });
  }

  /** Owners read from storage again (another instance's rows were read from the log): added where not known. */
  adopt(stored: ReadonlyMap<number, string>): void {
    for (const [client, userId] of stored) if (!this.owners.has(client)) this.owners.set(client, userId);
  }

  /** Who `client` belongs to, if anyone yet. */
  ownerOf(client: number): ClientHolder | undefined {
    return this.owners.get(client) ?? this.presence.announcedBy(client);
  }

  /**
   * `holder` wrote under `clients` here: those not yet anyone's become theirs. Returns what to store
   * with a person's change: their new claims, and any whose change could not be stored (none for the server's).
   */
  claim(clients: Iterable<number>, holder: ClientHolder): ClientClaim[] {
    const claims = this.take(clients, holder);
    if (holder === SERVER_HOLDER || this.unstored.length === 0) return claims;
    return [...this.unstored.splice(0), ...claims];
  }

  /**
   * The change that carried `claims` could not be stored (it was dropped). The ids stay their
   * owners' here (their clients still hold what they wrote), and the claims go with the next change.
   */
  notStored(claims: readonly ClientClaim[]): void {
    this.unstored.push(...claims);
  }

  /**
   * Another instance stored `rows`, each written by `holders` (a user id, or null for the server;
   * none when not known) and recorded a person's new ids itself: the Yjs client ids they add items
   * for are theirs here too, unless already someone's. Someone whose instance stopped goes on here.
   */
  claimRows(rows: readonly Uint8Array[], holders: readonly (string | null)[]): void {
    for (const [index, row] of rows.entries()) {
      if (index >= holders.length) return;
      this.take(Y.parseUpdateMeta(row).to.keys(), holders[index] ?? SERVER_HOLDER);
    }
  }

  /** Gives `holder` those of `clients` that are nobody's yet; returns them as claims to record when `holder` is a person. */
  private take(clients: Iterable<number>, holder: ClientHolder): ClientClaim[] {
    const claims: ClientClaim[] = [];
    for (const client of clients) {
      if (this.owners.has(client)) continue;
      this.owners.set(client, holder);
      if (holder !== SERVER_HOLDER) claims.push({ clientId: client, userId: holder });
    }
    return claims;
  }
}
