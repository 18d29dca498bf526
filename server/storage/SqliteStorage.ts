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
  private append: ((draftId: string, updates: readonly StoredUpdate[], iso: string) => number) | null = null;

  constructor(
    db: Kysely<Database>,
    private readonly file: SQLite.Database,
    private readonly checkpointer: WalCheckpointer | null = null,
  ) {
    super(db);
  }

  /** Prepares the hot-path statements; call once the schema is migrated. */
  prepareHotPath(): void {
    // The same statement as KyselyStorage's (nextLogSeq), prepared once.
    const insert = this.file.prepare<{ draft: string; data: Uint8Array; author: string | null; at: string }, { seq: number }>(
      `insert into document_updates (draft_id, seq, data, author_id, created_at)
       values (@draft, coalesce((select max(seq) from document_updates where draft_id = @draft), (select up_to_seq from document_states where draft_id = @draft), 0) + 1, @data, @author, @at)
       returning seq`,
    );
    this.append = this.file.transaction((draftId: string, updates: readonly StoredUpdate[], iso: string) => {
      let lastSeq = 0;
      for (const update of updates) lastSeq = insert.get({ draft: draftId, data: update.data, author: update.authorId, at: iso })!.seq;
      return lastSeq;
    });
  }

  override async appendUpdates(draftId: string, updates: readonly StoredUpdate[], at: Date): Promise<number> {
    return this.appendUpdatesNow(draftId, updates, at) ?? super.appendUpdates(draftId, updates, at);
  }

  appendUpdatesNow(draftId: string, updates: readonly StoredUpdate[], at: Date): number | null {
    // A Kysely transaction may be open between two of its awaits; then queue behind it as usual.
    if (!this.append || this.file.inTransaction) return null;
    const lastSeq = this.append(draftId, updates, at.toISOString());
    this.checkpointer?.committed();
    return lastSeq;
  }

  override async close(): Promise<void> {
    await this.checkpointer?.close();
    await super.close();
  }
}
