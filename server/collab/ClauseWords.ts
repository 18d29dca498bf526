/** Every clause's words as a load read them, packed so that a thread can hand them over without copying. */
export interface PackedClauseWords {
  ids: string[];
  /** The words of every clause, UTF-8, one after another. */
  words: Uint8Array;
  /** Where each clause's words end in `words`, in the order of `ids`. */
  ends: Uint32Array;
}

/** Packs each clause's words (by id) into one buffer. */
export function packClauseWords(texts: ReadonlyMap<string, string>): PackedClauseWords {
  const encoder = new TextEncoder();
  const parts = [...texts.values()].map((text) => encoder.encode(text));
  const words = new Uint8Array(parts.reduce((total, part) => total + part.byteLength, 0));
  const ends = new Uint32Array(parts.length);
  let at = 0;
  for (const [index, part] of parts.entries()) {
    words.set(part, at);
    at += part.byteLength;
    ends[index] = at;
  }
  return { ids: [...texts.keys()], words, ends };
}

/** What the history keeps of each clause's words (see `DraftRecords`): a Map will do, or {@link ClauseWords}. */
export interface RecordedWords {
  get(clauseId: string): string | undefined;
  set(clauseId: string, text: string): unknown;
  delete(clauseId: string): unknown;
}

/**
 * Each clause's words as a load read them, decoded a clause at a time when first asked for, then
 * kept up to date like a Map. A large draft's 1,500 clauses arrive from the worker thread as one
 * buffer: copied as a Map of strings, they held the thread that serves every draft for several
 * milliseconds as they arrived.
 */
export class ClauseWords implements RecordedWords {
  private readonly decoder = new TextDecoder();
  private readonly index: Map<string, number>;
  /** Words set or deleted (null) since the load. */
  private readonly changed = new Map<string, string | null>();

  constructor(private readonly packed: PackedClauseWords) {
    this.index = new Map(packed.ids.map((id, position) => [id, position]));
  }

  get(clauseId: string): string | undefined {
    const changed = this.changed.get(clauseId);
    if (changed !== undefined) return changed ?? undefined;
    const position = this.index.get(clauseId);
    if (position === undefined) return undefined;
    const start = position === 0 ? 0 : this.packed.ends[position - 1]!;
    return this.decoder.decode(this.packed.words.subarray(start, this.packed.ends[position]));
  }

  set(clauseId: string, text: string): void {
    this.changed.set(clauseId, text);
  }

  delete(clauseId: string): void {
    this.changed.set(clauseId, null);
  }
}
