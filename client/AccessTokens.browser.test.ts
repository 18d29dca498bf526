import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// Browser tests drive the real server, started in-process; the app code never imports server/.
import { DEMO, callApi } from '../server/testing/session';
import { startTestServer } from '../server/testing/startTestServer';
import { WAIT_MS, newPersonContext, signInToken } from './testing/draftPageDriver';
import { launchBrowser, shouldSkipBrowserTests } from './testing/launchBrowser';

/** The demo accounts' password (the server seeds them in its demo mode). */
const DEMO_PASSWORD = 'accord-demo';

const DAY_MS = 24 * 3600 * 1000;

/** The row of the token named `name` on the access tokens page. */
function tokenRow(page: Page, name: string) {
  return page.locator('[data-testid="access-session"][data-kind="token"]', { hasText: name });
}

describe.skipIf(shouldSkipBrowserTests('AccessTokens'))('the access tokens page', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('creates a token with the lifetime chosen, shows when it expires and was last used, and says what signing out ends', async () => {
    const token = await signInToken(server.url, DEMO.meridia, DEMO_PASSWORD);
    const context = await newPersonContext(browser, server.url, { token });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(WAIT_MS);
      await page.goto(`${server.url}/account/tokens`);
      expect(await page.locator('[data-testid="sign-out-scope"]').textContent()).toBe(
        'Signing out ends only this browser’s session. Your other browsers and your tokens stay signed in until you revoke them here.',
      );

      await page.locator('input[name="tokenName"]').fill('weekly report');
      await page.locator('select[name="expiresInDays"]').selectOption({ label: 'Expires in 30 days' });
      await page.getByRole('button', { name: 'Create token' }).click();
      const secret = await page.locator('[data-testid="new-token"]').inputValue();
      expect(secret).toMatch(/^acp_/);

      const row = tokenRow(page, 'weekly report');
      await row.waitFor();
      const expiresAt = await row.locator('time').nth(1).getAttribute('datetime');
      expect(Math.abs(Date.parse(expiresAt!) - (Date.now() + 30 * DAY_MS))).toBeLessThan(5 * 60_000);
      expect(await row.textContent()).toContain('never used');

      // A script uses the token; the page, loaded again, shows that it was used.
      expect((await callApi(server.url, secret, '/api/drafts')).status).toBe(200);
      await page.reload();
      await tokenRow(page, 'weekly report').waitFor();
      expect(await tokenRow(page, 'weekly report').textContent()).toContain('last used just now');
    } finally {
      await context.close();
    }
  });
});
