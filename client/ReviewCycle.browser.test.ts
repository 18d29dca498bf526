import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
// Browser tests drive the real server, started in-process; the app code never imports server/.
import { clauseText, connectClient, type CollabClient } from '../server/testing/collabClient';
import { draftUnderReview, rewordedClause, tableAmendment, toDecisions } from '../server/testing/reviewRoom';
import { DEMO, signIn, type TestSession } from '../server/testing/session';
import { startTestServer } from '../server/testing/startTestServer';
import { SCREENSHOTS } from './testing/demoRoom';
import { seriousViolations } from './testing/axeFindings';
import { fetchOutline, openDraftPage } from './testing/draftPageDriver';
import { launchBrowser, shouldSkipBrowserTests } from './testing/launchBrowser';
import { amendmentItem, openAmendment, openCyclePage } from './testing/reviewDriver';

describe.skipIf(shouldSkipBrowserTests('ReviewCycle'))('a whole review cycle, as the chair runs it', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let chair: TestSession;
  let valdoria: TestSession;
  let norland: TestSession;
  let observer: TestSession;
  const contexts: BrowserContext[] = [];
  const editors: CollabClient[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    [chair, valdoria, norland, observer] = await Promise.all([
      signIn(server.url, DEMO.chair),
      signIn(server.url, DEMO.valdoria),
      signIn(server.url, DEMO.norland),
      signIn(server.url, DEMO.rightsObserver),
    ]);
  });

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close().catch(() => {});
    for (const editor of editors.splice(0)) editor.destroy();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(
    'adopts over a confirmed objection, lets the rival amendment fall, keeps one live edit and drops another, ' +
      'gives an added clause its status, and consolidates',
    async () => {
      const room = await draftUnderReview(chair, { valdoria, norland, observer }, '2027 periodic review');
      const operative = room.base.outline.clauses.filter((clause) => clause.kind === 'operative');
      const [op1, op2, op3] = operative;
      if (!op1 || !op2 || !op3) throw new Error('fewer than three operative clauses');
      // Valdoria and Norland each reword the last word of OP1; Norland objects to Valdoria's.
      const lastWord = (word: string) => `${op1.text.replace(/\.$/, '').split(' ').slice(0, -1).join(' ')} ${word}.`;
      const a1 = await tableAmendment(room, valdoria, op1.id, rewordedClause(room, op1.id, lastWord('alpha')));
      const a2 = await tableAmendment(room, norland, op1.id, rewordedClause(room, op1.id, lastWord('beta')));
      const objected = await norland.api(`${room.path}/amendments/${a1}/statement`, {
        method: 'PUT',
        json: { stance: 'objection', note: 'Alpha goes too far.' },
      });
      expect(objected.status).toBe(200);
      // Valdoria also adds a clause after OP3, which the meeting adopts.
      const addedWords = 'States should name a national point of contact for incidents.';
      const a3 = await tableAmendment(
        room,
        valdoria,
        op3.id,
        {
          type: 'clause',
          attrs: { id: 'new', pillars: [], status: 'open' },
          content: [{ type: 'paragraph', content: [{ type: 'text', text: addedWords }] }],
        },
        'add',
      );
      await toDecisions(room, chair, [a1, a2, a3]);
      const adopted = await chair.api(`${room.path}/amendments/${a3}/status`, {
        method: 'POST',
        json: { to: 'adopted', decision: { method: 'consensus' } },
      });
      expect(adopted.status).toBe(200);
      // Since Rev.1, Valdoria wrote into OP2 and Norland into OP3, live.
      for (const [session, clause, words] of [
        [valdoria, op2, 'Kept live words. '],
        [norland, op3, 'Dropped live words. '],
      ] as const) {
        const editor = connectClient(server.collabUrl, room.draftId, { token: session.token });
        editors.push(editor);
        await editor.synced();
        clauseText(editor.doc, 'operative', operative.indexOf(clause)).insert(0, words);
      }

      const opened = await openCyclePage(
        browser,
        `${server.url}/drafts/${room.draftId}/review/${room.cycleId}`,
        chair.token,
      );
      contexts.push(opened.context);
      const page = opened.page;
      await page.setViewportSize({ width: 1280, height: 720 });

      // Consensus over Norland's objection: the chair is asked, and confirms.
      const detail = await openAmendment(page, 'A-1');
      await detail.locator('[data-testid="status-action-adopted"][data-enabled="true"]').click();
      await detail.getByTestId('decision-submit').click();
      const confirm = page.getByTestId('status-confirm');
      await confirm.waitFor();
      expect(await confirm.innerText()).toContain('Kingdom of Norland objects to A-1.');
      expect(await confirm.getByTestId('status-confirm-falls').innerText()).toBe(
        `A-2 falls with this adoption; you can reinstate it later.\n\nA-1 and A-2 change the same words of ${op1.number}.`,
      );
      expect(await confirm.getByTestId('status-confirm-confirm').textContent()).toBe(
        'Record consensus over the objection',
      );
      await page.screenshot({ path: join(SCREENSHOTS, 'cycle-consensus-over-objection.png') });
      await confirm.getByTestId('status-confirm-confirm').click();
      await detail.locator('[data-testid="amendment-status"][data-status="adopted"]').waitFor();
      expect(await detail.getByTestId('transition-decision').last().textContent()).toBe(
        'By consensus, over the objection of Kingdom of Norland',
      );

      // A-2 falls at once, with the reason.
      await amendmentItem(page, 'A-2').locator('[data-testid="amendment-status"][data-status="fallen"]').waitFor();
      const fallen = await openAmendment(page, 'A-2');
      expect(await fallen.getByTestId('fallen-notice').textContent()).toBe(
        `Fallen Falls with the adoption of A-1: A-1 and A-2 change the same words of ${op1.number}.`,
      );
      await fallen.getByTestId('fallen-notice').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SCREENSHOTS, 'cycle-amendment-fallen.png') });

      // Consolidation: nothing awaits a decision; the chair keeps OP2's live words and drops OP3's.
      await page.getByTestId('review-tab-consolidation').click();
      expect(await page.getByTestId('consolidation-pending').getAttribute('data-count')).toBe('0');
      const change = (id: string) => page.locator(`[data-testid="live-change"][data-clause-id="${id}"]`);
      await change(op2.id).getByTestId('live-change-keep').check();
      await change(op3.id).getByTestId('live-change-discard').check();
      // The clause A-3 adds goes in agreed unless the chair says otherwise; the chair makes it agreed ad ref.
      const addition = page.locator('[data-testid="added-clause"][data-amendment="A-3"]');
      expect(await addition.getByTestId('added-clause-text').textContent()).toBe(addedWords);
      expect(await addition.getByRole('radio', { name: 'Agreed', exact: true }).isChecked()).toBe(true);
      await addition.getByRole('radio', { name: 'Agreed ad ref' }).check();
      await page.locator('[data-testid="added-clause"][data-amendment="A-3"][data-status="agreed-ad-ref"]').waitFor();
      // The whole tab, a discarded live change included, reads for everyone.
      expect(await seriousViolations(page)).toEqual([]);
      await addition.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SCREENSHOTS, 'cycle-added-clause-status.png') });
      await page.getByTestId('consolidate-label').fill('Rev.2');
      await page.getByTestId('consolidate-submit').click();
      expect(await page.getByTestId('consolidate-confirm-added').textContent()).toBe(
        'The clause A-3 adds is agreed ad ref.',
      );
      await page.getByTestId('consolidate-confirm-confirm').click();
      await page.getByTestId('consolidated-version-link').waitFor();

      const live = await fetchOutline(server.url, room.draftId, chair.token);
      const textOf = (id: string) => live.clauses.find((clause) => clause.id === id)!.text;
      expect(textOf(op1.id)).toBe(lastWord('alpha'));
      expect(textOf(op2.id)).toBe(`Kept live words. ${op2.text}`);
      expect(textOf(op3.id)).toBe(op3.text);
      const added = live.clauses.find((clause) => clause.text === addedWords)!;
      expect(added.status).toBe('agreed-ad-ref');

      // In the draft, a delegate sees the added clause agreed ad ref by the chair, and locked.
      const draft = await openDraftPage(browser, `${server.url}/drafts/${room.draftId}`, { token: valdoria.token });
      contexts.push(draft.context);
      const clause = draft.page.locator(`.clause[data-clause-id="${added.id}"]`);
      expect(await clause.locator(':scope > [data-testid="clause-gutter"]').getAttribute('data-status')).toBe(
        'agreed-ad-ref',
      );
      expect(await clause.getByTestId('clause-lock-agreed').innerText()).toMatch(
        /^Agreed ad ref by Amina Diallo \(Conference Secretariat\) on .+, pending confirmation from capitals\.$/,
      );
      expect(await draft.page.locator(`.clause--locked[data-clause-id="${added.id}"]`).count()).toBe(1);

      // Read again later, the tab is the record: A-1 applied, A-2 fallen, OP2's live words kept, OP3's dropped; nothing acts.
      await page.reload();
      await page.getByTestId('review-tab-consolidation').click();
      const record = page.getByTestId('consolidation-record');
      await record.waitFor();
      const group = (key: string) => record.locator(`[data-testid="record-amendments"][data-group="${key}"]`);
      expect(await group('applied').innerText()).toContain(`A-1 (${op1.number})`);
      expect(await group('fallen').innerText()).toContain(`A-2 (${op1.number})`);
      expect(
        await record.getByTestId('record-kept').locator('[data-testid="live-change"]').getAttribute('data-clause-id'),
      ).toBe(op2.id);
      expect(
        await record
          .getByTestId('record-discarded')
          .locator('[data-testid="live-change"]')
          .getAttribute('data-clause-id'),
      ).toBe(op3.id);
      const recorded = record.locator('[data-testid="record-added-clause"][data-amendment="A-3"]');
      expect(await recorded.getAttribute('data-status')).toBe('agreed-ad-ref');
      expect(await recorded.getByTestId('record-added-status').textContent()).toBe('Agreed ad ref');
      expect(await record.locator('button, input, textarea').count()).toBe(0);
      await page.screenshot({ path: join(SCREENSHOTS, 'cycle-consolidation-record.png'), fullPage: true });
    },
  );
});
