import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RefusalCode, refusalHeadline } from '../shared/closeCodes';
// Browser tests drive the real server, started in-process; the app code never imports server/.
import { DEMO } from '../server/testing/session';
import { startTestServer } from '../server/testing/startTestServer';
import { failStorageWrites } from '../server/testing/storageFaults';
import {
  WAIT_MS,
  fetchOutline,
  openDraftPage,
  placeCaretInClause,
  signInToken,
  type DraftPageSession,
} from './testing/draftPageDriver';
import { launchBrowser, shouldSkipBrowserTests } from './testing/launchBrowser';

/** The demo accounts' password (the server seeds them in its demo mode). */
const DEMO_PASSWORD = 'accord-demo';

const BANNER = '[data-testid="storage-unavailable"]';

const createdDraft = z.object({ draft: z.object({ id: z.string() }) });

describe.skipIf(shouldSkipBrowserTests('StorageUnavailable'))('a draft the server cannot save, in the browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let token: string;
  const sessions: DraftPageSession[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    token = await signInToken(server.url, DEMO.chair, DEMO_PASSWORD);
  });

  afterAll(async () => {
    for (const session of sessions) await session.context.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  it('tells everyone at the draft while it cannot be saved, puts the refused edit back, and clears once saving works', async () => {
    const created = await fetch(`${server.url}/api/drafts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Full disk', template: 'pillar-framework' }),
    });
    const draftId = createdDraft.parse(await created.json()).draft.id;
    const op1 = (await fetchOutline(server.url, draftId, token)).clauses.find((c) => c.number === 'OP1')!;
    const open = async () => {
      const session = await openDraftPage(browser, `${server.url}/drafts/${draftId}`, {
        token: await signInToken(server.url, DEMO.chair, DEMO_PASSWORD),
      });
      sessions.push(session);
      return session.page;
    };
    const typist = await open();
    const other = await open();
    const op1Text = (page: typeof typist) => page.locator(`.clause[data-clause-id="${op1.id}"] > p`).innerText();
    expect(await typist.locator(BANNER).count()).toBe(0);

    const fault = failStorageWrites(server.storage);
    await placeCaretInClause(typist, op1.id, 'start');
    await typist.keyboard.type('Never kept. ');
    for (const page of [typist, other]) await page.locator(BANNER).waitFor();
    expect(await other.locator(BANNER).innerText()).toContain(
      'This draft cannot be saved right now; your edits are not being kept.',
    );
    expect(await typist.locator('[data-testid="edit-refused-headline"]').innerText()).toBe(
      refusalHeadline(RefusalCode.StorageUnavailable),
    );
    // The typist's editor went back to the server's text; the other never saw the words.
    await expect.poll(() => op1Text(typist), { timeout: WAIT_MS }).not.toContain('Never kept.');
    expect(await op1Text(other)).not.toContain('Never kept.');
    // A fresh session after the refusal is told again.
    await typist.locator(BANNER).waitFor();

    fault.restore();
    // The health check's probe write succeeds, and every page hears that saving works again.
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    for (const page of [typist, other]) await page.locator(BANNER).waitFor({ state: 'detached' });
    await placeCaretInClause(typist, op1.id, 'start');
    await typist.keyboard.type('Kept. ');
    await expect.poll(() => op1Text(other), { timeout: WAIT_MS }).toMatch(/^Kept\. /);
    expect((await fetchOutline(server.url, draftId, token)).clauses.find((c) => c.id === op1.id)!.text).toMatch(
      /^Kept\. /,
    );
  });
});
