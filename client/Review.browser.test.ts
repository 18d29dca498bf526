import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
// Browser tests drive the real server, started in-process; the app code never imports server/.
import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../shared/collab';
import { clauseText, connectClient, type CollabClient } from '../server/testing/collabClient';
import { DEMO, signIn, type TestSession } from '../server/testing/session';
import { startTestServer } from '../server/testing/startTestServer';
import { EDITABLE, WAIT_MS, fetchOutline, newPersonContext, openDraftPage } from './testing/draftPageDriver';
import { SCREENSHOTS } from './testing/demoRoom';
import { launchBrowser, shouldSkipBrowserTests } from './testing/launchBrowser';
import {
  amendmentItem,
  moveToNextPhase,
  openAmendment,
  openCyclePage,
  redlineText,
  waitForCyclePage,
} from './testing/reviewDriver';
import { futureSchedule } from '../server/testing/reviewSchedule';
import { publishedDraft } from '../server/testing/reviewRoom';

/** The words Valdoria's amendment adds at the end of OP1. */
const ADDED = ' without undue delay';

describe.skipIf(shouldSkipBrowserTests('Review'))('the periodic review in the browser', () => {
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

  /** A draft from the pillar framework with two delegations and an observer, and a published Rev.1 to review. */
  const draftWithPublishedVersion = () => publishedDraft(chair, { valdoria, norland, observer });

  async function page(token: string, url: string): Promise<Page> {
    const context = await newPersonContext(browser, server.url, { token });
    contexts.push(context);
    const opened = await context.newPage();
    opened.setDefaultTimeout(WAIT_MS);
    await opened.goto(url);
    return opened;
  }

  async function cyclePage(token: string, url: string): Promise<Page> {
    const opened = await openCyclePage(browser, url, token);
    contexts.push(opened.context);
    return opened.page;
  }

  it('takes an amendment from proposal to a consolidated version, live in every open page', async () => {
    const { draftId } = await draftWithPublishedVersion();
    const op1 = (await fetchOutline(server.url, draftId, chair.token)).clauses.find(
      (clause) => clause.number === 'OP1',
    );
    if (!op1) throw new Error('no OP1');

    // The chair opens the review cycle on Rev.1 from the draft's review page.
    const chairPage = await page(chair.token, `${server.url}/drafts/${draftId}/review`);
    await chairPage.locator('[data-testid="open-cycle"]').click();
    const form = chairPage.locator('[data-testid="open-cycle-form"]');
    await form.locator('input[name="name"]').fill('2027 periodic review');
    expect(await form.locator('select[name="baseVersionId"] option').allTextContents()).toEqual(['Rev.1']);
    await form.locator('[data-testid="open-cycle-submit"]').click();
    await chairPage.waitForURL((url) => /^\/drafts\/[^/]+\/review\/[^/]+$/.test(url.pathname));
    await waitForCyclePage(chairPage);
    const cycleUrl = chairPage.url();
    expect(await chairPage.locator('[data-testid="cycle-name"]').textContent()).toBe('2027 periodic review');
    expect(await chairPage.locator('[data-testid="phase-submission"]').getAttribute('data-state')).toBe('current');

    // An observer keeps the cycle open in a second page throughout.
    const watcher = await cyclePage(observer.token, cycleUrl);
    expect(await watcher.locator('[data-testid="amendment-item"]').count()).toBe(0);
    expect(await watcher.locator('[data-testid="propose-amendment"]').count()).toBe(0);

    // The observer also has the live text open, its Review tab showing the new cycle: no amendment in any gutter yet.
    const reading = await openDraftPage(browser, `${server.url}/drafts/${draftId}`, {
      token: observer.token,
      readOnly: true,
    });
    contexts.push(reading.context);
    const reader = reading.page;
    await reader.locator('[data-testid="sidebar-tab-review"]').click();
    expect(await reader.locator('[data-testid="review-panel-cycle"]').textContent()).toBe('2027 periodic review');
    const badges = reader.locator('[data-testid="clause-amendments"]');
    const op1Badge = reader.locator(
      `.clause[data-clause-id="${op1.id}"] > [data-testid="clause-gutter"] > [data-testid="clause-amendments"][data-clause-id="${op1.id}"]`,
    );
    expect(await badges.count()).toBe(0);

    // Valdoria goes from the draft to the review, and proposes to add words to OP1 in the small editor.
    const delegate = await page(valdoria.token, `${server.url}/drafts/${draftId}`);
    await delegate.locator(EDITABLE).waitFor();
    await delegate.locator('[data-testid="open-review"]').click();
    await delegate.locator('[data-testid="cycle-link"]').click();
    await waitForCyclePage(delegate);
    await delegate.locator('[data-testid="propose-amendment"]').click();
    const proposal = delegate.locator('[data-testid="amendment-form"]');
    await proposal.locator('[data-testid="amendment-clause"]').selectOption(op1.id);
    const editor = proposal.locator('[data-testid="amendment-editor"] .ProseMirror');
    await expect.poll(() => editor.textContent()).toBe(op1.text);
    await editor.click();
    await delegate.keyboard.press('Control+End');
    await delegate.keyboard.type(ADDED);
    // The redline follows the typing: the new words are an insertion, nothing is deleted.
    await expect
      .poll(() => redlineText(proposal.locator('[data-testid="amendment-form-redline"]'), 'insert'))
      .toBe(ADDED);
    expect(await redlineText(proposal.locator('[data-testid="amendment-form-redline"]'), 'delete')).toBe('');
    await proposal
      .locator('[data-testid="amendment-justification"]')
      .fill('Responses must come quickly to protect essential services.');
    await proposal.locator('[data-testid="amendment-save"]').click();
    const draftDetail = delegate.locator('[data-testid="amendment-detail"][data-status="draft"]');
    await draftDetail.waitFor();
    expect(await draftDetail.locator('[data-testid="amendment-detail-label"]').textContent()).toBe('Draft');
    // Another delegation's draft is theirs alone, in the review and beside the text.
    expect(await watcher.locator('[data-testid="amendment-item"]').count()).toBe(0);
    expect(await badges.count()).toBe(0);
    await draftDetail.locator('[data-testid="status-action-submitted"]').click();
    // Submitting cannot be undone: it asks first.
    const submitDialog = delegate.getByTestId('status-confirm');
    expect(await submitDialog.innerText()).toContain('Submit this amendment?');
    await submitDialog.getByTestId('status-confirm-confirm').click();
    const detail = delegate.locator('[data-testid="amendment-detail"][data-status="submitted"]');
    await detail.waitFor();
    expect(await detail.locator('[data-testid="amendment-detail-label"]').textContent()).toBe('A-1');
    expect(await redlineText(detail.locator('[data-testid="amendment-redline"]'), 'insert')).toBe(ADDED);

    // The observer's open page shows it at once, marked new; marking all as seen clears the marker.
    await amendmentItem(watcher, 'A-1').waitFor();
    expect(await amendmentItem(watcher, 'A-1').getAttribute('data-status')).toBe('submitted');
    expect(await amendmentItem(watcher, 'A-1').locator('[data-testid="amendment-new"]').count()).toBe(1);
    await watcher.locator('[data-testid="mark-seen"]').click();
    await amendmentItem(watcher, 'A-1').locator('[data-testid="amendment-new"]').waitFor({ state: 'detached' });
    expect(await watcher.locator('[data-testid="new-since"]').getAttribute('data-count')).toBe('0');

    // The observer's open draft shows A-1 in OP1's gutter at once, and only there, as its Review tab lists OP1.
    await op1Badge.waitFor();
    expect(await op1Badge.textContent()).toBe('A-1');
    expect(await op1Badge.getAttribute('title')).toBe('A-1 · Republic of Valdoria (XVA) · Submitted');
    expect(await badges.count()).toBe(1);
    expect(
      await reader
        .locator(`[data-testid="review-panel-clause"][data-clause-id="${op1.id}"]`)
        .getAttribute('data-count'),
    ).toBe('1');

    // Norland asks to co-sponsor; Valdoria, still on the amendment, accepts.
    const coSponsor = await cyclePage(norland.token, cycleUrl);
    await openAmendment(coSponsor, 'A-1');
    // A refusal from the server is shown beside the button, in the server's words (the first click is refused here).
    const refusal = 'Your delegation has already asked to co-sponsor this amendment.';
    await coSponsor.route(
      '**/co-sponsors',
      (route) =>
        route.fulfill({
          status: 409,
          contentType: 'application/json',
          body: JSON.stringify({ error: 'already_requested', message: refusal }),
        }),
      { times: 1 },
    );
    await coSponsor.locator('[data-testid="co-sponsor-ask"]').click();
    expect(await coSponsor.locator('[data-testid="co-sponsor-error"]').textContent()).toBe(refusal);
    await coSponsor.locator('[data-testid="co-sponsor-ask"]').click();
    await coSponsor.locator('[data-testid="co-sponsor-cancel"]').waitFor();
    await detail.locator('[data-testid="co-sponsor-request"]').waitFor();
    await detail.locator('[data-testid="co-sponsor-accept"]').click();
    await detail.locator('[data-testid="co-sponsor"]', { hasText: 'Kingdom of Norland (XNO)' }).waitFor();
    await coSponsor.locator('[data-testid="co-sponsor-leave"]').waitFor();
    // The badge's tooltip follows: Norland now co-sponsors A-1.
    await expect
      .poll(() => op1Badge.getAttribute('title'))
      .toBe('A-1 · Republic of Valdoria (XVA), Kingdom of Norland (XNO) · Submitted');

    // The badge opens the cycle's amendments filtered to OP1, within the app (the page is not reloaded).
    await reader.evaluate(() => Object.assign(window, { accordStayed: true }));
    await op1Badge.click();
    await reader.waitForURL(
      (url) => url.pathname === new URL(cycleUrl).pathname && url.searchParams.get('clause') === op1.id,
    );
    await waitForCyclePage(reader);
    expect(await reader.locator('[data-testid="amendment-filter-clause"]').inputValue()).toBe(op1.id);
    await amendmentItem(reader, 'A-1').waitFor();
    expect(await reader.evaluate(() => 'accordStayed' in window)).toBe(true);

    // The chair moves the cycle on; proposing closes for the delegates at once, saying why.
    const propose = delegate.locator('[data-testid="propose-amendment"]');
    expect(await propose.getAttribute('data-enabled')).toBe('true');
    const chairDetail = await openAmendment(chairPage, 'A-1');
    expect(
      await chairDetail.locator('[data-testid="status-action-under-consideration"]').getAttribute('data-enabled'),
    ).toBe('false');
    await moveToNextPhase(chairPage, 'comment');
    await delegate.locator('[data-testid="propose-amendment"][data-enabled="false"]').waitFor();
    expect(await propose.getAttribute('title')).toContain('Submission of amendments');
    await chairDetail.locator('[data-testid="status-action-under-consideration"][data-enabled="true"]').click();
    await chairPage.locator('[data-testid="amendment-detail"][data-status="under-consideration"]').waitFor();
    // The observer's page follows the status, marked new again.
    await watcher
      .locator('[data-testid="amendment-item"][data-label="A-1"][data-status="under-consideration"]')
      .waitFor();
    await amendmentItem(watcher, 'A-1').locator('[data-testid="amendment-new"]').waitFor();

    // During the comment period the observer comments on the amendment; the draft's margin leaves that comment to the review.
    const watched = await openAmendment(watcher, 'A-1');
    await watched.locator('[data-testid="amendment-comment-composer"] textarea').fill('Please define “undue delay”.');
    await watched.locator('[data-testid="amendment-comment-composer"] button[type="submit"]').click();
    await watched.locator('[data-testid="amendment-comments"] [data-testid="comment-thread"]').waitFor();

    // A decision waits for the decisions phase, and says so.
    await moveToNextPhase(chairPage, 'deliberation');
    const adopt = chairDetail.locator('[data-testid="status-action-adopted"]');
    expect(await adopt.getAttribute('data-enabled')).toBe('false');
    expect(await adopt.getAttribute('title')).toContain('Decisions');
    await moveToNextPhase(chairPage, 'decision');
    await chairDetail.locator('[data-testid="status-action-adopted"][data-enabled="true"]').click();
    const decision = chairDetail.locator('[data-testid="decision-form"]');
    await decision.locator('[data-testid="decision-method-vote"]').check();
    await decision.locator('[data-testid="decision-inFavour"]').fill('12');
    await decision.locator('[data-testid="decision-against"]').fill('1');
    await decision.locator('[data-testid="decision-abstaining"]').fill('2');
    await decision.locator('[data-testid="decision-submit"]').click();
    const decideDialog = chairPage.getByTestId('status-confirm');
    expect(await decideDialog.innerText()).toMatch(
      /Record A-1 as adopted\?[\s\S]*by a recorded vote of 12 in favour, 1 against and 2 abstaining/,
    );
    await decideDialog.getByTestId('status-confirm-confirm').click();
    await chairPage.locator('[data-testid="amendment-detail"][data-status="adopted"]').waitFor();
    expect(
      await chairDetail
        .locator('[data-testid="transition"][data-to="adopted"] [data-testid="transition-decision"]')
        .textContent(),
    ).toBe('By vote: 12 in favour, 1 against, 2 abstaining');
    await watcher.locator('[data-testid="amendment-item"][data-label="A-1"][data-status="adopted"]').waitFor();
    expect(await amendmentItem(watcher, 'A-1').locator('[data-testid="amendment-new"]').count()).toBe(1);

    // The compilation attributes A-1 to both delegations, under OP1.
    await chairPage.locator('[data-testid="review-tab-compilation"]').click();
    const compiled = chairPage.locator(
      `[data-testid="compilation-clause"][data-clause-id="${op1.id}"] [data-testid="compilation-amendment"][data-label="A-1"]`,
    );
    await compiled.waitFor();
    expect(await compiled.locator('[data-testid="compilation-sponsors"]').textContent()).toBe(
      'Republic of Valdoria (XVA), Kingdom of Norland (XNO)',
    );

    // The chair consolidates and opens the new version: OP1 has the adopted words.
    await chairPage.locator('[data-testid="review-tab-consolidation"]').click();
    await chairPage.locator('[data-testid="consolidation-adopted"][data-count="1"]').waitFor();
    await chairPage.locator('[data-testid="consolidate-label"]').fill('Rev.2');
    await chairPage.locator('[data-testid="consolidate-submit"]').click();
    // Consolidating cannot be undone: it asks first.
    await chairPage.getByTestId('consolidate-confirm-confirm').click();
    const link = chairPage.locator('[data-testid="consolidated-version-link"]');
    await link.waitFor();
    expect(await link.textContent()).toBe('Rev.2');
    await chairPage.locator('[data-testid="cycle-banner"][data-phase="closed"]').waitFor();
    await link.click();
    await chairPage.waitForURL((url) => /^\/drafts\/[^/]+\/versions\/[^/]+$/.test(url.pathname));
    await chairPage.locator('[data-testid="version-text"] .ProseMirror').waitFor();
    expect(await chairPage.locator('[data-testid="version-banner-label"]').textContent()).toBe('Rev.2');
    expect(
      await chairPage
        .locator(`[data-testid="version-text"] .clause[data-clause-id="${op1.id}"] > p`)
        .first()
        .textContent(),
    ).toBe(`${op1.text}${ADDED}`);

    // Back on the live text: the Review tab lists OP1 with its amendment; the observer's comment is not in the margin.
    await chairPage.getByRole('link', { name: 'Back to the live text' }).click();
    await chairPage.locator(EDITABLE).waitFor();
    await chairPage.locator('[data-testid="sidebar-tab-review"]').click();
    const listed = chairPage.locator(`[data-testid="review-panel-clause"][data-clause-id="${op1.id}"]`);
    await listed.waitFor();
    expect(await listed.getAttribute('data-count')).toBe('1');
    // The review is closed: its amendments are history, no longer badges beside the clauses.
    expect(await chairPage.locator('[data-testid="clause-amendments"]').count()).toBe(0);
    await chairPage.locator('[data-testid="comments-empty"]').waitFor();
    expect(await chairPage.locator('[data-testid="comment-thread"]').count()).toBe(0);
  }, 90_000);
  it('makes the second amendment to the same words fall; reinstated, adopting it asks for the final wording, started from either in one click', async () => {
    const { draftId, versionId } = await draftWithPublishedVersion();
    const op1 = (await fetchOutline(server.url, draftId, chair.token)).clauses.find(
      (clause) => clause.number === 'OP1',
    );
    if (!op1) throw new Error('no OP1');
    // Set up through the API: two delegations change the same last word of OP1; A-1 is adopted.
    const schedule = futureSchedule();
    const cycle = (
      await chair.api(`/api/drafts/${draftId}/review-cycles`, {
        method: 'POST',
        json: { name: 'Conflict review', baseVersionId: versionId, schedule },
      })
    ).body.cycle as { id: string };
    const path = `/api/drafts/${draftId}/review-cycles/${cycle.id}`;
    const version = (await chair.api(`/api/drafts/${draftId}/versions/${versionId}`)).body as {
      document: { content: { content?: { attrs?: { id: string } }[] }[] };
    };
    const baseClause = version.document.content
      .flatMap((section) => section.content ?? [])
      .find((clause) => clause.attrs?.id === op1.id)!;
    const words = op1.text.replace(/\.$/, '').split(' ');
    const reworded = (last: string) => ({
      ...baseClause,
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: `${[...words.slice(0, -1), last].join(' ')}.` }] },
      ],
    });
    const ids: string[] = [];
    for (const [session, last] of [
      [valdoria, 'alpha'],
      [norland, 'beta'],
    ] as const) {
      const made = await session.api(`${path}/amendments`, {
        method: 'POST',
        json: { kind: 'modify', clauseId: op1.id, proposed: reworded(last), justification: 'J', pillars: [] },
      });
      const id = (made.body.amendment as { id: string }).id;
      await session.api(`${path}/amendments/${id}/status`, { method: 'POST', json: { to: 'submitted' } });
      ids.push(id);
    }
    await chair.api(`${path}/phase`, { method: 'POST', json: { to: 'comment' } });
    for (const id of ids)
      await chair.api(`${path}/amendments/${id}/status`, { method: 'POST', json: { to: 'under-consideration' } });
    await chair.api(`${path}/phase`, { method: 'POST', json: { to: 'deliberation' } });
    await chair.api(`${path}/phase`, { method: 'POST', json: { to: 'decision' } });
    await chair.api(`${path}/amendments/${ids[0]!}/status`, {
      method: 'POST',
      json: { to: 'adopted', decision: { method: 'consensus' } },
    });

    const chairPage = await cyclePage(chair.token, `${server.url}/drafts/${draftId}/review/${cycle.id}`);
    await chairPage.setViewportSize({ width: 1280, height: 900 });
    expect(
      await amendmentItem(chairPage, 'A-2').locator('[data-testid="amendment-status"]').getAttribute('data-status'),
    ).toBe('fallen');
    const detail = await openAmendment(chairPage, 'A-2');
    expect(await detail.getByTestId('fallen-notice').textContent()).toBe(
      'Fallen Falls with the adoption of A-1: A-1 and A-2 change the same words of OP1.',
    );
    await detail.getByTestId('status-action-under-consideration').click();
    await detail.locator('[data-testid="amendment-status"][data-status="under-consideration"]').waitFor();

    // Adopting it beside A-1 holds the adoption for the final wording of OP1.
    await detail.locator('[data-testid="status-action-adopted"][data-enabled="true"]').click();
    await detail.locator('[data-testid="decision-submit"]').click();
    await chairPage.getByTestId('status-confirm').getByTestId('status-confirm-confirm').click();
    const held = detail.getByTestId('held-adoption');
    await held.waitFor();
    expect(await held.locator('.held-adoption__why').textContent()).toBe(
      'A-1 and A-2 change the same words of OP1. Adopting A-2 needs the final wording of OP1 at once.',
    );
    const sources = held.locator('[data-testid="conflict-source"]');
    expect(await sources.evaluateAll((items) => items.map((item) => item.getAttribute('data-label')))).toEqual([
      'A-1',
      'A-2',
    ]);
    expect(await redlineText(sources.nth(0), 'insert')).toBe('alpha');
    expect(await redlineText(sources.nth(1), 'insert')).toBe('beta');
    const starts = held.getByTestId('resolution-start');
    expect(await starts.allTextContents()).toEqual([
      'A-1 (Republic of Valdoria)',
      'A-2 (Kingdom of Norland)',
      'The base clause (Rev.1)',
    ]);
    const editor = held.locator('[data-testid="resolution-editor"] .ProseMirror');
    expect(await editor.textContent()).toBe(`${[...words.slice(0, -1), 'alpha'].join(' ')}.`);
    await held.locator('[data-testid="resolution-start"][data-start="A-2"]').click();
    await expect.poll(() => editor.textContent()).toBe(`${[...words.slice(0, -1), 'beta'].join(' ')}.`);
    // The editor opened on A-2's wording is a new one: write once it has the focus, at the end of the text.
    await editor.click();
    await expect.poll(() => editor.evaluate((element) => element.contains(document.activeElement))).toBe(true);
    await chairPage.keyboard.press('Control+End');
    await chairPage.keyboard.type(' Alpha too.');
    const settled = `${[...words.slice(0, -1), 'beta'].join(' ')}. Alpha too.`;
    await expect.poll(() => editor.textContent()).toBe(settled);
    await held.getByTestId('resolution-note').fill('Both, as agreed in informal consultations.');
    await chairPage.screenshot({ path: join(SCREENSHOTS, 'adoption-needs-resolution.png') });
    await held.getByTestId('resolution-save').click();
    await detail.locator('[data-testid="amendment-status"][data-status="adopted"]').waitFor();
    await held.waitFor({ state: 'detached' });

    // The resolution is on the consolidation tab, settling the conflict; consolidating writes it.
    await chairPage.locator('[data-testid="review-tab-consolidation"]').click();
    const conflict = chairPage.locator(`[data-testid="conflict"][data-clause-id="${op1.id}"][data-resolved="true"]`);
    await conflict.waitFor();
    expect(await conflict.getByTestId('resolution-summary').locator('.resolution-summary__text').textContent()).toBe(
      settled,
    );
    await chairPage.locator('[data-testid="consolidate-label"]').fill('Rev.2');
    await chairPage.locator('[data-testid="consolidate-submit"]').click();
    await chairPage.getByTestId('consolidate-confirm-confirm').click();
    await chairPage.locator('[data-testid="consolidated-version-link"]').waitFor();
    const live = (await fetchOutline(server.url, draftId, chair.token)).clauses.find((clause) => clause.id === op1.id)!;
    expect(live.text).toBe(settled);
  });

  it('lists a clause agreed live since the base, whose words did not change, as a change with its status', async () => {
    const { draftId, versionId } = await draftWithPublishedVersion();
    const op2 = (await fetchOutline(server.url, draftId, chair.token)).clauses.find((c) => c.number === 'OP2')!;
    const cycle = (
      await chair.api(`/api/drafts/${draftId}/review-cycles`, {
        method: 'POST',
        json: { name: 'Status review', baseVersionId: versionId, schedule: futureSchedule() },
      })
    ).body.cycle as { id: string };
    expect(
      (await chair.api(`/api/drafts/${draftId}/clauses/${op2.id}`, { method: 'PATCH', json: { status: 'agreed' } }))
        .status,
    ).toBe(200);
    const chairPage = await cyclePage(chair.token, `${server.url}/drafts/${draftId}/review/${cycle.id}`);
    await chairPage.locator('[data-testid="review-tab-consolidation"]').click();
    const change = chairPage.locator(`[data-testid="live-change"][data-clause-id="${op2.id}"]`);
    await change.waitFor();
    expect(await change.locator('.redline-badge').textContent()).toBe('Changed');
    expect(await change.getByTestId('redline-status-change').textContent()).toBe('StatusOpen → Agreed');
  });

  it('lists the live changes since the base with their authors; the chair keeps one, discards one, consolidates, and the record stays', async () => {
    const { draftId, versionId } = await draftWithPublishedVersion();
    const outline = await fetchOutline(server.url, draftId, chair.token);
    const operative = outline.clauses.filter((clause) => clause.kind === 'operative');
    const [op1, op2, op3] = operative;
    if (!op1 || !op2 || !op3) throw new Error('fewer than three operative clauses');
    // Set up through the API: Valdoria's A-1 adds words to OP1 and is adopted.
    const schedule = futureSchedule();
    const cycle = (
      await chair.api(`/api/drafts/${draftId}/review-cycles`, {
        method: 'POST',
        json: { name: 'Live review', baseVersionId: versionId, schedule },
      })
    ).body.cycle as { id: string };
    const reviewPath = `/api/drafts/${draftId}/review-cycles/${cycle.id}`;
    const version = (await chair.api(`/api/drafts/${draftId}/versions/${versionId}`)).body as {
      document: { content: { content?: { attrs?: { id: string }; content?: unknown[] }[] }[] };
    };
    const baseOp1 = version.document.content
      .flatMap((section) => section.content ?? [])
      .find((clause) => clause.attrs?.id === op1.id)!;
    const proposed = {
      ...baseOp1,
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: `${op1.text}${ADDED}` }] },
        ...baseOp1.content!.slice(1),
      ],
    };
    const made = await valdoria.api(`${reviewPath}/amendments`, {
      method: 'POST',
      json: { kind: 'modify', clauseId: op1.id, proposed, justification: 'J', pillars: [] },
    });
    const amendmentId = (made.body.amendment as { id: string }).id;
    await valdoria.api(`${reviewPath}/amendments/${amendmentId}/status`, { method: 'POST', json: { to: 'submitted' } });
    // Norland tables A-2 to OP3 and withdraws it.
    const withdrawn = await norland.api(`${reviewPath}/amendments`, {
      method: 'POST',
      json: { kind: 'delete', clauseId: op3.id, proposed: null, justification: 'J', pillars: [] },
    });
    const withdrawnPath = `${reviewPath}/amendments/${(withdrawn.body.amendment as { id: string }).id}/status`;
    await norland.api(withdrawnPath, { method: 'POST', json: { to: 'submitted' } });
    await norland.api(withdrawnPath, { method: 'POST', json: { to: 'withdrawn' } });
    await chair.api(`${reviewPath}/phase`, { method: 'POST', json: { to: 'comment' } });
    await chair.api(`${reviewPath}/amendments/${amendmentId}/status`, {
      method: 'POST',
      json: { to: 'under-consideration' },
    });
    await chair.api(`${reviewPath}/phase`, { method: 'POST', json: { to: 'deliberation' } });
    await chair.api(`${reviewPath}/phase`, { method: 'POST', json: { to: 'decision' } });
    await chair.api(`${reviewPath}/amendments/${amendmentId}/status`, {
      method: 'POST',
      json: { to: 'adopted', decision: { method: 'consensus' } },
    });

    // Since Rev.1, the chair renamed the text, Valdoria added words to OP2 and Norland to OP3, live.
    const chairEditor = connectClient(server.collabUrl, draftId, { token: chair.token });
    editors.push(chairEditor);
    await chairEditor.synced();
    const title = (chairEditor.doc.getXmlFragment(DOCUMENT_FIELD).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    title.insert(title.length, ' (renamed)');
    for (const [session, clause, words] of [
      [valdoria, op2, 'Kept live words. '],
      [norland, op3, 'Discarded live words. '],
    ] as const) {
      const editor = connectClient(server.collabUrl, draftId, { token: session.token });
      editors.push(editor);
      await editor.synced();
      clauseText(editor.doc, 'operative', operative.indexOf(clause)).insert(0, words);
    }
    await expect
      .poll(async () => {
        const plan = (await chair.api(`${reviewPath}/consolidation`)).body as {
          liveChanges: { authors: unknown[] }[];
        };
        return plan.liveChanges.map((change) => change.authors.length);
      })
      .toEqual([0, 1, 1]);

    const chairPage = await cyclePage(chair.token, `${server.url}/drafts/${draftId}/review/${cycle.id}`);
    await chairPage.setViewportSize({ width: 1280, height: 900 });
    await chairPage.locator('[data-testid="review-tab-consolidation"]').click();
    const change = (id: string) => chairPage.locator(`[data-testid="live-change"][data-clause-id="${id}"]`);
    await change(op2.id).waitFor();
    expect(await change(op2.id).locator('[data-testid="live-change-authors"]').textContent()).toBe(
      `By ${valdoria.user.name} (Republic of Valdoria)`,
    );
    expect(await change(op3.id).locator('[data-testid="live-change-authors"]').textContent()).toBe(
      `By ${norland.user.name} (Kingdom of Norland)`,
    );
    expect(await redlineText(change(op2.id), 'insert')).toBe('Kept live words. ');
    expect(await redlineText(change(op3.id), 'insert')).toBe('Discarded live words. ');
    // Undecided, the button stays disabled and says why; the preview carries no live words.
    const submit = chairPage.locator('[data-testid="consolidate-submit"]');
    expect(await submit.isDisabled()).toBe(true);
    expect(await chairPage.locator('[data-testid="consolidate-blocked"]').textContent()).toBe(
      `Before consolidating, keep or discard the live changes to Title, ${op2.number}, ${op3.number}.`,
    );
    const preview = (id: string) => chairPage.locator(`[data-testid="preview-clause"][data-clause-id="${id}"]`);
    expect(await preview(op2.id).getAttribute('data-change')).toBe('unchanged');

    expect(await redlineText(change('title'), 'insert')).toBe(' (renamed)');
    await change('title').locator('[data-testid="live-change-keep"]').check();
    await change(op2.id).locator('[data-testid="live-change-keep"]').check();
    await preview(op2.id).and(chairPage.locator('[data-change="modified"]')).waitFor();
    expect(await preview(op2.id).locator('[data-testid="preview-text"]').textContent()).toBe(
      `Kept live words. ${op2.text}`,
    );
    expect(await chairPage.locator('[data-testid="consolidate-blocked"]').textContent()).toBe(
      `Before consolidating, keep or discard the live change to ${op3.number}.`,
    );
    await change(op3.id).locator('[data-testid="live-change-discard"]').check();
    await chairPage.locator('[data-testid="consolidate-blocked"]').waitFor({ state: 'detached' });
    expect(await submit.isDisabled()).toBe(false);
    expect(await preview(op3.id).getAttribute('data-change')).toBe('unchanged');
    // The choices are kept: coming back, the chair finds them as left.
    await expect
      .poll(async () => (await chair.api(`${reviewPath}/consolidation`)).body.decisions)
      .toEqual({
        title: 'keep',
        [op2.id]: 'keep',
        [op3.id]: 'discard',
      });
    await chairPage.reload();
    await chairPage.locator('[data-testid="review-tab-consolidation"]').click();
    await change(op3.id).and(chairPage.locator('[data-choice="discard"]')).waitFor();
    expect(await change(op2.id).getAttribute('data-choice')).toBe('keep');
    expect(await change('title').getAttribute('data-choice')).toBe('keep');
    await preview(op2.id).and(chairPage.locator('[data-change="modified"]')).waitFor();
    expect(await submit.isDisabled()).toBe(false);
    await chairPage.locator('[data-testid="live-changes"]').scrollIntoViewIfNeeded();
    await chairPage.screenshot({ path: join(SCREENSHOTS, 'consolidation-keep-one-discard-one.png') });

    await chairPage.locator('[data-testid="consolidate-label"]').fill('Rev.2');
    await submit.click();
    const confirm = chairPage.getByTestId('consolidate-confirm');
    expect(await confirm.innerText()).toContain('the 2 live changes you keep; one live change is dropped');
    await confirm.getByTestId('consolidate-confirm-confirm').click();
    const link = chairPage.locator('[data-testid="consolidated-version-link"]');
    await link.waitFor();
    // The new version is Rev.1 with A-1 and the kept words; the live text is that version.
    const versions = (await chair.api(`/api/drafts/${draftId}/versions`)).body.versions as {
      id: string;
      label: string;
    }[];
    const rev2 = versions.find((v) => v.label === 'Rev.2')!;
    const saved = (await chair.api(`/api/drafts/${draftId}/versions/${rev2.id}`)).body as {
      outline: { title: string; clauses: { id: string; text: string }[] };
    };
    const textOf = (clauses: { id: string; text: string }[], id: string) => clauses.find((c) => c.id === id)!.text;
    expect(textOf(saved.outline.clauses, op1.id)).toBe(`${op1.text}${ADDED}`);
    expect(textOf(saved.outline.clauses, op2.id)).toBe(`Kept live words. ${op2.text}`);
    expect(textOf(saved.outline.clauses, op3.id)).toBe(op3.text);
    expect(saved.outline.title).toBe('Reviewed norms (renamed)');
    const live = await fetchOutline(server.url, draftId, chair.token);
    expect(live.clauses.map((c) => [c.id, c.text])).toEqual(saved.outline.clauses.map((c) => [c.id, c.text]));

    // Read again later, the tab is the record of what consolidation did, with nothing left to act on.
    await chairPage.reload();
    await chairPage.locator('[data-testid="review-tab-consolidation"]').click();
    const record = chairPage.getByTestId('consolidation-record');
    await record.waitFor();
    expect(await record.getByTestId('consolidated-version-link').getAttribute('href')).toContain(rev2.id);
    expect(await chairPage.getByTestId('cycle-consolidated-link').getAttribute('href')).toContain(rev2.id);
    const group = (key: string) => record.locator(`[data-testid="record-amendments"][data-group="${key}"]`);
    expect(await group('applied').innerText()).toContain(`A-1 (${op1.number})`);
    expect(await group('withdrawn').innerText()).toContain(`A-2 (${op3.number})`);
    expect(await redlineText(record.getByTestId('record-kept').locator('[data-clause-id="title"]'), 'insert')).toBe(
      ' (renamed)',
    );
    const kept = record.getByTestId('record-kept').locator(`[data-testid="live-change"][data-clause-id="${op2.id}"]`);
    expect(await redlineText(kept, 'insert')).toBe('Kept live words. ');
    expect(await kept.getByTestId('live-change-authors').textContent()).toBe(
      `By ${valdoria.user.name} (Republic of Valdoria)`,
    );
    const dropped = record.getByTestId('record-discarded').locator('[data-testid="live-change"]');
    expect(await dropped.getAttribute('data-clause-id')).toBe(op3.id);
    expect(await redlineText(dropped, 'insert')).toBe('Discarded live words. ');
    expect(
      await record
        .locator('[data-testid="preview-clause"]')
        .evaluateAll((items) => items.map((i) => i.getAttribute('data-clause-id'))),
    ).toEqual([op1.id, op2.id]);
    // No plan against the new live text, and nothing that acts.
    expect(await chairPage.getByTestId('consolidation-adopted').count()).toBe(0);
    expect(await record.locator('button, input, textarea, [role="radiogroup"]').count()).toBe(0);
    expect(await chairPage.getByTestId('consolidate-form').count()).toBe(0);
    await record.screenshot({ path: join(SCREENSHOTS, 'consolidation-record.png') });
  });
});
