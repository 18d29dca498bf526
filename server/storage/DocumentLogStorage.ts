/**
 * A draft's text, stored as a Yjs update log plus one compacted state row: appending is cheap and
 * durable, and compaction keeps opening a draft fast however long its history grows. Beside it,
 * who changed which clauses (the draft's history, kept after compaction). Part of {@link Storage}.
 */
export interface DocumentLogStorage {
  /**
   * Everything stored for a draft's text: the compacted state (if any) and the log after it, in
   * order. With `afterSeq`, only what holds rows after that number: the log rows numbered above
   * it, and the state only when it covers rows above it (a compaction merged them since); so an
   * instance that holds every row up to `afterSeq` catches up with what other instances stored.
   */
  loadDocument(draftId: string, afterSeq?: number): Promise<StoredDocument>;
  /**
   * Where another thread of this process can read a draft's stored text itself, and how much it
   * holds now, without reading it (see {@link DocumentLocation}); only a backend in a file of its
   * own has it (the embedded SQLite), null when the text is not in such a file.
   */
  locateDocument?(draftId: string): DocumentLocation | null;
  /**
   * Appends updates to a draft's log, each with its author, in one transaction, and returns the
   * sequence number of the last. Numbers count per draft and keep rising after compaction.
   * Resolves only once the rows are committed. This is on the path of every keystroke: it writes
   * the log and nothing else (the draft's `updatedAt` is written separately, with `updateDraft`),
   * but for `title` and `claims`: when the updates change the draft's title, the new one is
   * written to the draft's record in the same transaction, so the drafts list and the text never
   * disagree; and whose client ids the updates were written under is recorded with them, so an
   * id never holds stored text without its owner being stored too.
   */
  appendUpdates(draftId: string, updates: readonly StoredUpdate[], at: Date, title?: string): Promise<number>;
  /**
   * The same, synchronously, for a backend that can commit without waiting (the embedded SQLite):
   * the last sequence number once committed, or null when it cannot right now (use appendUpdates).
   * Throws if the commit fails.
   */
  appendUpdatesNow?(draftId: string, updates: readonly StoredUpdate[], at: Date, title?: string): number | null;
  /** Records which clauses each author changed (the draft's history, kept after compaction). */
  appendClauseChanges(draftId: string, changes: readonly ClauseChange[], at: Date): Promise<void>;
  /**
   * Who changed which clauses of a draft, newest first: the newest `limit` (all without one), and
   * only those recorded after `since` (an ISO time) when it is given.
   */
  listClauseChanges(draftId: string, options: { limit?: number; since?: string }): Promise<ClauseChangeRecord[]>;
  /**
   * The words each history entry of a draft from `fromId` to `toId` (both included) recorded for
   * the clauses it changed, oldest first; entries that recorded none are left out.
   */
  listClauseTexts(
    draftId: string,
    range: { fromId: number; toId: number },
  ): Promise<{ id: number; texts: Record<string, ClauseTexts> }[]>;
  /**
   * Replaces the state row with `state` and deletes log rows up to and including `upToSeq`,
   * in one transaction. `state` must contain every update up to `upToSeq`. One compaction of a
   * draft runs at a time, whichever instance asks (an advisory lock on PostgreSQL; SQLite runs
   * one transaction at a time): while one runs, another resolves `false` at once, doing nothing.
   * So does one whose `upToSeq` is below the stored state's, which holds more already.
   */
  compactDocument(draftId: string, state: Uint8Array, upToSeq: number): Promise<boolean>;
  /**
   * Whom each recorded Yjs client id of a draft's text belongs to (user ids by client id): the
   * updates' `claims`, recorded as they were appended.
   */
  loadClientOwners(draftId: string): Promise<Map<number, string>>;
}

/** A Yjs client id of a draft's text and the person who first wrote under it. */
export interface ClientClaim {
  clientId: number;
  userId: string;
}

/** A draft's stored text. `lastSeq` is the sequence number of the newest log row (or of the state row's cut-off). */
export interface StoredDocument {
  state: Uint8Array | null;
  updates: Uint8Array[];
  lastSeq: number;
}

/**
 * A draft's stored text as it is in the embedded SQLite file: read there by the worker thread
 * that reads large drafts (`readDocumentFile`), so the 2 MiB of a large one need not be read and
 * held by the thread that serves every draft. The worker reads exactly the rows counted here, and
 * fails should they have changed meanwhile.
 */
export interface DocumentLocation {
  /** The SQLite file. */
  file: string;
  draftId: string;
  /** The bytes of the state and the log after it. */
  bytes: number;
  /** The compacted state's cut-off, or null without a state row. */
  upToSeq: number | null;
  /** How many log rows there are after the state. */
  updates: number;
  /** As {@link StoredDocument.lastSeq}. */
  lastSeq: number;
}

/** One update of a draft's text and who sent it (null for the server itself). */
export interface StoredUpdate {
  data: Uint8Array;
  authorId: string | null;
  /**
   * Yjs client ids to record as someone's with this update, in the same transaction: those its
   * writer wrote under for the first time. An id already recorded keeps its owner.
   */
  claims?: readonly ClientClaim[];
}

/** A clause's plain text (`clauseText`) before and after a change; null where it did not exist. */
export interface ClauseTexts {
  before: string | null;
  after: string | null;
}

/** Which clauses one person changed in one stored batch, with the words of those whose words changed. */
export interface ClauseChange {
  authorId: string | null;
  clauseIds: string[];
  texts?: Record<string, ClauseTexts>;
}

/** A stored {@link ClauseChange}: one entry of a draft's history. */
export interface ClauseChangeRecord extends ClauseChange {
  id: number;
  at: string;
}
