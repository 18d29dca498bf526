import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
// Browser tests drive the real server, started in-process; the app code never imports server/.
import type { Comment } from '../shared/comments';
import { connectClient, type CollabClient } from '../server/testing/collabClient';
import { DEMO, signIn, type TestSession } from '../server/testing/session';
import { startTestServer } from '../server/testing/startTestServer';
import {
  clauseIdOf,
  createStructuredDraft,
  elementWithId,
  fetchOutline,
  newPoint,
  pointByReference,
} from '../server/testing/structuredDraft';
import { submitNewThread, threadCard } from './testing/commentsDriver';
import { WAIT_MS, openDraftPage, placeCaretInParagraph, type DraftPageSession } from './testing/draftPageDriver';
import { launchBrowser, shouldSkipBrowserTests } from './testing/launchBrowser';

describe.skipIf(shouldSkipBrowserTests('Point comments'))('comments on a point in the browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let chair: TestSession;
  let valdoria: TestSession;
  const pages: DraftPageSession[] = [];
  const clients: CollabClient[] = [];

  beforeAll(async () => {
    server = await startTestServer({ commentsPerMinute: 1000 });
    browser = await launchBrowser();
    [chair, valdoria] = await Promise.all([signIn(server.url, DEMO.chair), signIn(server.url, DEMO.valdoria)]);
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    for (const session of pages.splice(0)) await session.context.close().catch(() => {});
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(draftId: string, session: TestSession): Promise<Page> {
    const opened = await openDraftPage(browser, `${server.url}/drafts/${draftId}`, {
      token: session.token,
      viewport: { width: 1440, height: 900 },
    });
    pages.push(opened);
    return opened.page;
  }

  async function serverComment(draftId: string, commentId: string): Promise<Comment> {
    const comments = (await valdoria.api(`/api/drafts/${draftId}/comments`)).body.comments as Comment[];
    return comments.find((comment) => comment.id === commentId)!;
  }

  /** The caret in a point's own words, then the comment shortcut: the composer opens. */
  async function startOnPoint(page: Page, pointId: string): Promise<void> {
    await placeCaretInParagraph(page, `[data-point-id="${pointId}"] > p`, 'start');
    await page.keyboard.press('Control+Alt+KeyM');
    await page.locator('[data-testid="thread-composer"] textarea').waitFor();
  }

  it('comments on the point with the caret, names it by its reference as it is renumbered, and marks it in the text', async () => {
    const draftId = await createStructuredDraft(server, chair, [{ session: valdoria, role: 'delegate' }]);
    const outline = await fetchOutline(chair, draftId);
    const op1 = clauseIdOf(outline, 'OP1');
    const point = pointByReference(outline, 'OP1(b)(ii)');
    const page = await open(draftId, valdoria);

    await startOnPoint(page, point.id);
    const composer = page.locator('[data-testid="new-thread"]');
    await expect.poll(() => composer.locator('.comment-card__clause').textContent()).toBe('OP1(b)(ii)');
    expect(await composer.textContent()).toContain('Comment on the whole point');
    // While the composer is open the point is marked as the one being commented on.
    await page.locator(`[data-point-id="${point.id}"].comment-point--pending`).waitFor();
    const commentId = await submitNewThread(page, 'Escalation deserves its own clause.');

    const card = threadCard(page, commentId);
    await expect.poll(() => card.locator('.comment-card__clause').textContent()).toBe('OP1(b)(ii)');
    expect(await card.textContent()).toContain('Whole point');
    await page.locator(`[data-point-id="${point.id}"].comment-point[data-comment-id="${commentId}"]`).waitFor();
    expect(await serverComment(draftId, commentId)).toMatchObject({
      anchor: { clauseId: op1, pointId: point.id },
      pointReference: 'OP1(b)(ii)',
    });

    // Someone adds a point before (b): the card names the point by its new reference at once.
    const other = connectClient(server.collabUrl, draftId, { token: chair.token });
    clients.push(other);
    await other.synced();
    other.doc.transact(() => elementWithId(other.doc, op1).insert(1, [newPoint('to cooperate;')]));
    await expect
      .poll(() => card.locator('.comment-card__clause').textContent(), { timeout: WAIT_MS })
      .toBe('OP1(c)(ii)');
    await expect.poll(async () => (await serverComment(draftId, commentId)).pointReference).toBe('OP1(c)(ii)');
  });

  it('offers the whole clause instead, and comments on the clause with the caret in its own paragraph', async () => {
    const draftId = await createStructuredDraft(server, chair, [{ session: valdoria, role: 'delegate' }]);
    const outline = await fetchOutline(chair, draftId);
    const op1 = clauseIdOf(outline, 'OP1');
    const page = await open(draftId, valdoria);

    await startOnPoint(page, pointByReference(outline, 'OP1(a)').id);
    const composer = page.locator('[data-testid="new-thread"]');
    await expect.poll(() => composer.locator('.comment-card__clause').textContent()).toBe('OP1(a)');
    await composer.locator('[data-testid="comment-whole-clause"]').click();
    await expect.poll(() => composer.locator('.comment-card__clause').textContent()).toBe('OP1');
    expect(await composer.textContent()).toContain('Comment on the whole clause');
    const onClause = await submitNewThread(page, 'The chapeau needs work.');
    expect((await serverComment(draftId, onClause)).anchor).toEqual({ clauseId: op1 });
    expect(await threadCard(page, onClause).textContent()).toContain('Whole clause');

    await placeCaretInParagraph(page, `.clause[data-clause-id="${op1}"] > p`, 'end');
    await page.keyboard.press('Control+Alt+KeyM');
    await expect.poll(() => composer.locator('.comment-card__clause').textContent()).toBe('OP1');
    expect(await composer.textContent()).toContain('Comment on the whole clause');
  });
});
