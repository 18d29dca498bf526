import fs from 'node:fs';
import path from 'node:path';
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
// Browser tests drive the real server, started in-process; the app code never imports server/.
import { DEMO, callApi, signIn, type TestSession } from '../server/testing/session';
import { startTestServer } from '../server/testing/startTestServer';
import {
  EDITABLE,
  WAIT_MS,
  clauseParagraphText,
  fetchOutline,
  newPersonContext,
  openDraftPage,
  placeCaretInClause,
  readRenderedClauses,
} from './testing/draftPageDriver';
import { SCREENSHOTS } from './testing/demoRoom';
import { launchBrowser, shouldSkipBrowserTests } from './testing/launchBrowser';
import { openVersionsTab, redlineWords, saveVersionInPanel, versionRow } from './testing/versionsDriver';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Words the delegate types into OP1 after Rev.1 is saved. */
const TYPED = ' without undue delay';

const versionList = z.object({
  versions: z.array(z.object({ id: z.string(), label: z.string(), published: z.boolean() })),
});

/** A small Word document as negotiators write them: a title, two recitals and three operative paragraphs numbered by hand, one with lettered sub-paragraphs. */
async function resolutionDocx(): Promise<Buffer> {
  const lines = [
    '1.\tRecalling the Charter of the United Nations,',
    '2.\tNoting with concern operations against hospitals,',
    '3.\tDecides to establish a review mechanism;',
    '4.\tRequests States to report on:',
    '(a)\tincidents affecting essential services;',
    '(b)\tmeasures taken in response;',
    '5.\tDecides to remain seized of the matter.',
  ];
  const document = new Document({
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun('Norms on essential services')] }),
          ...lines.map((line) => new Paragraph({ children: [new TextRun(line)] })),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

describe.skipIf(shouldSkipBrowserTests('Versions'))('versions, redlines, publishing and import in the browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let chair: TestSession;
  let valdoria: TestSession;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    [chair, valdoria] = await Promise.all([signIn(server.url, DEMO.chair), signIn(server.url, DEMO.valdoria)]);
  });

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close().catch(() => {});
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A new draft from the pillar framework template, chaired by the demo chair, with Valdoria as a delegate. */
  async function freshDraft(title: string): Promise<string> {
    const created = await chair.api('/api/drafts', { method: 'POST', json: { title, template: 'pillar-framework' } });
    const draftId = (created.body.draft as { id: string }).id;
    const invite = await chair.api(`/api/drafts/${draftId}/invites`, {
      method: 'POST',
      json: { role: 'delegate', affiliation: { kind: 'delegation', name: 'Republic of Valdoria', code: 'XVA' } },
    });
    const accepted = await valdoria.api(`/api/invites/${invite.body.token as string}/accept`, {
      method: 'POST',
      json: {},
    });
    if (accepted.status !== 200) throw new Error(`accepting the invite answered ${accepted.status}`);
    return draftId;
  }

  async function open(draftId: string, session: TestSession): Promise<Page> {
    const opened = await openDraftPage(browser, `${server.url}/drafts/${draftId}`, { token: session.token });
    contexts.push(opened.context);
    return opened.page;
  }

  /** A browser context with nobody signed in. */
  async function stranger(): Promise<Page> {
    const context = await newPersonContext(browser, server.url);
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    return page;
  }

  async function firstOperative(draftId: string): Promise<{ id: string; text: string }> {
    const clause = (await fetchOutline(server.url, draftId, chair.token)).clauses.find(
      (entry) => entry.number === 'OP1',
    );
    if (!clause) throw new Error('no OP1');
    return clause;
  }

  it('saves Rev.1 in the Versions tab, marks a delegate’s later words as insertions in the redline, and restores Rev.1 into the open editors', async () => {
    const draftId = await freshDraft('Versioned norms');
    const op1 = await firstOperative(draftId);
    const chairPage = await open(draftId, chair);
    await openVersionsTab(chairPage);
    await saveVersionInPanel(chairPage, 'Rev.1', 'Circulated after the first reading');
    await expect
      .poll(async () => (await versionRow(chairPage, 'Rev.1').textContent()) ?? '')
      .toContain('Circulated after the first reading');

    // A delegate sees the version but none of the chair's tools, and types into OP1.
    const delegatePage = await open(draftId, valdoria);
    await openVersionsTab(delegatePage);
    await versionRow(delegatePage, 'Rev.1').waitFor();
    expect(await delegatePage.locator('[data-testid="save-version"]').count()).toBe(0);
    expect(await versionRow(delegatePage, 'Rev.1').locator('[data-testid="version-restore"]').count()).toBe(0);
    await placeCaretInClause(delegatePage, op1.id, 'end');
    await delegatePage.keyboard.type(TYPED);
    await expect
      .poll(async () => (await firstOperative(draftId)).text, { timeout: WAIT_MS })
      .toBe(`${op1.text}${TYPED}`);

    // The chair compares Rev.1 with the live text: the typed words are insertions, nothing else changed.
    await versionRow(chairPage, 'Rev.1').locator('[data-testid="version-compare"]').click();
    await chairPage.waitForURL(
      (url) => url.pathname === `/drafts/${draftId}/compare` && url.searchParams.get('to') === 'live',
    );
    await chairPage.locator('[data-testid="redline"]').waitFor();
    expect((await redlineWords(chairPage, op1.id, 'insert')).join('')).toBe(TYPED);
    expect(await redlineWords(chairPage, op1.id, 'delete')).toEqual([]);
    expect(
      await chairPage.locator(`[data-testid="redline-clause"][data-clause-id="${op1.id}"]`).getAttribute('data-change'),
    ).toBe('modified');
    expect(await chairPage.locator('[data-testid="redline-count-modified"]').getAttribute('data-count')).toBe('1');
    expect(await chairPage.locator('[data-testid="redline-count-added"]').getAttribute('data-count')).toBe('0');
    // Side by side, the newer text has the insertion and the older one does not.
    await chairPage.locator('[data-testid="compare-layout-side-by-side"]').click();
    await chairPage.locator('[data-testid="redline"][data-layout="side-by-side"]').waitFor();
    expect(
      await chairPage
        .locator(
          `[data-testid="redline-clause"][data-clause-id="${op1.id}"] .redline-side--from [data-testid="redline-insert"]`,
        )
        .count(),
    ).toBe(0);
    expect(
      await chairPage
        .locator(
          `[data-testid="redline-clause"][data-clause-id="${op1.id}"] .redline-side--to [data-testid="redline-insert"]`,
        )
        .textContent(),
    ).toBe(TYPED);
    // The redline downloads are the server's.
    const download = await chairPage.locator('[data-testid="redline-export-html"]').getAttribute('href');
    expect(await chairPage.locator('[data-testid="redline-export-html"]').getAttribute('download')).toBe(
      'versioned-norms-Rev.1-to-live-redline.html',
    );
    const html = await (
      await fetch(`${server.url}${download}`, { headers: { authorization: `Bearer ${chair.token}` } })
    ).text();
    expect(html).toContain(`<ins>${TYPED}</ins>`);

    // Back on the draft, the chair restores Rev.1: the delegate's open editor loses the typed words.
    await chairPage.getByRole('link', { name: 'Back to the live text' }).click();
    await chairPage.locator(EDITABLE).waitFor();
    await openVersionsTab(chairPage);
    await versionRow(chairPage, 'Rev.1').locator('[data-testid="version-restore"]').click();
    // The confirmation is a dialog whose buttons stay in a 1280×720 window, even for a version with
    // a long label; Cancel changes nothing.
    const dialog = chairPage.getByTestId('version-restore-dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    const long = `Text as circulated to every delegation ${'and corrected '.repeat(5)}`.trim();
    await saveVersionInPanel(chairPage, long, 'As sent out.');
    await chairPage.setViewportSize({ width: 1280, height: 720 });
    await versionRow(chairPage, long).locator('[data-testid="version-restore"]').click();
    for (const button of [
      dialog.getByRole('button', { name: 'Cancel' }),
      dialog.getByTestId('version-restore-dialog-confirm'),
    ]) {
      const box = (await button.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height).toBeLessThanOrEqual(720);
      expect(box.x + box.width).toBeLessThanOrEqual(1280);
    }
    await chairPage.screenshot({ path: path.join(SCREENSHOTS, 'versions-restore-dialog-1280x720.png') });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await firstOperative(draftId)).text).not.toBe(op1.text);
    await versionRow(chairPage, 'Rev.1').locator('[data-testid="version-restore"]').click();
    await chairPage.getByTestId('version-restore-dialog-confirm').click();
    await versionRow(chairPage, 'Rev.1').locator('[data-testid="version-restored"]').waitFor();
    await expect.poll(() => clauseParagraphText(delegatePage, op1.id), { timeout: WAIT_MS }).toBe(op1.text);
    await expect.poll(() => clauseParagraphText(chairPage, op1.id), { timeout: WAIT_MS }).toBe(op1.text);
    expect((await firstOperative(draftId)).text).toBe(op1.text);
  });

  it('opens a version read-only with its exports; publishes it for a signed-out reader, and withdraws it (404)', async () => {
    const draftId = await freshDraft('Published norms');
    const op1 = await firstOperative(draftId);
    const saved = await chair.api(`/api/drafts/${draftId}/versions`, {
      method: 'POST',
      json: { label: 'Zero draft', note: '' },
    });
    const versionId = (saved.body.version as { id: string }).id;
    const chairPage = await open(draftId, chair);
    const liveClauses = await readRenderedClauses(chairPage);

    // Open: the version's text, read-only, numbered like the editor, with its exports.
    await openVersionsTab(chairPage);
    await versionRow(chairPage, 'Zero draft').locator('[data-testid="version-open"]').click();
    await chairPage.waitForURL((url) => url.pathname === `/drafts/${draftId}/versions/${versionId}`);
    await chairPage.locator('[data-testid="version-text"] .ProseMirror[contenteditable="false"]').waitFor();
    expect(await chairPage.locator('[data-testid="version-banner-label"]').textContent()).toBe('Zero draft');
    const versionNumbers = await chairPage
      .locator('[data-testid="version-text"] [data-testid="clause-number"]')
      .allTextContents();
    expect(versionNumbers).toEqual(liveClauses.map((clause) => clause.number));
    await chairPage.locator('[data-testid="export-menu-button"]').click();
    const hrefs = await chairPage
      .locator('[data-testid="export-menu"] a')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
    expect(hrefs.map((href) => new URL(href, server.url).searchParams.get('format'))).toEqual([
      'docx',
      'pdf',
      'html',
      'md',
      'json',
      'akn',
    ]);
    expect(hrefs.every((href) => new URL(href, server.url).searchParams.get('version') === versionId)).toBe(true);
    const [docx] = await Promise.all([
      chairPage.waitForEvent('download'),
      chairPage.locator('[data-testid="export-docx"]').click(),
    ]);
    expect(docx.suggestedFilename()).toBe('published-norms-Zero-draft.docx');
    expect(
      fs
        .readFileSync(await docx.path())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');

    // Publish from the Versions tab; a signed-out reader opens the public link.
    await chairPage.goBack();
    await chairPage.locator(EDITABLE).waitFor();
    await openVersionsTab(chairPage);
    const row = versionRow(chairPage, 'Zero draft');
    await row.locator('[data-testid="version-publish"]').click();
    await chairPage.getByTestId('version-publish-dialog-confirm').click();
    await row.locator('[data-testid="version-published"]').waitFor();
    const publicUrl = await row.locator('[data-testid="public-link"]').inputValue();
    expect(new URL(publicUrl).pathname).toBe(`/public/versions/${versionId}`);

    const reader = await stranger();
    await reader.goto(publicUrl);
    await reader.locator('[data-testid="version-text"] .ProseMirror').waitFor();
    expect(new URL(reader.url()).pathname).toBe(`/public/versions/${versionId}`);
    expect(await reader.locator('.app-header__draft-title').textContent()).toBe('Published norms');
    expect(
      await reader
        .locator(`[data-testid="version-text"] .clause[data-clause-id="${op1.id}"] > p`)
        .first()
        .textContent(),
    ).toBe(op1.text);
    expect((await callApi(server.url, undefined, `/api/public/versions/${versionId}`)).status).toBe(200);

    // Withdrawn, the same address is the not-published page, and the API a 404.
    await row.locator('[data-testid="version-publish"]').click();
    await chairPage.getByTestId('version-publish-dialog-confirm').click();
    await row.locator('[data-testid="version-published"]').waitFor({ state: 'detached' });
    const { versions } = versionList.parse((await chair.api(`/api/drafts/${draftId}/versions`)).body);
    expect(versions.find((version) => version.id === versionId)?.published).toBe(false);
    await reader.reload();
    await reader.locator('[data-testid="public-version-missing"]').waitFor();
    expect(await reader.locator('[data-testid="version-text"]').count()).toBe(0);
    expect((await callApi(server.url, undefined, `/api/public/versions/${versionId}`)).status).toBe(404);
  });

  it('imports a .docx through the import page: a preview with its clauses, a corrected title, and the new draft in the editor', async () => {
    const context = await newPersonContext(browser, server.url, { token: chair.token });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    await page.goto(server.url);
    await page.locator('[data-testid="import-draft"]').click();
    await page.waitForURL((url) => url.pathname === '/drafts/import');

    await page
      .locator('[data-testid="import-file"]')
      .setInputFiles({ name: 'norms.docx', mimeType: DOCX_TYPE, buffer: await resolutionDocx() });
    await page.locator('[data-testid="import-preview"]').waitFor();
    expect(await page.locator('[data-testid="import-counts"]').getAttribute('data-total')).toBe('5');
    expect(await page.locator('[data-testid="import-clause-number"]').allTextContents()).toEqual([
      'PP1',
      'PP2',
      'OP1',
      'OP2',
      'OP3',
    ]);
    expect(await page.locator('[data-testid="import-title"]').inputValue()).toBe('Norms on essential services');
    expect(
      await page.locator('[data-testid="import-clause"]').nth(3).locator('.import-clause__sub').allTextContents(),
    ).toEqual(['(a)incidents affecting essential services;', '(b)measures taken in response;']);
    await page.locator('[data-testid="import-title"]').fill('Imported norms on essential services');
    await page.locator('[data-testid="import-create"]').click();

    await page.waitForURL((url) => /^\/drafts\/[^/]+$/.test(url.pathname) && url.pathname !== '/drafts/import');
    await page.locator(EDITABLE).waitFor();
    const draftId = new URL(page.url()).pathname.split('/').pop() ?? '';
    expect((await readRenderedClauses(page)).map((clause) => clause.number)).toEqual([
      'PP1',
      'PP2',
      'OP1',
      'OP2',
      'OP3',
    ]);
    const outline = await fetchOutline(server.url, draftId, chair.token);
    expect(outline.title).toBe('Imported norms on essential services');
    expect(outline.clauses.map((clause) => clause.text)).toEqual([
      'Recalling the Charter of the United Nations,',
      'Noting with concern operations against hospitals,',
      'Decides to establish a review mechanism;',
      'Requests States to report on:\n(a) incidents affecting essential services;\n(b) measures taken in response;',
      'Decides to remain seized of the matter.',
    ]);
    expect(await page.locator('.app-header__draft-title').textContent()).toBe('Imported norms on essential services');
  });

  it('says why a file cannot be imported, in the server’s words, and creates nothing', async () => {
    const before = ((await chair.api('/api/drafts')).body.drafts as unknown[]).length;
    const context = await newPersonContext(browser, server.url, { token: chair.token });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    await page.goto(`${server.url}/drafts/import`);

    await page
      .locator('[data-testid="import-file"]')
      .setInputFiles({ name: 'broken.docx', mimeType: DOCX_TYPE, buffer: Buffer.from('this is not a zip') });
    await page.locator('[data-testid="import-error"][data-code="invalid_docx"]').waitFor();
    expect(await page.locator('[data-testid="import-error"]').textContent()).toContain('Save it as .docx');

    await page.locator('[data-testid="import-file"]').setInputFiles({
      name: 'notes.md',
      mimeType: 'text/markdown',
      buffer: Buffer.from('A title\n\nSome prose without numbers.'),
    });
    await page.locator('[data-testid="import-error"][data-code="no_clauses"]').waitFor();
    expect(await page.locator('[data-testid="import-preview"]').count()).toBe(0);
    expect(((await chair.api('/api/drafts')).body.drafts as unknown[]).length).toBe(before);
  });
});
