import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
// Browser tests drive the real server, started in-process; the app code never imports server/.
import { draftUnderReview, type ReviewRoom } from '../server/testing/reviewRoom';
import { DEMO, signIn, type TestSession } from '../server/testing/session';
import { startTestServer } from '../server/testing/startTestServer';
import { comparePath, versionPath } from './versions/versionPaths';
import { cyclePath, reviewPath } from './review/reviewPaths';
import {
  CONNECTED,
  EDITABLE,
  READ_ONLY,
  WAIT_MS,
  fetchOutline,
  newPersonContext,
  placeCaretInClause,
} from './testing/draftPageDriver';
import { type Finding, seriousViolations } from './testing/axeFindings';
import { launchBrowser, shouldSkipBrowserTests } from './testing/launchBrowser';

/** Where browser tests put their screenshots (ignored by git). */
const SCREENSHOTS = path.resolve('.test-output/screenshots');

const SIDE_PANELS = ['outline', 'pillars', 'history', 'people', 'versions', 'review'] as const;

/** Whether the focused element shows a focus indicator: an outline or a box-shadow ring. */
function focusIsVisible(page: Page): Promise<{ element: string; visible: boolean }> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!(element instanceof HTMLElement) || element === document.body) return { element: 'body', visible: false };
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2;
    const ring = style.boxShadow !== 'none' && style.boxShadow !== '';
    const name = `${element.tagName.toLowerCase()}${element.dataset.testid ? `[${element.dataset.testid}]` : ''}`;
    return { element: name, visible: outline || ring };
  });
}

describe.skipIf(shouldSkipBrowserTests('Accessibility'))('Accessibility and keyboard use', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let chair: TestSession;
  let valdoria: TestSession;
  let norland: TestSession;
  let observer: TestSession;
  let room: ReviewRoom;
  /** The seeded demo draft, where the keyboard tests edit. */
  let demoId: string;
  let clauses: Awaited<ReturnType<typeof fetchOutline>>['clauses'] = [];
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    server = await startTestServer();
    browser = await launchBrowser();
    [chair, valdoria, norland, observer] = await Promise.all([
      signIn(server.url, DEMO.chair),
      signIn(server.url, DEMO.valdoria),
      signIn(server.url, DEMO.norland),
      signIn(server.url, DEMO.rightsObserver),
    ]);
    room = await draftUnderReview(chair, { valdoria, norland, observer }, '2027 periodic review');
    const { drafts } = z
      .object({ drafts: z.array(z.object({ id: z.string(), title: z.string() })) })
      .parse((await chair.api('/api/drafts')).body);
    demoId = drafts.find((draft) => draft.title.startsWith('Framework of Norms'))!.id;
    clauses = (await fetchOutline(server.url, demoId, chair.token)).clauses;
  });
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close().catch(() => {});
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A page in a new browser context, signed in with `token` when given. */
  async function newPage(token: string | undefined, viewport = { width: 1280, height: 720 }): Promise<Page> {
    const context = await newPersonContext(browser, server.url, { ...(token ? { token } : {}), viewport });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    return page;
  }

  /** Opens a draft (the review's by default) and waits until its text is live (read-only for an observer). */
  async function openDraft(page: Page, readOnly = false, draftId = room.draftId): Promise<void> {
    await page.goto(`${server.url}/drafts/${draftId}`);
    await page.locator(readOnly ? READ_ONLY : EDITABLE).waitFor();
    await page.locator(CONNECTED).waitFor();
  }

  /** The id of the demo draft's clause numbered `number`. */
  function clauseId(number: string): string {
    const clause = clauses.find((entry) => entry.number === number);
    if (!clause) throw new Error(`no ${number} in the review's draft`);
    return clause.id;
  }

  it.each([
    ['chair', () => chair, false],
    ['delegate', () => valdoria, false],
    ['observer', () => observer, true],
  ] as const)(
    'has no serious or critical axe finding on any page or dialog, signed in as the %s',
    async (role, who, readOnly) => {
      const findings: Record<string, Finding[]> = {};
      const check = async (page: Page, name: string) => {
        const found = await seriousViolations(page);
        if (found.length > 0) findings[name] = found;
      };
      const page = await newPage(who().token);

      await page.goto(`${server.url}/`);
      await page.getByText('Reviewed norms').first().waitFor();
      await check(page, 'draft list');
      await page.keyboard.press('?');
      await page.locator('[data-testid="shortcuts-dialog"]').waitFor();
      await check(page, 'shortcuts dialog');
      await page.keyboard.press('Escape');
      await page.locator('[data-testid="shortcuts-dialog"]').waitFor({ state: 'detached' });

      await openDraft(page, readOnly);
      for (const panel of SIDE_PANELS) {
        await page.locator(`[data-testid="sidebar-tab-${panel}"]`).click();
        await page.locator(`#draft-sidebar-${panel}`).waitFor();
        await page.waitForLoadState('networkidle');
        await check(page, `draft page, ${panel} panel`);
      }
      if (role === 'chair') {
        await page.locator('[data-testid="sidebar-tab-versions"]').click();
        await page.locator('[data-testid="version-restore"]').first().click();
        await page.locator('[data-testid="version-restore-dialog"]').waitFor();
        await check(page, 'restore confirmation');
        await page.keyboard.press('Escape');
        await page.locator('[data-testid="sidebar-tab-people"]').click();
        await page.getByRole('button', { name: 'Invite someone…' }).click();
        await page.locator('dialog[open]').waitFor();
        await check(page, 'invite dialog');
        await page.keyboard.press('Escape');
        await page.locator('[data-testid="sidebar-tab-pillars"]').click();
        await page.locator('[data-testid="edit-pillars"]').click();
        await page.locator('[data-testid="pillars-dialog"]').waitFor();
        // A pillar in use removed: the question of where its clauses go is part of the dialog.
        await page
          .locator('[data-testid="pillars-dialog"] [data-testid="pillar-editor-row"]:has(.pillars-editor__usage)')
          .first()
          .getByRole('button', { name: /^Remove / })
          .click();
        await page.locator('[data-testid="pillar-removal"]').first().waitFor();
        await check(page, 'pillars dialog');
        await page.keyboard.press('Escape');
        await page.locator('[data-testid="pillars-dialog"]').waitFor({ state: 'detached' });

        await page.goto(`${server.url}/drafts/import`);
        await page.locator('[data-testid="import-file"]').setInputFiles({
          name: 'cables.md',
          mimeType: 'text/markdown',
          buffer: Buffer.from('# Cables\n\nOP1. States should protect cables.\n\nPillars: Cable protection\n'),
        });
        await page.locator('[data-testid="pillars-editor"]').waitFor();
        await check(page, 'import preview');
      }

      await page.goto(`${server.url}${versionPath(room.draftId, room.versionId)}`);
      await page.locator('[data-testid="editor"] .ProseMirror, .draft-text').first().waitFor();
      await page.waitForLoadState('networkidle');
      await check(page, 'version');
      await page.goto(`${server.url}${comparePath(room.draftId, room.versionId, 'live')}`);
      await page.waitForLoadState('networkidle');
      await check(page, 'compare');
      await page.goto(`${server.url}${reviewPath(room.draftId)}`);
      await page.waitForLoadState('networkidle');
      await check(page, 'review cycles');
      for (const tab of ['amendments', 'compilation', 'consolidation'] as const) {
        await page.goto(`${server.url}${cyclePath(room.draftId, room.cycleId, { tab })}`);
        await page.waitForLoadState('networkidle');
        await check(page, `review cycle, ${tab} tab`);
      }

      const signedOut = await newPage(undefined);
      await signedOut.goto(`${server.url}/sign-in`);
      await signedOut.locator('input[name="email"]').waitFor();
      await check(signedOut, 'sign-in');

      expect(findings).toEqual({});
    },
  );

  it('lets a delegate work with the keyboard alone, with the focus visible at every step', async () => {
    const page = await newPage(undefined);
    const steps: { step: string; element: string; visible: boolean }[] = [];
    const step = async (name: string) => {
      steps.push({ step: name, ...(await focusIsVisible(page)) });
      await page.screenshot({ path: path.join(SCREENSHOTS, `keyboard-${steps.length}-${name}.png`) });
    };
    /** Presses Tab until the focused element matches `selector`, at most `limit` times. */
    const tabTo = async (selector: string, limit = 40) => {
      for (let presses = 0; presses < limit; presses++) {
        if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) return presses;
        await page.keyboard.press('Tab');
      }
      throw new Error(`Tab never reached ${selector}`);
    };

    // Sign in with the form.
    await page.goto(`${server.url}/sign-in?next=${encodeURIComponent(`/drafts/${demoId}`)}`);
    await tabTo('input[name="email"]');
    await step('email');
    await page.keyboard.type(DEMO.valdoria);
    await page.keyboard.press('Tab');
    await page.keyboard.type('accord-demo');
    await page.keyboard.press('Enter');
    await page.locator(EDITABLE).waitFor();
    await page.locator(CONNECTED).waitFor();

    // The skip link is the first stop, and takes focus straight to the text.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the text');
    await step('skip-link');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('draft-text');
    await step('text');

    // Edit an open clause, then make its paragraph a point of the open clause before it with the command and lift it back.
    const index = clauses.findIndex(
      (clause, at) =>
        at > 0 &&
        clause.status === 'open' &&
        clauses[at - 1]!.status === 'open' &&
        clauses[at - 1]!.kind === clause.kind &&
        clauses[at - 1]!.divisionId === clause.divisionId,
    );
    const op2 = clauses[index]!.id;
    await placeCaretInClause(page, op2, 'end');
    await page.keyboard.type(' in good faith');
    await step('edited');
    await page.keyboard.press('Control+BracketRight');
    const point = page.locator(`.clause[data-clause-id="${clauses[index - 1]!.id}"] .subparagraph`, {
      hasText: 'in good faith',
    });
    await point.waitFor();
    await step('made-point');
    // Lifted: first a paragraph of that clause, then a clause of its own again.
    await page.keyboard.press('Control+BracketLeft');
    await point.waitFor({ state: 'detached' });
    await page.keyboard.press('Control+BracketLeft');
    const editedClause = page.locator('.clause:has(> p:first-of-type:has-text("in good faith"))');
    await editedClause.waitFor();

    // Tag the clause with pillar 2 from the keyboard.
    const edited = (await editedClause.getAttribute('data-clause-id'))!;
    await placeCaretInClause(page, edited, 'end');
    await page.keyboard.press('Control+Alt+2');
    await page
      .locator(`.clause[data-clause-id="${edited}"] [data-testid="pillar-chip"][data-pillar="attribution"]`)
      .waitFor();
    await step('tagged');

    // Comment on the clause: select its last words, Ctrl+Alt+M, type, submit with the keyboard.
    await page.keyboard.press('Shift+Home');
    await page.keyboard.press('Control+Alt+KeyM');
    await page.locator('[data-testid="thread-composer"] textarea:focus').waitFor();
    await step('comment-field');
    await page.keyboard.type('Valdoria would keep "in good faith".');
    await tabTo('[data-testid="thread-composer"] button[type="submit"]');
    await step('comment-submit');
    await page.keyboard.press('Enter');
    await page.getByText('Valdoria would keep "in good faith".').first().waitFor();

    // Back in the text, Tab leaves it; Shift+Tab comes back; the side panel's Versions tab is reached by keys.
    await placeCaretInClause(page, edited, 'end');
    const before = await page.locator(EDITABLE).textContent();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).not.toBe('draft-text');
    await step('left-text');
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('draft-text');
    expect(await page.locator(EDITABLE).textContent()).toBe(before);
    await page.locator('[data-testid="sidebar-tab-outline"]').focus();
    await step('tabs');
    for (let presses = 0; presses < 4; presses++) await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('sidebar-tab-versions');
    await page.locator('#draft-sidebar-versions').waitFor();
    await step('versions');

    expect(steps.filter((entry) => !entry.visible)).toEqual([]);
  });

  it('never changes the text on Tab or Shift+Tab, and the outline is a single tab stop', async () => {
    const page = await newPage(valdoria.token);
    await openDraft(page, false, demoId);
    const op2 = clauseId('OP2');
    await placeCaretInClause(page, op2, 'start');
    const text = () => page.locator(EDITABLE).evaluate((root) => root.textContent);
    const before = await text();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await text()).toBe(before);
    expect(
      await page
        .locator(`.clause[data-clause-id="${op2}"] > .clause-gutter [data-testid="clause-number"]`)
        .textContent(),
    ).toBe('OP2');

    // From the side panel's tabs, one Tab crosses the whole outline into the text's side of the page.
    const outlineStops = await page
      .locator('[data-testid="outline"] button')
      .evaluateAll((buttons) => buttons.filter((button) => (button as HTMLElement).tabIndex === 0).length);
    expect(outlineStops).toBe(1);

    // Each clause's gutter (number, pillar chips, status) ends before the next clause's begins.
    const overlaps = await page.locator('[data-testid="clause-gutter"]').evaluateAll((gutters) =>
      gutters.flatMap((gutter, at) => {
        const next = gutters[at + 1];
        if (!next) return [];
        const bottom = gutter.getBoundingClientRect().bottom;
        return bottom > next.getBoundingClientRect().top ? [gutter.textContent ?? ''] : [];
      }),
    );
    expect(overlaps).toEqual([]);
    await page.locator('[data-testid="outline"] button[tabindex="0"]').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-number'));
    expect(focused).toMatch(/^PP|^OP/);
    await page.keyboard.press('Enter');
    // The outline moves the caret to the clause, then gives the text the focus (after the click's own handling).
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), { timeout: WAIT_MS }).toBe('draft-text');
  });

  it.each([
    { width: 1024, height: 768 },
    { width: 1280, height: 720 },
  ])('reaches every side panel and the comments at $width×$height', async (viewport) => {
    const page = await newPage(chair.token, viewport);
    await openDraft(page);
    const toggle = page.locator('[data-testid="sidebar-toggle"]');
    const folded = await toggle.isVisible();
    expect(folded).toBe(viewport.width < 1180);
    for (const panel of SIDE_PANELS) {
      if (folded && (await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
      const tab = page.locator(`[data-testid="sidebar-tab-${panel}"]`);
      await tab.click();
      const body = page.locator(`#draft-sidebar-${panel}`);
      await body.waitFor();
      const box = await body.boundingBox();
      expect(box, panel).not.toBeNull();
      expect(box!.x + box!.width, panel).toBeLessThanOrEqual(viewport.width + 1);
      expect(box!.x, panel).toBeGreaterThanOrEqual(0);
      await page.screenshot({ path: path.join(SCREENSHOTS, `layout-${viewport.width}-${panel}.png`) });
      if (folded) {
        await page.keyboard.press('Escape');
        expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      }
    }
    const margin = page.locator('[data-testid="comments-margin"]');
    expect(await margin.isVisible()).toBe(true);
    const marginBox = await margin.boundingBox();
    expect(marginBox!.x + marginBox!.width).toBeLessThanOrEqual(viewport.width + 1);
    // Nothing is wider than the window.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);

    // Printed, the page is the text alone.
    await page.emulateMedia({ media: 'print' });
    for (const chrome of ['.app-header', '.draft-sidebar', '[data-testid="comments-margin"]', '.clause-toolbar'])
      expect(await page.locator(chrome).first().isVisible(), chrome).toBe(false);
    expect(await page.locator(EDITABLE).isVisible()).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, `print-${viewport.width}.png`), fullPage: true });
  });

  it('asks before leaving while changes are unsynced, and not otherwise', async () => {
    const page = await newPage(valdoria.token);
    await openDraft(page, false, demoId);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.type());
      void dialog.dismiss();
    });

    // Live and synced: a reload leaves at once.
    await placeCaretInClause(page, clauseId('OP3'), 'end');
    await page.keyboard.type(' now');
    await page.reload();
    await page.locator(EDITABLE).waitFor();
    await page.locator(CONNECTED).waitFor();
    expect(dialogs).toEqual([]);

    // Offline with a change: the banner says what happens, and the browser asks before the reload.
    await page.context().setOffline(true);
    await page.locator('[data-testid="connection-status"][data-state="offline"]').waitFor();
    await placeCaretInClause(page, clauseId('OP3'), 'end');
    await page.keyboard.type(' offline');
    await page.locator('[data-testid="unsynced-count"]:not([data-count="0"])').waitFor();
    expect(await page.locator('[data-testid="unsynced-banner"]').textContent()).toMatch(
      /kept in this browser and sent when the connection returns.*closing it now may lose them/,
    );
    await page.reload().catch(() => {});
    await expect.poll(() => dialogs).toEqual(['beforeunload']);
    // Dismissed: the page and its change are still there.
    expect(await page.locator(EDITABLE).textContent()).toContain(' offline');

    // Back online and synced: the question goes.
    await page.context().setOffline(false);
    await page.locator(CONNECTED).waitFor();
    await page.reload();
    await page.locator(EDITABLE).waitFor();
    expect(dialogs).toEqual(['beforeunload']);
  });
});
