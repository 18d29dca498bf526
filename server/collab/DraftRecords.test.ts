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

it('keeps the history and the time of the last change it could not write, and writes them next time', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-records-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const storage = await openSqliteStorage(dir);
  cleanups.push(() => storage.close());
  await storage.createDraft({ id: 'd', title: 'D', createdAt: new Date('2026-01-01T00:00:00Z') }, Uint8Array.of(0, 0));
  const records = new DraftRecords('d', storage, pino({ level: 'silent' }));

  records.noteTransaction(['c_one'], 'user-1');
  records.noteApplied(new Date('2026-02-01T00:00:00Z'));
  const fault = failStorageWrites(storage);
  await records.flush();
  expect(await storage.listClauseChanges('d', { limit: 10 })).toEqual([]);

  fault.restore();
  records.noteTransaction(['c_two'], 'user-1');
  await records.flush();
  expect((await storage.listClauseChanges('d', { limit: 10 })).map((change) => change.clauseIds.toSorted())).toEqual([
    ['c_one', 'c_two'],
  ]);
  expect((await storage.getDraft('d'))?.updatedAt).toBe('2026-02-01T00:00:00.000Z');
});
