import type { Kysely, Migration, Selectable } from 'kysely';
import { Migrator } from 'kysely';
import type { Database } from './database';
import type { DraftPatch, DraftRecord, NewDraft, Storage, StoredDocument } from './Storage';

/**
 * {@link Storage} on any SQL database Kysely speaks. The dialect-specific parts (connection,
 * pragmas, migrations) are passed in; the queries are written once.
 */
export class KyselyStorage implements Storage {
  constructor(private readonly db: Kysely<Database>) {}

  /** Applies pending migrations; throws with the failing migration's name if one fails. */
  async migrate(migrations: Record<string, Migration>): Promise<void> {
    const migrator = new Migrator({ db: this.db, provider: { getMigrations: async () => migrations } });
    const { error, results } = await migrator.migrateToLatest();
    if (error) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
      throw new Error(`Database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async createDraft(draft: NewDraft, initialState: Uint8Array): Promise<DraftRecord> {
    const at = draft.createdAt.toISOString();
    await this.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('drafts')
        .values({ id: draft.id, title: draft.title, created_at: at, updated_at: at, archived_at: null })
        .execute();
      await tx
        .insertInto('document_states')
        .values({ draft_id: draft.id, data: initialState, up_to_seq: 0, compacted_at: at })
        .execute();
    });
    return { id: draft.id, title: draft.title, createdAt: at, updatedAt: at, archivedAt: null };
  }

  async getDraft(id: string): Promise<DraftRecord | undefined> {
    const row = await this.db.selectFrom('drafts').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toDraft(row);
  }

  async listDrafts(filter: { archived: boolean }): Promise<DraftRecord[]> {
    const rows = await this.db
      .selectFrom('drafts')
      .selectAll()
      .where('archived_at', filter.archived ? 'is not' : 'is', null)
      .orderBy('updated_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map(toDraft);
  }

  async updateDraft(id: string, patch: DraftPatch): Promise<DraftRecord | undefined> {
    const values: Partial<Database['drafts']> = {};
    if (patch.title !== undefined) values.title = patch.title;
    if (patch.archivedAt !== undefined) values.archived_at = patch.archivedAt?.toISOString() ?? null;
    if (Object.keys(values).length > 0) {
      await this.db.updateTable('drafts').set(values).where('id', '=', id).execute();
    }
    return this.getDraft(id);
  }

  async loadDocument(draftId: string): Promise<StoredDocument> {
    return this.db.transaction().execute(async (tx) => {
      const state = await tx
        .selectFrom('document_states')
        .select(['data', 'up_to_seq'])
        .where('draft_id', '=', draftId)
        .executeTakeFirst();
      const rows = await tx
        .selectFrom('document_updates')
        .select(['seq', 'data'])
        .where('draft_id', '=', draftId)
        .orderBy('seq')
        .execute();
      const lastSeq = rows.length > 0 ? rows[rows.length - 1]!.seq : (state?.up_to_seq ?? 0);
      return { state: state ? toBytes(state.data) : null, updates: rows.map((r) => toBytes(r.data)), lastSeq };
    });
  }

  async appendUpdates(draftId: string, updates: readonly Uint8Array[], at: Date, title?: string): Promise<number> {
    const iso = at.toISOString();
    return this.db.transaction().execute(async (tx) => {
      let lastSeq = 0;
      if (updates.length > 0) {
        const inserted = await tx
          .insertInto('document_updates')
          .values(updates.map((data) => ({ draft_id: draftId, data, created_at: iso })))
          .returning('seq')
          .execute();
        lastSeq = Math.max(...inserted.map((r) => Number(r.seq)));
      }
      await tx
        .updateTable('drafts')
        .set(title === undefined ? { updated_at: iso } : { updated_at: iso, title })
        .where('id', '=', draftId)
        .execute();
      return lastSeq;
    });
  }

  async compactDocument(draftId: string, state: Uint8Array, upToSeq: number): Promise<void> {
    const at = new Date().toISOString();
    await this.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('document_states')
        .values({ draft_id: draftId, data: state, up_to_seq: upToSeq, compacted_at: at })
        .onConflict((oc) => oc.column('draft_id').doUpdateSet({ data: state, up_to_seq: upToSeq, compacted_at: at }))
        .execute();
      await tx.deleteFrom('document_updates').where('draft_id', '=', draftId).where('seq', '<=', upToSeq).execute();
    });
  }

  async getMeta(key: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
    return row?.value;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.db
      .insertInto('meta')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}

function toDraft(row: Selectable<Database['drafts']>): DraftRecord {
  return {
    id: row.id,
    title: row.title,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    archivedAt: row.archived_at,
  };
}

/** Drivers hand back Buffers (a Uint8Array subclass); Yjs wants plain bytes, without copying. */
function toBytes(data: Uint8Array): Uint8Array {
  return data instanceof Buffer ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : data;
}
