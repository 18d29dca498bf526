import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, expect, it } from 'vitest';
import { openSqliteStorage } from '../storage/openSqliteStorage';
import { failStorageWrites } from '../testing/storageFaults';
import { DraftRecords } from './DraftRecords';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A fresh SQLite storage holding draft 'd', removed after the test. */
async function storageWithDraft() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-records-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const storage = await openSqliteStorage(dir);
  cleanups.push(() => storage.close());
  await storage.createDraft({ id: 'd', title: 'D', createdAt: new Date('2026-01-01T00:00:00Z') }, Uint8Array.of(0, 0));
  return storage;
}

it('keeps the history, the words it changed and the time of the last change it could not write, and writes them next time', async () => {
  const storage = await storageWithDraft();
  const live = new Map([
    ['c_one', 'Old words.'],
    ['c_kept', 'Same words.'],
  ]);
  const records = new DraftRecords(
    'd',
    storage,
    pino({ level: 'silent' }),
    () => (id) => live.get(id) ?? null,
    new Map(live),
  );

  live.set('c_one', 'New words.');
  records.noteTransaction(['c_one', 'c_kept'], 'user-1');
  records.noteApplied(new Date('2026-02-01T00:00:00Z'));
  const fault = failStorageWrites(storage);
  await records.flush();
  expect(await storage.listClauseChanges('d', { limit: 10 })).toEqual([]);

  fault.restore();
  live.set('c_one', 'Newer words.');
  live.set('c_two', 'A new clause.');
  records.noteTransaction(['c_two'], 'user-1');
  await records.flush();
  const [change] = await storage.listClauseChanges('d', { limit: 10 });
  expect(change?.clauseIds.toSorted()).toEqual(['c_kept', 'c_one', 'c_two']);
  // The words before the failed write, and after the one that succeeded; a clause whose words did not change has none.
  expect(await storage.listClauseTexts('d', { fromId: change!.id, toId: change!.id })).toEqual([
    {
      id: change!.id,
      texts: {
        c_one: { before: 'Old words.', after: 'Newer words.' },
        c_two: { before: null, after: 'A new clause.' },
      },
    },
  ]);
  expect((await storage.getDraft('d'))?.updatedAt).toBe('2026-02-01T00:00:00.000Z');
});

it('prepares to read the words of every clause a batch changed once, not once per clause', async () => {
  const storage = await storageWithDraft();
  const prepared: string[][] = [];
  const records = new DraftRecords(
    'd',
    storage,
    pino({ level: 'silent' }),
    (ids) => {
      prepared.push([...ids].toSorted());
      return (id) => `Words of ${id}.`;
    },
    new Map(),
  );
  const ids = Array.from({ length: 300 }, (_, i) => `c${i}`);
  records.noteTransaction(ids.slice(0, 200), 'user-1');
  records.noteTransaction(ids.slice(100), 'user-2');
  await records.flush();
  expect(prepared).toEqual([ids.toSorted()]);
  const [first, second] = await storage.listClauseChanges('d', { limit: 10 });
  expect([first!.clauseIds.length, second!.clauseIds.length].toSorted()).toEqual([200, 200]);
});
