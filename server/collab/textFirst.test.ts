import { WebSocket } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { clauseText, connectClient, documentString, insertClause } from '../testing/collabClient';
import { DEMO, signIn } from '../testing/session';
import { startTestServer } from '../testing/startTestServer';
import { changeOf, storedDoc } from '../testing/storedText';
import { waitFor } from '../testing/waitFor';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const SYNC_KINDS = ['sync-step-1', 'sync-step-2', 'update'] as const;

/** A socket class for the provider that writes down the kind of each sync message the server sends, in order. */
function recordingSocket(kinds: string[]) {
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      this.on('message', (data: ArrayBuffer | Buffer) => {
        const bytes = new Uint8Array(data instanceof ArrayBuffer ? data : data.buffer.slice(data.byteOffset));
        if (bytes[0] === 0) kinds.push(SYNC_KINDS[bytes[1]!] ?? 'other');
      });
    }
  };
}

describe('a large draft opened cold', () => {
  it('is sent to a browser with an empty copy before the server has built it; words typed at once reach the others and storage', async () => {
    const s = await startTestServer();
    cleanups.push(() => s.close());
    await s.storedDraftsChecked;
    const [chair, valdoria] = await Promise.all([signIn(s.url, DEMO.chair), signIn(s.url, DEMO.valdoria)]);
    const draftId = ((await chair.api('/api/drafts')).body.drafts as { id: string }[])[0]!.id;
    await waitFor(() => expect(s.registry.openCount).toBe(0));
    // Three hundred clauses more: over the 256 KiB from which the worker thread reads a draft.
    const before = storedDoc(await s.storage.loadDocument(draftId));
    const added = changeOf(before, (copy) => {
      for (let i = 0; i < 300; i++)
        insertClause(copy, 'operative', 0, {
          id: `added-${i}`,
          text: `Essential services, paragraph ${i}. `.repeat(30),
        });
    });
    await s.storage.appendUpdates(draftId, [{ data: added, authorId: null }], new Date());
    const stored = storedDoc(await s.storage.loadDocument(draftId));

    const kinds: string[] = [];
    const delegate = connectClient(s.collabUrl, draftId, { token: valdoria.token, socket: recordingSocket(kinds) });
    cleanups.push(() => delegate.destroy());
    await delegate.synced();
    // The text came before the server's sync step 1, which it sends once the draft is loaded.
    expect(kinds[0]).toBe('sync-step-2');
    expect(documentString(delegate.doc)).toBe(documentString(stored));
    clauseText(delegate.doc, 'operative', 0).insert(0, 'Valdoria, at once. ');

    const watcher = connectClient(s.collabUrl, draftId, { token: chair.token });
    cleanups.push(() => watcher.destroy());
    await watcher.synced();
    await waitFor(() => expect(clauseText(watcher.doc, 'operative', 0).toString()).toMatch(/^Valdoria, at once\. /));
    expect(kinds).toContain('sync-step-1');
    expect(delegate.provider.synced).toBe(true);
    const typed = documentString(delegate.doc);
    delegate.destroy();
    watcher.destroy();
    await waitFor(() => expect(s.registry.openCount).toBe(0));
    const after = storedDoc(await s.storage.loadDocument(draftId));
    expect(clauseText(after, 'operative', 0).toString()).toMatch(/^Valdoria, at once\. /);
    expect(documentString(after)).toBe(typed);
  });
});
