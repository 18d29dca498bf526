import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CYBER_PILLARS } from '../shared/pillars';
// Browser tests drive the real server, started in-process; the app code never imports server/.
import { DEMO, signIn, type TestSession } from '../server/testing/session';
import { startTestServer } from '../server/testing/startTestServer';
import { CABLES_MARKDOWN } from '../server/testing/cablesText';
import {
  CONNECTED,
  EDITABLE,
  WAIT_MS,
  fetchOutline,
  newPersonContext,
  placeCaretInClause,
} from './testing/draftPageDriver';
import { launchBrowser, shouldSkipBrowserTests } from './testing/launchBrowser';

const SCREENSHOTS = path.resolve('.test-output/screenshots');

describe.skipIf(shouldSkipBrowserTests('DraftPillars'))("each draft's own pillars, in the browser", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let chair: TestSession;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
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

  async function chairPage(): Promise<Page> {
    const context = await newPersonContext(browser, server.url, { token: chair.token });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    return page;
  }

  const draftIdOf = (page: Page) => decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);

  async function pillarRows(page: Page): Promise<string[]> {
    await page.locator('[data-testid="sidebar-tab-pillars"]').click();
    return page.locator('[data-testid="pillar-row"] .pillar-chart__label').allTextContents();
  }

  /** Downloads the live text's Markdown from the export menu, as a person would. */
  async function exportMarkdown(page: Page): Promise<string> {
    await page.locator('[data-testid="export-menu-button"]').click();
    await page.locator('[data-testid="export-pillars"]').check();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid="export-md"]').click(),
    ]);
    return fs.readFileSync((await download.path())!, 'utf8');
  }

  it('a new draft with three pillars of its own: created, tagged from the menu and by shortcut, exported without the cyber pillars', async () => {
    const page = await chairPage();
    await page.goto(`${server.url}/`);
    await page.locator('input[name="title"]').fill('Norms for undersea cables');
    // The framework's pillars are offered first; start from nothing and write three.
    const editor = page.locator('[data-testid="pillars-editor"]');
    expect(await editor.locator('[data-testid="pillar-editor-row"]').count()).toBe(CYBER_PILLARS.length);
    await editor.locator('[data-testid="pillar-template"]').selectOption('none');
    expect(await editor.locator('[data-testid="pillar-editor-row"]').count()).toBe(0);
    for (const label of ['Cable protection', 'Repair access', 'Shared monitoring']) {
      await editor.locator('[data-testid="add-pillar"]').click();
      await editor
        .locator('[data-testid="pillar-editor-row"]')
        .last()
        .getByLabel(/^Label of pillar/)
        .fill(label);
    }
    await editor.getByLabel('Short code of Repair access').fill('RPR');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'pillars-new-draft.png'), fullPage: true });
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.waitForURL(/\/drafts\/[^/]+$/);
    await page.locator(EDITABLE).waitFor();
    await page.locator(CONNECTED).waitFor();
    const draftId = draftIdOf(page);

    expect(await pillarRows(page)).toEqual(['Cable protection', 'Repair access', 'Shared monitoring']);

    // The clause menu lists the draft's pillars, with their shortcuts.
    const [pp1, op1] = (await fetchOutline(server.url, draftId, chair.token)).clauses;
    await page.locator(`.clause[data-clause-id="${pp1!.id}"] [data-testid="clause-number"]`).click();
    const menuPillars = page.locator('[data-testid="menu-pillar"]');
    expect(await menuPillars.evaluateAll((inputs) => inputs.map((input) => input.getAttribute('data-pillar')))).toEqual(
      ['cable-protection', 'repair-access', 'shared-monitoring'],
    );
    await page.locator('[data-testid="menu-pillar"][data-pillar="repair-access"]').check();
    await page.keyboard.press('Escape');
    await expect
      .poll(async () => (await fetchOutline(server.url, draftId, chair.token)).clauses[0]!.pillars)
      .toEqual(['repair-access']);
    const chip = page.locator(`.clause[data-clause-id="${pp1!.id}"] [data-testid="pillar-chip"]`);
    expect(await chip.textContent()).toBe('RPR');

    // Ctrl+Alt+1 tags with the draft's first pillar.
    await placeCaretInClause(page, op1!.id, 'start');
    await page.keyboard.press('Control+Alt+1');
    await expect
      .poll(async () => (await fetchOutline(server.url, draftId, chair.token)).clauses[1]!.pillars)
      .toEqual(['cable-protection']);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'pillars-own-draft.png') });

    const markdown = await exportMarkdown(page);
    expect(markdown).toContain('*Pillars: Repair access*');
    expect(markdown).toContain('*Pillars: Cable protection*');
    for (const pillar of CYBER_PILLARS) expect(markdown).not.toContain(pillar.label);

    // A version published for anyone shows the same chips, named by the draft's pillars.
    const saved = await chair.api(`/api/drafts/${draftId}/versions`, { method: 'POST', json: { label: 'Rev.1' } });
    const versionId = (saved.body.version as { id: string }).id;
    const published = await chair.api(`/api/drafts/${draftId}/versions/${versionId}/publish`, {
      method: 'POST',
      json: { published: true },
    });
    expect(published.status).toBe(200);
    const anonymous = await browser.newContext();
    contexts.push(anonymous);
    const publicPage = await anonymous.newPage();
    await publicPage.goto(`${server.url}${published.body.publicPath as string}`);
    const chips = publicPage.locator('[data-testid="version-text"] [data-testid="pillar-chip"]');
    await chips.first().waitFor();
    expect(await chips.allTextContents()).toEqual(['RPR', 'CAB']);
    expect(await publicPage.locator('[data-testid="pillar-chip"][data-unknown]').count()).toBe(0);
    expect(await chips.first().getAttribute('title')).toBe('Repair access');

    // Repair access removed from the draft afterwards: the version, opened in the app, still names its tags as they were.
    const draft = await chair.api(`/api/drafts/${draftId}`);
    const pillars = (draft.body.draft as { pillars: { key: string }[] }).pillars;
    const removed = await chair.api(`/api/drafts/${draftId}/pillars`, {
      method: 'PUT',
      json: { pillars: pillars.filter((pillar) => pillar.key !== 'repair-access'), removed: { 'repair-access': null } },
    });
    expect(removed.status).toBe(200);
    await page.goto(`${server.url}/drafts/${draftId}/versions/${versionId}`);
    const versionChips = page.locator('[data-testid="version-text"] [data-testid="pillar-chip"]');
    await versionChips.first().waitFor();
    expect(await versionChips.allTextContents()).toEqual(['RPR', 'CAB']);
    expect(await page.locator('[data-testid="pillar-chip"][data-unknown]').count()).toBe(0);
    expect(await versionChips.first().getAttribute('title')).toBe('Repair access');
  });

  it('an imported text tagged with its own pillars: the preview names them, the draft has them, its export has no cyber pillar', async () => {
    const page = await chairPage();
    await page.goto(`${server.url}/drafts/import`);
    await page.locator('[data-testid="import-file"]').setInputFiles({
      name: 'cables.md',
      mimeType: 'text/markdown',
      buffer: Buffer.from(CABLES_MARKDOWN),
    });
    const editor = page.locator('[data-testid="pillars-editor"]');
    await editor.waitFor();
    const labels = () =>
      editor
        .locator('[data-testid="pillar-editor-row"]')
        .evaluateAll((rows) => rows.map((row) => (row.querySelector('input') as HTMLInputElement).value));
    expect(await labels()).toEqual(['Cable protection', 'Repair access', 'Shared monitoring']);
    // The preview's clauses carry the file's pillars as chips.
    expect(await page.locator('.pillar-tag').allTextContents()).toEqual(['CAB', 'CAB', 'REP', 'REP', 'SHA']);
    // The chair renames one before creating the draft.
    await editor.getByLabel('Label of pillar 3').fill('Joint monitoring');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'pillars-import.png'), fullPage: true });
    await page.locator('[data-testid="import-create"]').click();
    await page.waitForURL(/\/drafts\/[^/]+$/);
    await page.locator(EDITABLE).waitFor();
    const draftId = draftIdOf(page);

    expect(await pillarRows(page)).toEqual(['Cable protection', 'Repair access', 'Joint monitoring']);
    expect((await fetchOutline(server.url, draftId, chair.token)).clauses.map((clause) => clause.pillars)).toEqual([
      ['cable-protection'],
      ['cable-protection', 'repair-access'],
      ['repair-access'],
      ['shared-monitoring'],
    ]);
    const markdown = await exportMarkdown(page);
    expect(markdown).toContain('*Pillars: Cable protection; Repair access*');
    expect(markdown).toContain('*Pillars: Joint monitoring*');
    for (const pillar of CYBER_PILLARS) {
      expect(markdown).not.toContain(pillar.label);
      expect(markdown).not.toContain(pillar.key);
    }

    // The chair edits them later: removing a pillar in use asks where its clauses go.
    await page.locator('[data-testid="edit-pillars"]').click();
    const dialog = page.locator('[data-testid="pillars-dialog"]');
    await dialog.getByRole('button', { name: 'Remove Repair access' }).click();
    const removal = dialog.locator('[data-testid="pillar-removal"]');
    expect(await removal.textContent()).toContain('“Repair access” is removed, and 2 clauses carry it');
    await dialog.locator('[data-testid="pillars-dialog-confirm"]').click();
    expect(await dialog.getByRole('alert').textContent()).toContain('Say what becomes of the clauses tagged');
    await removal.locator('select').selectOption({ label: 'Move them to “Cable protection”' });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'pillars-edit.png') });
    await dialog.locator('[data-testid="pillars-dialog-confirm"]').click();
    await dialog.waitFor({ state: 'detached' });
    expect(await pillarRows(page)).toEqual(['Cable protection', 'Joint monitoring']);
    expect((await fetchOutline(server.url, draftId, chair.token)).clauses.map((clause) => clause.pillars)).toEqual([
      ['cable-protection'],
      ['cable-protection'],
      ['cable-protection'],
      ['shared-monitoring'],
    ]);
    expect(await page.locator('[data-testid="pillar-chip"]').allTextContents()).toEqual(['CAB', 'CAB', 'CAB', 'SHA']);
  });
});
