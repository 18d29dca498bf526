import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RefusalCode } from '../../shared/closeCodes';
import type { CollabClient } from '../testing/collabClient';
import { clauseText, connectClient, documentString } from '../testing/collabClient';
import { RawCollabClient } from '../testing/RawCollabClient';
import type { TestSession } from '../testing/session';
import { DEMO, signIn } from '../testing/session';
import type { TestServer } from '../testing/startTestServer';
import { startTestServer } from '../testing/startTestServer';
import { waitFor } from '../testing/waitFor';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(dataDir?: string) {
  const s = await startTestServer(dataDir === undefined ? {} : { dataDir });
  cleanups.push(() => s.close());
  const [chair, valdoria, norland] = await Promise.all([
    signIn(s.url, DEMO.chair),
    signIn(s.url, DEMO.valdoria),
    signIn(s.url, DEMO.norland),
  ]);
  const draftId = ((await chair.api('/api/drafts')).body.drafts as { id: string }[])[0]!.id;
  return { s, chair, valdoria, norland, draftId };
}

function connect(s: TestServer, draftId: string, session: TestSession): CollabClient {
  const client = connectClient(s.collabUrl, draftId, { token: session.token });
  cleanups.push(() => client.destroy());
  return client;
}

async function rawClient(s: TestServer, draftId: string, session: TestSession): Promise<RawCollabClient> {
  const raw = await RawCollabClient.connect(s.collabUrl, draftId, session.token);
  cleanups.push(() => raw.ws.terminate());
  return raw;
}

/** Sends `words` at the start of OP2 from `raw`, written under `clientID` (someone else's). */
function writeAs(raw: RawCollabClient, clientID: number, words: string): void {
  raw.doc.clientID = clientID;
  raw.send((doc) => clauseText(doc, 'operative', 1).insert(0, words));
}

describe('a Yjs client id belongs to the person who writes under it', () => {
  it('another delegate cannot write under a delegate’s id while their connection is down; their own edits made meanwhile are kept', async () => {
    const { s, chair, valdoria, norland, draftId } = await setup();
    const watcher = connect(s, draftId, chair);
    const victim = connect(s, draftId, valdoria);
    await Promise.all([watcher.synced(), victim.synced()]);
    clauseText(victim.doc, 'operative', 1).insert(0, 'Online. ');
    await waitFor(() => expect(documentString(watcher.doc)).toContain('Online. '));

    // Valdoria's connection drops; she goes on typing, under the same id and the next clocks.
    victim.provider.disconnect();
    await waitFor(async () => expect((await s.registry.peek(draftId))?.connections.all()).toHaveLength(1));
    clauseText(victim.doc, 'operative', 1).insert(0, 'Offline. ');

    // Norland's raw client writes under her id meanwhile, taking those very clocks.
    const raw = await rawClient(s, draftId, norland);
    writeAs(raw, victim.doc.clientID, 'Forged. ');
    await waitFor(() => expect(raw.refusals).toContainEqual(expect.objectContaining({ code: RefusalCode.NotAllowed })));

    // She comes back: what she typed offline reaches everyone, and all copies agree.
    victim.provider.connect();
    await waitFor(() => expect(documentString(watcher.doc)).toContain('Offline. '));
    await waitFor(() => expect(documentString(victim.doc)).toBe(documentString(watcher.doc)));
    expect(documentString(watcher.doc)).not.toContain('Forged');
  });

  it('an id announced in presence is its holder’s before they have written anything', async () => {
    const { s, chair, valdoria, norland, draftId } = await setup();
    const watcher = connect(s, draftId, chair);
    const victim = connect(s, draftId, valdoria);
    await Promise.all([watcher.synced(), victim.synced()]);
    victim.provider.awareness.setLocalStateField('cursor', null);
    await waitFor(() => expect(watcher.provider.awareness.getStates().has(victim.doc.clientID)).toBe(true));

    const raw = await rawClient(s, draftId, norland);
    writeAs(raw, victim.doc.clientID, 'Forged. ');
    await waitFor(() => expect(raw.refusals).toContainEqual(expect.objectContaining({ code: RefusalCode.NotAllowed })));
    // Valdoria types as usual, and it stands.
    clauseText(victim.doc, 'operative', 1).insert(0, 'Mine. ');
    await waitFor(() => expect(documentString(watcher.doc)).toContain('Mine. '));
    expect(documentString(watcher.doc)).not.toContain('Forged');
  });

  it('stays theirs once the draft is unloaded and the server restarted', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-client-ids-'));
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const first = await setup(dataDir);
    const victim = connect(first.s, first.draftId, first.valdoria);
    await victim.synced();
    clauseText(victim.doc, 'operative', 1).insert(0, 'Before. ');
    const written = victim.doc.clientID;
    await waitFor(async () => expect(await first.s.storage.loadClientOwners(first.draftId)).toHaveProperty('size', 1));
    expect([...(await first.s.storage.loadClientOwners(first.draftId)).keys()]).toEqual([written]);
    await first.s.registry.closeAll();
    victim.destroy();
    await first.s.close();

    const { s, chair, valdoria, norland, draftId } = await setup(dataDir);
    const impostor = await rawClient(s, draftId, norland);
    writeAs(impostor, written, 'Forged. ');
    await waitFor(() =>
      expect(impostor.refusals).toContainEqual(expect.objectContaining({ code: RefusalCode.NotAllowed })),
    );
    const herself = await rawClient(s, draftId, valdoria);
    writeAs(herself, written, 'After. ');
    const watcher = connect(s, draftId, chair);
    await watcher.synced();
    await waitFor(() => expect(clauseText(watcher.doc, 'operative', 1).toString()).toMatch(/^After\. Before\. /));
    expect(herself.refusals).toEqual([]);
  });
});
