import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database } from './database';
import { KyselyStorage } from './KyselyStorage';
import { SqliteAppender } from './SqliteAppender';
import { documentLocator } from './sqliteDocumentFile';
import type { StorageHealth } from './StorageHealth';
import type { WalCheckpointer } from './WalCheckpointer';

/**
 * {@link KyselyStorage} on the embedded SQLite file, with appends to the document log committed
 * synchronously by a {@link SqliteAppender} whenever no Kysely transaction is open, and the
 * write-ahead log checkpointed off the hot path.
 */
export class SqliteStorage extends KyselyStorage {
  private readonly appender: SqliteAppender;
  private readonly checkpointer: WalCheckpointer | null;

  constructor(
    db: Kysely<Database>,
    /** The connection itself, for what Kysely does not do (pragmas, fault injection in tests). */
    readonly connection: SQLite.Database,
    checkpointer: WalCheckpointer | null = null,
    health: StorageHealth | null = null,
  ) {
    const appender = new SqliteAppender(connection, checkpointer, health);
    super(db, { appender, locate: documentLocator(connection) });
    this.appender = appender;
    this.checkpointer = checkpointer;
  }

  /** Prepares the hot-path statements; call once the schema is migrated. */
  prepareHotPath(): void {
    this.appender.prepare();
  }

  override async close(): Promise<void> {
    await this.checkpointer?.close();
    await super.close();
  }
}
