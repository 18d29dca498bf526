import SQLite from 'better-sqlite3';
import type { Storage } from '../storage/Storage';
import { SqliteStorage } from '../storage/SqliteStorage';

/** How {@link failStorageWrites} is undone. */
export interface StorageFault {
  /** Writes succeed again (the operator made room). */
  restore(): void;
}

const FAIL_FUNCTION = 'accord_test_fail_write';

/**
 * Makes every write to a running server's SQLite database fail as on a full disk, inside SQLite
 * itself: a temporary trigger before each insert, update and delete on every table calls a
 * function that throws a `SqliteError` with `code` (SQLITE_FULL by default). The statement
 * fails, its transaction is left to our code to roll back, and nothing of it is stored; reads
 * work, as they do on a full disk. Temporary triggers live on this connection only, and are gone
 * with {@link StorageFault.restore}. `tables` limits the failure to those tables (the disk filling
 * up half-way through a request that writes several).
 */
export function failStorageWrites(
  storage: Storage,
  options: { code?: string; tables?: readonly string[] } = {},
): StorageFault {
  const code = options.code ?? 'SQLITE_FULL';
  if (!(storage instanceof SqliteStorage)) throw new Error('failStorageWrites needs the embedded SQLite storage');
  const file = storage.connection;
  file.function(FAIL_FUNCTION, { deterministic: false }, () => {
    throw new SQLite.SqliteError('database or disk is full', code);
  });
  const tables = file
    .prepare<[], string>("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
    .pluck()
    .all()
    .filter((table) => !options.tables || options.tables.includes(table));
  const triggers: string[] = [];
  for (const table of tables) {
    for (const operation of ['insert', 'update', 'delete']) {
      const trigger = `accord_test_fail_${operation}_${table}`;
      file.exec(
        `create temp trigger "${trigger}" before ${operation} on main."${table}" begin select ${FAIL_FUNCTION}(); end`,
      );
      triggers.push(trigger);
    }
  }
  return {
    restore() {
      for (const trigger of triggers) file.exec(`drop trigger temp."${trigger}"`);
    },
  };
}
