import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database } from './database';
import { KyselyStorage } from './KyselyStorage';
import type { StoredUpdate } from './Storage';
import type { WalCheckpointer } from './WalCheckpointer';

/**
 * {@link KyselyStorage} on the embedded SQLite file, with the one hot path (appending a batch of
 * document updates, on every keystroke batch) as prepared statements in one synchronous
 * transaction: no query building, no statement preparation, no event-loop turns between
 * receiving a change and relaying it.
 */
export class SqliteStorage extends KyselyStorage {
  private append: ((draftId: string, updates: readonly StoredUpdate[], iso: string, title: string | undefined) => number) | null = null;

  constructor(
    db: Kysely<Database>,
    private readonly file: SQLite.Database,
    private readonly checkpointer: WalCheckpointer | null = null,
  ) {
    super(db);
  }

  /** Prepares the hot-path statements; call once the schema is migrated. */
  prepareHotPath(): void {
    const insert = this.file.prepare('insert into document_updates (draft_id, data, author_id, created_at) values (?, ?, ?, ?)');
    const touch = this.file.prepare('update drafts set updated_at = ? where id = ?');
    const touchTitled = this.file.prepare('update drafts set updated_at = ?, title = ? where id = ?');
    this.append = this.file.transaction((draftId: string, updates: readonly StoredUpdate[], iso: string, title: string | undefined) => {
      let lastSeq = 0;
      for (const update of updates) lastSeq = Number(insert.run(draftId, update.data, update.authorId, iso).lastInsertRowid);
      if (title === undefined) touch.run(iso, draftId);
      else touchTitled.run(iso, title, draftId);
      return lastSeq;
    });
  }

  override async appendUpdates(draftId: string, updates: readonly StoredUpdate[], at: Date, title?: string): Promise<number> {
    // A Kysely transaction may be open between two of its awaits; then queue behind it as usual.
    if (!this.append || this.file.inTransaction) return super.appendUpdates(draftId, updates, at, title);
    const lastSeq = this.append(draftId, updates, at.toISOString(), title);
    this.checkpointer?.committed();
    return lastSeq;
  }

  override async close(): Promise<void> {
    await this.checkpointer?.close();
    await super.close();
  }
}
