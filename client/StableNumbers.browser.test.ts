import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
// Browser tests drive the real server, started in-process; the app code never imports server/.
import { DEMO, callApi } from '../server/testing/session';
import { startTestServer } from '../server/testing/startTestServer';
import {
  CONNECTED,
  EDITABLE,
  WAIT_MS,
  fetchOutline,
  newPersonContext,
  placeCaretInClause,
  signInToken,
} from './testing/draftPageDriver';
import { launchBrowser, shouldSkipBrowserTests } from './testing/launchBrowser';

const DEMO_PASSWORD = 'accord-demo';
const SHOTS = path.resolve('.test-output/screenshots');
const draftList = z.object({ drafts: z.array(z.object({ id: z.string(), title: z.string() })) });

describe.skipIf(shouldSkipBrowserTests('StableNumbers'))('stable numbers in the browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let chairToken: string;
  let demoId: string;
  let op4: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startTestServer();
    browser = await launchBrowser();
    chairToken = await signInToken(server.url, DEMO.chair, DEMO_PASSWORD);
    const { drafts } = draftList.parse((await callApi(server.url, chairToken, '/api/drafts')).body);
    demoId = drafts.find((draft) => draft.title.startsWith('Framework of Norms'))!.id;
    op4 = (await fetchOutline(server.url, demoId, chairToken)).clauses.find((clause) => clause.number === 'OP4')!.id;
  });

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close().catch(() => {});
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function openAs(email: string): Promise<Page> {
    const context = await newPersonContext(browser, server.url, {
      token: await signInToken(server.url, email, DEMO_PASSWORD),
    });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    await page.goto(`${server.url}/drafts/${demoId}`);
    await page.locator(EDITABLE).waitFor();
    await page.locator(CONNECTED).waitFor();
    return page;
  }

  const numbers = (page: Page) =>
    page
      .locator('[data-testid="editor"] .section-operative > .clause')
      .evaluateAll((clauses) => clauses.map((c) => c.getAttribute('data-number')));

  it('the chair freezes the numbers; a clause a delegate adds after OP4 is OP4 bis for both; renumbering makes it OP5', async () => {
    const chair = await openAs(DEMO.chair);
    const valdoria = await openAs(DEMO.valdoria);
    await chair.getByTestId('numbering-freeze').click();
    await valdoria.getByTestId('numbering-frozen').waitFor();

    await placeCaretInClause(valdoria, op4, 'end');
    await valdoria.keyboard.press('Enter');
    await valdoria.keyboard.type('A new paragraph after OP4.');
    const expected = ['OP1', 'OP2', 'OP3', 'OP4', 'OP4 bis', 'OP5', 'OP6', 'OP7', 'OP8', 'OP9'];
    for (const page of [chair, valdoria])
      await expect.poll(() => numbers(page), { timeout: WAIT_MS }).toEqual(expected);
    await expect
      .poll(
        async () =>
          (await fetchOutline(server.url, demoId, chairToken)).clauses
            .map((c) => c.number)
            .filter((n) => n.startsWith('OP')),
        {
          timeout: WAIT_MS,
        },
      )
      .toEqual(expected);
    await valdoria.screenshot({ path: path.join(SHOTS, 'numbers-1-bis.png') });

    chair.once('dialog', (dialog) => void dialog.accept());
    await chair.getByTestId('numbering-renumber').click();
    const renumbered = ['OP1', 'OP2', 'OP3', 'OP4', 'OP5', 'OP6', 'OP7', 'OP8', 'OP9', 'OP10'];
    for (const page of [chair, valdoria])
      await expect.poll(() => numbers(page), { timeout: WAIT_MS }).toEqual(renumbered);
    await chair.screenshot({ path: path.join(SHOTS, 'numbers-2-renumbered.png') });
  });
});
