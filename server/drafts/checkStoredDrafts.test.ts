import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkedStateOf, digestOf } from '../collab/checkedStates';
import { DocumentRegistry } from '../collab/DocumentRegistry';
import { readerRunning } from '../collab/readInPiecesOffThread';
import type { KyselyStorage } from '../storage/KyselyStorage';
import { openSqliteStorage } from '../storage/openSqliteStorage';
import { insertClause } from '../testing/collabClient';
import { changeOf, nestParagraphs, storedDoc } from '../testing/storedText';
import { checkStoredDrafts } from './checkStoredDrafts';
import { DraftService } from './DraftService';

const logger = pino({ level: 'silent' });
let dir: string;
let storage: KyselyStorage;
let registry: DocumentRegistry;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-check-'));
  storage = await openSqliteStorage(dir);
  registry = new DocumentRegistry(storage, logger, { compactAfterUpdates: 1000 });
});
afterEach(async () => {
  await registry.closeAll();
  await storage.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A new draft with `change` appended to its log unchecked, as a raw client once stored it. */
async function draftWith(change: Parameters<typeof changeOf>[1]): Promise<string> {
  const { id } = await new DraftService(storage, registry, logger).create('Checked draft');
  const update = changeOf(storedDoc(await storage.loadDocument(id)), change);
  await storage.appendUpdates(id, [{ data: update, authorId: null }], new Date());
  return id;
}

it('checks large drafts on the worker thread, which is then ready for their loads, and still finds what breaks the schema', async () => {
  const sound = await draftWith((copy) => insertClause(copy, 'operative', 0, { id: 'c1', text: 'Checked elsewhere.' }));
  // Stored as one state row, as a draft is once compacted (by another process: nothing is known of it here).
  const { state, updates, lastSeq } = await storage.loadDocument(sound);
  const compacted = Y.mergeUpdates(state ? [state, ...updates] : updates);
  expect(await storage.compactDocument(sound, compacted, lastSeq)).toBe(true);
  expect(checkedStateOf(sound)).toBeUndefined();
  const broken = await draftWith((copy) => {
    insertClause(copy, 'operative', 0, { id: 'c1', text: 'One.' });
    insertClause(copy, 'operative', 1, { id: 'c2', text: 'Two.' });
    nestParagraphs(copy);
  });
  expect(readerRunning()).toBe(false);

  // Every draft counts as large here. The worker reads the sound one from the SQLite file: none of
  // it is read here (the broken one is read again, to be checked here).
  const loadDocument = storage.loadDocument.bind(storage);
  const readHere: string[] = [];
  storage.loadDocument = (draftId, afterSeq) => (readHere.push(draftId), loadDocument(draftId, afterSeq));
  const report = await checkStoredDrafts(storage, registry, logger, { readOffThreadFrom: 0 });
  expect(readHere).toEqual([broken]);
  expect(readerRunning()).toBe(true);
  expect(report).toMatchObject({ checked: 2, unreadable: [broken], repaired: [] });
  expect(report.unreadable).not.toContain(sound);
  // Found sound: its first newcomers are sent it once read (see `checkedStates`).
  expect(checkedStateOf(sound)).toBe(digestOf(compacted));
  expect(checkedStateOf(broken)).toBeUndefined();
});
