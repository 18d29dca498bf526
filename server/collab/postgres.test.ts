import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as decoding from 'lib0/decoding';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { CollabEvent } from '../../shared/collab';
import { ACCORD_EVENT_MESSAGE } from '../../shared/collab';
import { RefusalCode } from '../../shared/closeCodes';
import { SQLITE_FILE } from '../storage/openSqliteStorage';
import type { CollabClient } from '../testing/collabClient';
import { clauseElement, clauseText, connectClient } from '../testing/collabClient';
import type { TestDatabase } from '../testing/postgresDatabase';
import { createTestDatabase, holdDocumentLog, onServer } from '../testing/postgresDatabase';
import { DEMO, callApi, signIn } from '../testing/session';
import type { SpawnedServer } from '../testing/spawnServer';
import { spawnServer } from '../testing/spawnServer';
import { startTestServer } from '../testing/startTestServer';
import { waitFor } from '../testing/waitFor';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** This file's databases, one per test, dropped at its end. */
const databases: TestDatabase[] = [];
afterAll(async () => {
  await Promise.all(databases.splice(0).map((database) => database.drop()));
});

async function freshDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  databases.push(database);
  return database;
}

function track(server: SpawnedServer): SpawnedServer {
  cleanups.push(() => {
    if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
  });
  return server;
}

/** A real WebsocketProvider, with the Accord events (refusals, storage news) it is sent. */
function connect(collabUrl: string, draftId: string, token: string): CollabClient & { events: CollabEvent[] } {
  const client = connectClient(collabUrl, draftId, { token });
  const events: CollabEvent[] = [];
  client.provider.messageHandlers[ACCORD_EVENT_MESSAGE] = (_encoder, decoder) => {
    events.push(JSON.parse(decoding.readVarString(decoder)) as CollabEvent);
  };
  cleanups.push(() => client.destroy());
  return { ...client, events };
}

const collabUrlOf = (url: string) => `${url.replace(/^http/, 'ws')}/collab`;

describe('Accord on PostgreSQL (DATABASE_URL)', () => {
  it('keeps the text, comments and versions in the database across a restart, and loses nothing a client saw to SIGKILL', async () => {
    const database = await freshDatabase();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-pg-'));
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const env = { DATABASE_URL: database.url, DATA_DIR: dataDir };
    const first = track(await spawnServer(env));
    const chair = await signIn(first.url, DEMO.chair);
    const valdoria = await signIn(first.url, DEMO.valdoria);
    const draftId = ((await valdoria.api('/api/drafts')).body.drafts as { id: string }[])[0]!.id;

    const writer = connect(collabUrlOf(first.url), draftId, valdoria.token);
    const watcher = connect(collabUrlOf(first.url), draftId, chair.token);
    await Promise.all([writer.synced(), watcher.synced()]);
    const original = clauseText(writer.doc, 'operative', 3).toString();
    clauseText(writer.doc, 'operative', 3).insert(original.length, ' typed:');
    await waitFor(() => expect(clauseText(watcher.doc, 'operative', 3).toString()).toBe(`${original} typed:`));

    const clauseId = String(clauseElement(writer.doc, 'operative', 3).getAttribute('id'));
    const comment = await valdoria.api(`/api/drafts/${draftId}/comments`, {
      method: 'POST',
      json: { body: 'Kept in PostgreSQL.', anchor: { clauseId } },
    });
    expect(comment.status).toBe(201);
    const version = await chair.api(`/api/drafts/${draftId}/versions`, { method: 'POST', json: { label: 'Rev.PG' } });
    expect(version.status).toBe(201);

    // The writer types without pause, three keystrokes per timer tick, until the server is killed.
    let typed = 0;
    const typing = setInterval(() => {
      const text = clauseText(writer.doc, 'operative', 3);
      for (let i = 0; i < 3; i++) text.insert(text.length, String.fromCharCode(97 + (typed++ % 26)));
    }, 1);
    cleanups.push(() => clearInterval(typing));
    const watched = (): string => clauseText(watcher.doc, 'operative', 3).toString();
    await waitFor(() => expect(watched().length).toBeGreaterThan(original.length + 300), { timeoutMs: 20_000 });
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    clearInterval(typing);
    watcher.provider.disconnect();
    writer.provider.disconnect();
    const seen = Y.encodeStateAsUpdate(watcher.doc);
    const seenText = watched();

    const second = track(await spawnServer(env));
    const fresh = connect(collabUrlOf(second.url), draftId, valdoria.token);
    await fresh.synced();
    // Every struct the watcher had received is in the restarted server's text: applying it changes nothing.
    const before = Y.encodeStateVector(fresh.doc);
    const probe = new Y.Doc();
    Y.applyUpdate(probe, Y.encodeStateAsUpdate(fresh.doc));
    Y.applyUpdate(probe, seen);
    expect(Y.encodeStateVector(probe)).toEqual(before);
    expect(clauseText(fresh.doc, 'operative', 3).toString().startsWith(seenText)).toBe(true);
    // Sessions, comments and versions are rows of the same database.
    const comments = await callApi(second.url, valdoria.token, `/api/drafts/${draftId}/comments`);
    expect((comments.body.comments as { body: string }[]).map((c) => c.body)).toContain('Kept in PostgreSQL.');
    const versions = await callApi(second.url, chair.token, `/api/drafts/${draftId}/versions`);
    expect((versions.body.versions as { label: string }[]).map((v) => v.label)).toContain('Rev.PG');
    // Nothing was written beside DATA_DIR's SQLite file.
    expect(fs.existsSync(path.join(dataDir, SQLITE_FILE))).toBe(false);

    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  }, 90_000);

  it('relays a change only once it is committed, and refuses changes while the database cannot be reached', async () => {
    const database = await freshDatabase();
    const s = await startTestServer({ databaseUrl: database.url });
    cleanups.push(() => s.close());
    const chair = await signIn(s.url, DEMO.chair);
    const valdoria = await signIn(s.url, DEMO.valdoria);
    const draftId = ((await valdoria.api('/api/drafts')).body.drafts as { id: string }[])[0]!.id;
    const writer = connect(s.collabUrl, draftId, valdoria.token);
    const watcher = connect(s.collabUrl, draftId, chair.token);
    await Promise.all([writer.synced(), watcher.synced()]);
    // Another session holds the log: the server's insert waits on it, and the watcher hears nothing meanwhile.
    const held = await holdDocumentLog(database);
    cleanups.push(() => held.release());
    const rowsBefore = await held.rows();
    clauseText(writer.doc, 'operative', 3).insert(0, 'Held back. ');
    await held.untilAnInsertWaits();
    const heard = (): string => clauseText(watcher.doc, 'operative', 3).toString();
    expect(heard()).not.toMatch(/Held back/);
    // The moment the watcher receives it, the row is committed.
    const rowsWhenHeard = new Promise<number>((resolve) =>
      watcher.doc.on('update', () => {
        if (heard().startsWith('Held back. ')) resolve(held.rows());
      }),
    );
    await held.release();
    expect(await rowsWhenHeard).toBeGreaterThan(rowsBefore);

    // The database stops accepting connections: the change is refused, and health says why.
    await onServer(`alter database ${database.name} allow_connections false`);
    await onServer(`select pg_terminate_backend(pid) from pg_stat_activity where datname = '${database.name}'`);
    clauseText(writer.doc, 'operative', 3).insert(0, 'Lost. ');
    await waitFor(() => expect(writer.events.map((event) => event.type)).toContain('storage-unavailable'));
    expect(writer.events).toContainEqual(
      expect.objectContaining({ type: 'edit-refused', code: RefusalCode.StorageUnavailable }),
    );
    const failing = await callApi(s.url, undefined, '/api/health');
    expect(failing.status).toBe(503);
    expect((failing.body.failing as { database: { code: string } }).database.code).toBe('DATABASE_UNREACHABLE');
    const comment = await valdoria.api(`/api/drafts/${draftId}/comments`, {
      method: 'POST',
      json: { body: 'Not now.', anchor: { clauseId: 'any' } },
    });
    expect([comment.status, comment.body.error]).toEqual([503, 'storage_unavailable']);

    await onServer(`alter database ${database.name} allow_connections true`);
    expect((await callApi(s.url, undefined, '/api/health')).status).toBe(200);
    await waitFor(() => expect(watcher.events.map((event) => event.type)).toContain('storage-restored'));
    expect(heard()).not.toMatch(/Lost/);
  }, 60_000);
});
