import fs from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { clauseText } from '../testing/collabClient';
import { RawCollabClient } from '../testing/RawCollabClient';
import { readStoredText } from '../testing/storedText';
import { DEMO, signIn } from '../testing/session';
import { startTestServer } from '../testing/startTestServer';
import { waitFor } from '../testing/waitFor';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

it('keeps a draft nobody is in loaded for a while: a client that connects and leaves over and over does not make the server read it again', async () => {
  const s = await startTestServer({ draftUnloadAfterMs: 1500 }, { keepDataDir: true });
  cleanups.push(() => fs.rmSync(s.dataDir, { recursive: true, force: true }));
  cleanups.push(() => s.close());
  const delegate = await signIn(s.url, DEMO.valdoria);
  const draftId = ((await delegate.api('/api/drafts')).body.drafts as { id: string }[])[0]!.id;

  const first = await RawCollabClient.connect(s.collabUrl, draftId, delegate.token);
  const loaded = await s.registry.peek(draftId);
  expect(loaded).toBeDefined();
  first.send((doc) => clauseText(doc, 'operative', 1).insert(0, 'Typed before leaving. '));
  await waitFor(() => expect(clauseText(loaded!.doc, 'operative', 1).toString()).toMatch(/^Typed before leaving/));
  first.close();
  for (let i = 0; i < 5; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const again = await RawCollabClient.connect(s.collabUrl, draftId, delegate.token);
    again.close();
    // The same loaded draft each time: its text was not read from storage again.
    expect(await s.registry.peek(draftId)).toBe(loaded);
  }
  // Once nobody has been in it for the while, it is stored and unloaded.
  await waitFor(() => expect(s.registry.openCount).toBe(0), { timeoutMs: 5000 });
  expect(loaded!.isUnloaded).toBe(true);
  expect(clauseText(await readStoredText(s.dataDir, draftId), 'operative', 1).toString()).toMatch(
    /^Typed before leaving\. /,
  );
});
