import type { Kysely, Migration } from 'kysely';

/**
 * The SQLite schema, as numbered migrations applied in order at start-up. A migration is never
 * edited once released; a change is a new migration.
 */
export const sqliteMigrations: Record<string, Migration> = {
  '0001_drafts_and_document_log': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('drafts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('archived_at', 'text')
        .execute();
      await db.schema.createIndex('drafts_updated_at').on('drafts').column('updated_at').execute();
      await db.schema
        .createTable('document_updates')
        .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('draft_id', 'text', (c) => c.notNull().references('drafts.id'))
        .addColumn('data', 'blob', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('document_updates_draft_seq').on('document_updates').columns(['draft_id', 'seq']).execute();
      await db.schema
        .createTable('document_states')
        .addColumn('draft_id', 'text', (c) => c.primaryKey().references('drafts.id'))
        .addColumn('data', 'blob', (c) => c.notNull())
        .addColumn('up_to_seq', 'integer', (c) => c.notNull())
        .addColumn('compacted_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('meta')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
  },
};
