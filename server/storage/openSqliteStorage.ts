import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely } from 'kysely';
import type { Logger } from '../logger';
import type { Database } from './database';
import { GuardedSqliteDialect } from './sqliteDialect';
import { SqliteStorage } from './SqliteStorage';
import { migrations } from './migrations';
import type { StorageHealth } from './StorageHealth';
import { WalCheckpointer } from './WalCheckpointer';

/** Name of the SQLite file inside the data directory. */
export const SQLITE_FILE = 'accord.sqlite';

/**
 * Opens (creating if needed) the embedded SQLite database under `dataDir` and migrates it.
 *
 * WAL mode lets readers proceed while one writer commits; `synchronous = NORMAL` makes every
 * commit survive a crash of the process (what a delegate's typing must survive), while `FULL`
 * (SQLITE_SYNCHRONOUS=full) also survives a power cut at the cost of an fsync per batch.
 * The log is copied back into the database file by a {@link WalCheckpointer} on a worker thread,
 * never inside a commit on the path between a keystroke and its relay. Every write's outcome is
 * told to `health` (see {@link GuardedSqliteDialect} and `SqliteAppender`).
 */
export async function openSqliteStorage(
  dataDir: string,
  options: { synchronous?: 'normal' | 'full'; logger?: Pick<Logger, 'error'>; health?: StorageHealth } = {},
): Promise<SqliteStorage> {
  fs.mkdirSync(dataDir, { recursive: true });
  const filePath = path.join(dataDir, SQLITE_FILE);
  const file = new SQLite(filePath);
  file.pragma('journal_mode = WAL');
  file.pragma('wal_autocheckpoint = 0');
  file.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
  file.pragma('foreign_keys = ON');
  file.pragma('busy_timeout = 5000');
  const checkpointer = new WalCheckpointer(filePath, (message) =>
    options.logger?.error({ err: { message } }, 'checkpointing the SQLite log failed'),
  );
  const storage = new SqliteStorage(
    new Kysely<Database>({ dialect: new GuardedSqliteDialect(file, options.health) }),
    file,
    checkpointer,
    options.health,
  );
  await storage.migrate(migrations);
  storage.prepareHotPath();
  return storage;
}
