import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/closeCodes';
import { DraftService } from '../drafts/DraftService';
import { openSqliteStorage } from '../storage/openSqliteStorage';
import type { KyselyStorage } from '../storage/KyselyStorage';
import { MemorySocket } from '../testing/MemorySocket';
import { waitFor } from '../testing/waitFor';
import type { Role } from '../../shared/roles';
import { ClientConnection } from './ClientConnection';
import type { ConnectionAccess } from './ConnectionAccess';
import { clauseText, insertClause } from '../testing/collabClient';
import { decodeClientMessage, encodeSyncStep1, encodeUpdate } from './codec';
import { DocumentRegistry } from './DocumentRegistry';

const logger = pino({ level: 'silent' });
let dir: string;
let storage: KyselyStorage;
let registry: DocumentRegistry;
let draftId: string;
let users = 0;
/** What the text's upkeep was told after each flush (the registry's `maintain`). */
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

function access(userId: string, role: Role = 'delegate'): ConnectionAccess {
  return {
    userId,
    affiliationId: `affiliation-${userId}`,
    sessionId: `session-${userId}`,
    role,
    presence: { userId, name: userId, color: '#000000', role, affiliation: 'Test', affiliationCode: null },
  };
}

/** A client over an in-memory socket, with its own Yjs document kept in step by hand. */
async function join(
  role: Role = 'delegate',
): Promise<{ socket: MemorySocket; doc: Y.Doc; connection: ClientConnection }> {
  const socket = new MemorySocket();
  const connection = new ClientConnection(socket, draftId, logger, access(`user-${++users}`, role));
  const doc = new Y.Doc();
  socket.deliver(encodeSyncStep1(Y.encodeStateVector(doc)));
  await registry.connect(connection);
  return { socket, doc, connection };
}

/** Sync messages (decoded as a client would see them) of the frames a socket received. */
function syncKinds(socket: MemorySocket): string[] {
  return socket.sent.map((frame) => decodeClientMessage(frame).kind);
}

function edit(doc: Y.Doc, text: string): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.getText('scratch').insert(0, text);
  return Y.encodeStateAsUpdate(doc, before);
}

/** Brings a joined client's document in step with the server's, from the sync step 2 it was sent. */
function inStepWithServer(client: { socket: MemorySocket; doc: Y.Doc }): void {
  const step2 = decodeClientMessage(client.socket.sent[1]!);
  if (step2.kind !== 'sync-step-2') throw new Error('expected step 2');
  Y.applyUpdate(client.doc, step2.update);
}

/** The update a change to a client's document produces. */
function typed(doc: Y.Doc, change: () => void): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.transact(change);
  return Y.encodeStateAsUpdate(doc, before);
}

describe('SharedDocument over in-memory sockets', () => {
  it('answers a connection only once the draft is loaded: sync step 1 from the server, then step 2 for the queued request', async () => {
    const { socket } = await join();
    expect(syncKinds(socket)).toEqual(['sync-step-1', 'sync-step-2']);
    const step2 = decodeClientMessage(socket.sent[1]!);
    const doc = new Y.Doc();
    if (step2.kind !== 'sync-step-2') throw new Error('expected step 2');
    Y.applyUpdate(doc, step2.update);
    expect(doc.getXmlFragment('default').toString()).toContain('Memory draft');
  });

  it('relays updates that arrive in the same tick as one message, encoded once for every recipient', async () => {
    const a = await join();
    const b = await join();
    const watcher = await join();
    for (const c of [a, b, watcher]) c.socket.sent.length = 0;

    a.socket.deliver(encodeUpdate(edit(a.doc, 'from a ')));
    b.socket.deliver(encodeUpdate(edit(b.doc, 'from b ')));
    await waitFor(() => expect(watcher.socket.sent).toHaveLength(1));

    // One message, the very same bytes object, for all three connections.
    expect(a.socket.sent).toHaveLength(1);
    expect(b.socket.sent).toHaveLength(1);
    expect(a.socket.sent[0]).toBe(watcher.socket.sent[0]);
    expect(b.socket.sent[0]).toBe(watcher.socket.sent[0]);
    const relayed = decodeClientMessage(watcher.socket.sent[0]!);
    if (relayed.kind !== 'update') throw new Error('expected an update');
    Y.applyUpdate(watcher.doc, relayed.update);
    expect(watcher.doc.getText('scratch').toString()).toMatch(/from a|from b/);
    expect(watcher.doc.getText('scratch').length).toBe('from a from b '.length);
  });

  it('stores an update before relaying it: what a watcher receives is already in the log', async () => {
    const writer = await join();
    const watcher = await join();
    watcher.socket.sent.length = 0;
    writer.socket.deliver(encodeUpdate(edit(writer.doc, 'durable ')));
    await waitFor(() => expect(watcher.socket.sent).toHaveLength(1));
    const stored = await storage.loadDocument(draftId);
    const replay = new Y.Doc();
    for (const update of [stored.state!, ...stored.updates]) Y.applyUpdate(replay, update);
    expect(replay.getText('scratch').toString()).toBe('durable ');
  });

  it('closes only the connection that sent a bad frame', async () => {
    const good = await join();
    const bad = await join();
    bad.socket.deliver(Uint8Array.of(0, 2, 50));
    expect(bad.socket.closed?.code).toBe(CloseCode.MalformedMessage);
    expect(good.socket.closed).toBeNull();
    good.socket.deliver(encodeUpdate(edit(good.doc, 'still fine')));
    await waitFor(() => expect(good.socket.sent.length).toBeGreaterThan(2));
  });

  it('unloads the draft after the last connection leaves, storing first, and reloads it on the next connection', async () => {
    const writer = await join();
    writer.socket.deliver(encodeUpdate(edit(writer.doc, 'kept ')));
    writer.socket.disconnect();
    await waitFor(() => expect(registry.openCount).toBe(0));
    expect((await storage.loadDocument(draftId)).updates).toHaveLength(0);

    const next = await join();
    const step2 = decodeClientMessage(next.socket.sent[1]!);
    if (step2.kind !== 'sync-step-2') throw new Error('expected step 2');
    Y.applyUpdate(next.doc, step2.update);
    expect(next.doc.getText('scratch').toString()).toBe('kept ');
  });

  it('records when the text last changed once the typing is relayed, in a pause of the relays, and on unload', async () => {
    const writer = await join();
    const watcher = await join();
    watcher.socket.sent.length = 0;
    const typedAt = new Date().toISOString();
    writer.socket.deliver(encodeUpdate(edit(writer.doc, 'first ')));
    await waitFor(() => expect(watcher.socket.sent).toHaveLength(1));
    await waitFor(async () => expect((await storage.getDraft(draftId))!.updatedAt >= typedAt).toBe(true), {
      timeoutMs: 3000,
    });
    const firstWrite = (await storage.getDraft(draftId))!.updatedAt;

    writer.socket.deliver(encodeUpdate(edit(writer.doc, 'second ')));
    await waitFor(() => expect(watcher.socket.sent).toHaveLength(2));
    writer.socket.disconnect();
    watcher.socket.disconnect();
    await waitFor(() => expect(registry.openCount).toBe(0));
    expect((await storage.getDraft(draftId))!.updatedAt > firstWrite).toBe(true);
  });

  it('refuses an update that cannot be read: nothing applied, stored or relayed, the sender closed', async () => {
    const bad = await join();
    const watcher = await join();
    watcher.socket.sent.length = 0;
    const logBefore = (await storage.loadDocument(draftId)).updates.length;
    bad.socket.deliver(encodeUpdate(Uint8Array.of(4, 200, 200, 200, 200)));
    await waitFor(() => expect(bad.socket.closed?.code).toBe(CloseCode.InvalidUpdate));
    await new Promise((resolve) => setImmediate(resolve));
    expect(watcher.socket.sent).toEqual([]);
    expect((await storage.loadDocument(draftId)).updates).toHaveLength(logBefore);
  });

  it('stores and relays what Yjs integrated of an update cut off in its deletions, so the log always equals the document', async () => {
    const writer = await join();
    const watcher = await join();
    writer.socket.deliver(encodeUpdate(edit(writer.doc, 'hello world')));
    await waitFor(() => expect(watcher.socket.sent.length).toBeGreaterThan(2));
    const before = Y.encodeStateVector(writer.doc);
    writer.doc.transact(() => {
      writer.doc.getText('scratch').insert(0, 'NEW ');
      writer.doc.getText('scratch').delete(8, 3);
    });
    const update = Y.encodeStateAsUpdate(writer.doc, before);
    watcher.socket.sent.length = 0;
    // The insertion is whole; the deletion at the end of the update is cut short.
    writer.socket.deliver(encodeUpdate(update.slice(0, update.length - 1)));
    await waitFor(() => expect(writer.socket.closed?.code).toBe(CloseCode.InvalidUpdate));
    await waitFor(() => expect(watcher.socket.sent).toHaveLength(1));

    const relayed = decodeClientMessage(watcher.socket.sent[0]!);
    if (relayed.kind !== 'update') throw new Error('expected an update');
    const seen = new Y.Doc();
    const stored = await storage.loadDocument(draftId);
    for (const row of [stored.state!, ...stored.updates]) Y.applyUpdate(seen, row);
    expect(seen.getText('scratch').toString()).toBe('NEW hello world');
    Y.applyUpdate(watcher.doc, Y.encodeStateAsUpdate(seen));
    Y.applyUpdate(watcher.doc, relayed.update);
    expect(watcher.doc.getText('scratch').toString()).toBe('NEW hello world');
  });

  it('closes every connection and drops the document unstored when the log cannot be written; clients get the stored text back', async () => {
    let failing = false;
    let failedAppends = 0;
    const failingStorage = new Proxy(storage, {
      get(target, property, receiver) {
        if (failing && (property === 'appendUpdates' || property === 'appendUpdatesNow')) {
          return () => {
            failedAppends++;
            throw new Error('disk full');
          };
        }
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    await registry.closeAll();
    registry = new DocumentRegistry(failingStorage, logger, { compactAfterUpdates: 1000 });
    const writer = await join();
    const watcher = await join();
    writer.socket.deliver(encodeUpdate(edit(writer.doc, 'kept ')));
    await waitFor(() => expect(watcher.socket.sent.length).toBeGreaterThan(2));
    const relayedBefore = watcher.socket.sent.length;

    failing = true;
    writer.socket.deliver(encodeUpdate(edit(writer.doc, 'lost ')));
    await waitFor(() => expect(writer.socket.closed?.code).toBe(CloseCode.InternalError));
    expect(watcher.socket.closed?.code).toBe(CloseCode.InternalError);
    // Not relayed: it was never stored; and not tried again behind the failure.
    expect(watcher.socket.sent).toHaveLength(relayedBefore);
    expect(failedAppends).toBe(1);
    await waitFor(() => expect(registry.openCount).toBe(0));

    failing = false;
    const next = await join();
    const step2 = decodeClientMessage(next.socket.sent[1]!);
    if (step2.kind !== 'sync-step-2') throw new Error('expected step 2');
    Y.applyUpdate(next.doc, step2.update);
    expect(next.doc.getText('scratch').toString()).toBe('kept ');
  });

  it('with a backend that stores asynchronously, relays a change and answers a newcomer only once it is stored', async () => {
    let openGate: () => void = () => undefined;
    let gate = Promise.resolve();
    const slowStorage = new Proxy(storage, {
      get(target, property, receiver) {
        if (property === 'appendUpdatesNow') return undefined;
        if (property === 'appendUpdates') {
          return async (...args: Parameters<KyselyStorage['appendUpdates']>) => {
            await gate;
            return target.appendUpdates(...args);
          };
        }
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    await registry.closeAll();
    registry = new DocumentRegistry(slowStorage, logger, { compactAfterUpdates: 1000 });
    const newcomers: Awaited<ReturnType<typeof join>>[] = [];
    const writer = await join();
    const watcher = await join();
    watcher.socket.sent.length = 0;

    gate = new Promise((resolve) => (openGate = resolve));
    try {
      writer.socket.deliver(encodeUpdate(edit(writer.doc, 'slow ')));
      // Applied to the server's document, waiting to be stored.
      await new Promise((resolve) => setImmediate(resolve));
      const newcomer = await join();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(watcher.socket.sent).toEqual([]);
      expect(syncKinds(newcomer.socket)).toEqual(['sync-step-1']);
      newcomers.push(newcomer);
    } finally {
      openGate();
    }
    const newcomer = newcomers[0]!;
    await waitFor(() => expect(syncKinds(newcomer.socket)).toEqual(['sync-step-1', 'update', 'sync-step-2']));
    expect((await storage.loadDocument(draftId)).updates.length).toBeGreaterThan(0);
    const step2 = decodeClientMessage(newcomer.socket.sent[2]!);
    if (step2.kind !== 'sync-step-2') throw new Error('expected step 2');
    Y.applyUpdate(newcomer.doc, step2.update);
    expect(newcomer.doc.getText('scratch').toString()).toBe('slow ');
    expect(watcher.socket.sent).toHaveLength(1);
  });

  it('tells the upkeep after a flush whether elements or attributes changed: after loading yes, after typing inside a text node no', async () => {
    const writer = await join();
    inStepWithServer(writer);
    expect(upkeep).toEqual([{ structureChanged: true, changedClauseIds: [] }]);
    const send = (change: () => void): void => {
      const before = Y.encodeStateVector(writer.doc);
      writer.doc.transact(change);
      writer.socket.deliver(encodeUpdate(Y.encodeStateAsUpdate(writer.doc, before)));
    };
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

  it('relays typing in the draft as the writer sent it, stored first, and applies it after the relay or when the document is read', async () => {
    const writer = await join();
    inStepWithServer(writer);
    const watcher = await join();
    watcher.socket.sent.length = 0;
    const shared = (await registry.peek(draftId))!;
    const receivedWhenApplied: number[] = [];
    shared.doc.on('update', () => receivedWhenApplied.push(watcher.socket.sent.length));

    const update = typed(writer.doc, () => clauseText(writer.doc, 'operative', 0).insert(0, 'States '));
    writer.socket.deliver(encodeUpdate(update));
    // The flush runs on the next tick; nothing else (no timer) can run before this continues.
    await new Promise((resolve) => process.nextTick(resolve));
    expect(watcher.socket.sent).toHaveLength(1);
    const relayed = decodeClientMessage(watcher.socket.sent[0]!);
    if (relayed.kind !== 'update') throw new Error('expected an update');
    expect(Buffer.from(relayed.update).equals(Buffer.from(update))).toBe(true);
    const stored = await storage.loadDocument(draftId);
    expect(Buffer.from(stored.updates.at(-1)!).equals(Buffer.from(update))).toBe(true);
    // Relayed, not yet applied; reading the document applies it.
    expect(receivedWhenApplied).toEqual([]);
    expect(clauseText(shared.doc, 'operative', 0).toString()).toBe('States ');
    expect(receivedWhenApplied).toEqual([1]);

    // Unread, the next change is applied shortly after its relay, and its upkeep runs.
    const upkeepBefore = upkeep.length;
    writer.socket.deliver(
      encodeUpdate(typed(writer.doc, () => clauseText(writer.doc, 'operative', 0).insert(7, 'shall'))),
    );
    await waitFor(() => expect(receivedWhenApplied).toEqual([1, 2]));
    expect(upkeep).toHaveLength(upkeepBefore + 1);
    const next = await join();
    inStepWithServer(next);
    expect(clauseText(next.doc, 'operative', 0).toString()).toBe('States shall');
  });

  it('applies first an update whose earlier part has not arrived, relaying nothing until Yjs can integrate it', async () => {
    const writer = await join();
    inStepWithServer(writer);
    const watcher = await join();
    inStepWithServer(watcher);
    watcher.socket.sent.length = 0;
    const first = typed(writer.doc, () => clauseText(writer.doc, 'operative', 0).insert(0, 'first '));
    const second = typed(writer.doc, () => clauseText(writer.doc, 'operative', 0).insert(6, 'second'));

    writer.socket.deliver(encodeUpdate(second));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(watcher.socket.sent).toEqual([]);
    writer.socket.deliver(encodeUpdate(first));
    await waitFor(() => expect(watcher.socket.sent).toHaveLength(1));
    const relayed = decodeClientMessage(watcher.socket.sent[0]!);
    if (relayed.kind !== 'update') throw new Error('expected an update');
    Y.applyUpdate(watcher.doc, relayed.update);
    expect(clauseText(watcher.doc, 'operative', 0).toString()).toBe('first second');
  });

  it('never relays an update that reads but that Yjs cannot integrate; the sender is closed', async () => {
    const bad = await join();
    const watcher = await join();
    watcher.socket.sent.length = 0;
    const logBefore = (await storage.loadDocument(draftId)).updates.length;
    // One text item in Yjs's update format, placed after its own client's future (client 4210, clock 5).
    const update = Uint8Array.of(1, 1, 0xf2, 0x20, 0, 0x84, 0xf2, 0x20, 5, 1, 0x78, 0);
    expect(Y.decodeUpdate(update).structs).toHaveLength(1);
    bad.socket.deliver(encodeUpdate(update));
    await waitFor(() => expect(bad.socket.closed?.code).toBe(CloseCode.InvalidUpdate));
    await new Promise((resolve) => setImmediate(resolve));
    expect(watcher.socket.sent).toEqual([]);
    expect((await storage.loadDocument(draftId)).updates).toHaveLength(logBefore);
  });

  it('closes a connection to a missing draft with DraftNotFound', async () => {
    const socket = new MemorySocket();
    await registry.connect(new ClientConnection(socket, 'missing', logger, access('someone')));
    expect(socket.closed?.code).toBe(CloseCode.DraftNotFound);
    expect(socket.sent).toHaveLength(0);
  });
});
