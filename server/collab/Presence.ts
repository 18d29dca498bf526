import * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { z } from 'zod';
import { MAX_PRESENCE_PER_CONNECTION } from '../../shared/limits';
import type { ClientConnection } from './ClientConnection';
import type { AwarenessEntry, DecodedAwarenessEntry } from './codec';
import { decodeAwarenessUpdate, encodeAwareness, encodeAwarenessEntries } from './codec';

/** A Yjs relative position as y-prosemirror's cursor plugin sends it (`Y.relativePositionToJSON`). */
const relativePosition = z
  .object({
    type: z.object({ client: z.number().int().nonnegative(), clock: z.number().int().nonnegative() }).nullish(),
    tname: z.string().max(64).nullish(),
    item: z.object({ client: z.number().int().nonnegative(), clock: z.number().int().nonnegative() }).nullish(),
    assoc: z.number().int().optional(),
  })
  .strict();

/** The identity an instance stamps on presence (see `sanitize`), as far as another reads it. */
const peerStamp = z.object({ user: z.object({ userId: z.string().min(1) }) });

/** The caret an editor shares: where its selection starts and ends. */
const cursorSchema = z.object({ anchor: relativePosition, head: relativePosition }).strict().nullable();

/**
 * The presence state the server relays: the identity it stamps (`user`) and the caret (`cursor`).
 * Any other top-level field is dropped, and a caret that is not one is dropped with it.
 */
function sanitize(state: Record<string, unknown>, connection: ClientConnection): Record<string, unknown> {
  const cursor = cursorSchema.safeParse(state.cursor);
  return {
    user: connection.access.presence,
    ...(cursor.success && state.cursor !== undefined ? { cursor: cursor.data } : {}),
  };
}

/** The origin of presence another instance relays: relayed here, not published again. */
const PEER = Symbol('peer');

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

/**
 * Who is in a draft right now and where their caret is (y-protocols awareness), as the server
 * allows it: each connection speaks only for the presence entries it owns, at most
 * {@link MAX_PRESENCE_PER_CONNECTION} of them, each of a bounded size (the codec flags larger
 * ones), with only the fields the editor uses, and the identity always the authenticated
 * person's. Changes are relayed to everyone once per turn of the event loop, and those of this
 * instance's connections published to the other instances (`publish`), whose own arrive through
 * {@link receivePeer}. When an instance stops (killed, cut off, shut down), the entries it relayed
 * are taken away here ({@link peerGone}) rather than left until they time out (y-protocols drops
 * an entry not renewed for 30 s; editors renew every 15 s).
 */
export class Presence {
  private readonly awareness: awarenessProtocol.Awareness;
  private readonly owners = new Map<number, ClientConnection>();
  private readonly owned = new Map<ClientConnection, Set<number>>();
  /** Which instance relayed each entry of another instance's connections (its id among the peers). */
  private readonly relayedBy = new Map<number, string>();
  private changed = new Set<number>();
  /** Of those, the entries of this instance's connections. */
  private changedHere = new Set<number>();
  private relayScheduled = false;
  private destroyed = false;

  constructor(
    doc: Y.Doc,
    private readonly broadcast: (message: Uint8Array) => void,
    private readonly publish: ((update: Uint8Array) => void) | null = null,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
    this.awareness.on('update', ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
      for (const id of [...added, ...updated, ...removed]) {
        this.changed.add(id);
        if (origin !== PEER) this.changedHere.add(id);
      }
      for (const id of removed) this.relayedBy.delete(id);
      this.scheduleRelay();
    });
  }

  /** Everyone's presence as one message, for a newcomer; null when nobody is there. */
  snapshot(): Uint8Array | null {
    const ids = [...this.awareness.getStates().keys()];
    return ids.length === 0 ? null : encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids));
  }

  /** Who (their user id) announced `clientId` in presence, through this instance or another, if anyone. */
  announcedBy(clientId: number): string | undefined {
    const here = this.owners.get(clientId);
    if (here !== undefined) return here.access.userId;
    // An entry another instance relayed: stamped there with its connection's identity.
    const stamped = peerStamp.safeParse(this.awareness.getStates().get(clientId));
    return stamped.success ? stamped.data.user.userId : undefined;
  }

  /** Applies what a connection says about its presence, within the rules above. */
  receive(connection: ClientConnection, entries: readonly DecodedAwarenessEntry[]): void {
    const mine = this.owned.get(connection) ?? new Set<number>();
    const allowed: AwarenessEntry[] = [];
    for (const entry of entries) {
      const owner = this.owners.get(entry.clientId);
      if (owner !== undefined && owner !== connection) continue;
      // An entry another instance relayed is its person's: they alone may take it over (after their instance stopped).
      const elsewhere = owner === undefined ? this.announcedBy(entry.clientId) : undefined;
      if (elsewhere !== undefined && elsewhere !== connection.access.userId) continue;
      if ('oversize' in entry) continue;
      if (entry.state === null) {
        if (owner === connection) allowed.push(entry);
        continue;
      }
      if (owner === undefined) {
        if (mine.size >= MAX_PRESENCE_PER_CONNECTION) continue;
        mine.add(entry.clientId);
        this.owners.set(entry.clientId, connection);
        // Taken over from another instance (its own person came back through this one): the others
        // are told it is relayed from here now, even if its clock brings nothing new.
        if (this.relayedBy.delete(entry.clientId)) this.changedHere.add(entry.clientId);
      }
      allowed.push({ ...entry, state: sanitize(entry.state, connection) });
    }
    this.owned.set(connection, mine);
    for (const entry of allowed) {
      if (entry.state !== null) continue;
      mine.delete(entry.clientId);
      this.owners.delete(entry.clientId);
    }
    if (allowed.length > 0)
      awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(allowed), connection);
    if (this.changedHere.size > 0) this.scheduleRelay();
  }

  /**
   * Applies presence another instance (`from`) relays (already policed there). A connection here
   * may take over one of its entries: someone whose instance stopped comes back through this one.
   */
  receivePeer(update: Uint8Array, from: string): void {
    let entries: ReturnType<typeof decodeAwarenessUpdate>;
    try {
      entries = decodeAwarenessUpdate(update);
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, PEER);
    } catch {
      // A damaged message from a peer changes nothing here.
      return;
    }
    for (const entry of entries) {
      if (this.owners.has(entry.clientId)) continue;
      if ('state' in entry && entry.state === null) this.relayedBy.delete(entry.clientId);
      else if (this.awareness.getStates().has(entry.clientId)) this.relayedBy.set(entry.clientId, from);
    }
  }

  /** Another instance stopped or cannot be heard: the entries it relayed go, and everyone here is told. */
  peerGone(instanceId: string): void {
    const gone = [...this.relayedBy].filter(([, from]) => from === instanceId).map(([clientId]) => clientId);
    if (gone.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, gone, PEER);
  }

  /** Publishes every entry of this instance's connections (for an instance that has just loaded the draft). */
  publishHere(): void {
    const here = [...this.owners.keys()].filter((id) => this.awareness.getStates().has(id));
    if (this.publish && here.length > 0) this.publish(awarenessProtocol.encodeAwarenessUpdate(this.awareness, here));
  }

  /** Stamps a connection's new identity (its role changed) on the presence it owns. */
  restamp(connection: ClientConnection): void {
    const entries: AwarenessEntry[] = [];
    for (const clientId of this.owned.get(connection) ?? []) {
      const state = this.awareness.getStates().get(clientId);
      const meta = this.awareness.meta.get(clientId);
      if (state && meta)
        entries.push({ clientId, clock: meta.clock + 1, state: { ...state, user: connection.access.presence } });
    }
    if (entries.length > 0)
      awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(entries), connection);
  }

  /** Removes everything a connection that left owned. */
  remove(connection: ClientConnection): void {
    const mine = this.owned.get(connection);
    this.owned.delete(connection);
    if (mine === undefined || mine.size === 0) return;
    for (const id of mine) this.owners.delete(id);
    awarenessProtocol.removeAwarenessStates(this.awareness, [...mine], null);
  }

  destroy(): void {
    this.destroyed = true;
    this.awareness.destroy();
  }

  private scheduleRelay(): void {
    if (this.relayScheduled) return;
    this.relayScheduled = true;
    setImmediate(() => {
      this.relayScheduled = false;
      const changed = [...this.changed];
      const here = [...this.changedHere];
      this.changed.clear();
      this.changedHere.clear();
      if (this.destroyed) return;
      if (changed.length > 0)
        this.broadcast(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)));
      if (this.publish && here.length > 0) this.publish(awarenessProtocol.encodeAwarenessUpdate(this.awareness, here));
    });
  }
}
