import { CYBER_PILLARS } from '../../shared/pillars';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Database } from './database';
import { SQLITE_FILE, openSqliteStorage } from './openSqliteStorage';
import { SqliteStorage } from './SqliteStorage';
import { waitFor } from '../testing/waitFor';
import { migrations } from './migrations';
import { storageContractSuite } from './contract/storageContractSuite';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'accord-sqlite-'));
}

storageContractSuite(
  'SQLite',
  async () => {
    const dir = tempDir();
    const storage = await openSqliteStorage(dir);
    return {
      storage,
      dispose: async () => {
        await storage.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  { appendsNow: true },
);

// The same file through Kysely's queries alone: what the hot path falls back to while a Kysely
// transaction is open, and what the PostgreSQL backend runs.
storageContractSuite(
  'SQLite through Kysely only',
  async () => {
    const dir = tempDir();
    const file = new SQLite(path.join(dir, SQLITE_FILE));
    file.pragma('journal_mode = WAL');
    file.pragma('foreign_keys = ON');
    const storage = new SqliteStorage(new Kysely<Database>({ dialect: new SqliteDialect({ database: file }) }), file);
    await storage.migrate(migrations);
    return {
      storage,
      dispose: async () => {
        await storage.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  { appendsNow: true },
);

describe('the SQLite file', () => {
  it('keeps a log written before 0006 (one global sequence) in order, and numbers new rows after it per draft', async () => {
    const dir = tempDir();
    const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0006'));
    const file = new SQLite(path.join(dir, SQLITE_FILE));
    const old = new SqliteStorage(new Kysely<Database>({ dialect: new SqliteDialect({ database: file }) }), file);
    await old.migrate(before);
    // Drafts as that schema held them (createDraft writes today's columns).
    for (const id of ['a', 'b']) {
      file
        .prepare("insert into drafts (id, title, created_at, updated_at) values (?, ?, '2026-01-01', '2026-01-01')")
        .run(id, id.toUpperCase());
      file
        .prepare("insert into document_states (draft_id, data, up_to_seq, compacted_at) values (?, ?, 0, '2026-01-01')")
        .run(id, Uint8Array.of(0, 0));
    }
    const insert = file.prepare(
      "insert into document_updates (draft_id, data, author_id, created_at) values (?, ?, null, '2026-01-01T00:00:00.000Z')",
    );
    for (const [draft, byte] of [
      ['a', 1],
      ['b', 2],
      ['a', 3],
      ['b', 4],
      ['a', 5],
    ] as const)
      insert.run(draft, Uint8Array.of(byte));
    await old.close();

    const storage = await openSqliteStorage(dir);
    expect(await storage.loadDocument('a')).toEqual({
      state: Uint8Array.of(0, 0),
      updates: [Uint8Array.of(1), Uint8Array.of(3), Uint8Array.of(5)],
      lastSeq: 5,
    });
    expect(await storage.loadDocument('b')).toEqual({
      state: Uint8Array.of(0, 0),
      updates: [Uint8Array.of(2), Uint8Array.of(4)],
      lastSeq: 4,
    });
    expect(await storage.appendUpdates('a', [{ data: Uint8Array.of(6), authorId: null }], new Date())).toBe(6);
    expect(await storage.appendUpdates('b', [{ data: Uint8Array.of(7), authorId: null }], new Date())).toBe(5);
    expect((await storage.loadDocument('b')).updates).toEqual([Uint8Array.of(2), Uint8Array.of(4), Uint8Array.of(7)]);
    await storage.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('gives the drafts made before drafts had their own pillars the cyber pillars they had', async () => {
    const dir = tempDir();
    const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0014'));
    const file = new SQLite(path.join(dir, SQLITE_FILE));
    const old = new SqliteStorage(new Kysely<Database>({ dialect: new SqliteDialect({ database: file }) }), file);
    await old.migrate(before);
    file
      .prepare(
        "insert into drafts (id, title, created_at, updated_at) values ('old', 'Old', '2026-01-01', '2026-01-01')",
      )
      .run();
    await old.close();

    const storage = await openSqliteStorage(dir);
    expect((await storage.getDraft('old'))?.pillars).toEqual(CYBER_PILLARS);
    await storage.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('runs an upgrade’s migrations in one transaction: one that fails leaves the database as it was', async () => {
    const dir = tempDir();
    const storage = await openSqliteStorage(dir);
    await storage.createDraft({ id: 'kept', title: 'Kept', createdAt: new Date() }, Uint8Array.of(0, 0));
    const upgrade = {
      ...migrations,
      '9998_first_of_the_upgrade': {
        up: async (db: Kysely<unknown>) => {
          await db.schema.createTable('added_first').addColumn('id', 'text').execute();
          await sql`update drafts set title = 'Changed'`.execute(db);
        },
      },
      '9999_fails_half_way': {
        up: async (db: Kysely<unknown>) => {
          await db.schema.createTable('added_then').addColumn('id', 'text').execute();
          throw new Error('the disk is full');
        },
      },
    };
    await expect(storage.migrate(upgrade)).rejects.toThrow(/migration 9999_fails_half_way failed: the disk is full/);
    expect((await storage.getDraft('kept'))?.title).toBe('Kept');
    await storage.close();

    const file = new SQLite(path.join(dir, SQLITE_FILE), { readonly: true });
    const tables = file.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[];
    expect(tables.map((table) => table.name)).not.toContain('added_first');
    expect(tables.map((table) => table.name)).not.toContain('added_then');
    const recorded = file.prepare('select name from kysely_migration order by name').all() as { name: string }[];
    expect(recorded.map((m) => m.name)).toEqual(Object.keys(migrations).sort());
    file.close();
    // The release before the upgrade opens it as it left it.
    const reopened = await openSqliteStorage(dir);
    expect((await reopened.getDraft('kept'))?.title).toBe('Kept');
    await reopened.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is created under the data directory in WAL mode with the migrations recorded, and reopens without migrating again', async () => {
    const dir = path.join(tempDir(), 'nested', 'data');
    const storage = await openSqliteStorage(dir);
    await storage.createDraft({ id: 'kept', title: 'Kept', createdAt: new Date() }, Uint8Array.of(0, 0));
    await storage.close();

    const file = new SQLite(path.join(dir, SQLITE_FILE), { readonly: true });
    expect(file.pragma('journal_mode', { simple: true })).toBe('wal');
    const recorded = file.prepare('select name from kysely_migration order by name').all() as { name: string }[];
    expect(recorded.map((m) => m.name)).toEqual(Object.keys(migrations).sort());
    expect(recorded[0]?.name).toBe('0001_drafts_and_document_log');
    file.close();

    const reopened = await openSqliteStorage(dir);
    expect((await reopened.getDraft('kept'))?.title).toBe('Kept');
    await reopened.close();
  });

  it('numbers appends on the fast path and on the queued one (behind an open Kysely transaction) as one sequence', async () => {
    const dir = tempDir();
    const storage = await openSqliteStorage(dir);
    const up = (byte: number) => ({ data: Uint8Array.of(byte), authorId: null });
    await storage.createDraft({ id: 'd', title: 'D', createdAt: new Date() }, Uint8Array.of(0, 0));
    expect(await storage.appendUpdates('d', [up(1), up(2)], new Date())).toBe(2);

    const db = (storage as unknown as { db: Kysely<Database> }).db;
    let queued: Promise<number> | null = null;
    await db.transaction().execute(async (tx) => {
      await tx.selectFrom('drafts').select('id').execute();
      // A transaction is open on the one connection: this append waits for it, through Kysely.
      queued = storage.appendUpdates('d', [up(3)], new Date());
      await new Promise((resolve) => setTimeout(resolve, 20));
    });
    expect(await queued!).toBe(3);
    expect(await storage.appendUpdates('d', [up(4)], new Date())).toBe(4);
    expect((await storage.loadDocument('d')).updates).toEqual([1, 2, 3, 4].map((byte) => Uint8Array.of(byte)));
    await storage.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('copies the write-ahead log into the database file on its worker, not inside commits', async () => {
    const dir = tempDir();
    const storage = await openSqliteStorage(dir);
    await storage.createDraft({ id: 'd', title: 'D', createdAt: new Date() }, Uint8Array.of(0, 0));
    const databaseFile = path.join(dir, SQLITE_FILE);
    const before = fs.statSync(databaseFile).size;
    const update = new Uint8Array(2048).fill(7);
    for (let i = 0; i < 250; i++) await storage.appendUpdates('d', [{ data: update, authorId: null }], new Date());
    // 250 commits of 2 KiB: the worker's checkpoint (every 200 commits) moves them into the file.
    await waitFor(() => expect(fs.statSync(databaseFile).size).toBeGreaterThan(before + 200 * 2048));
    expect((await storage.loadDocument('d')).updates).toHaveLength(250);
    await storage.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
