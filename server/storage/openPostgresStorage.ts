import { Kysely, sql } from 'kysely';
import { Pool } from 'pg';
import type { Logger } from '../logger';
import type { Database } from './database';
import { KyselyStorage } from './KyselyStorage';
import { migrations } from './migrations';
import { GuardedPostgresDialect } from './postgresDialect';
import { PostgresSchemaPlugin } from './PostgresSchemaPlugin';
import type { StorageHealth } from './StorageHealth';

/** How long taking a connection may wait (the server unreachable, or every pooled connection busy) before it fails. */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * Opens the PostgreSQL database at `url` (`postgres://user:password@host:port/database`) over a
 * `pg` pool and migrates it with the same migrations as the embedded file (read for PostgreSQL by
 * `PostgresSchemaPlugin`; several servers starting at once take turns, under Kysely's lock).
 *
 * Every write is its own committed transaction or part of one, so what `appendUpdates` resolves
 * is committed: a change is stored before it is relayed, as on SQLite, only awaited. Rows that
 * are numbered from the rows before them are numbered under a lock on the draft's row
 * (`lockRows`), since several connections (and servers) write at once; the log's rows are
 * numbered in their insert, relying on its primary key (`kyselyDocumentLog`). Every statement's outcome
 * is told to `health` (see {@link GuardedPostgresDialect}). Throws with a readable sentence if
 * the database cannot be reached.
 */
export async function openPostgresStorage(
  url: string,
  options: { logger?: Pick<Logger, 'warn'>; health?: StorageHealth } = {},
): Promise<KyselyStorage> {
  const pool = new Pool({
    connectionString: url,
    application_name: 'accord',
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    keepAlive: true,
  });
  // A pooled connection that breaks while idle (the database restarted) is dropped and replaced on
  // the next query; without a listener the pool's 'error' event would end the process.
  pool.on('error', (error) =>
    options.logger?.warn({ err: error }, 'an idle database connection failed; a new one is opened when needed'),
  );
  const db = new Kysely<Database>({ dialect: new GuardedPostgresDialect({ pool }, options.health) });
  const storage = new KyselyStorage(db, { lockRows: true });
  try {
    await sql`select 1`.execute(db).catch((error: unknown) => {
      throw new Error(
        `Cannot reach the PostgreSQL database ${describePostgresUrl(url)}: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    });
    await storage.migrate(migrations, new PostgresSchemaPlugin());
  } catch (error) {
    await storage.close();
    throw error;
  }
  return storage;
}

/** `host:port/database` of a PostgreSQL URL, for logs and messages: never the user's password. */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}${parsed.pathname || '/'}`;
  } catch {
    return '(an unreadable URL)';
  }
}
