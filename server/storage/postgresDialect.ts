import type {
  CompiledQuery,
  DatabaseConnection,
  Driver,
  PostgresDialectConfig,
  QueryCompiler,
  QueryResult,
  TransactionSettings,
} from 'kysely';
import { PostgresDialect, PostgresDriver } from 'kysely';
import { DatabaseError } from 'pg';
import type { StorageHealth } from './StorageHealth';
import { DatabaseUnreachable, isStorageFailure } from './storageFailure';

/** The connection class of Kysely's driver (not exported): what its `acquireConnection` hands out. */
type PooledConnection = Parameters<PostgresDriver['releaseConnection']>[0];

/** What the driver knows of one pooled connection: the driver's own, and whether its open transaction wrote. */
interface Tracked {
  inner: PooledConnection;
  inTransaction: boolean;
  wrote: boolean;
}

/**
 * Kysely's PostgreSQL driver, telling {@link StorageHealth} the outcome of every statement, as
 * `GuardedSqliteDialect` does for the embedded file: a write committed (a statement that wrote
 * outside a transaction, or the commit of one that wrote), or a failure. A failure to reach the
 * server (no connection from the pool, or one that broke mid-statement, which `pg` reports
 * without a code) is thrown as {@link DatabaseUnreachable}, so the API answers 503
 * `storage_unavailable` and the collab server refuses the change, as on a full disk; answers
 * from the server carry their SQLSTATE (`isStorageFailure` knows which mean the storage).
 */
class GuardedPostgresDriver implements Driver {
  private readonly driver: PostgresDriver;
  private readonly tracked = new WeakMap<DatabaseConnection, Tracked>();
  /** The one wrapper of each of the driver's connections (it keeps one per pooled client). */
  private readonly wrappers = new WeakMap<DatabaseConnection, DatabaseConnection>();

  constructor(
    config: PostgresDialectConfig,
    private readonly health: StorageHealth | null,
  ) {
    this.driver = new PostgresDriver(config);
  }

  async init(): Promise<void> {
    await this.driver.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    let inner: PooledConnection;
    try {
      inner = (await this.driver.acquireConnection()) as PooledConnection;
    } catch (error) {
      throw this.failed(isStorageFailure(error) ? error : new DatabaseUnreachable(error));
    }
    let wrapper = this.wrappers.get(inner);
    if (!wrapper) {
      wrapper = this.wrap(inner);
      this.wrappers.set(inner, wrapper);
    }
    return wrapper;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const state = this.state(connection);
    await this.guard(() => this.driver.beginTransaction(state.inner, settings));
    state.inTransaction = true;
    state.wrote = false;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const state = this.state(connection);
    const wrote = state.wrote;
    state.inTransaction = false;
    state.wrote = false;
    await this.guard(() => this.driver.commitTransaction(state.inner));
    if (wrote) this.health?.writeSucceeded();
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const state = this.state(connection);
    state.inTransaction = false;
    state.wrote = false;
    await this.guard(() => this.driver.rollbackTransaction(state.inner));
  }

  async savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await this.guard(() => this.driver.savepoint(this.state(connection).inner, name, compile));
  }

  async rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    await this.guard(() => this.driver.rollbackToSavepoint(this.state(connection).inner, name, compile));
  }

  async releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    await this.guard(() => this.driver.releaseSavepoint(this.state(connection).inner, name, compile));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    await this.driver.releaseConnection(this.state(connection).inner);
  }

  async destroy(): Promise<void> {
    await this.driver.destroy();
  }

  private wrap(inner: PooledConnection): DatabaseConnection {
    const state: Tracked = { inner, inTransaction: false, wrote: false };
    const wrapper: DatabaseConnection = {
      executeQuery: async <R>(query: CompiledQuery): Promise<QueryResult<R>> => {
        const result = await this.guard(() => inner.executeQuery<R>(withoutNul(query)));
        // Readers answer rows only; inserts, updates and deletes how many rows they changed.
        if (result.numAffectedRows !== undefined) {
          if (state.inTransaction) state.wrote = true;
          else this.health?.writeSucceeded();
        }
        return result;
      },
      // Unused: streaming needs a cursor class, which the pool is not given.
      streamQuery: (query, chunkSize = 100) => inner.streamQuery(query, chunkSize),
    };
    this.tracked.set(wrapper, state);
    return wrapper;
  }

  private state(connection: DatabaseConnection): Tracked {
    const state = this.tracked.get(connection);
    if (!state) throw new Error('not a connection of this driver');
    return state;
  }

  private async guard<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw this.failed(brokenConnection(error) ? new DatabaseUnreachable(error) : error);
    }
  }

  private failed(error: unknown): unknown {
    this.health?.writeFailed(error);
    return error;
  }
}

/**
 * Whether a statement failed because the connection did, not because of what it asked: `pg`
 * reports a server's answer as a `DatabaseError` (with its SQLSTATE), a network error with the
 * system's code, and a connection that ended (`Connection terminated unexpectedly`, `Client has
 * encountered a connection error and is not queryable`) as a plain `Error` without a code.
 */
function brokenConnection(error: unknown): boolean {
  return (
    error instanceof Error &&
    error.constructor === Error &&
    !(error instanceof DatabaseError) &&
    typeof (error as { code?: unknown }).code !== 'string'
  );
}

/**
 * The query with U+0000 in its string parameters replaced by U+FFFD: PostgreSQL's text cannot
 * hold the NUL character (SQLite's can), and a stray one in a comment or a title would otherwise
 * fail the whole request, or refuse a change to the text. Nothing Accord writes means a NUL.
 */
function withoutNul(query: CompiledQuery): CompiledQuery {
  if (!query.parameters.some((value) => typeof value === 'string' && value.includes('\u0000'))) return query;
  const parameters = query.parameters.map((value) =>
    typeof value === 'string' ? value.replaceAll('\u0000', '\uFFFD') : value,
  );
  return { ...query, parameters };
}

/** Kysely's PostgreSQL dialect with {@link GuardedPostgresDriver}: what `DATABASE_URL` is opened with. */
export class GuardedPostgresDialect extends PostgresDialect {
  constructor(
    private readonly config: PostgresDialectConfig,
    private readonly health: StorageHealth | null = null,
  ) {
    super(config);
  }

  override createDriver(): Driver {
    return new GuardedPostgresDriver(this.config, this.health);
  }
}
