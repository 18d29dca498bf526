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
  clauseParagraphText,
  fetchOutline,
  newPersonContext,
  placeCaretInClause,
  signInToken,
} from './testing/draftPageDriver';
import { launchBrowser, shouldSkipBrowserTests } from './testing/launchBrowser';

const DEMO_PASSWORD = 'accord-demo';
/** Where the screenshots of this test go (ignored by git). */
const SHOTS = path.resolve('.test-output/screenshots');
const draftList = z.object({ drafts: z.array(z.object({ id: z.string(), title: z.string() })) });

describe.skipIf(shouldSkipBrowserTests('Suggestions'))('suggesting in the browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let chairToken: string;
  let demoId: string;
  let op4: string;
  let op5: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startTestServer();
    browser = await launchBrowser();
    chairToken = await signInToken(server.url, DEMO.chair, DEMO_PASSWORD);
    const { drafts } = draftList.parse((await callApi(server.url, chairToken, '/api/drafts')).body);
    demoId = drafts.find((draft) => draft.title.startsWith('Framework of Norms'))!.id;
    const { clauses } = await fetchOutline(server.url, demoId, chairToken);
    const numbered = (number: string) => clauses.find((clause) => clause.number === number)!;
    expect([numbered('OP4').status, numbered('OP5').status]).toEqual(['open', 'agreed']);
    [op4, op5] = [numbered('OP4').id, numbered('OP5').id];
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

  const marks = (page: Page, clauseId: string, tag: 'ins' | 'del') =>
    page.locator(`[data-testid="editor"] .clause[data-clause-id="${clauseId}"] ${tag}.suggestion`);

  it('two delegations suggest, everyone sees it live, and the chair accepts one and rejects the other', async () => {
    const valdoria = await openAs(DEMO.valdoria);
    const norland = await openAs(DEMO.norland);

    // Valdoria switches to suggesting and proposes words in the open OP4.
    await valdoria.getByTestId('suggest-toggle').click();
    expect(await valdoria.getByTestId('suggest-toggle').getAttribute('aria-pressed')).toBe('true');
    await placeCaretInClause(valdoria, op4, { after: 'Any response' });
    await valdoria.keyboard.type(' by a State');
    // Norland types straight into the agreed OP5: there a delegate can only suggest, so it is one.
    await placeCaretInClause(norland, op5, { after: 'States should maintain' });
    await norland.keyboard.type(' and test');
    await norland.keyboard.press('Backspace');

    // Both suggestions show, attributed, in each other's page, and the words are still the clauses'.
    await expect.poll(() => marks(norland, op4, 'ins').textContent(), { timeout: WAIT_MS }).toBe(' by a State');
    await expect.poll(() => marks(valdoria, op5, 'ins').textContent(), { timeout: WAIT_MS }).toBe(' and tes');
    expect(await marks(valdoria, op4, 'ins').getAttribute('data-suggestion-author')).toBeTruthy();
    await expect(valdoria.getByTestId('edit-refused').count()).resolves.toBe(0);
    await expect(norland.getByTestId('edit-refused').count()).resolves.toBe(0);
    await valdoria.screenshot({ path: path.join(SHOTS, 'suggestions-1-two-delegations.png') });

    // The chair sees both in the suggestions panel of each clause and decides them.
    const chair = await openAs(DEMO.chair);
    await placeCaretInClause(chair, op4, 'start');
    const card = chair.getByTestId('suggestion').filter({ hasText: 'by a State' });
    await card.waitFor();
    expect(await card.innerText()).toContain('Republic of Valdoria');
    await chair.screenshot({ path: path.join(SHOTS, 'suggestions-2-chair-panel.png') });
    // The negotiation export shows the open suggestions with who made them; the clean one does not.
    await chair.getByTestId('export-menu-button').click();
    await chair.getByTestId('export-negotiation').check();
    const negotiationHref = await chair.getByTestId('export-html').getAttribute('href');
    expect(negotiationHref).toContain('mode=negotiation');
    const negotiationHtml = await (await chair.request.get(`${server.url}${negotiationHref}`)).text();
    expect(negotiationHtml).toMatch(
      /<ins class="suggestion" title="Suggested insertion by Lena Varga \(Republic of Valdoria\)[^"]*"> by a State<\/ins>/,
    );
    await chair.getByTestId('export-negotiation').uncheck();
    const cleanHtml = await (
      await chair.request.get(`${server.url}${await chair.getByTestId('export-html').getAttribute('href')}`)
    ).text();
    expect(cleanHtml).not.toContain('by a State');
    await chair.keyboard.press('Escape');
    await card.getByRole('button', { name: 'Accept' }).click();
    await placeCaretInClause(chair, op5, 'start');
    const other = chair.getByTestId('suggestion').filter({ hasText: 'and tes' });
    await other.waitFor();
    expect(await other.innerText()).toContain('Kingdom of Norland');
    await other.getByRole('button', { name: 'Reject' }).click();

    // Every page holds exactly the accepted words, without marks; so does the server.
    for (const page of [valdoria, norland, chair]) {
      await expect
        .poll(() => clauseParagraphText(page, op4), { timeout: WAIT_MS })
        .toMatch(/^Any response by a State should be limited/);
      await expect.poll(() => clauseParagraphText(page, op5), { timeout: WAIT_MS }).not.toContain('and tes');
      await expect.poll(() => marks(page, op4, 'ins').count(), { timeout: WAIT_MS }).toBe(0);
      await expect.poll(() => marks(page, op5, 'ins').count(), { timeout: WAIT_MS }).toBe(0);
    }
    const { clauses } = await fetchOutline(server.url, demoId, chairToken);
    expect(clauses.find((clause) => clause.id === op4)!.text).toMatch(/^Any response by a State should be limited/);
    expect(clauses.find((clause) => clause.id === op5)!.text).toMatch(/^States should maintain, and exercise/);
    await chair.screenshot({ path: path.join(SHOTS, 'suggestions-3-decided.png') });
  });
});
