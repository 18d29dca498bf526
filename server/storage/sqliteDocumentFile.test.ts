import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kysely } from 'kysely';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { changeOf, storedDoc } from '../testing/storedText';
import type { Database } from './database';
import { migrations } from './migrations';
import { openSqliteStorage } from './openSqliteStorage';
import { GuardedSqliteDialect } from './sqliteDialect';
import { readDocumentFile } from './sqliteDocumentFile';
import { SqliteStorage } from './SqliteStorage';

let dir: string;
let storage: SqliteStorage;
let draftId: string;

async function append(text: string): Promise<void> {
  const doc = storedDoc(await storage.loadDocument(draftId));
  const change = changeOf(doc, (copy) => copy.getText('notes').insert(0, text));
  await storage.appendUpdates(draftId, [{ data: change, authorId: null }], new Date());
}

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-document-file-'));
  storage = await openSqliteStorage(dir);
  draftId = 'located';
  await storage.createDraft(
    { id: draftId, title: 'Located', createdAt: new Date() },
    Y.encodeStateAsUpdate(new Y.Doc()),
  );
});
afterEach(async () => {
  await storage.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a draft located in the SQLite file and read there by another connection', () => {
  it('locates what loadDocument reads without reading it, and reads exactly those rows', async () => {
    expect(storage.locateDocument!(draftId)).toEqual({
      file: path.join(dir, 'accord.sqlite'),
      draftId,
      bytes: 2,
      upToSeq: 0,
      updates: 0,
      lastSeq: 0,
    });
    expect(storage.locateDocument!('no such draft')).toMatchObject({ bytes: 0, upToSeq: null, updates: 0, lastSeq: 0 });
    await append('first words '.repeat(50));
    await append('second words');
    const doc = storedDoc(await storage.loadDocument(draftId));
    await storage.compactDocument(draftId, Y.encodeStateAsUpdate(doc), (await storage.loadDocument(draftId)).lastSeq);
    await append('after the compaction');
    const stored = await storage.loadDocument(draftId);
    const location = storage.locateDocument!(draftId)!;
    expect(location.bytes).toBe(stored.state!.byteLength + stored.updates[0]!.byteLength);
    expect(location).toMatchObject({ upToSeq: 2, updates: 1, lastSeq: stored.lastSeq });
    // Rows appended after it was located are not read: the reading holds what was located.
    await append('appended later');
    const read = readDocumentFile(location);
    expect(read).toEqual({ state: stored.state, updates: stored.updates, lastSeq: stored.lastSeq });
    expect(storedDoc(read).getText('notes').toString()).not.toContain('appended later');
  });

  it('refuses rows that changed after they were located, and locates nothing in memory', async () => {
    await append('words');
    await append('more words');
    const location = storage.locateDocument!(draftId)!;
    const doc = storedDoc(await storage.loadDocument(draftId));
    await storage.compactDocument(draftId, Y.encodeStateAsUpdate(doc), location.lastSeq);
    expect(() => readDocumentFile(location)).toThrow(
      `the stored text of draft ${draftId} changed after it was located`,
    );
    expect(readDocumentFile(storage.locateDocument!(draftId)!).state).not.toBeNull();

    const file = new SQLite(':memory:');
    const inMemory = new SqliteStorage(new Kysely<Database>({ dialect: new GuardedSqliteDialect(file) }), file);
    await inMemory.migrate(migrations);
    expect(inMemory.locateDocument!(draftId)).toBeNull();
    await inMemory.close();
  });
});
