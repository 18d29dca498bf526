import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RefusalCode, refusalHeadline } from '../shared/closeCodes';
// Browser tests drive the real server, started in-process; the app code never imports server/.
import { DEMO } from '../server/testing/session';
import { startTestServer } from '../server/testing/startTestServer';
import { changeOf, nestParagraphs, readStoredDraft, storeUnchecked } from '../server/testing/storedText';
import { clauseText } from '../server/testing/collabClient';
import { CONNECTED, EDITABLE, WAIT_MS, newPersonContext, signInToken } from './testing/draftPageDriver';
import { launchBrowser, shouldSkipBrowserTests } from './testing/launchBrowser';

const DEMO_PASSWORD = 'accord-demo';

describe.skipIf(shouldSkipBrowserTests('Recovery'))('a draft whose stored text cannot be read, in the browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let dataDir: string;
  let draftUrl: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    // A draft stored before the server checked every change: 3,000 nested paragraphs in OP2,
    // between two ordinary edits.
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-recovery-browser-'));
    await (await startTestServer({ dataDir })).close();
    const { draftId, doc } = await readStoredDraft(dataDir);
    await storeUnchecked(dataDir, draftId, [
      changeOf(doc, (copy) => clauseText(copy, 'operative', 2).insert(0, 'Kept before. ')),
      changeOf(doc, nestParagraphs),
      changeOf(doc, (copy) => clauseText(copy, 'operative', 3).insert(0, 'Kept after. ')),
    ]);
    server = await startTestServer({ dataDir });
    browser = await launchBrowser();
    draftUrl = `${server.url}/drafts/${draftId}`;
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await server?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function open(email: string): Promise<Page> {
    const context = await newPersonContext(browser, server.url, {
      token: await signInToken(server.url, email, DEMO_PASSWORD),
    });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    // Whether an editor ever appeared, however briefly: one would write a template over the text.
    await page.addInitScript(() => {
      new MutationObserver(() => {
        if (document.querySelector('[data-testid="editor"]')) Object.assign(window, { accordEditorSeen: true });
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(draftUrl);
    return page;
  }

  it('opens read-only for everyone with the reason; the chair restores the last good state and every page loads it', async () => {
    const delegate = await open(DEMO.valdoria);
    const chair = await open(DEMO.chair);
    for (const page of [delegate, chair]) {
      await page.locator('[data-testid="draft-unreadable"]').waitFor();
      expect(await page.locator('[data-testid="draft-unreadable"] h2').innerText()).toBe(
        refusalHeadline(RefusalCode.Unreadable),
      );
      expect(await page.locator('[data-testid="draft-unreadable-reason"]').innerText()).toMatch(
        /nested more than 16 levels deep/,
      );
      expect(await page.evaluate(() => 'accordEditorSeen' in window)).toBe(false);
    }
    // Only the chair is offered the restore, with what it keeps and drops.
    expect(await delegate.locator('[data-testid="draft-recovery-restore"]').count()).toBe(0);
    expect(await chair.locator('[data-testid="draft-recovery-plan"]').innerText()).toBe(
      'Restore the text with 2 stored changes and without the 1 that breaks the text.',
    );
    chair.once('dialog', (dialog) => void dialog.accept());
    await chair.locator('[data-testid="draft-recovery-restore"]').click();

    // Both pages load the restored text and can edit again.
    for (const page of [delegate, chair]) {
      await page.locator(EDITABLE).waitFor();
      await page.locator(CONNECTED).waitFor();
      const text = (await page.locator('[data-testid="editor"] .ProseMirror').textContent()) ?? '';
      expect(text).toContain('Kept before.');
      expect(text).toContain('Kept after.');
      expect(await page.locator('[data-testid="draft-unreadable"]').count()).toBe(0);
    }
  });
});
