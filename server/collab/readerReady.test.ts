import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, expect, it } from 'vitest';
import { DraftService } from '../drafts/DraftService';
import { openSqliteStorage } from '../storage/openSqliteStorage';
import { insertClause } from '../testing/collabClient';
import { DocumentRegistry } from './DocumentRegistry';
import { readerRunning } from './readInPiecesOffThread';

const logger = pino({ level: 'silent' });
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

it('has the worker thread ready once a draft grown large while open is compacted, before its next load', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-reader-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const storage = await openSqliteStorage(dir);
  cleanups.push(() => storage.close());
  // Texts of 8 KiB and more count as large; the new draft is loaded on this thread.
  const registry = new DocumentRegistry(storage, logger, { compactAfterUpdates: 1000, readOffThreadFrom: 8 * 1024 });
  cleanups.push(() => registry.closeAll());
  const { id } = await new DraftService(storage, registry, logger).create('Growing draft');

  await registry.withDocument(id, (document) =>
    document.transactAsServer((doc) => insertClause(doc, 'operative', 0, { id: 'c1', text: 'Short. ' })),
  );
  await registry.closeAll();
  expect(readerRunning()).toBe(false);

  await registry.withDocument(id, (document) =>
    document.transactAsServer((doc) => insertClause(doc, 'operative', 1, { id: 'c2', text: 'Long. '.repeat(2000) })),
  );
  expect(readerRunning()).toBe(false);
  // Unloading compacts the log: the text is now large.
  await registry.closeAll();
  expect(readerRunning()).toBe(true);
});
