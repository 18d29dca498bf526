import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { type Database, toBytes } from './database';
import type { ClauseTexts, DocumentLogStorage, StoredUpdate } from './DocumentLogStorage';
import { upsert } from './upsert';

/**
 * A backend's way to commit an append without waiting (the embedded SQLite's prepared statements,
 * `SqliteAppender`), tried before the queries below on the path of every keystroke.
 */
export interface SyncAppender {
  /** The last sequence number once committed, or null when it cannot commit right now. Throws if the commit fails. */
  appendNow(draftId: string, updates: readonly StoredUpdate[], at: Date, title?: string): number | null;
  /** The draft's log is being written around the appender: it must read the last sequence number again. */
  forget(draftId: string): void;
}

/**
 * {@link DocumentLogStorage} over Kysely (`db` speaks camelCase, see `withCamelCase`). With an
 * `appender`, appends go through it whenever it can commit, and through these queries otherwise.
 * With `manyWriters` (PostgreSQL, where several connections and servers append to one draft),
 * an append numbers its rows in the statement that inserts them (`appendNumbered`). With `locate`,
 * a draft's text can be read by another thread from the file it is in (`locateDocument`).
 */
export function kyselyDocumentLog(
  db: Kysely<Database>,
  {
    appender,
    manyWriters = false,
    locate,
  }: { appender?: SyncAppender; manyWriters?: boolean; locate?: DocumentLogStorage['locateDocument'] } = {},
): DocumentLogStorage {
  /** One writer at a time (SQLite's transactions are serialised): numbered from the last row, then inserted. */
  async function appendQueued(
    draftId: string,
    updates: readonly StoredUpdate[],
    at: Date,
    title: string | undefined,
  ): Promise<number> {
    const createdAt = at.toISOString();
    return db.transaction().execute(async (tx) => {
      const lastSeq = await lastLogSeq(tx, draftId);
      await recordClaims(tx, draftId, updates);
      if (updates.length > 0)
        await tx
          .insertInto('documentUpdates')
          .values(logRows(draftId, updates, createdAt, (i) => lastSeq + i + 1))
          .execute();
      if (title !== undefined) await retitle(tx, draftId, title);
      return lastSeq + updates.length;
    });
  }

  /**
   * Several writers at once: the rows are numbered by the statement that inserts them, from the
   * last number it sees, in one round trip and without a lock (a lock held over the round trips
   * of a transaction was the queue when several servers typed into one draft). Two appends that
   * read the same last number clash on the log's primary key: the later waits for the earlier's
   * commit, fails, and is tried again, reading the number after it. So rows are committed in
   * number order, without a gap, and each round of a clash lets one writer through. A title and
   * claims are written in the same transaction as the rows.
   */
  async function appendNumbered(
    draftId: string,
    updates: readonly StoredUpdate[],
    at: Date,
    title: string | undefined,
  ): Promise<number> {
    const createdAt = at.toISOString();
    const insert = async (executor: Kysely<Database>): Promise<number> => {
      if (updates.length === 0) return lastLogSeq(executor, draftId);
      const last = lastLogSeqExpression(draftId);
      // In PostgreSQL every subquery of a statement reads the same snapshot, without the statement's own rows.
      const rows = logRows(draftId, updates, createdAt, (i) => sql<number>`${last} + ${i + 1}`);
      const numbered = await executor.insertInto('documentUpdates').values(rows).returning('seq').execute();
      return Math.max(...numbered.map((row) => Number(row.seq)));
    };
    for (let attempt = 1; ; attempt++) {
      try {
        if (title === undefined && !updates.some(hasClaims)) return await insert(db);
        return await db.transaction().execute(async (tx) => {
          await recordClaims(tx, draftId, updates);
          const last = await insert(tx);
          if (title !== undefined) await retitle(tx, draftId, title);
          return last;
        });
      } catch (error) {
        if (!isUniqueViolation(error) || attempt === NUMBERING_ATTEMPTS) throw error;
        // Past a few clashes, many writers are in the same round: spread them out.
        if (attempt >= 3) await new Promise((resolve) => setTimeout(resolve, Math.random() * attempt));
      }
    }
  }

  return {
    async loadDocument(draftId, afterSeq) {
      // One snapshot for both reads: under PostgreSQL's default (read committed) each statement
      // sees what was committed before it began, so a compaction committed between the two would
      // give the state from before it and the log from after it, missing the rows it merged.
      // (SQLite's transactions are serialised, and it takes no isolation level.)
      return db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute(async (tx) => {
          const state = await tx
            .selectFrom('documentStates')
            .select(['data', 'upToSeq'])
            .where('draftId', '=', draftId)
            .executeTakeFirst();
          let rows = tx.selectFrom('documentUpdates').select(['seq', 'data']).where('draftId', '=', draftId);
          if (afterSeq !== undefined) rows = rows.where('seq', '>', afterSeq);
          const updates = await rows.orderBy('seq').execute();
          const lastSeq = Math.max(updates.at(-1)?.seq ?? 0, state?.upToSeq ?? 0, afterSeq ?? 0);
          const withState = state !== undefined && (afterSeq === undefined || state.upToSeq > afterSeq);
          return {
            state: withState ? toBytes(state.data) : null,
            updates: updates.map((r) => toBytes(r.data)),
            lastSeq,
          };
        });
    },

    async appendUpdates(draftId, updates, at, title) {
      if (manyWriters) return appendNumbered(draftId, updates, at, title);
      if (!appender) return appendQueued(draftId, updates, at, title);
      const now = appender.appendNow(draftId, updates, at, title);
      if (now !== null) return now;
      // Numbered by the database on this path; the appender reads the last number again next time.
      appender.forget(draftId);
      try {
        return await appendQueued(draftId, updates, at, title);
      } finally {
        appender.forget(draftId);
      }
    },

    ...(locate && { locateDocument: locate }),

    ...(appender && {
      appendUpdatesNow: (draftId: string, updates: readonly StoredUpdate[], at: Date, title?: string) =>
        appender.appendNow(draftId, updates, at, title),
    }),

    async appendClauseChanges(draftId, changes, at) {
      const rows = changes.filter((change) => change.clauseIds.length > 0);
      if (rows.length === 0) return;
      await db
        .insertInto('documentChanges')
        .values(
          rows.map(({ authorId, clauseIds, texts }) => ({
            draftId,
            authorId,
            at: at.toISOString(),
            clauseIds: JSON.stringify(clauseIds),
            clauseTexts: texts && Object.keys(texts).length > 0 ? JSON.stringify(texts) : null,
          })),
        )
        .execute();
    },

    async listClauseChanges(draftId, { limit, since }) {
      let query = db
        .selectFrom('documentChanges')
        .select(['id', 'at', 'authorId', 'clauseIds'])
        .where('draftId', '=', draftId)
        .orderBy('id', 'desc');
      if (since !== undefined) query = query.where('at', '>', since);
      if (limit !== undefined) query = query.limit(limit);
      const rows = await query.execute();
      return rows.map((row) => ({ ...row, id: Number(row.id), clauseIds: JSON.parse(row.clauseIds) as string[] }));
    },

    async listClauseTexts(draftId, { fromId, toId }) {
      const rows = await db
        .selectFrom('documentChanges')
        .select(['id', 'clauseTexts'])
        .where('draftId', '=', draftId)
        .where('id', '>=', fromId)
        .where('id', '<=', toId)
        .where('clauseTexts', 'is not', null)
        .orderBy('id')
        .execute();
      return rows.map((row) => ({
        id: Number(row.id),
        texts: JSON.parse(row.clauseTexts!) as Record<string, ClauseTexts>,
      }));
    },

    async compactDocument(draftId, state, upToSeq) {
      const compactedAt = new Date().toISOString();
      return db.transaction().execute(async (tx) => {
        if (manyWriters && !(await tryCompactionLock(tx, draftId))) return false;
        const stored = await tx
          .selectFrom('documentStates')
          .select('upToSeq')
          .where('draftId', '=', draftId)
          .executeTakeFirst();
        if (stored !== undefined && stored.upToSeq > upToSeq) return false;
        await upsert(tx, 'documentStates', { draftId, data: state, upToSeq, compactedAt }, ['draftId']);
        await tx.deleteFrom('documentUpdates').where('draftId', '=', draftId).where('seq', '<=', upToSeq).execute();
        return true;
      });
    },

    async loadClientOwners(draftId) {
      const rows = await db
        .selectFrom('documentClients')
        .select(['clientId', 'userId'])
        .where('draftId', '=', draftId)
        .execute();
      return new Map(rows.map((row) => [Number(row.clientId), row.userId]));
    },
  };
}

/**
 * Takes PostgreSQL's transaction-scoped advisory lock on compacting a draft, without waiting:
 * false when another transaction (another instance) holds it. Appends do not take it.
 */
async function tryCompactionLock(tx: Kysely<Database>, draftId: string): Promise<boolean> {
  const key = `accord:compact:${draftId}`;
  const { rows } = await sql<{
    locked: boolean;
  }>`select pg_try_advisory_xact_lock(hashtextextended(${key}, 0)) as locked`.execute(tx);
  return rows[0]!.locked;
}

/**
 * The last sequence number in a draft's log: that of its last row, or the compacted state's
 * cut-off when compaction has emptied the log (so numbers never go back below what the state
 * covers), or 0. Raw SQL, so on the schema's own names.
 */
/**
 * How many times an append clashing with others is tried (see `appendNumbered`). Each round lets
 * one through: more than one server per writer of a draft would be needed to use them all.
 */
const NUMBERING_ATTEMPTS = 100;

/** The log's rows for `updates`, the `i`th numbered `seq(i)`. */
const logRows = <Seq>(draftId: string, updates: readonly StoredUpdate[], createdAt: string, seq: (i: number) => Seq) =>
  updates.map(({ data, authorId }, i) => ({ draftId, seq: seq(i), data, authorId, createdAt }));

const hasClaims = (update: StoredUpdate) => (update.claims?.length ?? 0) > 0;

/** Records the updates' claims on client ids (in the caller's transaction); an id already recorded keeps its owner. */
async function recordClaims(tx: Kysely<Database>, draftId: string, updates: readonly StoredUpdate[]): Promise<void> {
  const claims = updates.flatMap((update) => update.claims ?? []);
  if (claims.length === 0) return;
  await tx
    .insertInto('documentClients')
    .values(claims.map(({ clientId, userId }) => ({ draftId, clientId, userId })))
    .onConflict((conflict) => conflict.columns(['draftId', 'clientId']).doNothing())
    .execute();
}

const retitle = (tx: Kysely<Database>, draftId: string, title: string) =>
  tx.updateTable('drafts').set({ title }).where('id', '=', draftId).execute();

/** The last number of a draft's log: its last row's, or the state's after a compaction merged every row. */
function lastLogSeqExpression(draftId: string) {
  const lastLogged = sql`(select max(seq) from document_updates where draft_id = ${draftId})`;
  const compacted = sql`(select up_to_seq from document_states where draft_id = ${draftId})`;
  return sql<number>`coalesce(${lastLogged}, ${compacted}, 0)`;
}

async function lastLogSeq(tx: Kysely<Database>, draftId: string): Promise<number> {
  const { rows } = await sql<{ last: number }>`select ${lastLogSeqExpression(draftId)} as last`.execute(tx);
  return Number(rows[0]!.last);
}

/** PostgreSQL's unique_violation: another append took the number first. */
const isUniqueViolation = (error: unknown) => (error as { code?: unknown } | null)?.code === '23505';
