import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from './database';
import { SQLITE_FILE, openSqliteStorage } from './openSqliteStorage';
import { GuardedSqliteDialect } from './sqliteDialect';
import { migrations } from './migrations';
import { SqliteStorage } from './SqliteStorage';
import { StorageHealth, roomProbe } from './StorageHealth';
import { DatabaseUnreachable, isStorageFailure } from './storageFailure';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function open(): Promise<{ storage: SqliteStorage; health: StorageHealth }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-full-'));
  const health = new StorageHealth();
  const storage = await openSqliteStorage(dir, { health });
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  cleanups.push(() => storage.close());
  return { storage, health };
}

/** Caps the database at the pages it has: SQLite then answers SQLITE_FULL to a write that needs more, as on a full disk. */
function fillUp(storage: SqliteStorage): () => void {
  const pages = storage.connection.pragma('page_count', { simple: true }) as number;
  storage.connection.pragma(`max_page_count = ${pages}`);
  return () => storage.connection.pragma('max_page_count = 1073741823');
}

const up = (n: number) => ({ data: Uint8Array.of(n), authorId: null });

describe('storage on a full disk', () => {
  it('answers the SQLITE_FULL a transaction met (SQLite already rolled it back), stores none of it, and works again once there is room', async () => {
    const { storage, health } = await open();
    const makeRoom = fillUp(storage);
    const large = new Uint8Array(256 * 1024).fill(7);
    const failure = await storage
      .createDraft({ id: 'big', title: 'Big', createdAt: new Date() }, large)
      .catch((error: unknown) => error);
    // Not Kysely's own "cannot rollback - no transaction is active", which hid the cause.
    expect(failure).toMatchObject({ code: 'SQLITE_FULL' });
    expect(storage.connection.inTransaction).toBe(false);
    expect(await storage.getDraft('big')).toBeUndefined();
    expect(health.failing).toMatchObject({ code: 'SQLITE_FULL' });
    // Reading (in a transaction of its own, too) says nothing about whether writing works.
    await storage.loadDocument('big');
    await storage.getDraft('big');
    expect(health.failing).toMatchObject({ code: 'SQLITE_FULL' });

    makeRoom();
    await storage.createDraft({ id: 'big', title: 'Big', createdAt: new Date() }, large);
    expect(await storage.getDraft('big')).toMatchObject({ title: 'Big' });
    expect(health.failing).toBeNull();
  });

  it('keeps saying the storage fails while only small writes fit, and stops once there is room for a large request', async () => {
    const { storage, health } = await open();
    health.useProbe(roomProbe(storage));
    await storage.setMeta('small', 'a');
    const makeRoom = fillUp(storage);
    const large = new Uint8Array(256 * 1024).fill(7);
    await expect(storage.createDraft({ id: 'big', title: 'Big', createdAt: new Date() }, large)).rejects.toMatchObject({
      code: 'SQLITE_FULL',
    });
    // A tiny write fits in a page the database already has: it succeeds, but the disk is still full.
    await storage.setMeta('small', 'b');
    await health.check();
    expect(health.failing).toMatchObject({ code: 'SQLITE_FULL' });

    makeRoom();
    await storage.setMeta('small', 'c');
    await health.check();
    expect(health.failing).toBeNull();
    await storage.createDraft({ id: 'big', title: 'Big', createdAt: new Date() }, large);
  });

  it('stores a retitling append whole or not at all, on the fast path and through Kysely', async () => {
    const { storage: fast, health } = await open();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-full-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const file = new SQLite(path.join(dir, SQLITE_FILE));
    // Not prepared: every append goes through Kysely's queries.
    const queued = new SqliteStorage(new Kysely<Database>({ dialect: new GuardedSqliteDialect(file) }), file);
    await queued.migrate(migrations);
    cleanups.push(() => queued.close());
    for (const storage of [fast, queued]) {
      await storage.createDraft({ id: 'd', title: 'Old', createdAt: new Date() }, Uint8Array.of(0, 0));
      expect(await storage.appendUpdates('d', [up(1)], new Date())).toBe(1);
      // Only writing the title fails: then the log row is not stored either.
      storage.connection.exec(
        "create temp trigger refuse_title before update of title on drafts begin select raise(abort, 'no title'); end",
      );
      await expect(storage.appendUpdates('d', [up(2)], new Date(), 'New')).rejects.toThrow('no title');
      expect(storage.connection.inTransaction).toBe(false);
      expect((await storage.loadDocument('d')).updates).toHaveLength(1);
      expect(await storage.getDraft('d')).toMatchObject({ title: 'Old' });

      storage.connection.exec('drop trigger temp.refuse_title');
      expect(await storage.appendUpdates('d', [up(2)], new Date(), 'New')).toBe(2);
      expect(await storage.getDraft('d')).toMatchObject({ title: 'New' });
    }
    // Not a storage failure: the health did not change.
    expect(health.failing).toBeNull();
  });
});

describe('isStorageFailure', () => {
  const sqlite = (code: string) => new SQLite.SqliteError('failed', code);

  it('knows the disk failing from a request or a defect, however the error was wrapped', () => {
    for (const code of ['SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_IOERR_WRITE', 'SQLITE_READONLY', 'SQLITE_BUSY']) {
      expect(isStorageFailure(sqlite(code))).toBe(true);
    }
    expect(isStorageFailure(sqlite('SQLITE_CANTOPEN'))).toBe(true);
    expect(isStorageFailure(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }))).toBe(true);
    expect(isStorageFailure(new Error('wrapped', { cause: sqlite('SQLITE_FULL') }))).toBe(true);
    for (const code of ['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_ERROR', 'SQLITE_FULLY', 'ENOENT']) {
      expect(isStorageFailure(sqlite(code))).toBe(false);
    }
    expect(isStorageFailure(new Error('cannot rollback - no transaction is active'))).toBe(false);
    expect(isStorageFailure('SQLITE_FULL')).toBe(false);
  });

  it('knows PostgreSQL failing (its SQLSTATE, the network, a connection lost) from a refused statement', () => {
    const postgres = (code: string) => Object.assign(new Error('failed'), { code });
    // Disk full, too many connections, shutting down, I/O error, connection lost, read-only standby.
    for (const code of ['53100', '53300', '57P01', '58030', '08006', '25006', 'ECONNREFUSED', 'ETIMEDOUT']) {
      expect(isStorageFailure(postgres(code))).toBe(true);
    }
    expect(isStorageFailure(new DatabaseUnreachable(new Error('Connection terminated unexpectedly')))).toBe(true);
    // A unique or foreign key violation, a syntax error, a cancelled statement, bad input: the request, not the storage.
    for (const code of ['23505', '23503', '42601', '57014', '22021', '40001']) {
      expect(isStorageFailure(postgres(code))).toBe(false);
    }
  });
});
