import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode, RefusalCode } from '../../shared/closeCodes';
import { ACCORD_EVENT_MESSAGE, type CollabEvent } from '../../shared/collab';
import type { Role } from '../../shared/roles';
import { DraftService } from '../drafts/DraftService';
import type { KyselyStorage } from '../storage/KyselyStorage';
import { openSqliteStorage } from '../storage/openSqliteStorage';
import { clauseText, documentString, insertClause } from '../testing/collabClient';
import { testAccess } from '../testing/connectionAccess';
import { MemorySocket } from '../testing/MemorySocket';
import { changeOf, storedDoc } from '../testing/storedText';
import { waitFor } from '../testing/waitFor';
import { ClientConnection } from './ClientConnection';
import { decodeClientMessage, decodeCollabEvent, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from './codec';
import { DocumentRegistry } from './DocumentRegistry';

/*
 * Frames that reach the server while a draft is still loading wait in their connection until it
 * is loaded (`ClientConnection`). A raw client can send its whole conversation in that moment:
 * what it sends is judged then exactly as it would be afterwards.
 */

const logger = pino({ level: 'silent' });
let dir: string;
let storage: KyselyStorage;
let draftId: string;
/** Releases the draft's load, which waits for it; a new one for each test. */
let releaseLoad: () => void;
let registry: DocumentRegistry;
let users = 0;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-before-load-'));
  storage = await openSqliteStorage(dir);
  const setup = new DocumentRegistry(storage, logger, { compactAfterUpdates: 1000 });
  draftId = (await new DraftService(storage, setup, logger).create('Loading draft')).id;
  await setup.closeAll();
  // An agreed clause first, then the open one of the blank draft.
  const agreed = changeOf(storedDoc(await storage.loadDocument(draftId)), (copy) =>
    insertClause(copy, 'operative', 0, { id: 'agreed-1', text: 'Agreed words.', status: 'agreed' }),
  );
  await storage.appendUpdates(draftId, [{ data: agreed, authorId: null }], new Date());

  const loaded = new Promise<void>((resolve) => (releaseLoad = resolve));
  const held = new Proxy(storage, {
    get(target, property, receiver) {
      if (property === 'loadDocument') {
        return async (...args: Parameters<KyselyStorage['loadDocument']>) => {
          await loaded;
          return target.loadDocument(...args);
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  registry = new DocumentRegistry(held, logger, { compactAfterUpdates: 1000 });
});
afterEach(async () => {
  releaseLoad();
  await registry.closeAll();
  await storage.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * A raw client with a copy of the stored text that connects while the draft is loading and, before
 * it is loaded, sends its sync step 1, its step 2 (all it holds) and then `edit` made to its copy.
 */
async function sendsWhileLoading(role: Role, edit: (doc: Y.Doc) => void) {
  const doc = storedDoc(await storage.loadDocument(draftId));
  const socket = new MemorySocket();
  const connection = new ClientConnection(socket, draftId, logger, testAccess(`user-${++users}`, role));
  const connecting = registry.connect(connection);
  socket.deliver(encodeSyncStep1(Y.encodeStateVector(doc)));
  socket.deliver(encodeSyncStep2(Y.encodeStateAsUpdate(doc)));
  const before = Y.encodeStateVector(doc);
  edit(doc);
  socket.deliver(encodeUpdate(Y.encodeStateAsUpdate(doc, before)));
  return { socket, connection, connecting };
}

function eventsOf(socket: MemorySocket): CollabEvent[] {
  return socket.sent.map(decodeCollabEvent).filter((event) => event !== null);
}

/** The draft as a newcomer is sent it once it is loaded. */
async function newcomersCopy(): Promise<Y.Doc> {
  const socket = new MemorySocket();
  const connection = new ClientConnection(socket, draftId, logger, testAccess(`user-${++users}`, 'observer'));
  socket.deliver(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
  await registry.connect(connection);
  const doc = new Y.Doc();
  for (const frame of socket.sent) {
    if (frame[0] === ACCORD_EVENT_MESSAGE) continue;
    const message = decodeClientMessage(frame);
    if (message.kind === 'sync-step-2' || message.kind === 'update') Y.applyUpdate(doc, message.update);
  }
  return doc;
}

describe('frames sent while the draft loads', () => {
  it('are judged once it is loaded: an observer writing and a delegate changing an agreed clause are refused, an honest edit kept', async () => {
    const stored = documentString(storedDoc(await storage.loadDocument(draftId)));
    const observer = await sendsWhileLoading('observer', (doc) =>
      clauseText(doc, 'operative', 1).insert(0, 'OBSERVER WAS HERE '),
    );
    const rewriter = await sendsWhileLoading('delegate', (doc) =>
      clauseText(doc, 'operative', 0).insert(0, 'NOT AGREED '),
    );
    const delegate = await sendsWhileLoading('delegate', (doc) =>
      clauseText(doc, 'operative', 1).insert(0, 'Honest words. '),
    );
    // Nothing has been answered yet: the draft is not loaded.
    await new Promise((resolve) => setImmediate(resolve));
    for (const client of [observer, rewriter, delegate]) expect(client.socket.sent).toEqual([]);

    releaseLoad();
    await Promise.all([observer.connecting, rewriter.connecting, delegate.connecting]);
    // Changes are taken in at the next flush, a turn later.
    await waitFor(() => {
      expect(eventsOf(observer.socket)).toMatchObject([{ type: 'edit-refused', code: RefusalCode.NotAllowed }]);
      expect(eventsOf(rewriter.socket)).toMatchObject([{ type: 'edit-refused', code: RefusalCode.AgreedClause }]);
    });
    await waitFor(async () => expect(documentString(await newcomersCopy())).toContain('Honest words. '));
    expect(eventsOf(delegate.socket)).toEqual([]);
    // Refused, they stay connected, read-only as before.
    for (const client of [observer, rewriter, delegate]) expect(client.connection.isClosed).toBe(false);

    expect(stored).not.toContain('Honest words.');
    for (const copy of [await newcomersCopy(), storedDoc(await storage.loadDocument(draftId))]) {
      const text = documentString(copy);
      expect(text).toContain('Honest words. ');
      expect(text).not.toContain('OBSERVER WAS HERE');
      expect(text).not.toContain('NOT AGREED');
      expect(clauseText(copy, 'operative', 0).toString()).toBe('Agreed words.');
    }
  });

  it('closes a connection that sends more than a thousand frames before the draft is loaded, and stores none of them', async () => {
    const doc = storedDoc(await storage.loadDocument(draftId));
    const socket = new MemorySocket();
    const connection = new ClientConnection(socket, draftId, logger, testAccess(`user-${++users}`, 'delegate'));
    const connecting = registry.connect(connection);
    socket.deliver(encodeSyncStep1(Y.encodeStateVector(doc)));
    for (let i = 0; i < 1000; i++) {
      const before = Y.encodeStateVector(doc);
      clauseText(doc, 'operative', 1).insert(0, 'x');
      socket.deliver(encodeUpdate(Y.encodeStateAsUpdate(doc, before)));
    }
    expect(socket.closed).toEqual({
      code: CloseCode.MalformedMessage,
      reason: 'too many messages before the draft loaded',
    });
    const storedUpdates = (await storage.loadDocument(draftId)).updates.length;
    releaseLoad();
    await connecting;
    expect(connection.isClosed).toBe(true);
    expect((await storage.loadDocument(draftId)).updates).toHaveLength(storedUpdates);
    expect(documentString(await newcomersCopy())).not.toContain('xxx');
  });
});
