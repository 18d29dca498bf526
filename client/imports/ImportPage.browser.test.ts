import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Outline } from '../../shared/outline';
// Browser tests drive the real server, started in-process; the app code never imports server/.
import { CORPUS, outlineListing } from '../../server/imports/corpus';
import type { CorpusDocument } from '../../server/imports/corpus';
import { DEMO, signIn, type TestSession } from '../../server/testing/session';
import { startTestServer } from '../../server/testing/startTestServer';
import { EDITABLE, WAIT_MS, newPersonContext } from '../testing/draftPageDriver';
import { launchBrowser, shouldSkipBrowserTests } from '../testing/launchBrowser';

function corpus(name: string): CorpusDocument {
  const document = CORPUS.find((entry) => entry.name === name);
  if (!document) throw new Error(`no corpus document ${name}`);
  return document;
}

describe.skipIf(shouldSkipBrowserTests('ImportPage'))('the import page shows what an import will create', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let chair: TestSession;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    chair = await signIn(server.url, DEMO.chair);
  });

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close().catch(() => {});
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function importPage(): Promise<Page> {
    const context = await newPersonContext(browser, server.url, { token: chair.token });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    await page.goto(`${server.url}/drafts/import`);
    return page;
  }

  /** Reads a corpus document into the page and waits for the preview of that file. */
  async function choose(page: Page, document: CorpusDocument): Promise<void> {
    await page.locator('[data-testid="import-file"]').setInputFiles({
      name: document.fileName,
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(await document.bytes()),
    });
    await page.locator('[data-testid="import-counts"]', { hasText: document.fileName }).waitFor();
  }

  const points = (page: Page) =>
    page
      .locator('[data-testid="import-point"]')
      .evaluateAll((nodes) =>
        nodes.map((node) => `${node.getAttribute('data-level')} ${node.getAttribute('data-label')}`),
      );

  it('shows the formula, points at every level with their labels, footnotes where they stand, and a guessed level marked', async () => {
    const page = await importPage();
    await choose(page, corpus('ga-resolution'));
    expect(await page.locator('[data-testid="import-formula"]').textContent()).toContain('The General Assembly,');
    expect((await points(page)).slice(0, 8)).toEqual([
      '1 (a)',
      '1 (b)',
      '2 (i)',
      '2 (ii)',
      '3 (A)',
      '3 (B)',
      '3 (C)',
      '2 (iii)',
    ]);
    expect(await page.locator('[data-testid="import-warnings"]').count()).toBe(0);

    await choose(page, corpus('hrc-footnotes'));
    expect(await page.locator('[data-testid="import-note-mark"]').allTextContents()).toEqual(['1', '2', '3', '4', '5']);
    expect(await page.locator('[data-testid="import-notes"] li').allTextContents()).toContain(
      'See general comment No. 16 (1988) of the Human Rights Committee.',
    );

    await choose(page, corpus('typed-labels'));
    // "(i)" opening the points of OP3 is a first-level point: Accord's label, and the file's beside it.
    expect(await page.locator('[data-testid="import-point-source"]').allTextContents()).toEqual([
      ' “(i)” in the file',
      ' “(ii)” in the file',
    ]);

    await choose(page, corpus('ambiguous-i'));
    expect(await page.locator('[data-testid="import-warnings"] li').allTextContents()).toEqual([
      expect.stringContaining('OP3(h)(i)'),
    ]);
    expect(await page.locator('.import-clause__sub--unsure').allTextContents()).toEqual([
      '(i)the replacement of faulty products.',
    ]);
  });

  it('renumbers headings when one is left out, and creates exactly what the preview shows', async () => {
    const page = await importPage();
    const framework = corpus('framework-parts');
    await choose(page, framework);
    const headings = () => page.locator('[data-testid="import-division-number"]').allTextContents();
    expect(await headings()).toEqual([
      'Part I',
      'Part II',
      'Section A',
      'Section B',
      'Part III',
      'Section A',
      'Section B',
    ]);
    await page.locator('[data-testid="import-division"]').nth(1).getByRole('button', { name: 'Leave out' }).click();
    expect(await headings()).toEqual(['Part I', '—', 'Section A', 'Section B', 'Part II', 'Section A', 'Section B']);

    await page.locator('[data-testid="import-create"]').click();
    await page.waitForURL((url) => /^\/drafts\/[^/]+$/.test(url.pathname) && url.pathname !== '/drafts/import');
    await page.locator(EDITABLE).waitFor();
    const draftId = new URL(page.url()).pathname.split('/').pop() ?? '';
    const outline = (await chair.api(`/api/drafts/${draftId}/outline`)).body as unknown as Outline;
    expect(outlineListing(outline)).toEqual(
      framework.expected.listing
        .filter((line) => line !== 'Part II — RESPONSES TO OPERATIONS')
        .map((line) => (line === 'Part III — Review' ? 'Part II — Review' : line)),
    );
  });
});
