import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SQLITE_FILE, openSqliteStorage } from './openSqliteStorage';
import { waitFor } from '../testing/waitFor';
import { sqliteMigrations } from './sqliteMigrations';
import { storageContractSuite } from './storageContract';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'accord-sqlite-'));
}

storageContractSuite('SQLite', async () => {
  const dir = tempDir();
  const storage = await openSqliteStorage(dir);
  return {
    storage,
    dispose: async () => {
      await storage.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('the SQLite file', () => {
  it('is created under the data directory in WAL mode with the migrations recorded, and reopens without migrating again', async () => {
    const dir = path.join(tempDir(), 'nested', 'data');
    const storage = await openSqliteStorage(dir);
    await storage.createDraft({ id: 'kept', title: 'Kept', createdAt: new Date() }, Uint8Array.of(0, 0));
    await storage.close();

    const file = new SQLite(path.join(dir, SQLITE_FILE), { readonly: true });
    expect(file.pragma('journal_mode', { simple: true })).toBe('wal');
    const migrations = file.prepare('select name from kysely_migration order by name').all() as { name: string }[];
    expect(migrations.map((m) => m.name)).toEqual(Object.keys(sqliteMigrations).sort());
    expect(migrations[0]?.name).toBe('0001_drafts_and_document_log');
    file.close();

    const reopened = await openSqliteStorage(dir);
    expect((await reopened.getDraft('kept'))?.title).toBe('Kept');
    await reopened.close();
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
