import type { Kysely, KyselyPlugin, Migration } from 'kysely';
import { Migrator } from 'kysely';
import { type Database, withCamelCase } from './database';
import type { DocumentLogStorage } from './DocumentLogStorage';
import { kyselyAudit } from './kyselyAudit';
import { kyselyComments } from './kyselyComments';
import { type SyncAppender, kyselyDocumentLog } from './kyselyDocumentLog';
import { kyselyDrafts } from './kyselyDrafts';
import { kyselyMeta } from './kyselyMeta';
import { kyselyNegotiation } from './kyselyNegotiation';
import { kyselyPeople } from './kyselyPeople';
import { kyselyReview } from './kyselyReview';
import { kyselySignIn } from './kyselySignIn';
import { kyselyVersions } from './kyselyVersions';
import type { Storage } from './Storage';

/** Every method of {@link Storage} but `close`: what the areas provide. */
type Areas = Omit<Storage, 'close'>;

/**
 * A base class whose instances carry the methods handed to its constructor, typed as theirs: how
 * {@link KyselyStorage} offers every area's methods as its own without a line of delegation each.
 * (A class cannot declare members it copies in; the one cast says what the constructor does.)
 */
// oxlint-disable-next-line typescript/no-extraneous-class -- its one job is what its constructor does
const WithAreas = class {
  constructor(areas: Areas) {
    Object.assign(this, areas);
  }
} as new (areas: Areas) => Areas;

/** What differs between the databases below the queries. */
export interface KyselyStorageOptions {
  /** Commits appends to the document log without waiting, where the backend can (the embedded SQLite). */
  appender?: SyncAppender;
  /** Where another thread can read a draft's text itself (the embedded SQLite's file, see `sqliteDocumentFile`). */
  locate?: DocumentLogStorage['locateDocument'];
  /**
   * Other connections may write at the same time (PostgreSQL's pool, or several servers on one
   * database): a number counted from the rows before it is never taken twice. A draft's next
   * amendment number is taken under a lock on the draft's row (`select … for update`); its log's
   * rows are numbered by the statement inserting them, tried again when another took the number
   * (`kyselyDocumentLog`), and only one server compacts a draft at a time. The embedded SQLite
   * has one writer at a time and needs none of this.
   */
  lockRows?: boolean;
}

/**
 * {@link Storage} on any SQL database Kysely speaks: one module per area (`kyselyDrafts`,
 * `kyselyDocumentLog`, `kyselyPeople`, `kyselyComments`, `kyselyVersions`, `kyselyReview`,
 * `kyselyAudit`, `kyselyMeta`, `kyselySignIn`, `kyselyNegotiation`), each over the same connection,
 * assembled here. The dialect-specific parts (connection, pragmas, how migrations read on the
 * database, a synchronous appender, row locks) are passed in; the queries are written once.
 */
export class KyselyStorage extends WithAreas implements Storage {
  constructor(
    private readonly db: Kysely<Database>,
    { appender, lockRows = false, locate }: KyselyStorageOptions = {},
  ) {
    const named = withCamelCase(db);
    super({
      ...kyselyDrafts(named),
      ...kyselyDocumentLog(named, { appender, manyWriters: lockRows, locate }),
      ...kyselyPeople(named),
      ...kyselyComments(named),
      ...kyselyVersions(named),
      ...kyselyReview(named, { lockRows }),
      ...kyselyAudit(named),
      ...kyselyMeta(named),
      ...kyselySignIn(named),
      ...kyselyNegotiation(named),
    });
  }

  /**
   * Applies pending migrations; throws with the failing migration's name if one fails. `dialect`
   * translates the migrations' SQLite words for another database (`PostgresSchemaPlugin`).
   */
  async migrate(migrations: Record<string, Migration>, dialect?: KyselyPlugin): Promise<void> {
    const db = dialect ? this.db.withPlugin(dialect) : this.db;
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    const { error, results } = await migrator.migrateToLatest();
    if (error) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
      throw new Error(`Database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
