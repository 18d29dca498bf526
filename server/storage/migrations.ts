import type { Kysely, Migration } from 'kysely';
import { sql } from 'kysely';
import { CYBER_PILLARS } from '../../shared/pillars';

/**
 * The schema, as numbered migrations applied in order at start-up by Kysely's `Migrator`, on the
 * embedded SQLite file and on PostgreSQL alike. They are written in SQLite's words (`blob`,
 * `autoincrement`, `without rowid`); `PostgresSchemaPlugin` is the one place that says what those
 * mean on PostgreSQL. A migration is never edited once released; a change is a new migration.
 */
export const migrations: Record<string, Migration> = {
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
      await db.schema
        .createIndex('document_updates_draft_seq')
        .on('document_updates')
        .columns(['draft_id', 'seq'])
        .execute();
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
  '0002_people_roles_audit': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('affiliations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('delegation', 'organisation')`))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('code', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('affiliations_kind_name')
        .on('affiliations')
        .columns(['kind', 'name'])
        .unique()
        .execute();
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('affiliation_id', 'text', (c) => c.notNull().references('affiliations.id'))
        .addColumn('can_create_drafts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('session', 'token')`))
        .addColumn('name', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text')
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
      await db.schema
        .createTable('memberships')
        .addColumn('draft_id', 'text', (c) => c.notNull().references('drafts.id'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('chair', 'delegate', 'observer')`))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('memberships_pk', ['draft_id', 'user_id'])
        .execute();
      await db.schema.createIndex('memberships_user').on('memberships').column('user_id').execute();
      await db.schema
        .createTable('invites')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('draft_id', 'text', (c) => c.notNull().references('drafts.id'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('affiliation_id', 'text', (c) => c.notNull().references('affiliations.id'))
        .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('accepted_at', 'text')
        .addColumn('accepted_by', 'text')
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('draft_id', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('details', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_log_draft').on('audit_log').columns(['draft_id', 'id']).execute();
      await db.schema.alterTable('document_updates').addColumn('author_id', 'text').execute();
      await db.schema
        .createTable('document_changes')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('draft_id', 'text', (c) => c.notNull().references('drafts.id'))
        .addColumn('author_id', 'text')
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('clause_ids', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('document_changes_draft')
        .on('document_changes')
        .columns(['draft_id', 'id'])
        .execute();
    },
  },
  '0003_comments': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('comments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('draft_id', 'text', (c) => c.notNull().references('drafts.id'))
        .addColumn('parent_id', 'text', (c) => c.references('comments.id'))
        .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('author_role', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('anchor', 'text', (c) => c.notNull())
        .addColumn('anchor_state', 'text', (c) => c.notNull().defaultTo('attached'))
        .addColumn('anchor_text', 'text')
        .addColumn('mentions', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('edited_at', 'text')
        .addColumn('resolved_at', 'text')
        .addColumn('resolved_by', 'text')
        .addColumn('hidden_at', 'text')
        .addColumn('hidden_by', 'text')
        .addColumn('hidden_reason', 'text')
        .execute();
      await db.schema.createIndex('comments_draft').on('comments').columns(['draft_id', 'created_at']).execute();
      await db.schema
        .createTable('comment_periods')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('draft_id', 'text', (c) => c.notNull().references('drafts.id'))
        .addColumn('starts_at', 'text', (c) => c.notNull())
        .addColumn('ends_at', 'text', (c) => c.notNull())
        .addColumn('opened_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('closed_at', 'text')
        .addColumn('closed_by', 'text')
        .execute();
      await db.schema.createIndex('comment_periods_draft').on('comment_periods').column('draft_id').execute();
    },
  },
  '0004_versions': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('versions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('draft_id', 'text', (c) => c.notNull().references('drafts.id'))
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('state', 'blob', (c) => c.notNull())
        .addColumn('document', 'text', (c) => c.notNull())
        .addColumn('published_at', 'text')
        .addColumn('published_by', 'text')
        .execute();
      await db.schema.createIndex('versions_draft').on('versions').columns(['draft_id', 'created_at']).execute();
    },
  },
  '0005_periodic_review': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('review_cycles')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('draft_id', 'text', (c) => c.notNull().references('drafts.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('base_version_id', 'text', (c) => c.notNull().references('versions.id'))
        .addColumn('phase', 'text', (c) => c.notNull())
        .addColumn('schedule', 'text', (c) => c.notNull())
        .addColumn('opened_by', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('phase_changed_at', 'text', (c) => c.notNull())
        .addColumn('consolidated_version_id', 'text', (c) => c.references('versions.id'))
        .addColumn('consolidated_by', 'text')
        .addColumn('consolidated_at', 'text')
        .execute();
      await db.schema
        .createIndex('review_cycles_draft')
        .on('review_cycles')
        .columns(['draft_id', 'created_at'])
        .execute();
      await db.schema
        .createTable('amendments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('cycle_id', 'text', (c) => c.notNull().references('review_cycles.id'))
        .addColumn('draft_id', 'text', (c) => c.notNull().references('drafts.id'))
        .addColumn('number', 'integer')
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('modify', 'add', 'delete')`))
        .addColumn('clause_id', 'text', (c) => c.notNull())
        .addColumn('proposed', 'text')
        .addColumn('justification', 'text', (c) => c.notNull())
        .addColumn('pillars', 'text', (c) => c.notNull())
        .addColumn('sponsor_id', 'text', (c) => c.notNull().references('affiliations.id'))
        .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('submitted_at', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('revised', 'text')
        .addColumn('transitions', 'text', (c) => c.notNull().defaultTo('[]'))
        .execute();
      await db.schema.createIndex('amendments_cycle').on('amendments').columns(['cycle_id', 'created_at']).execute();
      await db.schema
        .createIndex('amendments_cycle_number')
        .on('amendments')
        .columns(['cycle_id', 'number'])
        .unique()
        .execute();
      await db.schema
        .createTable('amendment_cosponsors')
        .addColumn('amendment_id', 'text', (c) => c.notNull().references('amendments.id'))
        .addColumn('affiliation_id', 'text', (c) => c.notNull().references('affiliations.id'))
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('requested', 'accepted')`))
        .addColumn('requested_by', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('requested_at', 'text', (c) => c.notNull())
        .addColumn('accepted_at', 'text')
        .addPrimaryKeyConstraint('amendment_cosponsors_pk', ['amendment_id', 'affiliation_id'])
        .execute();
      await db.schema
        .createTable('amendment_statements')
        .addColumn('amendment_id', 'text', (c) => c.notNull().references('amendments.id'))
        .addColumn('affiliation_id', 'text', (c) => c.notNull().references('affiliations.id'))
        .addColumn('stance', 'text', (c) => c.notNull().check(sql`stance in ('support', 'objection')`))
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('by', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('amendment_statements_pk', ['amendment_id', 'affiliation_id'])
        .execute();
      await db.schema
        .createTable('review_resolutions')
        .addColumn('cycle_id', 'text', (c) => c.notNull().references('review_cycles.id'))
        .addColumn('clause_id', 'text', (c) => c.notNull())
        .addColumn('clauses', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('by', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('review_resolutions_pk', ['cycle_id', 'clause_id'])
        .execute();
      await db.schema
        .createTable('review_visits')
        .addColumn('cycle_id', 'text', (c) => c.notNull().references('review_cycles.id'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('seen_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('review_visits_pk', ['cycle_id', 'user_id'])
        .execute();
    },
  },
  '0006_document_log_per_draft': {
    async up(db: Kysely<unknown>) {
      // Every keystroke batch is a commit; this makes it touch one B-tree instead of three (the
      // table, its (draft_id, seq) index and AUTOINCREMENT's counter row): the log is keyed by
      // (draft_id, seq) without a rowid, and sequence numbers count per draft, continuing after
      // compaction from the state row's up_to_seq. Rows keep their numbers, so order is unchanged.
      // Safe to run again if interrupted before it was recorded: the columns are the same.
      // The migrator runs every pending migration in one transaction, on PostgreSQL and on the
      // embedded SQLite (`sqliteDialect.ts`), and a transaction cannot be opened inside another;
      // a plain Kysely SQLite dialect runs them one by one.
      const inTransaction = <T>(work: (tx: Kysely<unknown>) => Promise<T>): Promise<T> =>
        db.isTransaction ? work(db) : db.transaction().execute(work);
      await inTransaction(async (tx) => {
        await tx.schema
          .createTable('document_log')
          .ifNotExists()
          .addColumn('draft_id', 'text', (c) => c.notNull().references('drafts.id'))
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('data', 'blob', (c) => c.notNull())
          .addColumn('author_id', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('document_log_pk', ['draft_id', 'seq'])
          .modifyEnd(sql`without rowid`)
          .execute();
        const columns = sql`draft_id, seq, data, author_id, created_at`;
        await sql`insert into document_log (${columns}) select ${columns} from document_updates`.execute(tx);
        await tx.schema.dropTable('document_updates').execute();
        await tx.schema.alterTable('document_log').renameTo('document_updates').execute();
      });
    },
  },
  '0007_sign_in_throttle_and_token_expiry': {
    async up(db: Kysely<unknown>) {
      // Sign-in attempts are counted in the database, so a restart does not forget them and every
      // request reserves its attempt against the same count.
      await db.schema
        .createTable('login_attempts')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('last_attempt_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('login_attempts_last').on('login_attempts').column('last_attempt_at').execute();
      await db.schema
        .createTable('login_devices')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.alterTable('sessions').addColumn('last_used_at', 'text').execute();
      // Personal access tokens made before they had a lifetime get the default one from now.
      const expiresAt = new Date(Date.now() + 90 * 24 * 3600 * 1000).toISOString();
      await sql`update sessions set expires_at = ${expiresAt} where kind = 'token' and expires_at is null`.execute(db);
    },
  },
  '0009_suggestions': {
    async up(db: Kysely<unknown>) {
      // Facilitator mode: while set (since when), only the chair edits the text; everyone else suggests.
      await db.schema.alterTable('drafts').addColumn('facilitator_since', 'text').execute();
      // Suggestions live in the text as marks; what was decided about them, and who supports or
      // opposes them, is kept here, so the record outlives the marks.
      await db.schema
        .createTable('suggestion_decisions')
        .addColumn('draft_id', 'text', (c) => c.notNull().references('drafts.id'))
        .addColumn('suggestion_id', 'text', (c) => c.notNull())
        .addColumn('clause_id', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('delegation_id', 'text', (c) => c.notNull())
        .addColumn('author_id', 'text', (c) => c.notNull())
        .addColumn('suggested_at', 'text', (c) => c.notNull())
        .addColumn('decision', 'text', (c) => c.notNull())
        .addColumn('decided_by', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('decided_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('suggestion_decisions_pk', ['draft_id', 'suggestion_id'])
        .execute();
      await db.schema
        .createTable('suggestion_stances')
        .addColumn('draft_id', 'text', (c) => c.notNull().references('drafts.id'))
        .addColumn('suggestion_id', 'text', (c) => c.notNull())
        .addColumn('affiliation_id', 'text', (c) => c.notNull())
        .addColumn('stance', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('suggestion_stances_pk', ['draft_id', 'suggestion_id', 'affiliation_id'])
        .execute();
    },
  },
  '0010_brackets_and_alternatives': {
    async up(db: Kysely<unknown>) {
      // Brackets and alternatives are markers in the text; who stands by them, and how they were
      // settled, is kept here.
      await db.schema
        .createTable('bracket_holdings')
        .addColumn('draft_id', 'text', (c) => c.notNull().references('drafts.id'))
        .addColumn('bracket_id', 'text', (c) => c.notNull())
        .addColumn('affiliation_id', 'text', (c) => c.notNull())
        .addColumn('holding', 'integer', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('bracket_holdings_pk', ['draft_id', 'bracket_id', 'affiliation_id'])
        .execute();
      await db.schema
        .createTable('alternative_support')
        .addColumn('draft_id', 'text', (c) => c.notNull().references('drafts.id'))
        .addColumn('alternative_id', 'text', (c) => c.notNull())
        .addColumn('affiliation_id', 'text', (c) => c.notNull())
        .addColumn('option_id', 'text')
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('alternative_support_pk', ['draft_id', 'alternative_id', 'affiliation_id'])
        .execute();
      await db.schema
        .createTable('marker_settlements')
        .addColumn('draft_id', 'text', (c) => c.notNull().references('drafts.id'))
        .addColumn('marker_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('clause_id', 'text')
        .addColumn('details', 'text', (c) => c.notNull())
        .addColumn('selected_option', 'text')
        .addColumn('decided_by', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('decided_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('marker_settlements_pk', ['draft_id', 'marker_id'])
        .execute();
    },
  },
  '0011_consolidation_records': {
    async up(db: Kysely<unknown>) {
      // What consolidating a review cycle did, as it was shown then (JSON ConsolidationRecord).
      await db.schema
        .createTable('consolidation_records')
        .addColumn('cycle_id', 'text', (c) => c.primaryKey().references('review_cycles.id'))
        .addColumn('record', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0012_live_change_decisions': {
    async up(db: Kysely<unknown>) {
      // The chair's keep-or-discard choice on each live change, kept until the cycle is consolidated.
      await db.schema
        .createTable('live_change_decisions')
        .addColumn('cycle_id', 'text', (c) => c.notNull().references('review_cycles.id'))
        .addColumn('change_id', 'text', (c) => c.notNull())
        .addColumn('decision', 'text', (c) => c.notNull().check(sql`decision in ('keep', 'discard')`))
        .addColumn('by', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('live_change_decisions_pk', ['cycle_id', 'change_id'])
        .execute();
    },
  },
  '0013_clause_texts_in_history': {
    async up(db: Kysely<unknown>) {
      // Each history row keeps the words of the clauses it changed, before and after, so the
      // history can show what changed; rows written before have none.
      await db.schema.alterTable('document_changes').addColumn('clause_texts', 'text').execute();
    },
  },
  '0014_draft_pillars': {
    async up(db: Kysely<unknown>) {
      // Each draft's own pillars (JSON Pillar[]); the drafts made before had the cyber pillars.
      await db.schema
        .alterTable('drafts')
        .addColumn('pillars', 'text', (c) => c.notNull().defaultTo('[]'))
        .execute();
      await sql`update drafts set pillars = ${JSON.stringify(CYBER_PILLARS)}`.execute(db);
    },
  },
  '0015_version_pillars': {
    async up(db: Kysely<unknown>) {
      // Each version keeps the draft's pillars (JSON Pillar[]) as they were, so that its tags keep
      // their names after the chair renames or removes a pillar; versions taken before have none.
      await db.schema.alterTable('versions').addColumn('pillars', 'text').execute();
    },
  },
  '0016_document_clients': {
    async up(db: Kysely<unknown>) {
      // Whom each Yjs client id of a draft's text belongs to (the person who first wrote under it),
      // so that it stays theirs after the draft is unloaded or the server restarts. Client ids are
      // unsigned 32-bit numbers, too large for PostgreSQL's `integer`.
      await db.schema
        .createTable('document_clients')
        .addColumn('draft_id', 'text', (c) => c.notNull().references('drafts.id'))
        .addColumn('client_id', 'bigint', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('document_clients_pk', ['draft_id', 'client_id'])
        .execute();
    },
  },
};
