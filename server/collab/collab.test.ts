import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/closeCodes';
import { SQLITE_FILE } from '../storage/openSqliteStorage';
import type { CollabClient, SocketClass } from '../testing/collabClient';
import { caretAt, clauseText, connectClient, documentString } from '../testing/collabClient';
import type { TestServer } from '../testing/startTestServer';
import { startTestServer } from '../testing/startTestServer';
import { DEMO, callApi, signIn } from '../testing/session';
import { waitFor } from '../testing/waitFor';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function server(overrides: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const s = await startTestServer(overrides);
  cleanups.push(() => s.close());
  return s;
}

/** A delegate's token per server, signed in once. */
const tokens = new WeakMap<TestServer, string>();

async function tokenFor(s: TestServer): Promise<string> {
  let token = tokens.get(s);
  if (!token) {
    token = (await signIn(s.url, DEMO.valdoria)).token;
    tokens.set(s, token);
  }
  return token;
}

function client(s: TestServer, draftId: string): CollabClient {
  const token = tokens.get(s);
  if (!token) throw new Error('sign in (demoDraftId) before connecting');
  const c = connectClient(s.collabUrl, draftId, { token });
  cleanups.push(() => c.destroy());
  return c;
}

async function demoDraftId(s: TestServer): Promise<string> {
  const response = await callApi(s.url, await tokenFor(s), '/api/drafts');
  return (response.body.drafts as { id: string }[])[0]!.id;
}

/** Opens a raw socket and resolves with the close code the server sends. */
function closeCodeOf(url: string, send?: (ws: WebSocket) => void): Promise<{ code: number; received: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    let received = 0;
    ws.on('message', () => received++);
    ws.on('open', () => send?.(ws));
    ws.on('close', (code) => resolve({ code, received }));
    ws.on('error', reject);
  });
}

/** A socket class for the provider that keeps the payload of every Yjs update message (sync type 2) it receives. */
function recordingUpdates(received: Uint8Array[]): SocketClass {
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      this.on('message', (data: Buffer | ArrayBuffer) => {
        const decoder = decoding.createDecoder(new Uint8Array(data));
        if (decoding.readVarUint(decoder) !== 0 || decoding.readVarUint(decoder) !== 2) return;
        received.push(decoding.readVarUint8Array(decoder));
      });
    }
  };
}

describe('live co-drafting over the collab websocket', () => {
  it("relays a typist's change to everyone else, and not back to the typist", async () => {
    const s = await server();
    const draftId = await demoDraftId(s);
    const receivedByA: Uint8Array[] = [];
    const a = connectClient(s.collabUrl, draftId, { token: await tokenFor(s), socket: recordingUpdates(receivedByA) });
    cleanups.push(() => a.destroy());
    const b = client(s, draftId);
    await Promise.all([a.synced(), b.synced()]);

    clauseText(a.doc, 'operative', 1).insert(0, 'From A. ');
    await waitFor(() => expect(clauseText(b.doc, 'operative', 1).toString()).toMatch(/^From A\. /));
    // Had A's change come back to A, it would have come before B's, sent after B had A's.
    clauseText(b.doc, 'operative', 1).insert(0, 'From B. ');
    await waitFor(() => expect(clauseText(a.doc, 'operative', 1).toString()).toMatch(/^From B\. From A\. /));

    const writers = receivedByA.flatMap((update) => Y.decodeUpdate(update).structs.map((struct) => struct.id.client));
    expect(writers).toContain(b.doc.clientID);
    expect(writers).not.toContain(a.doc.clientID);
  });

  it('two clients editing the same paragraph at once converge, and a later client receives the whole text', async () => {
    const s = await server();
    const draftId = await demoDraftId(s);
    const a = client(s, draftId);
    const b = client(s, draftId);
    await Promise.all([a.synced(), b.synced()]);
    const original = clauseText(a.doc, 'operative', 1).toString();

    // Both type into the same paragraph in the same tick, at different and at equal offsets.
    clauseText(a.doc, 'operative', 1).insert(0, 'Alpha ');
    clauseText(b.doc, 'operative', 1).insert(0, 'Bravo ');
    clauseText(a.doc, 'operative', 1).insert(10, '[a]');
    clauseText(b.doc, 'operative', 1).insert(original.length + 6, ' [b-end]');

    await waitFor(() => expect(documentString(a.doc)).toBe(documentString(b.doc)));
    const merged = clauseText(a.doc, 'operative', 1).toString();
    expect(merged).toContain('Alpha ');
    expect(merged).toContain('Bravo ');
    expect(merged).toContain('[a]');
    expect(merged).toContain('[b-end]');

    const late = client(s, draftId);
    await late.synced();
    await waitFor(() => expect(documentString(late.doc)).toBe(documentString(a.doc)));
  });

  it('keeps the text across a restart of the server', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-restart-'));
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const first = await startTestServer({ dataDir });
    const draftId = await demoDraftId(first);
    const token = await tokenFor(first);
    const writer = connectClient(first.collabUrl, draftId, { token });
    await writer.synced();
    clauseText(writer.doc, 'preamble', 3).insert(0, 'Restart-proof words. ');
    const expected = documentString(writer.doc);
    await waitFor(async () => {
      const watcher = connectClient(first.collabUrl, draftId, { token });
      try {
        await watcher.synced();
        expect(documentString(watcher.doc)).toBe(expected);
      } finally {
        watcher.destroy();
      }
    });
    writer.destroy();
    await first.close();

    const second = await server({ dataDir });
    await tokenFor(second);
    const reader = client(second, draftId);
    await reader.synced();
    expect(documentString(reader.doc)).toBe(expected);
  });

  it('compaction merges the log into one state row and keeps the text', async () => {
    const s = await server({ compactAfterUpdates: 20 });
    const draftId = await demoDraftId(s);
    const writer = client(s, draftId);
    await writer.synced();
    const query = <T>(sql: string): T => {
      const db = new SQLite(path.join(s.dataDir, SQLITE_FILE), { readonly: true });
      try {
        return db.prepare(sql).get(draftId) as T;
      } finally {
        db.close();
      }
    };
    const logRows = (): number =>
      query<{ n: number }>('select count(*) as n from document_updates where draft_id = ?').n;
    const compactedUpTo = (): number =>
      query<{ s: number }>('select up_to_seq as s from document_states where draft_id = ?').s;
    // 60 keystrokes, each relayed before the next, so each is its own log row until compaction.
    const watcher = client(s, draftId);
    await watcher.synced();
    for (let i = 0; i < 60; i++) {
      clauseText(writer.doc, 'operative', 2).insert(0, 'x');
      await waitFor(() => expect(documentString(watcher.doc)).toBe(documentString(writer.doc)));
    }
    const expected = documentString(writer.doc);
    // Sixty rows were written; compaction folded at least forty of them into the state row.
    await waitFor(() => expect(compactedUpTo()).toBeGreaterThanOrEqual(40));
    expect(logRows()).toBeLessThan(20);
    // Closing the last client unloads the draft, which compacts what is left.
    writer.destroy();
    watcher.destroy();
    await waitFor(() => expect(s.registry.openCount).toBe(0));
    expect(logRows()).toBe(0);

    const reader = client(s, draftId);
    await reader.synced();
    expect(documentString(reader.doc)).toBe(expected);
  });

  it('closes a connection to a draft that does not exist with DraftNotFound, and the server carries on', async () => {
    const s = await server();
    const token = await tokenFor(s);
    expect((await closeCodeOf(`${s.collabUrl}/doesNotExist?token=${token}`)).code).toBe(CloseCode.DraftNotFound);
    expect((await closeCodeOf(`${s.collabUrl}/bad%20id!?token=${token}`)).code).toBe(CloseCode.DraftNotFound);
    expect((await fetch(`${s.url}/api/health`)).status).toBe(200);
  });

  it('closes only the offending connection on bad frames, with a named code per kind of fault', async () => {
    const s = await server({ maxMessageBytes: 64 * 1024 });
    const draftId = await demoDraftId(s);
    const watcher = client(s, draftId);
    await watcher.synced();
    const url = `${s.collabUrl}/${draftId}?token=${await tokenFor(s)}`;

    expect((await closeCodeOf(url, (ws) => ws.send(Uint8Array.of(9, 0)))).code).toBe(CloseCode.UnknownMessageType);
    expect((await closeCodeOf(url, (ws) => ws.send(Uint8Array.of(0, 7, 0)))).code).toBe(CloseCode.UnknownMessageType);
    // A sync update whose length prefix promises 100 bytes but carries 2.
    expect((await closeCodeOf(url, (ws) => ws.send(Uint8Array.of(0, 2, 100, 1, 2)))).code).toBe(
      CloseCode.MalformedMessage,
    );
    // Trailing bytes after a complete query-awareness message.
    expect((await closeCodeOf(url, (ws) => ws.send(Uint8Array.of(3, 3, 3)))).code).toBe(CloseCode.MalformedMessage);
    // A well-framed update that is not a Yjs update.
    expect((await closeCodeOf(url, (ws) => ws.send(Uint8Array.of(0, 2, 4, 200, 200, 200, 200)))).code).toBe(
      CloseCode.InvalidUpdate,
    );
    expect((await closeCodeOf(url, (ws) => ws.send('hello'))).code).toBe(CloseCode.UnsupportedData);
    expect((await closeCodeOf(url, (ws) => ws.send(new Uint8Array(65 * 1024)))).code).toBe(CloseCode.MessageTooBig);

    // The watcher was never disturbed and still syncs with a fresh client.
    expect(watcher.provider.wsconnected).toBe(true);
    const other = client(s, draftId);
    await other.synced();
    clauseText(other.doc, 'operative', 1).insert(0, 'Still editing. ');
    await waitFor(() => expect(clauseText(watcher.doc, 'operative', 1).toString()).toMatch(/^Still editing\. /));
  });

  it('relays presence (awareness) between clients and removes it when a client leaves', async () => {
    const s = await server();
    const draftId = await demoDraftId(s);
    const a = client(s, draftId);
    const b = client(s, draftId);
    await Promise.all([a.synced(), b.synced()]);
    const caret = caretAt(clauseText(a.doc, 'operative', 1), 1);
    a.provider.awareness.setLocalStateField('cursor', caret);
    await waitFor(() =>
      expect(b.provider.awareness.getStates().get(a.doc.clientID)).toMatchObject({
        cursor: caret,
        user: { name: 'Lena Varga' },
      }),
    );
    a.provider.disconnect();
    await waitFor(() => expect(b.provider.awareness.getStates().has(a.doc.clientID)).toBe(false));
  });
});
