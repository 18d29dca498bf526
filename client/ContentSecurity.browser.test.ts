import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
// Browser tests drive the real server, started in-process; the app code never imports server/.
import { DEMO } from '../server/testing/session';
import { startTestServer } from '../server/testing/startTestServer';
import { waitFor } from '../server/testing/waitFor';
import { CONNECTED, EDITABLE, WAIT_MS, fetchOutline, newPersonContext, signInToken } from './testing/draftPageDriver';
import { launchBrowser, shouldSkipBrowserTests } from './testing/launchBrowser';

const DEMO_PASSWORD = 'accord-demo';

/** The label from the report: a line break, then CSS that would load a beacon and hide the title. */
const BREAKOUT_LABEL = 'Rev.2\n}} body{background:url(http://evil.example/beacon)} h1{display:none} .x{';
/** A title that would close the style element and run a script if written unescaped. */
const HOSTILE_TITLE = 'Norms </style><script>document.title="pwned"</script> & "quotes"';

const draftsAnswer = z.object({ drafts: z.array(z.object({ id: z.string() })) });
const createdAnswer = z.object({ draft: z.object({ id: z.string() }) });
const versionAnswer = z.object({ version: z.object({ id: z.string() }) });

/**
 * Everything a page reports of the Content-Security-Policy: each `securitypolicyviolation` event
 * (listened for before any script of the page runs) and each console message naming the policy.
 */
async function watchPolicy(context: BrowserContext): Promise<string[]> {
  const violations: string[] = [];
  await context.exposeBinding('reportPolicyViolation', (_source, text: string) => violations.push(text));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportPolicyViolation: (text: string) => void }).reportPolicyViolation;
      report(
        `${event.violatedDirective} refused ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
  context.on('console', (message) => {
    if (/content security policy/i.test(message.text())) violations.push(`console: ${message.text()}`);
  });
  return violations;
}

/** Every URL a page requests from now on. */
function requestLog(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  return urls;
}

describe.skipIf(shouldSkipBrowserTests('ContentSecurity'))('the app and its exports under the security policy', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let chairToken: string;
  const contexts: BrowserContext[] = [];
  const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-csp-'));

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    chairToken = await signInToken(server.url, DEMO.chair, DEMO_PASSWORD);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
    fs.rmSync(downloads, { recursive: true, force: true });
  });

  async function api(pathname: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${server.url}${pathname}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${chairToken}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${pathname}: ${response.status} ${await response.text()}`);
    return response.json();
  }

  it('signs in, opens a draft and edits it with another person there, with no policy violation', async () => {
    const chairContext = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    contexts.push(chairContext);
    const violations = await watchPolicy(chairContext);
    const page = await chairContext.newPage();
    page.setDefaultTimeout(WAIT_MS);

    await page.goto(server.url);
    await page.locator('input[name="email"]').fill(DEMO.chair);
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const draftId = draftsAnswer.parse(await api('/api/drafts')).drafts[0]!.id;
    await page.locator(`a[href="/drafts/${draftId}"]`).first().click();
    await page.locator(EDITABLE).waitFor();
    await page.locator(CONNECTED).waitFor();
    // Tiptap's base styles come from the served style sheet, not from an injected style element.
    expect(
      await page
        .locator('.ProseMirror')
        .first()
        .evaluate((el) => getComputedStyle(el).whiteSpace),
    ).toBe('break-spaces');

    // A delegate in the same draft, so each page draws the other's caret and selection.
    const delegateContext = await newPersonContext(browser, server.url, {
      token: await signInToken(server.url, DEMO.valdoria, DEMO_PASSWORD),
    });
    contexts.push(delegateContext);
    const delegateViolations = await watchPolicy(delegateContext);
    const delegate = await delegateContext.newPage();
    delegate.setDefaultTimeout(WAIT_MS);
    await delegate.goto(`${server.url}/drafts/${draftId}`);
    await delegate.locator(CONNECTED).waitFor();
    await delegate.locator('.section-operative .clause p').first().click();

    const clause = page.locator('.section-operative .clause p').last();
    await clause.click();
    await page.keyboard.press('End');
    await page.keyboard.type(' Typed under the policy.');
    await waitFor(async () =>
      (await fetchOutline(server.url, draftId, chairToken)).clauses.some((c) =>
        c.text.includes('Typed under the policy.'),
      ),
    );
    await delegate.locator('.collaboration-carets__caret').first().waitFor();
    await page.locator('.collaboration-carets__caret').first().waitFor();

    expect(violations).toEqual([]);
    expect(delegateViolations).toEqual([]);
  });

  describe('an HTML export of a version labelled to break out of CSS', () => {
    let draftId = '';
    let versionId = '';
    let exportUrl = '';

    beforeAll(async () => {
      draftId = createdAnswer.parse(await api('/api/drafts', { title: HOSTILE_TITLE, template: 'pillar-framework' }))
        .draft.id;
      versionId = versionAnswer.parse(await api(`/api/drafts/${draftId}/versions`, { label: BREAKOUT_LABEL })).version
        .id;
      await api(`/api/drafts/${draftId}/versions/${versionId}/publish`, { published: true });
      exportUrl = `${server.url}/api/public/versions/${versionId}/export?format=html`;
    });

    /** Checks the page shows the title and the label as text, and ran no script of the text's. */
    async function expectShownAsText(page: Page): Promise<void> {
      await expect.poll(() => page.locator('h1').isVisible()).toBe(true);
      expect(await page.locator('h1').textContent()).toBe(HOSTILE_TITLE);
      expect((await page.locator('.version').textContent())?.replace(/\s+/g, ' ')).toContain(
        'Rev.2 }} body{background:url(http://evil.example/beacon)} h1{display:none} .x{',
      );
      expect(await page.title()).not.toBe('pwned');
      expect(await page.locator('script').count()).toBe(0);
    }

    it('the page alone, without any policy, loads nothing and shows the title', async () => {
      const html = await (await fetch(exportUrl)).text();
      const policy = /<meta http-equiv="Content-Security-Policy"[^>]*>\n/;
      expect(html).toMatch(policy);
      const context = await browser.newContext();
      contexts.push(context);
      const page = await context.newPage();
      const requests = requestLog(page);
      // The page's own policy taken out: what is left to stop the beacon is the escaping alone.
      await page.setContent(html.replace(policy, ''), { waitUntil: 'load' });
      await expectShownAsText(page);
      expect(requests.filter((url) => !/^(?:about|data):/.test(url))).toEqual([]);
    });

    it('the download opened from disk loads nothing from anywhere and shows the title', async () => {
      const context = await browser.newContext({ acceptDownloads: true });
      contexts.push(context);
      const violations = await watchPolicy(context);
      const page = await context.newPage();
      const [download] = await Promise.all([page.waitForEvent('download'), page.goto(exportUrl).catch(() => null)]);
      expect(download.suggestedFilename()).toMatch(/\.html$/);
      const file = path.join(downloads, 'export.html');
      await download.saveAs(file);
      const requests = requestLog(page);
      await page.goto(pathToFileURL(file).href);
      await expectShownAsText(page);
      expect(requests.filter((url) => !url.startsWith('file://'))).toEqual([]);
      expect(violations).toEqual([]);
    });

    it('the redline served by the server loads nothing from another origin and shows the labels', async () => {
      const context = await newPersonContext(browser, server.url, { token: chairToken });
      contexts.push(context);
      const violations = await watchPolicy(context);
      const page = await context.newPage();
      const requests = requestLog(page);
      const response = await page.goto(`${server.url}/api/drafts/${draftId}/compare?from=${versionId}&format=html`);
      expect(response?.headers()['content-security-policy']).toMatch(/^default-src 'none'/);
      await expect.poll(() => page.locator('h1').isVisible()).toBe(true);
      expect(await page.locator('h1').textContent()).toBe(HOSTILE_TITLE);
      expect(await page.locator('.summary').textContent()).toContain(
        'body{background:url(http://evil.example/beacon)}',
      );
      expect(requests.filter((url) => new URL(url).origin !== server.url)).toEqual([]);
      expect(violations).toEqual([]);
    });
  });
});
