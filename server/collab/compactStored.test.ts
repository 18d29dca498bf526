import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import * as Y from 'yjs';
import { ACCORD_EVENT_MESSAGE } from '../../shared/collab';
import { clauseTexts } from '../drafts/documentOutline';
import { DraftService } from '../drafts/DraftService';
import type { KyselyStorage } from '../storage/KyselyStorage';
import { openSqliteStorage } from '../storage/openSqliteStorage';
import type { Storage } from '../storage/Storage';
import { clauseText, insertClause, sectionElement } from '../testing/collabClient';
import { testAccess } from '../testing/connectionAccess';
import { MemorySocket } from '../testing/MemorySocket';
import { changeOf, storedDoc } from '../testing/storedText';
import { waitFor } from '../testing/waitFor';
import { checkedStateOf, digestOf } from './checkedStates';
import { ClientConnection } from './ClientConnection';
import { decodeClientMessage, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from './codec';
import { DocumentRegistry } from './DocumentRegistry';
import { mergeStoredText } from './readInPieces';
import { UpdateLog } from './UpdateLog';

const logger = pino({ level: 'silent' });
/** Every draft counts as large here. */
const LARGE = { readOffThreadFrom: 0 };
let dir: string;
let storage: KyselyStorage;
let draftId: string;
const registries: DocumentRegistry[] = [];
let users = 0;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-compact-'));
  storage = await openSqliteStorage(dir);
  draftId = (await new DraftService(storage, registry(storage, { compactAfterUpdates: 1000 }), logger).create('Draft'))
    .id;
  const doc = storedDoc(await storage.loadDocument(draftId));
  const clauses = changeOf(doc, (copy) => {
    for (let i = 0; i < 10; i++) insertClause(copy, 'operative', 0, { id: `c${i}`, text: `Clause ${i} `.repeat(20) });
  });
  await storage.appendUpdates(draftId, [{ data: clauses, authorId: null }], new Date());
});
afterEach(async () => {
  for (const open of registries.splice(0)) await open.closeAll();
  await storage.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function registry(over: Storage, options: ConstructorParameters<typeof DocumentRegistry>[2]): DocumentRegistry {
  const created = new DocumentRegistry(over, logger, options);
  registries.push(created);
  return created;
}

/** The same storage, with `overrides` in place of some of its methods. */
function storageWith(overrides: Partial<Storage>): Storage {
  return new Proxy(storage, {
    get(target, key, receiver) {
      if (key in overrides) return overrides[key as keyof Storage];
      const value: unknown = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** A delegate with an empty copy who has been sent the draft; `type` types words into a clause and sends them. */
async function join(to: DocumentRegistry) {
  const socket = new MemorySocket();
  const connection = new ClientConnection(socket, draftId, logger, testAccess(`user-${++users}`, 'delegate'));
  socket.deliver(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
  await to.connect(connection);
  const clauses = clauseTexts(storedDoc(await storage.loadDocument(draftId))).size;
  const doc = new Y.Doc();
  const received = () => {
    for (const frame of socket.sent.splice(0)) {
      if (frame[0] === ACCORD_EVENT_MESSAGE) continue;
      const message = decodeClientMessage(frame);
      if (message.kind === 'update' || message.kind === 'sync-step-2') Y.applyUpdate(doc, message.update);
    }
  };
  await waitFor(() => {
    received();
    expect(clauseTexts(doc).size).toBe(clauses);
  });
  socket.deliver(encodeSyncStep2(new Uint8Array([0, 0])));
  const type = (clause: number, words: string) => {
    const before = Y.encodeStateVector(doc);
    clauseText(doc, 'operative', clause).insert(0, words);
    socket.deliver(encodeUpdate(Y.encodeStateAsUpdate(doc, before)));
  };
  return { doc, received, type };
}

describe("compacting a large draft's log on the worker thread", () => {
  it('goes on taking and relaying changes while the merge is stored, and keeps those after it', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const merged: Uint8Array[] = [];
    const slowCompaction = storageWith({
      compactDocument: async (id, state, upToSeq) => {
        merged.push(state);
        await held;
        return storage.compactDocument(id, state, upToSeq);
      },
    });
    // The draft's log holds one row: one more, and it is merged.
    const open = registry(slowCompaction, { compactAfterUpdates: 2, ...LARGE });
    // Let go whatever happens, so the draft can be closed after a failure.
    onTestFinished(() => release());
    const writer = await join(open);
    const watcher = await join(open);
    writer.type(0, 'Merged. ');
    await waitFor(() => expect(merged).toHaveLength(1));
    expect(clauseTexts(storedDoc({ state: merged[0]!, updates: [] }))).toEqual(clauseTexts(writer.doc));
    writer.type(5, 'While merging. ');
    await waitFor(() => {
      watcher.received();
      expect(clauseText(watcher.doc, 'operative', 5).toString()).toMatch(/^While merging\. /);
    });
    release();
    await waitFor(async () => expect((await storage.loadDocument(draftId)).updates).toHaveLength(1));
    const stored = await storage.loadDocument(draftId);
    expect(stored.state).toEqual(merged[0]);
    expect(checkedStateOf(draftId)).toBe(digestOf(stored.state!));
    expect(clauseTexts(storedDoc(stored))).toEqual(clauseTexts(writer.doc));
    // Closed: the row after the merge is merged too, and the text stored is the text typed.
    await open.closeAll();
    const closed = await storage.loadDocument(draftId);
    expect(closed.updates).toEqual([]);
    expect(clauseTexts(storedDoc(closed))).toEqual(clauseTexts(writer.doc));
    expect(merged).toHaveLength(2);
  });

  it('is merged from the live text when the worker cannot merge the stored rows', async () => {
    const unreadable = storageWith({
      locateDocument: (id) => ({ ...storage.locateDocument!(id)!, file: path.join(dir, 'missing.sqlite') }),
    });
    const open = registry(unreadable, { compactAfterUpdates: 1000, ...LARGE });
    const writer = await join(open);
    writer.type(0, 'Kept. ');
    await waitFor(async () => expect((await storage.loadDocument(draftId)).updates.length).toBeGreaterThan(1));
    await open.closeAll();
    const closed = await storage.loadDocument(draftId);
    expect(closed.updates).toEqual([]);
    expect(clauseText(storedDoc(closed), 'operative', 0).toString()).toMatch(/^Kept\. /);
  });

  it('is left to the live text for a small draft, a file no other thread can read, and rows another instance stored', async () => {
    const stored = await storage.loadDocument(draftId);
    const log = (over: Storage, readOffThreadFrom: number) =>
      new UpdateLog(draftId, over, logger, { compactAfterUpdates: 1000, length: 1, readOffThreadFrom });
    expect(log(storage, 10 * 1024 * 1024).compactStored(stored.lastSeq)).toBeNull();
    expect(log(storageWith({ locateDocument: () => null }), 0).compactStored(stored.lastSeq)).toBeNull();
    expect(log(storage, 0).compactStored(stored.lastSeq - 1)).toBeNull();
    const large = log(storage, 0);
    const merging = large.compactStored(stored.lastSeq);
    expect(merging).not.toBeNull();
    expect(large.compactStored(stored.lastSeq)).toBe(merging);
    await merging;
    expect(large.hasRows).toBe(false);
    expect((await storage.loadDocument(draftId)).updates).toEqual([]);
  });
});

describe('merging stored text', () => {
  it('gives the text of the state and the rows after it as one state, without what was deleted', async () => {
    const stored = await storage.loadDocument(draftId);
    const doc = storedDoc(stored);
    const typed = changeOf(doc, (copy) => clauseText(copy, 'operative', 0).insert(0, 'Struck. '));
    Y.applyUpdate(doc, typed);
    const struck = changeOf(doc, (copy) => clauseText(copy, 'operative', 0).delete(0, 'Struck. '.length));
    Y.applyUpdate(doc, struck);
    const rows = [...stored.updates, typed, struck];
    const merged = mergeStoredText(stored.state, rows)!;
    expect(clauseTexts(storedDoc({ state: merged, updates: [] }))).toEqual(clauseTexts(doc));
    const kept = Y.mergeUpdates(stored.state ? [stored.state, ...rows] : rows);
    expect(merged.byteLength).toBeLessThan(kept.byteLength);
  });

  it('gives nothing for no rows, for a row waiting for text that is not there, and for a text the schema refuses', async () => {
    const stored = await storage.loadDocument(draftId);
    const doc = storedDoc(stored);
    const whole = Y.encodeStateAsUpdate(doc);
    expect(mergeStoredText(whole, [])).toBeNull();
    const typed = changeOf(doc, (copy) => clauseText(copy, 'operative', 0).insert(0, 'Typed. '));
    Y.applyUpdate(doc, typed);
    const struck = changeOf(doc, (copy) => clauseText(copy, 'operative', 0).delete(0, 3));
    expect(mergeStoredText(whole, [struck])).toBeNull();
    const odd = changeOf(doc, (copy) =>
      (sectionElement(copy, 'operative').get(0) as Y.XmlElement).setAttribute('onclick', 'x()'),
    );
    expect(mergeStoredText(whole, [typed, odd])).toBeNull();
    expect(mergeStoredText(whole, [typed])).not.toBeNull();
  });
});
