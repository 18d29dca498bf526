/**
 * The one narrow interface between Accord and its database. Every backend (SQLite today,
 * PostgreSQL later) implements it and passes the same contract suite (`storageContract.ts`).
 *
 * A draft's text is stored as a Yjs update log plus one compacted state row: appending is cheap
 * and durable, and compaction keeps opening a draft fast however long its history grows.
 */
export interface Storage {
  /** Creates a draft with the initial Yjs state of its text. */
  createDraft(draft: NewDraft, initialState: Uint8Array): Promise<DraftRecord>;
  getDraft(id: string): Promise<DraftRecord | undefined>;
  listDrafts(filter: { archived: boolean }): Promise<DraftRecord[]>;
  /** Renames (the cached title) or archives/unarchives a draft; returns undefined if there is no such draft. */
  updateDraft(id: string, patch: DraftPatch): Promise<DraftRecord | undefined>;

  /** Everything stored for a draft's text: the compacted state (if any) and the log after it, in order. */
  loadDocument(draftId: string): Promise<StoredDocument>;
  /**
   * Appends updates to a draft's log in one transaction and bumps the draft's `updatedAt`
   * (and its cached title when given). Resolves only once the rows are committed.
   */
  appendUpdates(draftId: string, updates: readonly Uint8Array[], at: Date, title?: string): Promise<number>;
  /**
   * Replaces the state row with `state` and deletes log rows up to and including `upToSeq`,
   * in one transaction. `state` must contain every update up to `upToSeq`.
   */
  compactDocument(draftId: string, state: Uint8Array, upToSeq: number): Promise<void>;

  /** A small key/value store for server bookkeeping (for example whether the demo was seeded). */
  getMeta(key: string): Promise<string | undefined>;
  setMeta(key: string, value: string): Promise<void>;

  close(): Promise<void>;
}

/** A draft as stored. Dates are ISO 8601 strings in UTC. */
export interface DraftRecord {
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
}

export interface NewDraft {
  id: string;
  title: string;
  createdAt: Date;
}

export interface DraftPatch {
  title?: string;
  archivedAt?: Date | null;
}

/** A draft's stored text. `lastSeq` is the sequence number of the newest log row (or of the state row's cut-off). */
export interface StoredDocument {
  state: Uint8Array | null;
  updates: Uint8Array[];
  lastSeq: number;
}
