/**
 * A draft's stored text read straight from the embedded SQLite file, by a thread other than the
 * one serving people: the worker that reads large drafts (`readInPiecesWorker`). Reading a 2 MiB
 * state row on the serving thread took it a few milliseconds alone (1 to 7 measured), and 10 to
 * 17 beside twenty people opening the draft at once (SQLite's copy, and a fresh 2 MiB buffer's
 * page faults), while every other draft waited. The serving thread only locates the text: its
 * size and row numbers, which SQLite reads without the blobs' contents (0.1 ms).
 */
import SQLite from 'better-sqlite3';
import { toBytes } from './database';
import type { DocumentLocation, StoredDocument } from './DocumentLogStorage';

const STATE_SIZE = 'select length(data) as bytes, up_to_seq as upToSeq from document_states where draft_id = ?';
const LOG_SIZE = `select count(*) as updates, coalesce(sum(length(data)), 0) as bytes, coalesce(max(seq), 0) as lastSeq
  from document_updates where draft_id = ?`;
interface StateSize {
  bytes: number;
  upToSeq: number;
}
interface LogSize {
  updates: number;
  bytes: number;
  lastSeq: number;
}
const STATE = 'select data, up_to_seq as upToSeq from document_states where draft_id = ?';
const LOG = 'select data from document_updates where draft_id = ? and seq <= ? order by seq';

/**
 * Locates drafts' stored text in the SQLite file `connection` has open (see
 * `DocumentLogStorage.locateDocument`); null for a database in memory. Its statements are prepared
 * at the first call, once the tables exist.
 */
export function documentLocator(connection: SQLite.Database): (draftId: string) => DocumentLocation | null {
  let statements: { state: SQLite.Statement<[string], StateSize>; log: SQLite.Statement<[string], LogSize> } | null =
    null;
  return (draftId) => {
    if (connection.memory) return null;
    statements ??= { state: connection.prepare(STATE_SIZE), log: connection.prepare(LOG_SIZE) };
    const compacted = statements.state.get(draftId);
    const after = statements.log.get(draftId)!;
    return {
      file: connection.name,
      draftId,
      bytes: (compacted?.bytes ?? 0) + after.bytes,
      upToSeq: compacted?.upToSeq ?? null,
      updates: after.updates,
      lastSeq: Math.max(after.lastSeq, compacted?.upToSeq ?? 0),
    };
  };
}

/**
 * Reads the text `location` describes from its file, in one read transaction (the serving thread
 * may commit meanwhile; SQLite's write-ahead log keeps this snapshot whole), up to the row located
 * last. Throws if the rows are no longer those located (a compaction since): the caller reads it
 * again.
 */
export function readDocumentFile(location: DocumentLocation): StoredDocument {
  // Opened for each read (well under a millisecond beside the read's hundreds): a connection kept
  // open would hold on to a file deleted meanwhile, and read it rather than one made in its place.
  const connection = new SQLite(location.file, { readonly: true, fileMustExist: true });
  connection.pragma('busy_timeout = 5000');
  const read = connection.transaction((): StoredDocument => {
    const state = connection.prepare<[string], { data: Buffer; upToSeq: number }>(STATE).get(location.draftId);
    const rows = connection.prepare<[string, number], { data: Buffer }>(LOG).all(location.draftId, location.lastSeq);
    const upToSeq = state?.upToSeq ?? null;
    const updates = rows.map((row) => toBytes(row.data));
    const bytes = updates.reduce((total, update) => total + update.byteLength, state?.data.byteLength ?? 0);
    if (upToSeq !== location.upToSeq || updates.length !== location.updates || bytes !== location.bytes)
      throw new Error(`the stored text of draft ${location.draftId} changed after it was located`);
    return { state: state ? toBytes(state.data) : null, updates, lastSeq: location.lastSeq };
  });
  try {
    return read();
  } finally {
    connection.close();
  }
}
