import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode, RefusalCode } from '../../shared/closeCodes';
import type { CollabEvent } from '../../shared/collab';
import { ACCORD_EVENT_MESSAGE } from '../../shared/collab';
import type { Role } from '../../shared/roles';
import { readDocumentTitle, writeDocumentTitle } from '../drafts/documentTitle';
import { DraftService } from '../drafts/DraftService';
import type { KyselyStorage } from '../storage/KyselyStorage';
import { openSqliteStorage } from '../storage/openSqliteStorage';
import { StorageHealth } from '../storage/StorageHealth';
import { clauseText, documentString, insertClause, sectionElement } from '../testing/collabClient';
import { MemorySocket } from '../testing/MemorySocket';
import { testAccess } from '../testing/connectionAccess';
import { waitFor } from '../testing/waitFor';
import { ClientConnection } from './ClientConnection';
import { decodeClientMessage, decodeCollabEvent, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from './codec';
import { DocumentRegistry } from './DocumentRegistry';

const logger = pino({ level: 'silent' });
let dir: string;
let storage: KyselyStorage;
let registry: DocumentRegistry;
let draftId: string;
let users = 0;
/** What the text's upkeep was told after each commit (the registry's `maintain`). */
let upkeep: { structureChanged: boolean; changedClauseIds: string[] }[];

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-shared-'));
  storage = await openSqliteStorage(dir);
  upkeep = [];
  registry = new DocumentRegistry(storage, logger, {
    compactAfterUpdates: 1000,
    maintain: ({ structureChanged, changedClauseIds }) =>
      upkeep.push({ structureChanged, changedClauseIds: [...changedClauseIds] }),
  });
  draftId = (await new DraftService(storage, registry, logger).create('Memory draft')).id;
});
afterEach(async () => {
  await registry.closeAll();
  await storage.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * The test's storage as a backend that stores asynchronously (as PostgreSQL does), each append
 * counted (by its number of updates) and held until `held()` resolves: swaps the registry for one over it.
 */
async function useSlowBackend(held: () => Promise<void>): Promise<{ appends: number[] }> {
  const appends: number[] = [];
  const slowStorage = new Proxy(storage, {
    get(target, property, receiver) {
      if (property === 'appendUpdatesNow') return undefined;
      if (property === 'appendUpdates') {
        return async (...args: Parameters<KyselyStorage['appendUpdates']>) => {
          appends.push(args[1].length);
          await held();
          return target.appendUpdates(...args);
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  await registry.closeAll();
  registry = new DocumentRegistry(slowStorage, logger, { compactAfterUpdates: 1000 });
  return { appends };
}

interface Client {
  socket: MemorySocket;
  doc: Y.Doc;
  connection: ClientConnection;
}

/**
 * A client over an in-memory socket, synced as y-websocket syncs: it asks with its step 1, takes
 * the server's step 2 (and the updates sent with it) into its own document, and answers the
 * server's step 1 with its step 2.
 */
async function join(role: Role = 'delegate', registryToUse: DocumentRegistry = registry): Promise<Client> {
  const socket = new MemorySocket();
  const connection = new ClientConnection(socket, draftId, logger, testAccess(`user-${++users}`, role));
  const doc = new Y.Doc();
  socket.deliver(encodeSyncStep1(Y.encodeStateVector(doc)));
  await registryToUse.connect(connection);
  const messages = socket.sent.map((frame) => tryDecode(frame)).filter((message) => message !== null);
  const [step1, ...answer] = messages;
  if (step1?.kind !== 'sync-step-1' || !answer.some((message) => message.kind === 'sync-step-2')) {
    throw new Error('expected the sync handshake');
  }
  // The step 2, and the changes the server sends before it (made since it encoded the whole text).
  for (const message of answer) {
    if (message.kind === 'sync-step-2' || message.kind === 'update') Y.applyUpdate(doc, message.update);
  }
  socket.deliver(encodeSyncStep2(Y.encodeStateAsUpdate(doc, step1.stateVector)));
  // Keeps the events the draft sent on joining (see eventsOf).
  socket.sent.splice(0, socket.sent.length, ...socket.sent.filter((frame) => frame[0] === ACCORD_EVENT_MESSAGE));
  return { socket, doc, connection };
}

/** Makes a change in a client's document and returns the update it produces. */
function typed(doc: Y.Doc, change: () => void): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.transact(change);
  return Y.encodeStateAsUpdate(doc, before);
}

/** Types into the first paragraph of the draft's operative clause and sends it. */
function type(client: Client, text: string, at = 0): Uint8Array {
  const update = typed(client.doc, () => clauseText(client.doc, 'operative', 0).insert(at, text));
  client.socket.deliver(encodeUpdate(update));
  return update;
}

/** The words of the operative clause's first paragraph, read without changing the document. */
function operativeText(doc: Y.Doc): string {
  const clause = sectionElement(doc, 'operative').get(0) as Y.XmlElement;
  const paragraph = clause.get(0) as Y.XmlElement;
  return paragraph
    .toArray()
    .map((child) => (child instanceof Y.XmlText ? child.toString() : ''))
    .join('');
}

/** The text of the operative clause as a client sees it after taking in every update it was sent. */
function seenBy(client: Client): string {
  for (const frame of client.socket.sent) {
    const message = tryDecode(frame);
    if (message?.kind === 'update' || message?.kind === 'sync-step-2') Y.applyUpdate(client.doc, message.update);
  }
  client.socket.sent.length = 0;
  return operativeText(client.doc);
}

function tryDecode(frame: Uint8Array): ReturnType<typeof decodeClientMessage> | null {
  return frame[0] === ACCORD_EVENT_MESSAGE ? null : decodeClientMessage(frame);
}

/** The events (role changes, refusals) a client was sent. */
function eventsOf(client: Client): CollabEvent[] {
  return client.socket.sent.map(decodeCollabEvent).filter((event) => event !== null);
}

async function storedText(): Promise<string> {
  const stored = await storage.loadDocument(draftId);
  const replay = new Y.Doc();
  for (const update of [...(stored.state ? [stored.state] : []), ...stored.updates]) Y.applyUpdate(replay, update);
  return operativeText(replay);
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Opens the draft with a copy holding `update` (nothing: a newcomer) and returns the server's
 * answer to its sync step 1: the sync step 2 frame and the update frames sent with it, in order.
 */
async function syncAnswerFor(update?: Uint8Array): Promise<Uint8Array[]> {
  const doc = new Y.Doc();
  if (update) Y.applyUpdate(doc, update);
  const socket = new MemorySocket();
  const connection = new ClientConnection(socket, draftId, logger, testAccess(`user-${++users}`, 'observer'));
  socket.deliver(encodeSyncStep1(Y.encodeStateVector(doc)));
  await registry.connect(connection);
  const frames = socket.sent.filter((frame) => ['sync-step-2', 'update'].includes(tryDecode(frame)?.kind ?? ''));
  if (!frames.some((frame) => tryDecode(frame)?.kind === 'sync-step-2'))
    throw new Error('the server sent no sync step 2');
  return frames;
}

/** A copy of the draft from an answer's frames, applied in order. */
function copyFrom(frames: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const frame of frames) Y.applyUpdate(doc, updateOf(frame));
  return doc;
}

/** The update a sync step 2 or update frame carries. */
function updateOf(frame: Uint8Array): Uint8Array {
  const message = decodeClientMessage(frame);
  if (message.kind !== 'sync-step-2' && message.kind !== 'update')
    throw new Error(`expected an update, got ${message.kind}`);
  return message.update;
}

describe('SharedDocument over in-memory sockets', () => {
  it('answers a connection only once the draft is loaded: sync step 1 from the server, then step 2 for the queued request', async () => {
    const client = await join();
    expect(documentString(client.doc)).toContain('Memory draft');
  });

  it('relays changes that arrive in the same turn as one message, encoded once for every recipient', async () => {
    const a = await join();
    const b = await join();
    const watcher = await join();
    type(a, '.');
    await waitFor(() => expect([seenBy(a), seenBy(b), seenBy(watcher)]).toEqual(['.', '.', '.']));
    type(a, 'from a ');
    type(b, 'from b ');
    await waitFor(() => expect(watcher.socket.sent).toHaveLength(1));
    expect(a.socket.sent[0]).toBe(watcher.socket.sent[0]);
    expect(b.socket.sent[0]).toBe(watcher.socket.sent[0]);
    expect(seenBy(watcher)).toMatch(/^(from a from b |from b from a )\.$/);
  });

  it('sends everyone who opens the draft with an empty copy the same whole-draft message, and the changes since', async () => {
    const writer = await join();
    const watcher = await join();
    const [first, ...none] = await syncAnswerFor();
    expect(none).toEqual([]);
    // The same bytes, not encoded again: twenty people opening a large draft at once cost one encoding.
    expect((await syncAnswerFor())[0]).toBe(first);
    type(writer, 'new words ');
    await waitFor(() => expect(seenBy(watcher)).toBe('new words '));
    const afterChange = await syncAnswerFor();
    expect(afterChange.at(-1)).toBe(first);
    expect(afterChange).toHaveLength(2);
    expect(operativeText(copyFrom(afterChange))).toBe('new words ');
    // Someone who had the draft before the change is sent only what they lack, not the whole draft.
    const [missing] = await syncAnswerFor(updateOf(first!));
    expect(updateOf(missing!).byteLength).toBeLessThan(updateOf(first!).byteLength / 2);
    expect(operativeText(copyFrom([first!, missing!]))).toBe('new words ');
  });

  it('does not read a connection that floods until the next flush, then takes all it sent, in order', async () => {
    const writer = await join();
    const watcher = await join();
    const letters = 'abcdefghijklmnopqrst';
    for (const [index, letter] of [...letters].entries()) type(writer, letter, index);
    // Past PAUSE_READING_AFTER updates in one turn the rest wait in the socket, read at the flush.
    expect(writer.socket.paused).toBe(true);
    expect(watcher.socket.paused).toBe(false);
    await waitFor(() => expect(seenBy(watcher)).toBe(letters));
    expect(writer.socket.paused).toBe(false);
    expect(await storedText()).toBe(letters);
    type(writer, '.', letters.length);
    await waitFor(() => expect(seenBy(watcher)).toBe(`${letters}.`));
    expect(writer.socket.paused).toBe(false);
  });

  it('stores a change before relaying it: what a watcher receives is already in the log', async () => {
    const writer = await join();
    const watcher = await join();
    type(writer, 'durable ');
    await waitFor(() => expect(watcher.socket.sent).toHaveLength(1));
    expect(await storedText()).toBe('durable ');
  });

  it('holds changes sent before the client’s sync step 2 and handles them after it', async () => {
    const offline = new Y.Doc();
    const writer = await join();
    const watcher = await join();
    // Edits made offline (not on the server yet), then one typed while reconnecting that builds on them.
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(writer.doc));
    const offlineEdit = typed(offline, () => clauseText(offline, 'operative', 0).insert(0, 'offline '));
    const typedAfter = typed(offline, () => clauseText(offline, 'operative', 0).insert(8, 'then online'));
    const socket = new MemorySocket();
    const connection = new ClientConnection(socket, draftId, logger, testAccess('reconnecting', 'delegate'));
    await registry.connect(connection);
    socket.deliver(encodeUpdate(typedAfter));
    await nextTurn();
    expect(watcher.socket.sent).toHaveLength(0);
    socket.deliver(encodeSyncStep2(Y.mergeUpdates([offlineEdit, typedAfter])));
    await waitFor(() => expect(seenBy(watcher)).toBe('offline then online'));
    expect(eventsOf({ socket, doc: offline, connection })).toEqual([]);
  });

  it('closes only the connection that sent a bad frame', async () => {
    const good = await join();
    const bad = await join();
    bad.socket.deliver(Uint8Array.of(0, 2, 50));
    expect(bad.socket.closed?.code).toBe(CloseCode.MalformedMessage);
    expect(good.socket.closed).toBeNull();
    type(good, 'still fine');
    await waitFor(() => expect(seenBy(good)).toBe('still fine'));
  });

  it('unloads the draft after the last connection leaves, storing first, and reloads it on the next connection', async () => {
    const writer = await join();
    type(writer, 'kept ');
    writer.socket.disconnect();
    await waitFor(() => expect(registry.openCount).toBe(0));
    expect((await storage.loadDocument(draftId)).updates).toHaveLength(0);
    const next = await join();
    expect(operativeText(next.doc)).toBe('kept ');
  });

  it('records when the text last changed within a second of the typing, and on unload', async () => {
    const writer = await join();
    const typedAt = new Date().toISOString();
    type(writer, 'first ');
    await waitFor(async () => expect((await storage.getDraft(draftId))!.updatedAt >= typedAt).toBe(true), {
      timeoutMs: 3000,
    });
    const firstWrite = (await storage.getDraft(draftId))!.updatedAt;
    await new Promise((resolve) => setTimeout(resolve, 5));
    type(writer, 'second ');
    writer.socket.disconnect();
    await waitFor(() => expect(registry.openCount).toBe(0));
    expect((await storage.getDraft(draftId))!.updatedAt > firstWrite).toBe(true);
  });

  it('refuses an update that cannot be read: nothing applied, stored or relayed, the sender closed', async () => {
    const bad = await join();
    const watcher = await join();
    const logBefore = (await storage.loadDocument(draftId)).updates.length;
    bad.socket.deliver(encodeUpdate(Uint8Array.of(4, 200, 200, 200, 200)));
    await waitFor(() => expect(bad.socket.closed?.code).toBe(CloseCode.InvalidUpdate));
    await nextTurn();
    expect(watcher.socket.sent).toEqual([]);
    expect((await storage.loadDocument(draftId)).updates).toHaveLength(logBefore);
  });

  it('refuses all of an update cut off in its deletions, though Yjs integrates its insertions first', async () => {
    const writer = await join();
    const watcher = await join();
    type(writer, 'hello world');
    await waitFor(() => expect(seenBy(watcher)).toBe('hello world'));
    const update = typed(writer.doc, () => {
      clauseText(writer.doc, 'operative', 0).insert(0, 'NEW ');
      clauseText(writer.doc, 'operative', 0).delete(8, 3);
    });
    writer.socket.deliver(encodeUpdate(update.slice(0, update.length - 1)));
    await waitFor(() => expect(writer.socket.closed?.code).toBe(CloseCode.InvalidUpdate));
    await nextTurn();
    expect(watcher.socket.sent).toEqual([]);
    expect(await storedText()).toBe('hello world');
    // The staging copy was rebuilt without it: the next change builds on the stored text.
    const other = await join();
    type(other, '!', 11);
    await waitFor(() => expect(seenBy(watcher)).toBe('hello world!'));
  });

  it('refuses a change that builds on text the server does not have, and drops what the sender sends after it', async () => {
    const writer = await join();
    const watcher = await join();
    const first = typed(writer.doc, () => clauseText(writer.doc, 'operative', 0).insert(0, 'first '));
    const second = typed(writer.doc, () => clauseText(writer.doc, 'operative', 0).insert(6, 'second'));
    writer.socket.deliver(encodeUpdate(second));
    await waitFor(() => expect(eventsOf(writer)).toMatchObject([{ type: 'edit-refused', code: RefusalCode.Schema }]));
    writer.socket.deliver(encodeUpdate(first));
    await nextTurn();
    await nextTurn();
    expect(watcher.socket.sent).toEqual([]);
    expect(await storedText()).toBe('');
    expect(writer.socket.closed).toBeNull();
  });

  it('judges each change of a turn on its own: a refused one is never applied, the others go through', async () => {
    const rogue = await join();
    const typist = await join();
    const watcher = await join();
    const shared = (await registry.peek(draftId))!;
    rogue.socket.deliver(encodeUpdate(typed(rogue.doc, () => rogue.doc.getMap('elsewhere').set('x', 1))));
    type(typist, 'typed ');
    await waitFor(() => expect(seenBy(watcher)).toBe('typed '));
    expect(eventsOf(rogue)).toMatchObject([{ type: 'edit-refused', code: RefusalCode.Schema }]);
    expect(shared.doc.share.has('elsewhere')).toBe(false);
    expect(await storedText()).toBe('typed ');
  });

  it('keeps a change admitted earlier in a turn when a later one is refused, so its sender can build on it', async () => {
    const typist = await join();
    const rogue = await join();
    const watcher = await join();
    type(typist, 'first ');
    rogue.socket.deliver(encodeUpdate(typed(rogue.doc, () => rogue.doc.getMap('elsewhere').set('x', 1))));
    await waitFor(() => expect(seenBy(watcher)).toBe('first '));
    expect(eventsOf(rogue)).toMatchObject([{ type: 'edit-refused' }]);
    type(typist, 'second ', 6);
    await waitFor(() => expect(seenBy(watcher)).toBe('first second '));
    expect(eventsOf(typist)).toEqual([]);
  });

  it('refuses the changes it cannot store, tells every client, keeps the live text as stored, and takes changes again once storing works', async () => {
    let failing = false;
    let failedAppends = 0;
    const failingStorage = new Proxy(storage, {
      get(target, property, receiver) {
        if (failing && (property === 'appendUpdates' || property === 'appendUpdatesNow')) {
          return () => {
            failedAppends++;
            throw new SQLite.SqliteError('database or disk is full', 'SQLITE_FULL');
          };
        }
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    await registry.closeAll();
    const storageHealth = new StorageHealth();
    registry = new DocumentRegistry(failingStorage, logger, { compactAfterUpdates: 1000, storageHealth });
    const writer = await join();
    const other = await join();
    const watcher = await join();
    type(writer, 'kept ');
    await waitFor(() => expect(seenBy(watcher)).toBe('kept '));
    seenBy(writer);
    seenBy(other);

    failing = true;
    type(writer, 'lost ', 5);
    type(other, 'gone ', 5);
    const shared = (await registry.peek(draftId))!;
    const rename = shared.transactAsServer((doc) => writeDocumentTitle(doc, 'Never stored'));
    await expect(rename).rejects.toMatchObject({ code: 'SQLITE_FULL' });
    await waitFor(() => expect(eventsOf(writer)).toContainEqual(expect.objectContaining({ type: 'edit-refused' })));
    for (const sender of [writer, other]) {
      expect(eventsOf(sender)).toEqual([
        { type: 'storage-unavailable' },
        { type: 'edit-refused', code: RefusalCode.StorageUnavailable, reason: expect.any(String) as string },
      ]);
    }
    expect(eventsOf(watcher)).toEqual([{ type: 'storage-unavailable' }]);
    // Nothing was relayed, applied or stored, and nothing was tried again behind the failure.
    expect(seenBy(watcher)).toBe('kept ');
    expect(operativeText(shared.doc)).toBe('kept ');
    expect(readDocumentTitle(shared.doc)).toBe('Memory draft');
    expect(await storedText()).toBe('kept ');
    expect(failedAppends).toBe(1);
    expect(storageHealth.failing).toMatchObject({ code: 'SQLITE_FULL' });
    for (const client of [writer, other, watcher]) expect(client.socket.closed).toBeNull();

    // A client that joins meanwhile is told at once.
    const late = await join();
    expect(eventsOf(late)).toEqual([{ type: 'storage-unavailable' }]);

    failing = false;
    type(late, 'again ', 5);
    await waitFor(() => expect(eventsOf(watcher)).toEqual([{ type: 'storage-restored' }]));
    expect(seenBy(watcher)).toBe('kept again ');
    expect(storageHealth.failing).toBeNull();
    expect(await storedText()).toBe('kept again ');
  });

  it('stores whose Yjs client id a change is written under with the change: not stored, not recorded, and recorded with the next change stored', async () => {
    let failing = false;
    const claimsAppended: unknown[] = [];
    const failingStorage = new Proxy(storage, {
      get(target, property, receiver) {
        if (property === 'appendUpdates' || property === 'appendUpdatesNow') {
          const append = (Reflect.get(target, property, receiver) as KyselyStorage['appendUpdates']).bind(target);
          return (...args: Parameters<KyselyStorage['appendUpdates']>) => {
            if (failing) throw new SQLite.SqliteError('database or disk is full', 'SQLITE_FULL');
            const result = append(...args);
            // Counted once taken: a synchronous append that cannot commit right now answers null and is made again.
            if (result !== null) claimsAppended.push(...args[1].flatMap((update) => update.claims ?? []));
            return result;
          };
        }
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    await registry.closeAll();
    registry = new DocumentRegistry(failingStorage, logger, { compactAfterUpdates: 1000 });
    const first = await join();
    const watcher = await join();
    const userOf = (client: Client) => client.connection.access.userId;
    type(first, 'one ');
    type(first, 'two ', 4);
    await waitFor(() => expect(seenBy(watcher)).toBe('one two '));
    // Recorded once, with the first change written under it.
    expect(claimsAppended).toEqual([{ clientId: first.doc.clientID, userId: userOf(first) }]);
    expect(await storage.loadClientOwners(draftId)).toEqual(new Map([[first.doc.clientID, userOf(first)]]));

    failing = true;
    const second = await join();
    type(second, 'lost ');
    await waitFor(() => expect(eventsOf(second)).toContainEqual(expect.objectContaining({ type: 'edit-refused' })));
    expect(await storage.loadClientOwners(draftId)).toEqual(new Map([[first.doc.clientID, userOf(first)]]));

    failing = false;
    type(first, 'three ', 8);
    await waitFor(() => expect(seenBy(watcher)).toBe('one two three '));
    // The dropped change's claim went with the next change stored, someone else's.
    expect(await storage.loadClientOwners(draftId)).toEqual(
      new Map([
        [first.doc.clientID, userOf(first)],
        [second.doc.clientID, userOf(second)],
      ]),
    );
  });

  it('gives the drafts list the title of the text when the draft opens, should an older server have left them apart', async () => {
    await storage.updateDraft(draftId, { title: 'Renamed but never stored' });
    const reader = await join();
    expect(readDocumentTitle(reader.doc)).toBe('Memory draft');
    expect(await storage.getDraft(draftId)).toMatchObject({ title: 'Memory draft' });
  });

  it('with a backend that stores asynchronously, relays a change and applies it only once it is stored', async () => {
    let openGate: () => void = () => undefined;
    let gate = Promise.resolve();
    await useSlowBackend(() => gate);
    const writer = await join();
    const watcher = await join();
    gate = new Promise((resolve) => (openGate = resolve));
    let newcomer: Client;
    try {
      type(writer, 'slow ');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(watcher.socket.sent).toEqual([]);
      // A newcomer meanwhile is answered with the stored text, and is sent the change once stored.
      newcomer = await join();
      expect(operativeText(newcomer.doc)).toBe('');
    } finally {
      openGate();
    }
    await waitFor(() => expect(seenBy(newcomer)).toBe('slow '));
    expect(seenBy(watcher)).toBe('slow ');
    expect(await storedText()).toBe('slow ');
  });

  it('with a backend that stores asynchronously, stores what arrives while a commit is under way together, in one commit after it', async () => {
    let openGate: () => void = () => undefined;
    let gate = Promise.resolve();
    const { appends } = await useSlowBackend(() => gate);
    const writer = await join();
    const watcher = await join();
    gate = new Promise((resolve) => (openGate = resolve));
    try {
      // Each keystroke in a turn of its own, the first commit held up by the storage the whole time.
      for (const [i, letter] of [...'grouped'].entries()) {
        type(writer, letter, i);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(appends).toEqual([1]);
    } finally {
      openGate();
    }
    await waitFor(() => expect(seenBy(watcher)).toBe('grouped'));
    expect(appends).toEqual([1, 6]);
    expect(await storedText()).toBe('grouped');
  });

  it('lets I/O waiting for other drafts through while it loads a draft', async () => {
    await registry.closeAll();
    const server = net.createServer();
    const accepted = new Promise<net.Socket>((resolve) => server.once('connection', resolve));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const client = net.connect((server.address() as net.AddressInfo).port, '127.0.0.1');
    const sender = await accepted;
    const order: string[] = [];
    try {
      const arrived = new Promise<void>((resolve) => client.once('data', resolve)).then(() => order.push('other I/O'));
      // A keystroke for another draft is on its way (handed over when the event loop next polls for I/O)…
      sender.write('keystroke');
      // …while this draft loads.
      await registry.connect(
        new ClientConnection(new MemorySocket(), draftId, logger, testAccess('loader', 'delegate')),
      );
      order.push('loaded');
      await arrived;
    } finally {
      client.destroy();
      sender.destroy();
      server.close();
    }
    expect(order).toEqual(['other I/O', 'loaded']);
  });

  it('tells the upkeep after a commit whether elements or attributes changed: after loading yes, after typing inside a text node no', async () => {
    const writer = await join();
    expect(upkeep).toEqual([{ structureChanged: true, changedClauseIds: [] }]);
    const send = (change: () => void): void => writer.socket.deliver(encodeUpdate(typed(writer.doc, change)));
    // The new draft's clause has an empty paragraph: the first keystroke adds its text node.
    send(() => clauseText(writer.doc, 'operative', 0).insert(0, 'S'));
    await waitFor(() => expect(upkeep).toHaveLength(2));
    expect(upkeep[1]!.structureChanged).toBe(true);
    const clauseId = upkeep[1]!.changedClauseIds[0];
    send(() => clauseText(writer.doc, 'operative', 0).insert(1, 'tates'));
    await waitFor(() => expect(upkeep).toHaveLength(3));
    expect(upkeep[2]).toEqual({ structureChanged: false, changedClauseIds: [clauseId] });
    send(() => insertClause(writer.doc, 'operative', 1, { id: 'c_added00001', text: 'Added' }));
    await waitFor(() => expect(upkeep).toHaveLength(4));
    expect(upkeep[3]).toEqual({ structureChanged: true, changedClauseIds: ['c_added00001'] });
  });

  it('applies a change to the live text only once it is relayed, never before', async () => {
    const writer = await join();
    const watcher = await join();
    const shared = (await registry.peek(draftId))!;
    const relayedWhenApplied: number[] = [];
    shared.doc.on('update', () => {
      relayedWhenApplied.push(watcher.socket.sent.length);
    });
    type(writer, 'States ');
    expect(operativeText(shared.doc)).toBe('');
    await waitFor(() => expect(operativeText(shared.doc)).toBe('States '));
    expect(relayedWhenApplied).toEqual([1]);
  });

  it('never relays an update that reads but that Yjs cannot integrate; the sender is closed', async () => {
    const bad = await join();
    const watcher = await join();
    const logBefore = (await storage.loadDocument(draftId)).updates.length;
    // One text item in Yjs's update format, placed after its own client's future (client 4210, clock 5).
    const update = Uint8Array.of(1, 1, 0xf2, 0x20, 0, 0x84, 0xf2, 0x20, 5, 1, 0x78, 0);
    expect(Y.decodeUpdate(update).structs).toHaveLength(1);
    bad.socket.deliver(encodeUpdate(update));
    await waitFor(() => expect(bad.socket.closed?.code).toBe(CloseCode.InvalidUpdate));
    await nextTurn();
    expect(watcher.socket.sent).toEqual([]);
    expect((await storage.loadDocument(draftId)).updates).toHaveLength(logBefore);
  });
});
