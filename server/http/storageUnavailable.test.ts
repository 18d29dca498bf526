import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it } from 'vitest';
import { RefusalCode } from '../../shared/closeCodes';
import type { CollabEvent } from '../../shared/collab';
import { ACCORD_EVENT_MESSAGE } from '../../shared/collab';
import { readDocumentTitle } from '../drafts/documentTitle';
import { DEMO_PASSWORD } from '../demo/demoPeople';
import { STORAGE_UNAVAILABLE_MESSAGE } from '../errors';
import type { CollabClient } from '../testing/collabClient';
import { clauseText, connectClient, documentString } from '../testing/collabClient';
import type { TestSession } from '../testing/session';
import { DEMO, callApi, signIn } from '../testing/session';
import type { TestServer } from '../testing/startTestServer';
import { startTestServer } from '../testing/startTestServer';
import { failStorageWrites } from '../testing/storageFaults';
import { waitFor } from '../testing/waitFor';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function server(dataDir: string): Promise<TestServer> {
  const s = await startTestServer({ dataDir });
  cleanups.push(() => s.close());
  return s;
}

/** A real WebsocketProvider as `session`, with the Accord events it is sent. */
function connect(s: TestServer, draftId: string, session: TestSession): CollabClient & { events: CollabEvent[] } {
  const client = connectClient(s.collabUrl, draftId, { token: session.token });
  const events: CollabEvent[] = [];
  client.provider.messageHandlers[ACCORD_EVENT_MESSAGE] = (_encoder, decoder) => {
    events.push(JSON.parse(decoding.readVarString(decoder)) as CollabEvent);
  };
  cleanups.push(() => client.destroy());
  return { ...client, events };
}

const unavailable = { error: 'storage_unavailable', message: STORAGE_UNAVAILABLE_MESSAGE };

describe('when the database cannot be written (a full disk)', () => {
  it('answers 503 storage_unavailable, refuses and announces edits, changes nothing, and works again once there is room', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-full-'));
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const s = await server(dataDir);
    const chair = await signIn(s.url, DEMO.chair);
    const valdoria = await signIn(s.url, DEMO.valdoria);
    const norland = await signIn(s.url, DEMO.norland);
    const draftId = ((await chair.api('/api/drafts')).body.drafts as { id: string }[])[0]!.id;
    const typist = connect(s, draftId, valdoria);
    const watcher = connect(s, draftId, norland);
    await Promise.all([typist.synced(), watcher.synced()]);
    clauseText(typist.doc, 'operative', 1).insert(0, 'Kept. ');
    await waitFor(() => expect(clauseText(watcher.doc, 'operative', 1).toString()).toMatch(/^Kept\. /));
    const title = readDocumentTitle(watcher.doc);
    const live = async () => (await s.registry.peek(draftId))!.doc;

    const fault = failStorageWrites(s.storage);
    const rename = await chair.api(`/api/drafts/${draftId}`, {
      method: 'PATCH',
      json: { title: 'Renamed while full' },
    });
    expect([rename.status, rename.body]).toEqual([503, unavailable]);
    const version = await chair.api(`/api/drafts/${draftId}/versions`, { method: 'POST', json: { label: 'Rev.9' } });
    expect([version.status, version.body]).toEqual([503, unavailable]);
    const token = await chair.api('/api/auth/tokens', { method: 'POST', json: { name: 'script' } });
    expect([token.status, token.body]).toEqual([503, unavailable]);
    const draft = await chair.api('/api/drafts', { method: 'POST', json: { title: 'New draft' } });
    expect([draft.status, draft.body]).toEqual([503, unavailable]);
    const login = await callApi(s.url, undefined, '/api/auth/login', {
      method: 'POST',
      json: { email: DEMO.meridia, password: DEMO_PASSWORD },
    });
    expect([login.status, login.body]).toEqual([503, unavailable]);
    const health = await callApi(s.url, undefined, '/api/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'failing', failing: { database: { code: 'SQLITE_FULL' } } });

    clauseText(typist.doc, 'operative', 1).insert(0, 'Lost. ');
    await waitFor(() =>
      expect(typist.events).toContainEqual(
        expect.objectContaining({ type: 'edit-refused', code: RefusalCode.StorageUnavailable }),
      ),
    );
    await waitFor(() => expect(watcher.events).toContainEqual({ type: 'storage-unavailable' }));
    expect(clauseText(await live(), 'operative', 1).toString()).toMatch(/^Kept\. /);
    expect(readDocumentTitle(await live())).toBe(title);
    // Reads still work, and show nothing of what failed.
    expect((await chair.api(`/api/drafts/${draftId}`)).body.draft).toMatchObject({ title });

    fault.restore();
    expect(await callApi(s.url, undefined, '/api/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
    await waitFor(() => expect(watcher.events).toContainEqual({ type: 'storage-restored' }));
    expect((await chair.api(`/api/drafts/${draftId}`)).body.draft).toMatchObject({ title });
    expect(readDocumentTitle(await live())).toBe(title);

    // The refused editor starts afresh from the server's text, as the browser does; then both edit.
    typist.destroy();
    const again = connect(s, draftId, valdoria);
    await again.synced();
    expect(clauseText(again.doc, 'operative', 1).toString()).toMatch(/^Kept\. /);
    clauseText(again.doc, 'operative', 1).insert(0, 'From Valdoria. ');
    await waitFor(() => expect(clauseText(watcher.doc, 'operative', 1).toString()).toMatch(/^From Valdoria\. Kept\. /));
    clauseText(watcher.doc, 'operative', 1).insert(0, 'From Norland. ');
    await waitFor(() =>
      expect(clauseText(again.doc, 'operative', 1).toString()).toMatch(/^From Norland\. From Valdoria\. Kept\. /),
    );
    const renamed = await chair.api(`/api/drafts/${draftId}`, { method: 'PATCH', json: { title: 'Renamed after' } });
    expect(renamed.status).toBe(200);
    await waitFor(() => expect(readDocumentTitle(watcher.doc)).toBe('Renamed after'));
    const expected = documentString(watcher.doc);

    await s.close();
    const restarted = await server(dataDir);
    const reader = connect(restarted, draftId, await signIn(restarted.url, DEMO.norland));
    await reader.synced();
    expect(documentString(reader.doc)).toBe(expected);
    expect(documentString(reader.doc)).not.toContain('Lost.');
    expect(readDocumentTitle(reader.doc)).toBe('Renamed after');
    const stored = await callApi(
      restarted.url,
      (await signIn(restarted.url, DEMO.chair)).token,
      `/api/drafts/${draftId}`,
    );
    expect(stored.body.draft).toMatchObject({ title: 'Renamed after' });
  });

  it('stores a new draft with its chair or not at all, when the disk fills between the two', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-full-'));
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const s = await server(dataDir);
    const chair = await signIn(s.url, DEMO.chair);
    const fault = failStorageWrites(s.storage, { tables: ['memberships'] });
    const created = await chair.api('/api/drafts', { method: 'POST', json: { title: 'Half-made draft' } });
    expect([created.status, created.body]).toEqual([503, unavailable]);
    fault.restore();
    // No draft without a chair left behind, in anyone's list or in the store.
    expect((await s.storage.listDrafts({ archived: false })).map((draft) => draft.title)).not.toContain(
      'Half-made draft',
    );
    const again = await chair.api('/api/drafts', { method: 'POST', json: { title: 'Half-made draft' } });
    expect(again.status).toBe(201);
    const mine = (await chair.api('/api/drafts')).body.drafts as { title: string; role: string }[];
    expect(mine.filter((draft) => draft.title === 'Half-made draft')).toEqual([
      expect.objectContaining({ role: 'chair' }),
    ]);
  });

  it('keeps a stored change and says so when only its audit entry cannot be written', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-full-'));
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const s = await server(dataDir);
    const chair = await signIn(s.url, DEMO.chair);
    const draftId = ((await chair.api('/api/drafts')).body.drafts as { id: string }[])[0]!.id;
    const fault = failStorageWrites(s.storage, { tables: ['audit_log'] });
    const rename = await chair.api(`/api/drafts/${draftId}`, {
      method: 'PATCH',
      json: { title: 'Renamed, unaudited' },
    });
    fault.restore();
    // Not 503 "nothing was changed": the rename was stored.
    expect(rename.status).toBe(200);
    expect((await s.storage.getDraft(draftId))?.title).toBe('Renamed, unaudited');
    expect((await chair.api(`/api/drafts/${draftId}/outline`)).body).toMatchObject({ title: 'Renamed, unaudited' });
  });
});
