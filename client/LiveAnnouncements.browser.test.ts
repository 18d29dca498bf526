import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
// Browser tests drive the real server, started in-process; the app code never imports server/.
import { DEMO, signIn, type TestSession } from '../server/testing/session';
import { startTestServer } from '../server/testing/startTestServer';
import {
  type DraftPageSession,
  WAIT_MS,
  fetchOutline,
  openDraftPage,
  placeCaretInClause,
} from './testing/draftPageDriver';
import { launchBrowser, shouldSkipBrowserTests } from './testing/launchBrowser';

/**
 * What a screen-reader user hears about others at the draft: the polite live region says who
 * joined, a new comment, a clause agreed; never the words others type.
 */
describe.skipIf(shouldSkipBrowserTests('LiveAnnouncements'))('live announcements in the browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let chair: TestSession;
  let valdoria: TestSession;
  const pages: DraftPageSession[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    [chair, valdoria] = await Promise.all([signIn(server.url, DEMO.chair), signIn(server.url, DEMO.valdoria)]);
  });
  afterEach(async () => {
    for (const opened of pages.splice(0)) await opened.context.close().catch(() => {});
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(draftId: string, session: TestSession): Promise<Page> {
    const opened = await openDraftPage(browser, `${server.url}/drafts/${draftId}`, { token: session.token });
    pages.push(opened);
    return opened.page;
  }

  /** Everything the page's live region has said since now, in order. */
  async function listen(page: Page): Promise<() => Promise<string[]>> {
    await page.evaluate(() => {
      const region = document.querySelector('[data-testid="live-announcer"]')!;
      const heard: string[] = [];
      (window as unknown as { heard: string[] }).heard = heard;
      new MutationObserver(() => heard.push(region.textContent ?? '')).observe(region, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    });
    return () => page.evaluate(() => [...(window as unknown as { heard: string[] }).heard]);
  }

  it("tells a delegate who joined, a new comment and a clause agreed, politely, and never another's typing", async () => {
    const created = await chair.api('/api/drafts', {
      method: 'POST',
      json: { title: 'Announcements', template: 'pillar-framework' },
    });
    const draftId = (created.body.draft as { id: string }).id;
    const invite = await chair.api(`/api/drafts/${draftId}/invites`, {
      method: 'POST',
      json: { role: 'delegate', affiliation: { kind: 'delegation', name: 'Republic of Valdoria', code: 'XVA' } },
    });
    await valdoria.api(`/api/invites/${invite.body.token as string}/accept`, { method: 'POST', json: {} });
    const op1 = (await fetchOutline(server.url, draftId, chair.token)).clauses.find(
      (clause) => clause.number === 'OP1',
    );

    const delegatePage = await open(draftId, valdoria);
    const region = delegatePage.locator('[data-testid="live-announcer"]');
    expect(await region.getAttribute('aria-live')).toBe('polite');
    const heard = await listen(delegatePage);

    // The chair arrives and types: her arrival is announced, her words are not.
    const chairPage = await open(draftId, chair);
    await expect.poll(heard, { timeout: WAIT_MS }).toContainEqual('Amina Diallo joined the draft.');
    await placeCaretInClause(chairPage, op1!.id, 'end');
    await chairPage.keyboard.type(' with due regard', { delay: 20 });
    await expect
      .poll(
        async () =>
          (await fetchOutline(server.url, draftId, valdoria.token)).clauses.find((clause) => clause.id === op1!.id)
            ?.text,
        { timeout: WAIT_MS },
      )
      .toContain('with due regard');

    // A comment on OP1 and OP1 agreed: each is said once, in a sentence.
    const comment = await chair.api(`/api/drafts/${draftId}/comments`, {
      method: 'POST',
      json: { body: 'Can we keep this as it is?', anchor: { clauseId: op1!.id } },
    });
    expect(comment.status).toBe(201);
    await expect
      .poll(heard, { timeout: WAIT_MS })
      .toContainEqual(expect.stringContaining('Amina Diallo commented on OP1'));
    const agreed = await chair.api(`/api/drafts/${draftId}/clauses/${op1!.id}`, {
      method: 'PATCH',
      json: { status: 'agreed' },
    });
    expect(agreed.status).toBe(200);
    await expect.poll(heard, { timeout: WAIT_MS }).toContainEqual(expect.stringContaining('OP1: agreed.'));

    const said = await heard();
    expect(said.join(' ')).not.toContain('due regard');
    expect(said.filter((sentence) => sentence.includes('joined'))).toHaveLength(1);
  });
});
