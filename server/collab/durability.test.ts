import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { CollabClient } from '../testing/collabClient';
import { clauseText, connectClient } from '../testing/collabClient';
import type { SpawnedServer } from '../testing/spawnServer';
import { spawnServer } from '../testing/spawnServer';
import { DEMO, callApi, signIn } from '../testing/session';
import { waitFor } from '../testing/waitFor';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function track(server: SpawnedServer): SpawnedServer {
  cleanups.push(() => {
    if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
  });
  return server;
}

function track2(client: CollabClient): CollabClient {
  cleanups.push(() => client.destroy());
  return client;
}

describe('durability', () => {
  it('after SIGKILL mid-typing, a restarted server has every character a watching client had received', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-kill-'));
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const first = track(await spawnServer({ DATA_DIR: dataDir }));
    const { token } = await signIn(first.url, DEMO.valdoria);
    const drafts = await callApi(first.url, token, '/api/drafts');
    const draftId = (drafts.body.drafts as { id: string }[])[0]!.id;
    const collabUrl = `${first.url.replace(/^http/, 'ws')}/collab`;

    const writer = track2(connectClient(collabUrl, draftId, { token }));
    const watcher = track2(connectClient(collabUrl, draftId, { token }));
    await Promise.all([writer.synced(), watcher.synced()]);
    const marker = ' typed:';
    const original = clauseText(writer.doc, 'operative', 3).toString();
    clauseText(writer.doc, 'operative', 3).insert(original.length, marker);

    // The writer types at the end of the clause without pause, three keystrokes per timer tick.
    let typed = 0;
    const typing = setInterval(() => {
      const text = clauseText(writer.doc, 'operative', 3);
      for (let i = 0; i < 3; i++) text.insert(text.length, String.fromCharCode(97 + (typed++ % 26)));
    }, 1);
    cleanups.push(() => clearInterval(typing));

    const watched = (): string => clauseText(watcher.doc, 'operative', 3).toString();
    await waitFor(() => expect(watched().length).toBeGreaterThan(original.length + marker.length + 300), {
      timeoutMs: 20_000,
    });

    first.child.kill('SIGKILL');
    const exit = await first.exited;
    expect(exit.signal).toBe('SIGKILL');
    clearInterval(typing);
    // What the watcher holds now is exactly what it had received when the server died.
    watcher.provider.disconnect();
    writer.provider.disconnect();
    const seen = Y.encodeStateAsUpdate(watcher.doc);
    const seenText = watched();
    expect(seenText.startsWith(original + marker)).toBe(true);

    const second = track(await spawnServer({ DATA_DIR: dataDir }));
    const fresh = track2(connectClient(`${second.url.replace(/^http/, 'ws')}/collab`, draftId, { token }));
    await fresh.synced();
    // Every struct the watcher had is in the restarted server's text: applying it changes nothing.
    const before = Y.encodeStateVector(fresh.doc);
    const probe = new Y.Doc();
    Y.applyUpdate(probe, Y.encodeStateAsUpdate(fresh.doc));
    Y.applyUpdate(probe, seen);
    expect(Y.encodeStateVector(probe)).toEqual(before);
    expect(clauseText(fresh.doc, 'operative', 3).toString().startsWith(seenText)).toBe(true);

    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  });
});
