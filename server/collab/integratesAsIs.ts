import * as Y from 'yjs';

/** What a client's change may contain to be relayed as it was sent: what the editor itself writes. */
const PLAIN_CONTENT = [Y.ContentString, Y.ContentFormat, Y.ContentType, Y.ContentAny, Y.ContentDeleted];

/** How far a document and the updates checked so far reach, per client: client id → next clock. */
class ClockFrontier {
  private readonly next = new Map<number, number>();
  /** Elements created earlier in the batch (`client:clock`), which later changes may put things in. */
  private readonly newTypes = new Set<string>();

  constructor(private readonly doc: Y.Doc) {}

  nextClock(client: number): number {
    return this.next.get(client) ?? Y.getState(this.doc.store, client);
  }

  /** Whether the document, or a change earlier in the batch, already holds `id`. */
  knows(id: Y.ID): boolean {
    return id.clock < this.nextClock(id.client);
  }

  /** Whether `id` names an element or text (something that can hold content) the document or the batch holds. */
  knowsType(id: Y.ID): boolean {
    if (!this.knows(id)) return false;
    if (this.newTypes.has(`${id.client}:${id.clock}`)) return true;
    if (id.clock >= Y.getState(this.doc.store, id.client)) return false;
    const struct = Y.getItem(this.doc.store, id);
    return struct instanceof Y.Item && struct.content instanceof Y.ContentType;
  }

  add(item: Y.Item): void {
    this.next.set(item.id.client, item.id.clock + item.length);
    if (item.content instanceof Y.ContentType) this.newTypes.add(`${item.id.client}:${item.id.clock}`);
  }
}

/**
 * Whether clients' updates, applied in order to `doc`, would be integrated exactly as they are:
 * each one reads to its end, every item in it is new and comes right after what the document
 * (or an earlier update of the batch) holds from its client, everything an item is placed
 * against (its left and right neighbours at insertion, its parent) is already there, every
 * deletion is of something known, the only root it touches is `rootName`, and its content is
 * the editor's own kinds (text, marks, elements, attributes; no sub-documents). And the document
 * holds nothing back waiting for a missing part, which these could complete.
 *
 * Then what applying changes, as Yjs would encode it, is these updates themselves: nothing of
 * them is held back waiting for a missing part, nothing is already known, and integrating cannot
 * fail half-way (Yjs throws, for example, on an item placed against its own client's future).
 * So they can be relayed as sent, before the server applies them. Anything else, malformed or
 * merely unusual (a change resent after reconnecting, a change to another root), returns false
 * and is applied first, as Yjs's encoding of the effect is what gets relayed for it.
 */
export function integratesAsIs(doc: Y.Doc, updates: readonly Uint8Array[], rootName: string): boolean {
  // Something held back for a missing part would be integrated along with these: more than they are.
  if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) return false;
  const frontier = new ClockFrontier(doc);
  for (const update of updates) {
    let decoded: ReturnType<typeof Y.decodeUpdate>;
    try {
      decoded = Y.decodeUpdate(update);
    } catch {
      return false;
    }
    for (const struct of decoded.structs) {
      if (!(struct instanceof Y.Item)) return false;
      if (struct.id.clock !== frontier.nextClock(struct.id.client)) return false;
      if (!PLAIN_CONTENT.some((kind) => struct.content instanceof kind)) return false;
      if (struct.origin && !frontier.knows(struct.origin)) return false;
      if (struct.rightOrigin && !frontier.knows(struct.rightOrigin)) return false;
      const parent: unknown = struct.parent;
      if (parent === null) {
        // Placed only by its neighbours, whose parent it takes.
        if (!struct.origin && !struct.rightOrigin) return false;
      } else if (typeof parent === 'string') {
        if (parent !== rootName) return false;
      } else if (!(parent instanceof Y.ID) || !frontier.knowsType(parent)) {
        return false;
      }
      frontier.add(struct);
    }
    for (const [client, deletions] of decoded.ds.clients) {
      for (const deletion of deletions) if (deletion.clock + deletion.len > frontier.nextClock(client)) return false;
    }
  }
  return true;
}
