/**
 * The role guides (docs/guides/chair.md, delegate.md, observer.md) walked step by step in Chromium
 * against the real server on the demo data. Each step asserts what its guide says the person sees
 * there, so a guide that stops describing the app fails here, and takes the screenshots the guide
 * embeds. `npm run docs:screenshots` writes them into docs/guides/images; any other run writes them
 * under .test-output/guides (see `client/testing/guideScreenshots.ts`). Each guide has its own
 * server and demo draft; its steps run in order on it, as a person would take them.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CYBER_PILLARS } from '../shared/pillars';
import { DEMO, callApi } from '../server/testing/session';
import {
  highlightedWords,
  selectWords as selectReadOnlyWords,
  submitNewThread,
  threadCard,
} from './testing/commentsDriver';
import { demoRoom } from './testing/demoRoom';
import {
  CONNECTED,
  EDITABLE,
  READ_ONLY,
  WAIT_MS,
  clauseParagraphText,
  fetchOutline,
  placeCaretInClause,
  selectWords,
} from './testing/draftPageDriver';
import {
  GUIDES_DIR,
  GUIDE_VIEWPORT,
  guideScreenshot,
  imagesEmbeddedInGuides,
  takenGuideScreenshots,
} from './testing/guideScreenshots';
import { shouldSkipBrowserTests } from './testing/launchBrowser';
import { moveToNextPhase, openAmendment, redlineText, waitForCyclePage } from './testing/reviewDriver';
import { openVersionsTab, redlineWords, saveVersionInPanel, versionRow } from './testing/versionsDriver';

/** The demo accounts' password, as the README gives it. */
const DEMO_PASSWORD = 'accord-demo';

/** Signs in through the sign-in page, as the guides' first step says, and waits for the drafts list. */
async function signInThroughForm(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(baseUrl);
  await page.waitForURL((url) => url.pathname === '/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  await page.locator('[data-testid="draft-row"]').first().waitFor();
}

/** The row of the demo draft in the drafts list. */
function demoDraftRow(page: Page) {
  return page.locator('[data-testid="draft-row"]', { hasText: 'Framework of Norms' });
}

/** The clause with `id` in the editor. */
function clauseIn(page: Page, id: string) {
  return page.locator(`[data-testid="editor"] .clause[data-clause-id="${id}"]`);
}

describe.skipIf(shouldSkipBrowserTests('Guides'))('the role guides, step by step, with their screenshots', () => {
  describe('the chair’s guide (docs/guides/chair.md)', () => {
    const room = demoRoom();
    const open = (email: string) => room.openAs(email, { viewport: GUIDE_VIEWPORT });

    it('signing in: the drafts list, where the chair creates a draft or imports one', async () => {
      const page = await room.newPage({ viewport: GUIDE_VIEWPORT });
      await signInThroughForm(page, room.server.url, DEMO.chair);
      expect(await demoDraftRow(page).locator('[data-testid="draft-role"]').textContent()).toBe('Chair');
      expect(await page.getByLabel('Start a new draft').count()).toBe(1);
      expect(await page.locator('[data-testid="template-option"]').allInnerTexts()).toEqual([
        expect.stringMatching(/^Blank/),
        expect.stringMatching(/^Pillar framework/),
      ]);
      await guideScreenshot(page, 'chair-drafts');

      // A new draft: a title and a starting point; it opens with the chair as its chair.
      await page.getByLabel('Start a new draft').fill('Norms on the protection of submarine cables');
      await page.getByRole('button', { name: 'Create draft' }).click();
      await page.locator(EDITABLE).waitFor();
      await page.locator(CONNECTED).waitFor();
      expect(await page.locator('[data-testid="header-role"]').getAttribute('data-role')).toBe('chair');
      expect(await page.locator('[data-testid="editor"] .clause').count()).toBe(2);

      // An import: the file is read into a preview with the numbers Accord gives; nothing exists until Create.
      await page.goto(`${room.server.url}/`);
      await page.locator('[data-testid="import-draft"]').click();
      await page.locator('[data-testid="import-file"]').setInputFiles({
        name: 'cables.md',
        mimeType: 'text/markdown',
        buffer: Buffer.from(
          [
            '# Norms on the protection of submarine cables',
            '',
            'The States participating in these Norms,',
            '',
            '*Recognizing* that submarine cables carry most of the data that crosses borders,',
            '',
            '1. States should refrain from damaging submarine cables.',
            '2. States should cooperate to repair damaged cables promptly, in particular by:',
            '   - (a) sharing the location of faults;',
            '   - (b) granting repair ships swift clearance.',
            '',
          ].join('\n'),
        ),
      });
      await page.locator('[data-testid="import-preview"]').waitFor();
      expect(await page.locator('[data-testid="import-title"]').inputValue()).toBe(
        'Norms on the protection of submarine cables',
      );
      expect(await page.locator('[data-testid="import-clause-number"]').allTextContents()).toEqual([
        'PP1',
        'OP1',
        'OP2',
      ]);
      await page.locator('[data-testid="import-create"]').click();
      await page.waitForURL((url) => /^\/drafts\/[^/]+$/.test(url.pathname) && url.pathname !== '/drafts/import');
      await page.locator(EDITABLE).waitFor();
      expect(await page.locator('[data-testid="editor"] .subparagraph[data-label]').count()).toBe(2);
    });

    it('inviting people: a link for one role and one delegation, accepted by a new delegate', async () => {
      const page = await open(DEMO.chair);
      await page.locator('[data-testid="sidebar-tab-people"]').click();
      await page.locator('[data-testid="member-row"]').first().waitFor();
      expect(await page.locator('[data-testid="member-row"]').count()).toBe(6);
      await page.getByRole('button', { name: 'Invite someone…' }).click();
      const dialog = page.locator('dialog[open]');
      await dialog.locator('input[name="role"][value="delegate"]').check();
      await dialog.locator('select[name="affiliation"]').selectOption('new:delegation');
      await dialog.locator('input[name="affiliationName"]').fill('Republic of Ostrava');
      await dialog.locator('input[name="affiliationCode"]').fill('XOS');
      await dialog.locator('select[name="expiresInDays"]').selectOption('30');
      await dialog.getByRole('button', { name: 'Create invitation link' }).click();
      const link = await dialog.locator('[data-testid="invite-link"]').inputValue();
      expect(link).toMatch(new RegExp(`^${room.server.url}/invite/.+`));
      expect(await dialog.innerText()).toContain('Anyone with it can accept it once; it is shown only now.');
      await guideScreenshot(page, 'chair-invite');
      await dialog.getByRole('button', { name: 'Done' }).click();
      await page.locator('[data-testid="invite-row"]', { hasText: 'Republic of Ostrava' }).waitFor();

      // The person invited opens the link, creates an account and lands on the draft as a delegate.
      const invited = await room.newPage({ viewport: GUIDE_VIEWPORT });
      await invited.goto(link);
      expect(await invited.locator('[data-testid="invite-role"]').textContent()).toBe('Delegate');
      await invited.locator('input[name="name"]').fill('Jana Novak');
      await invited.locator('input[name="email"]').fill('jana.novak@ostrava.example');
      await invited.locator('input[name="password"]').fill('a long enough password');
      await invited.getByRole('button', { name: 'Create account and accept' }).click();
      await invited.locator(EDITABLE).waitFor();
      expect(await invited.locator('[data-testid="header-role"]').getAttribute('data-role')).toBe('delegate');
      // The chair's People tab, open all along, lists them at once, and the link is used up.
      await page
        .locator('[data-testid="member-row"][data-email="jana.novak@ostrava.example"][data-role="delegate"]')
        .waitFor();
      expect(await page.locator('[data-testid="invite-row"]', { hasText: 'Republic of Ostrava' }).count()).toBe(0);
    });

    it('agreeing clauses: the status in the clause menu, locked for delegates at once', async () => {
      const chair = await open(DEMO.chair);
      const delegate = await open(DEMO.valdoria);
      const op7 = room.clause('OP7').id;
      await placeCaretInClause(chair, op7, 'start');
      await clauseIn(chair, op7).locator('[data-testid="clause-number"]').click();
      const menu = chair.locator('[data-testid="clause-menu"]');
      await menu.waitFor();
      expect(await menu.locator('[data-testid="menu-status"]').count()).toBe(3);
      await menu.locator('[data-testid="menu-status"][value="agreed-ad-ref"]').check();
      await expect
        .poll(() => clauseIn(chair, op7).locator('[data-testid="clause-status"]').textContent(), { timeout: WAIT_MS })
        .toBe('Ad ref');
      await guideScreenshot(chair, 'chair-agree-clause');
      await chair.keyboard.press('Escape');
      // The delegate's page locks the clause at once: who agreed it, and how to propose a change.
      const lock = delegate.locator(`[data-testid="clause-lock"][data-clause-id="${op7}"]`);
      await expect
        .poll(() => lock.innerText(), { timeout: WAIT_MS })
        .toMatch(/^Agreed ad ref by Amina Diallo .* pending confirmation from capitals\./);
      const { clauses } = await fetchOutline(room.server.url, room.demoId, room.chairToken);
      expect(clauses.find((clause) => clause.id === op7)!.status).toBe('agreed-ad-ref');
    });

    it('changing the pillars: the list in a dialog; removing one in use asks where its clauses go', async () => {
      const chair = await open(DEMO.chair);
      await chair.locator('[data-testid="sidebar-tab-pillars"]').click();
      await chair.locator('[data-testid="edit-pillars"]').click();
      const dialog = chair.locator('[data-testid="pillars-dialog"]');
      await dialog.waitFor();
      const labels = await dialog
        .locator('[data-testid="pillar-editor-row"]')
        .evaluateAll((rows) => rows.map((row) => (row.querySelector('input') as HTMLInputElement).value));
      expect(labels).toEqual(CYBER_PILLARS.map((pillar) => pillar.label));
      await dialog.getByRole('button', { name: 'Remove Attribution' }).click();
      const removal = dialog.locator('[data-testid="pillar-removal"]');
      expect(await removal.textContent()).toMatch(
        /^“Attribution” is removed, and \d+ clauses? carr(y|ies) it\. Its tags:/,
      );
      await removal.locator('select').selectOption({ label: 'Move them to “Legality and proportionality”' });
      await guideScreenshot(chair, 'chair-pillars');
      // Cancelled: the guide shows the question, the demo keeps its pillars.
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'detached' });
      expect(await chair.locator('[data-testid="pillar-row"]').count()).toBe(CYBER_PILLARS.length);
    });

    it('deciding suggestions and brackets: accept or reject, remove brackets, select a wording', async () => {
      const op4 = room.clause('OP4').id;
      const op6 = room.clause('OP6').id;
      const op8 = room.clause('OP8').id;
      // Valdoria suggests words in OP4, brackets a word of OP6 and proposes another wording in OP8.
      const delegate = await open(DEMO.valdoria);
      await delegate.getByTestId('suggest-toggle').click();
      await placeCaretInClause(delegate, op4, { after: 'Any response' });
      await delegate.keyboard.type(' by a State');
      await delegate.getByTestId('suggest-toggle').click();
      await selectWords(delegate, op6, 'quickly');
      await delegate.getByRole('button', { name: '[ ] Bracket the selection' }).click();
      await expect.poll(() => clauseParagraphText(delegate, op6), { timeout: WAIT_MS }).toContain('[quickly]');
      await selectWords(delegate, op8, 'publish');
      await delegate.getByLabel('Another wording for the selected words').fill('make public');
      await delegate.getByRole('button', { name: 'Propose as Alt 2' }).click();
      await expect
        .poll(() => clauseParagraphText(delegate, op8), { timeout: WAIT_MS })
        .toContain('[publish / make public]');

      const chair = await open(DEMO.chair);
      await placeCaretInClause(chair, op4, 'start');
      const card = chair.getByTestId('suggestion').filter({ hasText: 'Insert “by a State”' });
      await card.waitFor();
      expect(await card.innerText()).toContain('Lena Varga, Republic of Valdoria');
      for (const name of ['Accept', 'Reject'])
        expect(await card.getByRole('button', { name, exact: true }).count()).toBe(1);
      expect(await chair.getByRole('button', { name: 'Accept all' }).count()).toBe(1);
      expect(await clauseIn(chair, op4).locator('ins.suggestion').textContent()).toBe(' by a State');
      await guideScreenshot(chair, 'chair-suggestions');
      await card.getByRole('button', { name: 'Accept', exact: true }).click();
      await expect
        .poll(() => clauseParagraphText(delegate, op4), { timeout: WAIT_MS })
        .toMatch(/^Any response by a State should be limited/);
      await expect.poll(() => clauseIn(delegate, op4).locator('ins.suggestion').count(), { timeout: WAIT_MS }).toBe(0);

      // The bracket: the chair lifts it once the words are agreed; the words stay.
      await placeCaretInClause(chair, op6, 'start');
      const bracket = chair.getByTestId('bracket');
      expect(await bracket.innerText()).toContain('[quickly] held by Republic of Valdoria');
      await bracket.getByRole('button', { name: 'Remove brackets' }).click();
      await expect.poll(() => clauseParagraphText(delegate, op6), { timeout: WAIT_MS }).not.toContain('[');
      expect(await clauseParagraphText(delegate, op6)).toContain('provided quickly across borders');

      // The alternatives: the chair selects the agreed wording; the other stays in the record.
      await placeCaretInClause(chair, op8, 'start');
      const wordings = chair.getByTestId('alternatives');
      expect(await wordings.innerText()).toMatch(/Alt 1: “publish”[\s\S]*Alt 2: “make public”/);
      await wordings.getByRole('button', { name: 'Select Alt 2' }).click();
      await expect
        .poll(() => clauseParagraphText(delegate, op8), { timeout: WAIT_MS })
        .toMatch(/^States taking measures in response to a cyber operation should make public a statement/);
    });

    it('comment periods and moderation: observers comment while one is open; the chair hides with a reason', async () => {
      const chair = await open(DEMO.chair);
      const banner = chair.locator('[data-testid="comment-period-banner"]');
      expect(await banner.getAttribute('data-state')).toBe('none');
      await chair.getByTestId('open-period').click();
      const form = chair.getByTestId('open-period-form');
      expect(await form.locator('input[name="startsAt"]').inputValue()).not.toBe('');
      expect(await form.locator('input[name="endsAt"]').inputValue()).not.toBe('');
      await form.getByRole('button', { name: 'Open period' }).click();
      await chair.locator('[data-testid="comment-period-banner"][data-state="open"]').waitFor();
      expect(await chair.getByTestId('comment-period-message').textContent()).toMatch(
        /^Public comment period open until .*\. Observers can comment\.$/,
      );

      // An observer comments on OP9; the chair hides it, and the reason shows in its place for everyone.
      const observerToken = (
        await callApi(room.server.url, undefined, '/api/auth/login', {
          method: 'POST',
          json: { email: DEMO.rightsObserver, password: DEMO_PASSWORD },
        })
      ).body.token as string;
      const posted = await callApi(room.server.url, observerToken, `/api/drafts/${room.demoId}/comments`, {
        method: 'POST',
        json: { body: 'This is off topic.', anchor: { clauseId: room.clause('OP9').id } },
      });
      expect(posted.status).toBe(201);
      const thread = chair.locator('[data-testid="comment-thread"]', { hasText: 'This is off topic.' });
      await thread.waitFor();
      await thread.click();
      await thread.getByTestId('hide-comment').click();
      await thread.locator('[data-testid="hide-form"] input[name="reason"]').fill('Off topic');
      await thread.getByRole('button', { name: 'Hide comment' }).click();
      await thread.getByTestId('comment-hidden').waitFor();
      expect(await thread.getByTestId('comment-hidden-reason').textContent()).toBe('Off topic');
      const observer = await room.openAs(DEMO.rightsObserver, { viewport: GUIDE_VIEWPORT, readOnly: true });
      const seen = observer.locator('[data-testid="comment-thread"]', { has: observer.getByTestId('comment-hidden') });
      await expect.poll(() => seen.getByTestId('comment-hidden-reason').textContent()).toBe('Off topic');
    });

    it('naming, publishing, comparing and exporting versions', async () => {
      const op4 = room.clause('OP4').id;
      const chair = await open(DEMO.chair);
      await openVersionsTab(chair);
      expect(await versionRow(chair, 'Rev.1').locator('[data-testid="version-published"]').textContent()).toBe(
        'Public',
      );
      await saveVersionInPanel(chair, 'Informal consultations text', 'After the informal consultations.');
      const row = versionRow(chair, 'Informal consultations text');
      await row.locator('[data-testid="version-publish"]').click();
      await chair.getByTestId('version-publish-dialog-confirm').click();
      await row.locator('[data-testid="version-published"]').waitFor();
      const publicPath = await row.locator('[data-testid="public-link"]').inputValue();
      expect(publicPath).toMatch(/\/public\/versions\/.+$/);
      await guideScreenshot(chair, 'chair-versions');

      // Compare Rev.1 with the new version: the accepted words are an insertion in OP4, OP7's new status is listed.
      await versionRow(chair, 'Rev.1').locator('[data-testid="version-compare"]').click();
      await chair.locator('[data-testid="compare-to"]').selectOption({ label: 'Informal consultations text' });
      await chair.locator('[data-testid="compare-changes-only"]').check();
      await expect.poll(() => redlineWords(chair, op4, 'insert'), { timeout: WAIT_MS }).toEqual(['by a State ']);
      const op7 = chair.locator(`[data-testid="redline-clause"][data-clause-id="${room.clause('OP7').id}"]`);
      expect(await op7.locator('[data-testid="redline-status-change"]').textContent()).toMatch(/Open → Agreed ad ref$/);
      await guideScreenshot(chair, 'chair-compare');
      for (const format of ['html', 'docx', 'pdf'])
        expect(await chair.getByTestId(`redline-export-${format}`).count()).toBe(1);

      // The published version opens for anyone with its link, signed out.
      const stranger = await room.newPage({ viewport: GUIDE_VIEWPORT });
      await stranger.goto(publicPath);
      await stranger.locator('[data-testid="version-text"] .ProseMirror').waitFor();
      expect(await stranger.locator('[data-testid="export-menu-button"]').count()).toBe(1);
    });

    it('running the periodic review: phases, decisions and consolidation into a new version', async () => {
      const draft = await open(DEMO.chair);
      await draft.locator('[data-testid="open-review"]').click();
      await draft.locator('[data-testid="cycle-row"]').first().waitFor();
      // One cycle at a time: the demo's is open, so opening another is offered disabled, saying why.
      const openCycle = draft.locator('[data-testid="open-cycle"]');
      expect(await openCycle.getAttribute('data-enabled')).toBe('false');
      expect(await openCycle.getAttribute('title')).toContain('is still open; close it before opening another.');
      await draft.locator('[data-testid="cycle-link"]').first().click();
      await waitForCyclePage(draft);
      const page = draft;
      expect(await page.locator('[data-testid="phase-submission"]').getAttribute('data-state')).toBe('current');
      expect(await page.locator('[data-testid="amendment-item"]').count()).toBe(2);

      // Comment period: the amendments go under consideration; then deliberation and decisions.
      await moveToNextPhase(page, 'comment');
      for (const label of ['A-1', 'A-2']) {
        const detail = await openAmendment(page, label);
        await detail.locator('[data-testid="status-action-under-consideration"][data-enabled="true"]').click();
        await page.locator('[data-testid="amendment-detail"][data-status="under-consideration"]').waitFor();
      }
      await moveToNextPhase(page, 'deliberation');
      await moveToNextPhase(page, 'decision');

      // A-2 is adopted by consensus; A-1, which Meridia objects to, by a recorded vote.
      const a2 = await openAmendment(page, 'A-2');
      await a2.locator('[data-testid="status-action-adopted"][data-enabled="true"]').click();
      await a2.getByTestId('decision-submit').click();
      await page.getByTestId('status-confirm-confirm').click();
      await page.locator('[data-testid="amendment-detail"][data-status="adopted"]').waitFor();
      const a1 = await openAmendment(page, 'A-1');
      expect(await a1.locator('[data-testid="statement"]').innerText()).toContain('Federated States of Meridia');
      await a1.locator('[data-testid="status-action-adopted"][data-enabled="true"]').click();
      const form = a1.getByTestId('decision-form');
      await form.getByTestId('decision-method-vote').check();
      await form.getByTestId('decision-inFavour').fill('14');
      await form.getByTestId('decision-against').fill('1');
      await form.getByTestId('decision-abstaining').fill('2');
      await form.getByTestId('decision-note').fill('Meridia asked for sixty days; the meeting kept thirty.');
      await form.scrollIntoViewIfNeeded();
      await guideScreenshot(page, 'chair-review-decision');
      await form.getByTestId('decision-submit').click();
      const confirm = page.getByTestId('status-confirm');
      expect(await confirm.innerText()).toContain('Record A-1 as adopted?');
      await confirm.getByTestId('status-confirm-confirm').click();
      await page.locator('[data-testid="amendment-detail"][data-status="adopted"]').waitFor();
      expect(
        await a1
          .locator('[data-testid="transition"][data-to="adopted"] [data-testid="transition-decision"]')
          .textContent(),
      ).toBe('By vote: 14 in favour, 1 against, 2 abstaining');

      // Consolidation: both amendments adopted; the live changes since Rev.1 (OP4's and OP8's words, OP7's status) kept.
      await page.getByTestId('review-tab-consolidation').click();
      await page.locator('[data-testid="consolidation-adopted"][data-count="2"]').waitFor();
      expect(await page.getByTestId('consolidation-pending').getAttribute('data-count')).toBe('0');
      const changes = page.locator('[data-testid="live-change"]');
      await changes.first().waitFor();
      expect(await changes.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-clause-id')))).toEqual([
        room.clause('OP4').id,
        room.clause('OP7').id,
        room.clause('OP8').id,
      ]);
      for (const change of await changes.all()) await change.getByTestId('live-change-keep').check();
      // A-2's new clause goes in agreed unless the chair says otherwise; here, agreed ad ref.
      const added = page.locator('[data-testid="added-clause"][data-amendment="A-2"]');
      expect(await added.getAttribute('data-status')).toBe('agreed');
      await added.getByTestId('added-clause-status-agreed-ad-ref').check();
      await page.locator('[data-testid="added-clause"][data-amendment="A-2"][data-status="agreed-ad-ref"]').waitFor();
      await page.getByTestId('consolidate-label').fill('Rev.2');
      await page.getByTestId('consolidate-note').fill('Consolidated after the 2027 periodic review.');
      // The summary at the top of the window, below the page's header.
      await page.getByTestId('consolidation-summary').evaluate((summary) => {
        summary.scrollIntoView();
        window.scrollBy(0, -80);
      });
      await guideScreenshot(page, 'chair-consolidation');
      await page.getByTestId('consolidate-submit').click();
      await page.getByTestId('consolidate-confirm-confirm').click();
      expect(await page.getByTestId('consolidated-version-link').textContent()).toBe('Rev.2');
      await page.locator('[data-testid="cycle-banner"][data-phase="closed"]').waitFor();

      // The live text is Rev.2: A-1's words in OP2, A-2's clause after OP8, and the kept words of OP4 and OP8.
      const { clauses } = await fetchOutline(room.server.url, room.demoId, room.chairToken);
      const textOf = (number: string) => clauses.find((clause) => clause.number === number)?.text ?? '';
      expect(textOf('OP2')).toContain('within thirty days and where security permits');
      expect(textOf('OP9')).toMatch(/^States should notify the secretariat within seventy-two hours/);
      expect(clauses.find((clause) => clause.number === 'OP9')?.status).toBe('agreed-ad-ref');
      expect(textOf('OP4')).toMatch(/^Any response by a State/);
      expect(textOf('OP8')).toContain('should make public a statement');
    });
  });

  describe('the delegate’s guide (docs/guides/delegate.md)', () => {
    const room = demoRoom();
    const open = (email: string) => room.openAs(email, { viewport: GUIDE_VIEWPORT });

    it('signing in and opening the draft: open clauses to type in, agreed ones locked', async () => {
      const page = await room.newPage({ viewport: GUIDE_VIEWPORT });
      await signInThroughForm(page, room.server.url, DEMO.valdoria);
      expect(await demoDraftRow(page).locator('[data-testid="draft-role"]').textContent()).toBe('Delegate');
      // No new drafts for a delegate: the chair's secretariat creates them.
      expect(await page.getByLabel('Start a new draft').count()).toBe(0);
      await demoDraftRow(page).getByRole('link', { name: 'Open' }).click();
      await page.locator(EDITABLE).waitFor();
      await page.locator(CONNECTED).waitFor();
      expect(await page.locator('[data-testid="header-role"]').textContent()).toBe('Your role: Delegate');
      expect(await page.locator('[data-testid="header-affiliation"]').textContent()).toBe('Republic of Valdoria (XVA)');
      const lock = page.locator(`[data-testid="clause-lock"][data-clause-id="${room.clause('PP1').id}"]`);
      expect(await lock.innerText()).toContain('Only the chair can change its text directly; type to suggest a change');
      expect(await page.locator('[data-testid="editor"] h1.draft-title').getAttribute('data-lock-hint')).toBe(
        'Only the chair can rename the draft.',
      );
      await guideScreenshot(page, 'delegate-draft');
    });

    it('co-drafting: typing live beside another delegation, and making points with Ctrl+] and Ctrl+[', async () => {
      const op4 = room.clause('OP4').id;
      const op6 = room.clause('OP6').id;
      const page = await open(DEMO.valdoria);
      const norland = await open(DEMO.norland);
      // Norland types in OP4; Valdoria's page shows the words and Norland's caret at once.
      await placeCaretInClause(norland, op4, { after: 'necessary' });
      await norland.keyboard.type(' and proportionate');
      await expect
        .poll(() => clauseParagraphText(page, op4), { timeout: WAIT_MS })
        .toContain('necessary and proportionate');
      await page.locator('.collaboration-carets__label', { hasText: 'Erik Holm' }).waitFor();

      // Valdoria ends OP6 with a colon and lists two ways, as points (a) and (b).
      await placeCaretInClause(page, op6, 'end');
      await page.keyboard.press('Backspace');
      await page.keyboard.type(', in particular by:');
      await page.keyboard.press('Enter');
      await page.keyboard.type('designating a national point of contact;');
      await page.keyboard.press('Control+BracketRight');
      await page.keyboard.press('Enter');
      await page.keyboard.type('taking part in joint exercises.');
      const points = () =>
        clauseIn(page, op6)
          .locator('.subparagraph')
          .evaluateAll((nodes) => nodes.map((node) => `${node.getAttribute('data-label')} ${node.textContent}`));
      await expect
        .poll(points)
        .toEqual(['(a) designating a national point of contact;', '(b) taking part in joint exercises.']);
      // Ctrl+] makes (b) a sub-point of (a); Ctrl+[ lifts it back.
      await page.keyboard.press('Control+BracketRight');
      await expect
        .poll(() => clauseIn(page, op6).locator('.subparagraph[data-level="2"]').getAttribute('data-label'))
        .toBe('(i)');
      await page.keyboard.press('Control+BracketLeft');
      await expect
        .poll(points)
        .toEqual(['(a) designating a national point of contact;', '(b) taking part in joint exercises.']);
      await expect
        .poll(
          async () =>
            (await fetchOutline(room.server.url, room.demoId, room.chairToken)).clauses
              .find((c) => c.id === op6)
              ?.points?.map((p) => p.reference),
          { timeout: WAIT_MS },
        )
        .toEqual(['OP6(a)', 'OP6(b)']);
      await clauseIn(page, op6).scrollIntoViewIfNeeded();
      await page.evaluate(() => window.scrollBy(0, 120));
      await guideScreenshot(page, 'delegate-points');
    });

    it('pillars: tagging a clause from its menu or with Ctrl+Alt+1 … 9; the status is the chair’s', async () => {
      const op6 = room.clause('OP6').id;
      const page = await open(DEMO.valdoria);
      const chips = () =>
        clauseIn(page, op6)
          .locator(':scope > [data-testid="clause-gutter"] [data-testid="pillar-chip"]')
          .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-pillar')));
      await placeCaretInClause(page, op6, 'start');
      await clauseIn(page, op6).locator('[data-testid="clause-number"]').click();
      const menu = page.locator('[data-testid="clause-menu"]');
      await menu.waitFor();
      // A delegate reads the status; only the chair sets it.
      expect(await menu.locator('[data-testid="menu-status"]').count()).toBe(0);
      expect(await menu.getByTestId('menu-status-label').count()).toBe(1);
      await menu.locator('[data-testid="menu-pillar"][data-pillar="civilian-protection"]').check();
      await expect.poll(chips).toContain('civilian-protection');
      await guideScreenshot(page, 'delegate-pillars');
      await page.keyboard.press('Escape');
      // Ctrl+Alt+8 toggles the eighth of the draft's pillars, as the menu shows beside it.
      await placeCaretInClause(page, op6, 'start');
      await page.keyboard.press('Control+Alt+8');
      await expect.poll(chips).toContain('enforcement-review');
      await page.keyboard.press('Control+Alt+8');
      await expect.poll(chips).not.toContain('enforcement-review');
      await expect
        .poll(
          async () =>
            (await fetchOutline(room.server.url, room.demoId, room.chairToken)).clauses.find((c) => c.id === op6)
              ?.pillars,
          { timeout: WAIT_MS },
        )
        .toEqual(['civilian-protection', 'resilience-shared-defence', 'transparency-cooperation']);
    });

    it('suggesting: in an agreed clause typing is a suggestion; others support it; its author may withdraw it', async () => {
      const op5 = room.clause('OP5').id;
      const op4 = room.clause('OP4').id;
      const page = await open(DEMO.valdoria);
      const norland = await open(DEMO.norland);
      // OP5 is agreed: Valdoria's typing there becomes her suggestion, nothing is refused.
      await placeCaretInClause(page, op5, { after: 'exercise regularly' });
      await page.keyboard.type(' and test');
      await expect
        .poll(() => clauseIn(norland, op5).locator('ins.suggestion').textContent(), { timeout: WAIT_MS })
        .toBe(' and test');
      expect(await page.getByTestId('edit-refused').count()).toBe(0);
      await placeCaretInClause(page, op5, 'start');
      const mine = page.getByTestId('suggestion').filter({ hasText: 'Insert “and test”' });
      await mine.waitFor();
      expect(await mine.getByRole('button', { name: 'Withdraw' }).count()).toBe(1);
      // In open text, Ctrl+Alt+S switches to suggesting (the button above the text says which mode is on).
      await placeCaretInClause(page, op4, { after: 'Any response' });
      await page.keyboard.press('Control+Alt+KeyS');
      expect(await page.getByTestId('suggest-toggle').textContent()).toBe('Suggesting');
      await page.keyboard.type(' taken by a State');
      await page.keyboard.press('Control+Alt+KeyS');
      expect(await page.getByTestId('suggest-toggle').textContent()).toBe('Editing');
      await expect
        .poll(() => clauseIn(norland, op4).locator('ins.suggestion').textContent(), { timeout: WAIT_MS })
        .toBe(' taken by a State');
      // Norland supports Valdoria's suggestion in OP5.
      await placeCaretInClause(norland, op5, 'start');
      const theirs = norland.getByTestId('suggestion').filter({ hasText: 'Insert “and test”' });
      await theirs.getByRole('button', { name: 'Support' }).click();
      await placeCaretInClause(page, op5, 'start');
      await expect.poll(() => mine.innerText(), { timeout: WAIT_MS }).toContain('Supported by Kingdom of Norland');
      await clauseIn(page, op5).scrollIntoViewIfNeeded();
      await page.evaluate(() => window.scrollBy(0, 160));
      await guideScreenshot(page, 'delegate-suggesting');
    });

    it('brackets and alternatives: bracketing words, joining a bracket, proposing another wording', async () => {
      const op6 = room.clause('OP6').id;
      const op7 = room.clause('OP7').id;
      const page = await open(DEMO.valdoria);
      const norland = await open(DEMO.norland);
      await selectWords(page, op6, 'quickly');
      await page.getByRole('button', { name: '[ ] Bracket the selection' }).click();
      await selectWords(page, op7, 'including privacy');
      await page.getByLabel('Another wording for the selected words').fill('in particular privacy');
      await page.getByRole('button', { name: 'Propose as Alt 2' }).click();
      await expect
        .poll(() => clauseParagraphText(norland, op7), { timeout: WAIT_MS })
        .toContain('[including privacy / in particular privacy]');
      // Norland holds the bracket open too, and supports Alt 2.
      await placeCaretInClause(norland, op6, 'start');
      await norland.getByTestId('bracket').getByRole('button', { name: 'Join' }).click();
      await placeCaretInClause(norland, op7, 'start');
      await norland.getByTestId('alternatives').getByRole('button', { name: 'Support Alt 2' }).click();
      const bracketTitle = () => clauseIn(page, op6).locator('.bracket--open').getAttribute('title');
      await expect.poll(bracketTitle, { timeout: WAIT_MS }).toMatch(/^Held open by .*Kingdom of Norland/);
      await expect
        .poll(() => clauseIn(page, op7).locator('.alternative[data-label="Alt 2"]').getAttribute('title'), {
          timeout: WAIT_MS,
        })
        .toBe('Alt 2, proposed by Republic of Valdoria; supported by Kingdom of Norland');
      // A delegate cannot lift a bracket: that waits for the chair.
      await placeCaretInClause(page, op6, 'start');
      expect(await page.getByTestId('bracket').getByRole('button', { name: 'Remove brackets' }).count()).toBe(0);
      await clauseIn(page, op6).scrollIntoViewIfNeeded();
      await page.evaluate(() => window.scrollBy(0, 160));
      await guideScreenshot(page, 'delegate-brackets');
    });

    it('commenting: on selected words with Ctrl+Alt+M, replying and resolving', async () => {
      const op4 = room.clause('OP4').id;
      const page = await open(DEMO.valdoria);
      const norland = await open(DEMO.norland);
      await selectWords(page, op4, 'foreseeable harm to civilians');
      await page.keyboard.press('Control+Alt+KeyM');
      const thread = await submitNewThread(page, 'Should this also cover harm to the environment?');
      expect(await highlightedWords(page, thread)).toBe('foreseeable harm to civilians');
      // Norland replies in the margin; Valdoria sees it live.
      const card = threadCard(norland, thread);
      await card.waitFor();
      await card.click();
      await norland.locator('[data-testid="reply-composer"] textarea').fill('Norland would support that.');
      await norland.locator('[data-testid="reply-composer"] button[type="submit"]').click();
      await threadCard(page, thread).getByText('Norland would support that.').waitFor();
      await threadCard(page, thread).click();
      await guideScreenshot(page, 'delegate-comment');
      await threadCard(page, thread).getByTestId('resolve-thread').click();
      await page.getByRole('radio', { name: /^Resolved/ }).click();
      await threadCard(page, thread).waitFor();
    });

    it('the periodic review: proposing an amendment from the clause menu, submitting it, asking to co-sponsor', async () => {
      const op9 = room.clause('OP9');
      const page = await open(DEMO.valdoria);
      await placeCaretInClause(page, op9.id, 'start');
      await clauseIn(page, op9.id).locator('[data-testid="clause-number"]').click();
      await page.getByTestId('menu-propose-amendment').click();
      await waitForCyclePage(page);
      const form = page.getByTestId('amendment-form');
      expect(await form.getByTestId('amendment-clause').inputValue()).toBe(op9.id);
      // The wording starts from OP9 as Rev.1 has it; the redline follows the typing.
      const editor = form.locator('[data-testid="amendment-editor"] .ProseMirror');
      await expect.poll(() => editor.textContent()).toBe(op9.text);
      await editor.click();
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Backspace');
      await page.keyboard.type(', at least every three years.');
      await expect
        .poll(() => redlineText(form.getByTestId('amendment-form-redline'), 'insert'))
        .toContain('at least every three years');
      await form
        .getByTestId('amendment-justification')
        .fill('A fixed interval lets every State prepare its contribution to the review in time.');
      await form.getByTestId('amendment-pillar-enforcement-review').check();
      await form.getByTestId('amendment-save').scrollIntoViewIfNeeded();
      await guideScreenshot(page, 'delegate-amendment');
      await form.getByTestId('amendment-save').click();
      // Saved as a draft only Valdoria sees; submitted (after a confirmation), it gets its number.
      const draft = page.locator('[data-testid="amendment-detail"][data-status="draft"]');
      await draft.waitFor();
      await draft.getByTestId('status-action-submitted').click();
      expect(await page.getByTestId('status-confirm').innerText()).toContain('Submit this amendment?');
      await page.getByTestId('status-confirm-confirm').click();
      const submitted = page.locator('[data-testid="amendment-detail"][data-status="submitted"]');
      await submitted.waitFor();
      expect(await submitted.getByTestId('amendment-detail-label').textContent()).toBe('A-3');

      // Meridia's A-2: Valdoria asks to co-sponsor it; the request waits for Meridia.
      // Opened from OP9's menu, the list shows OP9's amendments; "All clauses" shows every one.
      await page.getByTestId('amendment-filter-clause').selectOption('');
      const a2 = await openAmendment(page, 'A-2');
      await a2.getByTestId('co-sponsor-ask').click();
      await a2.getByTestId('co-sponsor-cancel').waitFor();
    });

    it('keyboard: the guide’s table lists what the shortcuts dialog lists, in its words', async () => {
      const page = await open(DEMO.valdoria);
      await page.getByTestId('sidebar-tab-outline').focus();
      await page.keyboard.press('?');
      const dialog = page.getByTestId('shortcuts-dialog');
      await dialog.waitFor();
      const shown = await dialog
        .locator('tbody tr')
        .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent)));
      const guide = fs.readFileSync(path.join(GUIDES_DIR, 'delegate.md'), 'utf8');
      const table = guide
        .slice(guide.indexOf('## Keyboard'))
        .split('\n')
        .filter((line) => line.startsWith('|') && !/^\|\s*(Keys|-+)\s*\|/.test(line))
        .map((line) =>
          line
            .slice(1, -1)
            .split('|')
            .map((cell) => cell.trim()),
        );
      expect(table).toEqual(shown);
    });
  });

  describe('the observer’s guide (docs/guides/observer.md)', () => {
    const room = demoRoom();
    const openAsObserver = () => room.openAs(DEMO.rightsObserver, { viewport: GUIDE_VIEWPORT, readOnly: true });
    const asChair = (route: string, json: unknown) =>
      callApi(room.server.url, room.chairToken, route, { method: 'POST', json });

    it('signing in and reading: the text read-only, with why', async () => {
      const page = await room.newPage({ viewport: GUIDE_VIEWPORT });
      await signInThroughForm(page, room.server.url, DEMO.rightsObserver);
      expect(await demoDraftRow(page).locator('[data-testid="draft-role"]').textContent()).toBe('Observer');
      await demoDraftRow(page).getByRole('link', { name: 'Open' }).click();
      await page.locator(READ_ONLY).waitFor();
      await page.locator(CONNECTED).waitFor();
      expect(await page.getByTestId('read-only-notice').innerText()).toContain(
        'You are an observer for Digital Rights Watch: you can read the text and every version, ' +
          'and comment while a comment period is open; you cannot change the text.',
      );
      expect(await page.getByTestId('comment-period-message').textContent()).toBe(
        'No public comment period is open. Observers can read every comment, and can comment once the chair opens a comment period.',
      );
      expect(await page.getByTestId('comment-closed-reason').innerText()).toMatch(/^Commenting is closed\./);
      expect(await page.getByTestId('toolbar-new-point').isDisabled()).toBe(true);
      await guideScreenshot(page, 'observer-draft');
      // Typing changes nothing.
      await clauseIn(page, room.clause('OP4').id).locator('p').first().click();
      await page.keyboard.type('xyz');
      expect(await clauseParagraphText(page, room.clause('OP4').id)).toMatch(/^Any response should/);
      // Highlighting a pillar marks its clauses in the text.
      await page.getByTestId('pillar-filter').selectOption('attribution');
      expect(await page.getByTestId('editor').getAttribute('data-pillar-filter')).toBe('attribution');
      await page.getByTestId('pillar-filter').selectOption('');
    });

    it('following live: others’ words as they type them, and the History tab', async () => {
      const op4 = room.clause('OP4').id;
      const page = await openAsObserver();
      await page.getByTestId('sidebar-tab-history').click();
      const delegate = await room.openAs(DEMO.valdoria);
      await placeCaretInClause(delegate, op4, { after: 'necessary' });
      await delegate.keyboard.type(' and proportionate');
      await expect
        .poll(() => clauseParagraphText(page, op4), { timeout: WAIT_MS })
        .toContain('necessary and proportionate');
      await page.locator('.collaboration-carets__label', { hasText: 'Lena Varga' }).waitFor();
      const newest = page.getByTestId('history-entry').first();
      await expect
        .poll(() => newest.getByTestId('history-author').textContent(), { timeout: WAIT_MS })
        .toContain('Lena Varga');
      expect(await newest.getByTestId('history-clause').allTextContents()).toEqual(['OP4']);
      await newest.getByTestId('history-show-change').click();
      await expect
        .poll(() => newest.locator('ins').allTextContents(), { timeout: WAIT_MS })
        .toEqual([expect.stringContaining('and proportionate')]);
      await guideScreenshot(page, 'observer-history');
    });

    it('commenting while a comment period is open, and not before', async () => {
      const pp1 = room.clause('PP1').id;
      const page = await openAsObserver();
      await selectReadOnlyWords(page, pp1, 'emergency networks');
      await page.getByTestId('comment-bubble-closed').waitFor();
      expect(await page.getByTestId('comment-bubble-closed').textContent()).toBe(
        'Observers can comment while a public comment period is open.',
      );
      // The chair opens a period: the banner says so at once, and the bubble offers "Comment".
      const opened = await asChair(`/api/drafts/${room.demoId}/comment-periods`, {
        startsAt: new Date().toISOString(),
        endsAt: new Date(Date.now() + 14 * 24 * 3600 * 1000).toISOString(),
      });
      expect(opened.status).toBe(201);
      await page.locator('[data-testid="comment-period-banner"][data-state="open"]').waitFor();
      expect(await page.getByTestId('comment-period-message').textContent()).toMatch(
        /^Public comment period open until .*\. You can comment on the text and reply to threads\.$/,
      );
      await selectReadOnlyWords(page, pp1, 'emergency networks');
      await page.getByTestId('comment-bubble-button').click();
      const thread = await submitNewThread(page, 'Please name telecommunications too: emergency calls depend on it.');
      expect(await highlightedWords(page, thread)).toBe('emergency networks');
      await page.evaluate(() => window.scrollTo(0, 0));
      await guideScreenshot(page, 'observer-comment');
      // The margin links to the public record of comments.
      expect(await page.getByTestId('export-comments-csv').getAttribute('href')).toContain('format=csv');
      // When the chair closes the period, commenting closes with it; the comments stay.
      const period = (opened.body.period as { id: string }).id;
      expect((await asChair(`/api/drafts/${room.demoId}/comment-periods/${period}/close`, {})).status).toBe(200);
      await page.locator('[data-testid="comment-period-banner"][data-state="none"]').waitFor();
      expect(await threadCard(page, thread).count()).toBe(1);
      // Their own thread, the observer resolves.
      await threadCard(page, thread).getByTestId('resolve-thread').click();
      await page.getByRole('radio', { name: /^Resolved/ }).click();
      await threadCard(page, thread).getByTestId('reopen-thread').waitFor();
      await page.getByRole('radio', { name: /^Open/ }).click();
    });

    it('versions, comparing and exports', async () => {
      const page = await openAsObserver();
      await openVersionsTab(page);
      // An observer opens and compares versions; saving, restoring and publishing are the chair’s.
      expect(await page.getByTestId('save-version').count()).toBe(0);
      expect(await versionRow(page, 'Rev.1').getByTestId('version-restore').count()).toBe(0);
      await versionRow(page, 'Rev.1').getByTestId('version-open').click();
      await page.locator('[data-testid="version-text"] .ProseMirror').waitFor();
      expect(await page.getByTestId('version-banner-label').textContent()).toBe('Rev.1');
      await page.getByTestId('version-compare-live').click();
      await page.getByTestId('compare-layout-side-by-side').click();
      await page.getByTestId('compare-changes-only').check();
      await expect
        .poll(() => redlineWords(page, room.clause('OP4').id, 'insert'), { timeout: WAIT_MS })
        .toEqual([expect.stringContaining('and proportionate')]);
      await guideScreenshot(page, 'observer-compare');

      // The live text's exports, from the header's Export menu: a Word file downloads.
      await page.getByRole('link', { name: 'Back to the live text' }).click();
      await page.locator(READ_ONLY).waitFor();
      await page.getByTestId('export-menu-button').click();
      const menu = page.getByTestId('export-menu');
      await menu.waitFor();
      expect(await menu.locator('.export-menu__format').allTextContents()).toEqual([
        'Word',
        'PDF',
        'HTML',
        'Markdown',
        'JSON',
        'Akoma Ntoso',
      ]);
      await guideScreenshot(page, 'observer-export');
      const word = await page.request.get(
        new URL((await page.getByTestId('export-docx').getAttribute('href'))!, room.server.url).href,
      );
      expect(word.status()).toBe(200);
      expect(word.headers()['content-type']).toContain('wordprocessingml');
    });

    it('the periodic review: reading amendments, commenting on them in the review’s comment period', async () => {
      const page = await openAsObserver();
      await page.getByTestId('open-review').click();
      await page.getByTestId('cycle-link').first().click();
      await waitForCyclePage(page);
      // Observers read every tabled amendment; they propose, support and decide nothing.
      expect(await page.getByTestId('propose-amendment').count()).toBe(0);
      const a1 = await openAmendment(page, 'A-1');
      expect(await a1.getByTestId('status-actions').count()).toBe(0);
      expect(await a1.getByTestId('co-sponsor-ask').count()).toBe(0);
      expect(await a1.getByTestId('statement-open').count()).toBe(0);
      expect(await a1.getByTestId('amendment-comment-composer').count()).toBe(0);
      // The chair moves the review to its comment period: the observer's page offers the comment box at once.
      const cycleId = new URL(page.url()).pathname.split('/').pop()!;
      expect(
        (await asChair(`/api/drafts/${room.demoId}/review-cycles/${cycleId}/phase`, { to: 'comment' })).status,
      ).toBe(200);
      const composer = a1.getByTestId('amendment-comment-composer');
      await composer.waitFor();
      await composer.locator('textarea').fill('Thirty days is workable for the utilities we represent.');
      await composer.locator('button[type="submit"]').click();
      await a1.locator('[data-testid="amendment-comments"] [data-testid="comment-thread"]').waitFor();
      await a1.getByTestId('amendment-comments').scrollIntoViewIfNeeded();
      await guideScreenshot(page, 'observer-amendment');
    });
  });

  it('the guides embed exactly the screenshots taken here, and their links lead to files that exist', () => {
    expect([...imagesEmbeddedInGuides()].sort()).toEqual([...takenGuideScreenshots].sort());
    for (const file of fs.readdirSync(GUIDES_DIR).filter((name) => name.endsWith('.md'))) {
      const text = fs.readFileSync(path.join(GUIDES_DIR, file), 'utf8');
      for (const [, target] of text.matchAll(/\]\(((?!https?:|#|mailto:)[^)\s#]+)(#[^)]*)?\)/g))
        expect(fs.existsSync(path.resolve(GUIDES_DIR, target!)), `${file} links to ${target}`).toBe(true);
    }
  });
});
