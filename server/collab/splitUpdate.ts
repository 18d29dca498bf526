/**
 * Cuts one large Yjs update into causal pieces of about a given size. A large draft's stored text is kept in
 * pieces that one turn of the event loop can apply, so loading it does not hold up other drafts.
 *
 * Every piece holds, per client, one contiguous run of structs, and whatever a struct refers to (its origin, its
 * right origin, the item of its parent type) comes in an earlier piece or in the same one: applying the pieces in
 * order never leaves anything pending in the document's store. The delete set comes after all structs, cut by
 * ranges when it does not fit in the last piece.
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

type Struct = Y.Item | Y.GC | Y.Skip;
/** One client's structs in clock order, and the index of the first one not yet ordered. */
type Run = { structs: Struct[]; next: number; onStack: boolean };
type DeleteRange = { client: number; clock: number; len: number };

/** About what a client's header costs in a piece: struct count, client id and first clock. */
const CLIENT_HEADER_BYTES = 12;

/** Cuts one Yjs update (v1 encoding) into causal pieces of about `maxBytes` each. */
export function splitUpdate(update: Uint8Array, maxBytes: number): Uint8Array[] {
  if (!(maxBytes > 0)) throw new RangeError(`splitUpdate: maxBytes must be positive, not ${maxBytes}`);
  if (update.length <= maxBytes) return [update];
  const { structs, ds } = Y.decodeUpdate(update);
  if (structs.every((struct) => struct instanceof Y.Skip)) return [update];
  return splitStructs(structs, ds, maxBytes);
}

/**
 * The same pieces for a whole document's text, read from its store: what `splitUpdate` of its
 * encoding gives, without decoding every struct of that encoding again (most of the cost of a cut).
 */
export function splitDocument(doc: Y.Doc, maxBytes: number): Uint8Array[] {
  if (!(maxBytes > 0)) throw new RangeError(`splitDocument: maxBytes must be positive, not ${maxBytes}`);
  const structs: Struct[] = [];
  for (const clientStructs of doc.store.clients.values()) for (const struct of clientStructs) structs.push(struct);
  if (structs.length === 0) return [Y.encodeStateAsUpdate(doc)];
  return splitStructs(structs, Y.createDeleteSetFromStructStore(doc.store), maxBytes);
}

/** Cuts structs (decoded from an update or read from a document's store) and their delete set into causal pieces. */
function splitStructs(structs: Struct[], ds: ReturnType<typeof Y.createDeleteSet>, maxBytes: number): Uint8Array[] {
  const order = causalOrder(structs);

  // Write every struct once, in order, and remember where each ends: a piece copies its structs' bytes.
  const written = new Y.UpdateEncoderV1();
  const ends = new Float64Array(order.length);
  order.forEach((struct, i) => {
    struct.write(written, 0);
    ends[i] = encoding.length(written.restEncoder);
  });
  const bytes = encoding.toUint8Array(written.restEncoder);
  const span = (i: number) => bytes.subarray(i === 0 ? 0 : ends[i - 1], ends[i]);

  const cuts: number[] = [0];
  let size = 0;
  const clients = new Set<number>();
  order.forEach((struct, i) => {
    const cost = () => span(i).length + (clients.has(struct.id.client) ? 0 : CLIENT_HEADER_BYTES);
    if (i > cuts[cuts.length - 1]! && size + cost() > maxBytes) {
      cuts.push(i);
      clients.clear();
      size = 0;
    }
    size += cost();
    clients.add(struct.id.client);
  });
  cuts.push(order.length);

  const ranges: DeleteRange[] = [...ds.clients.entries()]
    .sort(([a], [b]) => b - a)
    .flatMap(([client, items]) => items.map(({ clock, len }) => ({ client, clock, len })));
  const dsChunks = cutDeleteRanges(ranges, maxBytes - size, maxBytes);
  const pieces: Uint8Array[] = [];
  for (let p = 0; p + 1 < cuts.length; p++) {
    const encoder = new Y.UpdateEncoderV1();
    writeStructs(encoder, order, span, cuts[p]!, cuts[p + 1]!);
    writeDeleteRanges(encoder, p + 2 === cuts.length ? (dsChunks.shift() ?? []) : []);
    pieces.push(encoder.toUint8Array());
  }
  for (const chunk of dsChunks) {
    const encoder = new Y.UpdateEncoderV1();
    encoding.writeVarUint(encoder.restEncoder, 0);
    writeDeleteRanges(encoder, chunk);
    pieces.push(encoder.toUint8Array());
  }
  return pieces;
}

/**
 * Orders structs so that each client's come in clock order and each struct comes after what it refers to in other
 * clients. Before a struct, whatever it waits for is ordered first, with an explicit stack: chains can be long.
 */
function causalOrder(structs: Struct[]): Struct[] {
  const runs = new Map<number, Run>();
  for (const struct of structs) {
    const run = runs.get(struct.id.client);
    if (run) run.structs.push(struct);
    else runs.set(struct.id.client, { structs: [struct], next: 0, onStack: false });
  }
  for (const run of runs.values()) run.structs.sort((a, b) => a.id.clock - b.id.clock);

  /** What `item` waits for: a run of another client that must first get past a clock. */
  const waitFor = (item: Y.Item, id: Y.ID | null): { run: Run; clock: number } | undefined => {
    if (id === null || id.client === item.id.client) return undefined;
    const run = runs.get(id.client); // a client not in this update is nothing to wait for here
    const next = run?.structs[run.next];
    return run && next && next.id.clock <= id.clock ? { run, clock: id.clock } : undefined;
  };
  const blocker = (item: Y.Item): { run: Run; clock: number } | undefined =>
    waitFor(item, item.origin) ?? waitFor(item, item.rightOrigin) ?? waitFor(item, parentId(item));
  const order: Struct[] = [];
  for (const start of runs.values()) {
    const stack: Array<{ run: Run; clock: number }> = [{ run: start, clock: Infinity }];
    start.onStack = true;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const struct = top.run.structs[top.run.next];
      if (struct === undefined || struct.id.clock > top.clock) {
        top.run.onStack = false;
        stack.pop();
        continue;
      }
      const wait = struct instanceof Y.Item ? blocker(struct) : undefined;
      if (wait) {
        if (wait.run.onStack) throw new Error('splitUpdate: the update has cyclic dependencies');
        wait.run.onStack = true;
        stack.push(wait);
        continue;
      }
      order.push(struct);
      top.run.next++;
    }
  }
  return order;
}

/** The item of the type `item` is in (null for a top-level type): decoded, an id; in a document, the type itself. */
function parentId(item: Y.Item): Y.ID | null {
  const parent: unknown = item.parent;
  if (parent instanceof Y.ID) return parent;
  return parent instanceof Y.AbstractType ? (parent._item?.id ?? null) : null;
}

/** Writes the structs `order[from..to)` as Yjs's `writeClientsStructs` does: higher client ids first. */
function writeStructs(
  encoder: Y.UpdateEncoderV1,
  order: Struct[],
  span: (i: number) => Uint8Array,
  from: number,
  to: number,
): void {
  const byClient = new Map<number, number[]>();
  for (let i = from; i < to; i++) {
    const client = order[i]!.id.client;
    const indices = byClient.get(client);
    if (indices) indices.push(i);
    else if (!(order[i] instanceof Y.Skip)) byClient.set(client, [i]); // a run must not start with a gap
  }
  const clients = [...byClient.keys()].sort((a, b) => b - a);
  encoding.writeVarUint(encoder.restEncoder, clients.length);
  for (const client of clients) {
    const indices = byClient.get(client)!;
    encoding.writeVarUint(encoder.restEncoder, indices.length);
    encoder.writeClient(client);
    encoding.writeVarUint(encoder.restEncoder, order[indices[0]!]!.id.clock);
    for (const i of indices) encoding.writeUint8Array(encoder.restEncoder, span(i));
  }
}

/** Cuts delete ranges into chunks: the first fits in `firstRoom` bytes (it may be empty), the others in `room`. */
function cutDeleteRanges(ranges: DeleteRange[], firstRoom: number, room: number): DeleteRange[][] {
  const chunks: DeleteRange[][] = [[]];
  let left = firstRoom;
  let lastClient: number | null = null;
  for (const range of ranges) {
    const bytes = varUintSize(range.clock) + varUintSize(range.len);
    if (
      bytes + (range.client === lastClient ? 0 : CLIENT_HEADER_BYTES) > left &&
      (chunks.length === 1 || chunks.at(-1)!.length > 0)
    ) {
      chunks.push([]);
      left = room;
      lastClient = null;
    }
    left -= bytes + (range.client === lastClient ? 0 : CLIENT_HEADER_BYTES);
    chunks.at(-1)!.push(range);
    lastClient = range.client;
  }
  return chunks;
}

/** Writes delete ranges (grouped by client, as cut) as Yjs's `writeDeleteSet` does for v1. */
function writeDeleteRanges(encoder: Y.UpdateEncoderV1, ranges: DeleteRange[]): void {
  const groups: DeleteRange[][] = [];
  for (const range of ranges) {
    const group = groups[groups.length - 1];
    if (group && group[0]!.client === range.client) group.push(range);
    else groups.push([range]);
  }
  encoding.writeVarUint(encoder.restEncoder, groups.length);
  for (const group of groups) {
    encoding.writeVarUint(encoder.restEncoder, group[0]!.client);
    encoding.writeVarUint(encoder.restEncoder, group.length);
    for (const { clock, len } of group) {
      encoding.writeVarUint(encoder.restEncoder, clock);
      encoding.writeVarUint(encoder.restEncoder, len);
    }
  }
}

function varUintSize(n: number): number {
  let size = 1;
  for (let rest = n; rest >= 0x80; rest = Math.floor(rest / 0x80)) size++;
  return size;
}
