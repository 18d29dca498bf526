import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
// Browser tests drive the real server, started in-process; the app code never imports server/.
import {
  clauseText,
  connectClient,
  moveClause,
  sectionElement,
  type CollabClient,
} from '../server/testing/collabClient';
import { DEMO, signIn, type TestSession } from '../server/testing/session';
import { startTestServer } from '../server/testing/startTestServer';
import { highlightedWords, selectWords, submitNewThread, threadCard } from './testing/commentsDriver';
import { CONNECTED, WAIT_MS, openDraftPage, type DraftPageSession } from './testing/draftPageDriver';
import { launchBrowser, shouldSkipBrowserTests } from './testing/launchBrowser';

/** How soon a comment posted in one browser must show in another. */
const LIVE_MS = 1000;

const commentList = z.object({
  comments: z.array(
    z.object({
      id: z.string(),
      body: z.string().nullable(),
      anchorState: z.string(),
      clauseNumber: z.string().nullable(),
      currentText: z.string().nullable(),
      hidden: z.object({ reason: z.string() }).nullable(),
    }),
  ),
});

describe.skipIf(shouldSkipBrowserTests('Comments'))('comments in the browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let chair: TestSession;
  let valdoria: TestSession;
  let norland: TestSession;
  let observer: TestSession;
  const pages: DraftPageSession[] = [];
  const clients: CollabClient[] = [];

  beforeAll(async () => {
    server = await startTestServer({ commentsPerMinute: 1000 });
    browser = await launchBrowser();
    [chair, valdoria, norland, observer] = await Promise.all([
      signIn(server.url, DEMO.chair),
      signIn(server.url, DEMO.valdoria),
      signIn(server.url, DEMO.norland),
      signIn(server.url, DEMO.rightsObserver),
    ]);
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    for (const session of pages.splice(0)) await session.context.close().catch(() => {});
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A new draft from the pillar framework template, with the chair, two delegates and an observer. */
  async function freshDraft(): Promise<string> {
    const created = await chair.api('/api/drafts', {
      method: 'POST',
      json: { title: 'Comments', template: 'pillar-framework' },
    });
    const draftId = (created.body.draft as { id: string }).id;
    for (const [session, role, affiliation] of [
      [valdoria, 'delegate', { kind: 'delegation', name: 'Republic of Valdoria', code: 'XVA' }],
      [norland, 'delegate', { kind: 'delegation', name: 'Kingdom of Norland', code: 'XNO' }],
      [observer, 'observer', { kind: 'organisation', name: 'Digital Rights Watch' }],
    ] as const) {
      const invite = await chair.api(`/api/drafts/${draftId}/invites`, { method: 'POST', json: { role, affiliation } });
      const accepted = await session.api(`/api/invites/${invite.body.token as string}/accept`, {
        method: 'POST',
        json: {},
      });
      if (accepted.status !== 200) throw new Error(`accepting the invite answered ${accepted.status}`);
    }
    return draftId;
  }

  async function open(draftId: string, session: TestSession, options: { readOnly?: boolean } = {}): Promise<Page> {
    const opened = await openDraftPage(browser, `${server.url}/drafts/${draftId}`, {
      token: session.token,
      viewport: { width: 1440, height: 900 },
      ...options,
    });
    pages.push(opened);
    return opened.page;
  }

  async function join(draftId: string, session: TestSession): Promise<CollabClient> {
    const client = connectClient(server.collabUrl, draftId, { token: session.token });
    clients.push(client);
    await client.synced();
    return client;
  }

  /** The id of operative clause `index` (0-based), read from the outline API. */
  async function operativeId(draftId: string, index: number): Promise<string> {
    const outline = await chair.api(`/api/drafts/${draftId}/outline`);
    const clause = (outline.body.clauses as { id: string; number: string }[]).find(
      (entry) => entry.number === `OP${index + 1}`,
    );
    if (!clause) throw new Error(`no OP${index + 1}`);
    return clause.id;
  }

  async function serverComment(draftId: string, commentId: string, session: TestSession = valdoria) {
    const { comments } = commentList.parse((await session.api(`/api/drafts/${draftId}/comments`)).body);
    const comment = comments.find((entry) => entry.id === commentId);
    if (!comment) throw new Error(`no comment ${commentId}`);
    return comment;
  }

  /** Waits until the page highlights exactly the words the server resolves the thread's anchor to, and they are `expected`. */
  async function expectHighlightMatchesServer(
    page: Page,
    draftId: string,
    commentId: string,
    expected: string,
  ): Promise<void> {
    let last = { page: '', server: '' as string | null };
    await expect
      .poll(
        async () => {
          last = {
            page: await highlightedWords(page, commentId),
            server: (await serverComment(draftId, commentId)).currentText,
          };
          return last.page === last.server && last.server === expected;
        },
        { timeout: WAIT_MS },
      )
      .toBe(true)
      .catch(() => expect(last).toEqual({ page: expected, server: expected }));
  }

  /** Comments on `words` of a clause through the page: selection, the shortcut, the composer. Returns the new comment's id. */
  async function commentOnWords(page: Page, clauseId: string, words: string, body: string): Promise<string> {
    await selectWords(page, clauseId, words);
    await page.keyboard.press('Control+Alt+KeyM');
    await page.locator('[data-testid="thread-composer"] textarea').waitFor();
    const id = await submitNewThread(page, body);
    await threadCard(page, id).waitFor();
    return id;
  }

  it(
    'keeps a highlight on its words while two clients type before, inside ' +
      'and after them and move the clause, exactly where the server resolves it',
    async () => {
      const draftId = await freshDraft();
      const page = await open(draftId, valdoria);
      const op2 = await operativeId(draftId, 1);
      const words = 'establish responsibility';

      // A delegate selects the words and comments: the highlight covers exactly the server's words.
      await selectWords(page, op2, words);
      await page.locator('[data-testid="comment-bubble-button"]').click();
      const commentId = await submitNewThread(page, 'Whose standard of proof?');
      await expectHighlightMatchesServer(page, draftId, commentId, words);
      expect(await threadCard(page, commentId).locator('[data-testid="thread-quote"]').textContent()).toBe(words);

      // Two people type at once: before the words, inside them, and after them.
      const a = await join(draftId, valdoria);
      const b = await join(draftId, norland);
      const at = clauseText(a.doc, 'operative', 1).toString().indexOf(words);
      clauseText(a.doc, 'operative', 1).insert(0, 'AAA ');
      clauseText(b.doc, 'operative', 1).insert(at + 'establish'.length, ' clearly');
      const local = clauseText(a.doc, 'operative', 1);
      local.insert(local.toString().indexOf(words) + words.length, ' ZZZ');
      await expectHighlightMatchesServer(page, draftId, commentId, 'establish clearly responsibility');
      expect(await page.locator(`.clause[data-clause-id="${op2}"] > p`).textContent()).toContain('AAA ');

      // The clause moves to the end of the operative part: the highlight follows it there.
      moveClause(a.doc, 'operative', 1, sectionElement(a.doc, 'operative').length - 1);
      await expect
        .poll(async () => (await serverComment(draftId, commentId)).clauseNumber, { timeout: WAIT_MS })
        .toBe('OP8');
      await expectHighlightMatchesServer(page, draftId, commentId, 'establish clearly responsibility');
      await expect
        .poll(() => threadCard(page, commentId).locator('.comment-card__clause').textContent(), { timeout: WAIT_MS })
        .toBe('OP8');

      // Typing inside the moved words still lands inside the highlight.
      const moved = clauseText(b.doc, 'operative', sectionElement(b.doc, 'operative').length - 1);
      moved.insert(moved.toString().indexOf('responsibility'), 'the ');
      await expectHighlightMatchesServer(page, draftId, commentId, 'establish clearly the responsibility');
    },
  );

  it('shows a comment whose words were deleted as "text removed" with its quote, also after a reload', async () => {
    const draftId = await freshDraft();
    const page = await open(draftId, valdoria);
    const op4 = await operativeId(draftId, 3);
    const words = 'least escalatory';
    const commentId = await commentOnWords(page, op4, words, 'Keep this.');
    await expect.poll(() => highlightedWords(page, commentId), { timeout: WAIT_MS }).toBe(words);

    // The words are deleted in this very browser.
    await selectWords(page, op4, `${words} `);
    await page.keyboard.press('Backspace');
    const card = threadCard(page, commentId);
    await card.and(page.locator('[data-anchor-state="text-removed"]')).waitFor();
    expect(await card.locator('[data-testid="anchor-text-removed"]').textContent()).toBe('Text removed');
    expect(await card.locator('[data-testid="thread-quote"]').textContent()).toBe(words);
    expect(await highlightedWords(page, commentId)).toBe('');
    expect(await serverComment(draftId, commentId)).toMatchObject({ anchorState: 'text-removed', currentText: '' });

    // Never lost: a fresh page shows it the same way.
    await page.reload();
    await card.and(page.locator('[data-anchor-state="text-removed"]')).waitFor();
    expect(await card.locator('[data-testid="thread-quote"]').textContent()).toBe(words);
  });

  it('shows a comment posted in one browser in another within a second, without a reload', async () => {
    const draftId = await freshDraft();
    const [author, reader] = await Promise.all([open(draftId, valdoria), open(draftId, norland)]);
    await reader.evaluate(() => Object.assign(window, { notReloaded: true }));
    const op3 = await operativeId(draftId, 2);

    // On the whole clause, from the "+" beside it.
    await author.locator(`.clause[data-clause-id="${op3}"] [data-testid="clause-comment-add"]`).click();
    const body = 'We support this clause as drafted.';
    const commentId = await submitNewThread(author, body);
    const started = Date.now();
    await threadCard(reader, commentId).waitFor({ timeout: LIVE_MS });
    expect(Date.now() - started).toBeLessThan(LIVE_MS);
    expect(await threadCard(reader, commentId).locator('[data-testid="comment-body"]').textContent()).toBe(body);
    expect(
      await reader.locator(`.clause[data-clause-id="${op3}"] [data-testid="clause-comment-count"]`).textContent(),
    ).toBe('1');
    expect(await reader.evaluate(() => 'notReloaded' in window)).toBe(true);

    // A reply travels the same way.
    await threadCard(reader, commentId).click();
    await threadCard(reader, commentId).locator('[data-testid="reply-composer"] textarea').fill('So do we.');
    await threadCard(reader, commentId).locator('[data-testid="reply-composer"] button[type="submit"]').click();
    await threadCard(author, commentId).getByText('So do we.').waitFor({ timeout: WAIT_MS });
  });

  it('catches up after a lost connection with the comments posted meanwhile', async () => {
    const draftId = await freshDraft();
    const reader =
      pages[
        pages.push(
          await openDraftPage(browser, `${server.url}/drafts/${draftId}`, {
            token: norland.token,
            viewport: { width: 1440, height: 900 },
          }),
        ) - 1
      ]!;
    const op2 = await operativeId(draftId, 1);
    await reader.context.setOffline(true);
    await reader.page.locator('[data-testid="connection-status"][data-state="offline"]').waitFor();
    // Posted while this browser is offline: its live event never reaches it.
    const posted = await valdoria.api(`/api/drafts/${draftId}/comments`, {
      method: 'POST',
      json: { body: 'Posted while you were away.', anchor: { clauseId: op2 } },
    });
    const commentId = (posted.body.comment as { id: string }).id;
    await reader.context.setOffline(false);
    await reader.page.locator(CONNECTED).waitFor();
    await threadCard(reader.page, commentId).getByText('Posted while you were away.').waitFor({ timeout: WAIT_MS });
  });

  it('runs a thread: a mention, an edit by its author, a reply, resolve and reopen, and the filters', async () => {
    const draftId = await freshDraft();
    const [author, reader] = await Promise.all([open(draftId, valdoria), open(draftId, norland)]);
    const outline = (await chair.api(`/api/drafts/${draftId}/outline`)).body.clauses as {
      id: string;
      number: string;
      pillars: string[];
    }[];
    const op5 = outline.find((clause) => clause.number === 'OP5')!;
    const otherPillar = ['civilian-protection', 'attribution', 'escalation-control', 'enforcement-review'].find(
      (key) => !op5.pillars.includes(key),
    )!;

    // A comment on the whole clause, mentioning a delegation.
    await author.locator(`.clause[data-clause-id="${op5.id}"] [data-testid="clause-comment-add"]`).click();
    await author
      .locator('[data-testid="thread-composer"] [data-testid="mention-picker"]')
      .selectOption({ label: 'Kingdom of Norland (XNO)' });
    expect(
      await author.locator('[data-testid="thread-composer"] [data-testid="mention-chip"]').textContent(),
    ).toContain('@Kingdom of Norland (XNO)');
    const commentId = await submitNewThread(author, 'Norland, does this match your national plan?');
    const seen = threadCard(reader, commentId);
    await seen
      .locator('[data-testid="comment-mention"]')
      .getByText('@Kingdom of Norland (XNO)')
      .waitFor({ timeout: WAIT_MS });

    // Its author corrects it within the edit window; the other browser shows the new words.
    await threadCard(author, commentId).getByRole('button', { name: 'Edit' }).click();
    await author
      .locator('[data-testid="edit-composer"] textarea')
      .fill('Norland, does this match your national resilience plan?');
    await author.locator('[data-testid="edit-composer"] button[type="submit"]').click();
    await seen
      .locator('[data-testid="comment-body"]')
      .getByText('Norland, does this match your national resilience plan?')
      .waitFor({ timeout: WAIT_MS });
    expect(await seen.locator('.comment-entry__time').first().textContent()).toContain('edited');
    // Only the author may edit.
    expect(await seen.getByRole('button', { name: 'Edit' }).count()).toBe(0);

    // A reply, then the other delegate resolves the thread: it leaves the open threads everywhere.
    await seen.click();
    await seen.locator('[data-testid="reply-composer"] textarea').fill('It does.');
    await seen.locator('[data-testid="reply-composer"] button[type="submit"]').click();
    await threadCard(author, commentId).getByText('It does.').waitFor({ timeout: WAIT_MS });
    await seen.locator('[data-testid="resolve-thread"]').click();
    await threadCard(author, commentId).waitFor({ state: 'detached', timeout: WAIT_MS });
    expect(
      await author.locator(`.clause[data-clause-id="${op5.id}"] [data-testid="clause-comment-count"]`).count(),
    ).toBe(0);
    await author.locator('[data-testid="comment-filter-resolved"]').click();
    await threadCard(author, commentId).and(author.locator('[data-status="resolved"]')).waitFor();

    // Its author reopens it.
    await threadCard(author, commentId).locator('[data-testid="reopen-thread"]').click();
    await threadCard(author, commentId).waitFor({ state: 'detached' });
    await author.locator('[data-testid="comment-filter-open"]').click();
    await threadCard(author, commentId).and(author.locator('[data-status="open"]')).waitFor();
    await seen.and(reader.locator('[data-status="open"]')).waitFor({ timeout: WAIT_MS });

    // Filters by voice and by the pillar of the clause.
    await author.locator('[data-testid="comment-filter-voice"]').selectOption('civil-society');
    await threadCard(author, commentId).waitFor({ state: 'detached' });
    await author.locator('[data-testid="comment-filter-voice"]').selectOption('delegations');
    await threadCard(author, commentId).waitFor();
    await author.locator('[data-testid="comment-filter-pillar"]').selectOption(otherPillar);
    await threadCard(author, commentId).waitFor({ state: 'detached' });
    if (op5.pillars[0] !== undefined) {
      await author.locator('[data-testid="comment-filter-pillar"]').selectOption(op5.pillars[0]);
      await threadCard(author, commentId).waitFor();
    }
  });

  it('shows script and markup in a comment as the characters typed, and runs none of it', async () => {
    const draftId = await freshDraft();
    const [author, reader] = await Promise.all([open(draftId, valdoria), open(draftId, norland)]);
    const op1 = await operativeId(draftId, 0);
    const payloads = ['<script>window.__pwned=1</script>', '<img src=x onerror="window.__pwned=2">'];
    const ids: string[] = [];
    for (const [index, payload] of payloads.entries()) {
      ids.push(
        await commentOnWords(author, op1, index === 0 ? 'protect the continuity' : 'should not target them', payload),
      );
    }
    for (const page of [author, reader]) {
      for (const [index, id] of ids.entries()) {
        await threadCard(page, id).waitFor({ timeout: WAIT_MS });
        expect(await threadCard(page, id).locator('[data-testid="comment-body"]').textContent()).toBe(payloads[index]);
      }
      expect(
        await page.locator('[data-testid="comments-margin"] img, [data-testid="comments-margin"] script').count(),
      ).toBe(0);
      expect(await page.evaluate(() => Reflect.get(window, '__pwned') as unknown)).toBeUndefined();
    }
  });

  it('tells an observer outside a comment period why they cannot comment; once the chair opens one they can, without a reload', async () => {
    const draftId = await freshDraft();
    const [watcher, chairPage] = await Promise.all([open(draftId, observer, { readOnly: true }), open(draftId, chair)]);
    await watcher.evaluate(() => Object.assign(window, { notReloaded: true }));
    const op2 = await operativeId(draftId, 1);

    const banner = watcher.locator('[data-testid="comment-period-banner"]');
    await banner.and(watcher.locator('[data-state="none"]')).waitFor();
    expect(await banner.textContent()).toContain(
      'No public comment period is open. Observers can read every comment, and can comment once the chair opens a comment period.',
    );
    expect(await watcher.locator('[data-testid="comment-closed-reason"]').textContent()).toContain(
      'Observers can comment while a public comment period is open.',
    );
    expect(await watcher.locator('[data-testid="clause-comment-add"]').count()).toBe(0);
    // Selecting words offers no "Comment", only the reason.
    await selectWords(watcher, op2, 'establish responsibility');
    expect(await watcher.locator('[data-testid="comment-bubble-closed"]').textContent()).toBe(
      'Observers can comment while a public comment period is open.',
    );
    expect(await watcher.locator('[data-testid="comment-bubble-button"]').count()).toBe(0);

    // The chair opens a period (from now, two weeks by default).
    await chairPage.locator('[data-testid="open-period"]').click();
    await chairPage.locator('[data-testid="open-period-form"] button[type="submit"]').click();
    await chairPage.locator('[data-testid="comment-period-banner"][data-state="open"]').waitFor();

    // The observer's page follows on its own: the dates show, and commenting works.
    await banner.and(watcher.locator('[data-state="open"]')).waitFor();
    expect(await banner.textContent()).toMatch(
      /^Public comment period open until .+\. You can comment on the text and reply to threads\.$/,
    );
    expect(await watcher.locator('[data-testid="comment-closed-reason"]').count()).toBe(0);
    await selectWords(watcher, op2, 'establish responsibility');
    await watcher.locator('[data-testid="comment-bubble-button"]').click();
    const commentId = await submitNewThread(watcher, 'Civil society asks: whose standard?');
    await expectHighlightMatchesServer(watcher, draftId, commentId, 'establish responsibility');
    expect(await watcher.evaluate(() => 'notReloaded' in window)).toBe(true);
    // Everyone sees it, marked as civil society.
    await threadCard(chairPage, commentId).getByText('Civil society', { exact: true }).waitFor({ timeout: WAIT_MS });
    // The author's name is shown whole beside the civil-society tag, never cut short, even on a tablet.
    await chairPage.setViewportSize({ width: 1024, height: 768 });
    const name = threadCard(chairPage, commentId).locator('.comment-entry__name-text').first();
    await name.scrollIntoViewIfNeeded();
    expect(await name.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
    expect((await name.textContent())?.endsWith('…')).toBe(false);

    // The chair closes the period: the observer is back to reading.
    await chairPage.locator('[data-testid="close-period"]').click();
    await banner.and(watcher.locator('[data-state="none"]')).waitFor();
    await watcher.locator('[data-testid="comment-closed-reason"]').waitFor();
  });

  it('lets the chair hide a comment with a reason: others see it hidden with the reason, the author sees their words and is told', async () => {
    const draftId = await freshDraft();
    const [author, chairPage, other] = await Promise.all([
      open(draftId, valdoria),
      open(draftId, chair),
      open(draftId, norland),
    ]);
    const op1 = await operativeId(draftId, 0);
    const body = 'This clause is worthless and so are its drafters.';
    const commentId = await commentOnWords(author, op1, 'should not target them', body);

    await threadCard(chairPage, commentId).waitFor({ timeout: WAIT_MS });
    await threadCard(chairPage, commentId).locator('[data-testid="hide-comment"]').click();
    await chairPage.locator('[data-testid="hide-form"] input[name="reason"]').fill('Personal attack');
    await chairPage.locator('[data-testid="hide-form"] button[type="submit"]').click();
    await threadCard(chairPage, commentId).locator('[data-testid="comment-hidden"]').waitFor();

    // Another delegate: hidden, with the reason, without the words.
    const seen = threadCard(other, commentId);
    await seen.locator('[data-testid="comment-hidden-reason"]').waitFor({ timeout: WAIT_MS });
    expect(await seen.locator('[data-testid="comment-hidden-reason"]').textContent()).toBe('Personal attack');
    expect(await seen.locator('[data-testid="comment-body"]').count()).toBe(0);
    expect(await seen.textContent()).not.toContain(body);

    // The author: told, with the reason, and still sees what they wrote.
    const notice = author.locator('[data-testid="comment-hidden-notice"]');
    await notice.waitFor({ timeout: WAIT_MS });
    expect(await notice.textContent()).toContain('The chair hid your comment on OP1. Reason: Personal attack');
    const own = threadCard(author, commentId);
    expect(await own.locator('[data-testid="comment-hidden-reason"]').textContent()).toBe('Personal attack');
    expect(await own.locator('[data-testid="comment-body"]').textContent()).toBe(body);

    // It stays in the record, hidden with the reason.
    expect(await serverComment(draftId, commentId, norland)).toMatchObject({
      body: null,
      hidden: { reason: 'Personal attack' },
    });
    const csv = await fetch(`${server.url}/api/drafts/${draftId}/comments/export?format=csv`, {
      headers: { authorization: `Bearer ${norland.token}` },
    });
    expect(await csv.text()).toContain('Personal attack');
  });
});
