import type SQLite from 'better-sqlite3';
import type { CompiledQuery, DatabaseConnection, DialectAdapter, QueryResult } from 'kysely';
import { SqliteAdapter, SqliteDialect, SqliteDriver } from 'kysely';
import type { StorageHealth } from './StorageHealth';

/**
 * Kysely's SQLite driver with two changes for a database that cannot be written:
 *
 * - A rollback only runs while a transaction is open. When a write fails with SQLITE_FULL,
 *   SQLITE_IOERR, SQLITE_BUSY or SQLITE_NOMEM, SQLite may already have rolled the whole
 *   transaction back; Kysely's own ROLLBACK then fails with "cannot rollback - no transaction is
 *   active", and that error, not the failure that caused it, reached the caller.
 * - Every statement's outcome is told to {@link StorageHealth}: a storage failure, and a write
 *   that was committed (a statement that writes, outside a transaction or ending one).
 */
class GuardedSqliteDriver extends SqliteDriver {
  private reporting: DatabaseConnection | null = null;

  constructor(
    private readonly file: SQLite.Database,
    private readonly health: StorageHealth | null,
  ) {
    super({ database: file });
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await super.acquireConnection();
    this.reporting ??= this.reportingConnection(connection);
    return this.reporting;
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.file.inTransaction) await super.rollbackTransaction(connection);
  }

  private reportingConnection(inner: DatabaseConnection): DatabaseConnection {
    const { file, health } = this;
    /** Whether the open transaction has written (a transaction that only read proves nothing when it commits). */
    let wrote = false;
    const report = (sql: string): void => {
      if (sql === 'begin' || sql === 'rollback') wrote = false;
      else if (sql === 'commit') {
        if (wrote) health?.writeSucceeded();
        wrote = false;
      } else if (file.inTransaction) wrote = true;
      else health?.writeSucceeded();
    };
    return {
      async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
        try {
          const result = await inner.executeQuery<R>(query);
          // Readers answer rows only; a statement that ran (a write, or begin, commit, rollback) how many rows it changed.
          if (result.numAffectedRows !== undefined) report(query.sql);
          return result;
        } catch (error) {
          health?.writeFailed(error);
          throw error;
        }
      },
      streamQuery: (query, chunkSize) => inner.streamQuery(query, chunkSize),
    };
  }
}

/**
 * SQLite's schema changes are transactional, though Kysely's adapter does not say so: saying it
 * makes Kysely's migrator run every pending migration in one transaction, so an upgrade that
 * fails half way (a migration that throws, a full disk, the process killed) leaves the database
 * as the last release left it, and starting that release again works.
 */
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/**
 * Kysely's SQLite dialect with {@link GuardedSqliteDriver} and migrations in one transaction
 * ({@link TransactionalSqliteAdapter}): what the embedded database is opened with.
 */
export class GuardedSqliteDialect extends SqliteDialect {
  constructor(
    private readonly file: SQLite.Database,
    private readonly health: StorageHealth | null = null,
  ) {
    super({ database: file });
  }

  override createDriver(): SqliteDriver {
    return new GuardedSqliteDriver(this.file, this.health);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalSqliteAdapter();
  }
}
