import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
// Browser tests drive the real server, started in-process; the app code never imports server/.
import { DEMO, signIn, type TestSession } from '../server/testing/session';
import { startTestServer } from '../server/testing/startTestServer';
import {
  WAIT_MS,
  clauseParagraphText,
  openDraftPage,
  placeCaretInClause,
  readRenderedClauses,
  type DraftPageSession,
} from './testing/draftPageDriver';
import { launchBrowser, shouldSkipBrowserTests } from './testing/launchBrowser';

describe.skipIf(shouldSkipBrowserTests('History changes'))('what a change did, in the history panel', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let chair: TestSession;
  const pages: DraftPageSession[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    chair = await signIn(server.url, DEMO.chair);
  });

  afterEach(async () => {
    for (const session of pages.splice(0)) await session.context.close().catch(() => {});
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(draftId: string): Promise<Page> {
    const opened = await openDraftPage(browser, `${server.url}/drafts/${draftId}`, { token: chair.token });
    pages.push(opened);
    return opened.page;
  }

  it('opens a row of the history from the keyboard on the clause’s words before and after, the typed words inserted', async () => {
    const created = await chair.api('/api/drafts', {
      method: 'POST',
      json: { title: 'Norms with a history', template: 'pillar-framework' },
    });
    const draftId = (created.body.draft as { id: string }).id;
    const page = await open(draftId);
    const op2 = (await readRenderedClauses(page)).find((clause) => clause.number === 'OP2')!;
    const before = await clauseParagraphText(page, op2.id);
    // The open panel follows the text: the change appears in it as it is recorded.
    await page.locator('[data-testid="sidebar-tab-history"]').click();
    await page.locator('.history').waitFor();
    await placeCaretInClause(page, op2.id, 'end');
    await page.keyboard.type(' without delay');

    const row = page.locator('[data-testid="history-entry"]').first();
    await expect
      .poll(() => row.locator('[data-testid="history-clause"]').allTextContents(), { timeout: WAIT_MS })
      .toEqual(['OP2']);

    // A disclosure button: closed, then opened with the keyboard, controlling the region it shows.
    const disclosure = row.getByRole('button', { name: 'What changed' });
    expect(await disclosure.getAttribute('aria-expanded')).toBe('false');
    await disclosure.focus();
    await page.keyboard.press('Enter');
    expect(await disclosure.getAttribute('aria-expanded')).toBe('true');
    const region = page.locator(`#${await disclosure.getAttribute('aria-controls')}`);
    const change = region.locator(`[data-testid="history-change"][data-clause-id="${op2.id}"]`);
    await expect
      .poll(() => change.locator('ins').allTextContents(), { timeout: WAIT_MS })
      .toEqual([expect.stringContaining('without delay')]);
    expect(await change.locator('del').count()).toBe(0);
    expect(await change.locator('.redline-text').innerText()).toBe(`${before} without delay`);
    expect(await change.locator('.history__change-clause').textContent()).toBe('OP2');

    await page.keyboard.press('Space');
    expect(await disclosure.getAttribute('aria-expanded')).toBe('false');
    expect(await region.count()).toBe(0);
  });
});
