import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
// Browser tests drive the real server, started in-process; the app code never imports server/.
import { DEMO, callApi } from '../server/testing/session';
import { startTestServer } from '../server/testing/startTestServer';
import {
  EDITABLE,
  WAIT_MS,
  fetchOutline,
  openDraftPage,
  placeCaretInClause,
  placeCaretInParagraph,
  readRenderedStructure,
  signInToken,
  type DraftPageSession,
  type RenderedStructure,
} from './testing/draftPageDriver';
import { launchBrowser, shouldSkipBrowserTests } from './testing/launchBrowser';

/** The demo accounts' password (the server seeds them in its demo mode). */
const DEMO_PASSWORD = 'accord-demo';

/** How soon a change made in one browser must show in another. */
const LIVE_MS = 2000;

const createdDraft = z.object({ draft: z.object({ id: z.string() }) });
const draftList = z.object({ drafts: z.array(z.object({ id: z.string(), title: z.string() })) });
const memberList = z.object({
  members: z.array(z.object({ user: z.object({ email: z.string(), affiliation: z.object({ id: z.string() }) }) })),
});
const invite = z.object({ token: z.string() });

/** The points of one clause as the page shows them: label, level and words. */
function pointsOf(structure: RenderedStructure, clauseId: string): [string, number, string][] {
  return structure.points.filter((p) => p.clauseId === clauseId).map((p) => [p.label, p.level, p.text]);
}

describe.skipIf(shouldSkipBrowserTests('Structure'))('points, headings and footnotes in the browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let chairToken: string;
  let delegateToken: string;
  const sessions: DraftPageSession[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    chairToken = await signInToken(server.url, DEMO.chair, DEMO_PASSWORD);
    delegateToken = await signInToken(server.url, DEMO.valdoria, DEMO_PASSWORD);
  });

  afterAll(async () => {
    for (const session of sessions) await session.context.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  /** A new draft from the pillar framework template, created by the chair, with Valdoria's delegate as a delegate. */
  async function newDraftWithDelegate(title: string): Promise<string> {
    const created = await callApi(server.url, chairToken, '/api/drafts', {
      method: 'POST',
      json: { title, template: 'pillar-framework' },
    });
    expect(created.status).toBe(201);
    const draftId = createdDraft.parse(created.body).draft.id;
    // Valdoria's delegation, as the demo draft knows it.
    const { drafts } = draftList.parse((await callApi(server.url, chairToken, '/api/drafts')).body);
    const demo = drafts.find((draft) => draft.title.startsWith('Framework of Norms'))!;
    const { members } = memberList.parse(
      (await callApi(server.url, chairToken, `/api/drafts/${demo.id}/members`)).body,
    );
    const affiliation = members.find((member) => member.user.email === DEMO.valdoria)!.user.affiliation;
    const invited = await callApi(server.url, chairToken, `/api/drafts/${draftId}/invites`, {
      method: 'POST',
      json: { role: 'delegate', affiliation: { id: affiliation.id } },
    });
    const accepted = await callApi(
      server.url,
      delegateToken,
      `/api/invites/${invite.parse(invited.body).token}/accept`,
      {
        method: 'POST',
        json: {},
      },
    );
    expect(accepted.status).toBeLessThan(300);
    return draftId;
  }

  async function open(draftId: string, token: string): Promise<Page> {
    const session = await openDraftPage(browser, `${server.url}/drafts/${draftId}`, { token });
    sessions.push(session);
    return session.page;
  }

  /** Waits until the page shows `expected` (compared as JSON), within `timeout`; returns what it shows. */
  async function expectStructure(
    page: Page,
    read: (structure: RenderedStructure) => unknown,
    expected: unknown,
    timeout = LIVE_MS,
  ): Promise<void> {
    await expect.poll(async () => read(await readRenderedStructure(page)), { timeout }).toEqual(expected);
  }

  it('a delegate makes points, sub-points, a heading and a footnote; labels and numbers follow live in both browsers and after a reload', async () => {
    const draftId = await newDraftWithDelegate('Structure');
    const chair = await open(draftId, chairToken);
    const delegate = await open(draftId, delegateToken);
    const outline = await fetchOutline(server.url, draftId, chairToken);
    const op5 = outline.clauses.find((clause) => clause.number === 'OP5')!;
    const pp1 = outline.clauses.find((clause) => clause.number === 'PP1')!;
    const op1 = outline.clauses.find((clause) => clause.number === 'OP1')!;
    expect(op5.subparagraphs).toBe(0);

    // The delegate: a new point (Ctrl+Shift+Enter), the next point (Enter), then Ctrl+] makes a sub-point.
    await placeCaretInClause(delegate, op5.id, 'end');
    await delegate.keyboard.press('Control+Shift+Enter');
    await delegate.keyboard.type('by sharing technical information;');
    await delegate.keyboard.press('Enter');
    await delegate.keyboard.type('by restoring services, in particular:');
    await delegate.keyboard.press('Enter');
    await delegate.keyboard.press('Control+BracketRight');
    await delegate.keyboard.type('electricity;');
    await delegate.keyboard.press('Enter');
    await delegate.keyboard.type('water.');
    const nested = [
      ['(a)', 1, 'by sharing technical information;'],
      ['(b)', 1, 'by restoring services, in particular:'],
      ['(i)', 2, 'electricity;'],
      ['(ii)', 2, 'water.'],
    ];
    for (const page of [delegate, chair]) await expectStructure(page, (s) => pointsOf(s, op5.id), nested);
    // The toolbar names the point with the caret.
    await delegate.locator('[data-testid="toolbar-point"]', { hasText: 'OP5(b)(ii)' }).waitFor();

    // The chair inserts a point before (a): every label after it moves on, in both browsers.
    await placeCaretInParagraph(chair, `.clause[data-clause-id="${op5.id}"] > .subparagraph > p`, 'start');
    await chair.keyboard.press('Enter');
    await chair.keyboard.press('ArrowUp');
    await chair.keyboard.type('by naming points of contact;');
    const renumbered = [
      ['(a)', 1, 'by naming points of contact;'],
      ['(b)', 1, 'by sharing technical information;'],
      ['(c)', 1, 'by restoring services, in particular:'],
      ['(i)', 2, 'electricity;'],
      ['(ii)', 2, 'water.'],
    ];
    for (const page of [chair, delegate]) await expectStructure(page, (s) => pointsOf(s, op5.id), renumbered);

    // The delegate adds a part heading before OP5 from the toolbar and names it in place.
    await placeCaretInClause(delegate, op5.id, 'start');
    await delegate.getByRole('button', { name: 'Add a part heading before the clause' }).click();
    await delegate.keyboard.type('Assistance');
    for (const page of [delegate, chair])
      await expectStructure(page, (s) => s.divisions, [{ number: 'Part I', title: 'Assistance' }]);
    // The chair adds one before OP1: the delegate's heading becomes Part II everywhere; clause numbers stay.
    await placeCaretInClause(chair, op1.id, 'start');
    await chair.getByRole('button', { name: 'Add a part heading before the clause' }).click();
    await chair.keyboard.type('Protection');
    const parts = [
      { number: 'Part I', title: 'Protection' },
      { number: 'Part II', title: 'Assistance' },
    ];
    for (const page of [chair, delegate]) await expectStructure(page, (s) => s.divisions, parts);
    expect(await delegate.locator(`.clause[data-clause-id="${op5.id}"]`).getAttribute('data-number')).toBe('OP5');

    // The delegate adds a footnote with Ctrl+Alt+F, in the form in the page.
    await placeCaretInClause(delegate, op5.id, { after: 'on request,' });
    await delegate.keyboard.press('Control+Alt+f');
    const form = delegate.locator('[data-testid="footnote-form"]');
    await form.waitFor();
    await delegate.keyboard.type('See A/70/174, para. 13.');
    await delegate.keyboard.press('Control+Enter');
    await form.waitFor({ state: 'detached' });
    const oneNote = { markers: [1], notes: [{ number: 1, note: 'See A/70/174, para. 13.', reference: 'OP5' }] };
    const footnotes = (s: RenderedStructure) => ({ markers: s.markers, notes: s.notes });
    for (const page of [delegate, chair]) await expectStructure(page, footnotes, oneNote);

    // The chair adds one earlier, in PP1, from the toolbar: the delegate's becomes 2 in both browsers.
    await placeCaretInClause(chair, pp1.id, { after: 'Noting' });
    await chair.getByRole('button', { name: /Add a footnote at the caret/ }).click();
    await chair.locator('[data-testid="footnote-input"]').fill('A/RES/70/237.');
    await chair.locator('[data-testid="footnote-save"]').click();
    const twoNotes = {
      markers: [1, 2],
      notes: [
        { number: 1, note: 'A/RES/70/237.', reference: 'PP1' },
        { number: 2, note: 'See A/70/174, para. 13.', reference: 'OP5' },
      ],
    };
    for (const page of [chair, delegate]) await expectStructure(page, footnotes, twoNotes);

    // Clicking its marker opens the delegate's footnote for editing.
    await delegate.locator(`.clause[data-clause-id="${op5.id}"] sup.footnote`).click();
    await form.waitFor();
    expect(await form.getAttribute('aria-label')).toBe('Footnote 2');
    await delegate.locator('[data-testid="footnote-input"]').fill('See A/70/174, para. 13 (b).');
    await delegate.locator('[data-testid="footnote-save"]').click();
    await expectStructure(chair, (s) => s.notes[1]?.note, 'See A/70/174, para. 13 (b).');

    // The outline panel lists the heading and the points by reference; a point there leads to it.
    const references = await delegate
      .locator('[data-testid="outline-point"]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-reference')));
    expect(references.filter((r) => r?.startsWith('OP5'))).toEqual([
      'OP5(a)',
      'OP5(b)',
      'OP5(c)',
      'OP5(c)(i)',
      'OP5(c)(ii)',
    ]);
    await delegate.locator('[data-testid="outline-division"]', { hasText: 'Part II' }).waitFor();
    await delegate.locator('[data-testid="outline-point"][data-reference="OP5(c)(ii)"]').click();
    await delegate.locator('[data-testid="toolbar-point"]', { hasText: 'OP5(c)(ii)' }).waitFor();

    // The server reads the same structure, and a reload shows it again.
    await expect
      .poll(
        async () => {
          const saved = await fetchOutline(server.url, draftId, chairToken);
          return {
            points: saved.clauses.find((c) => c.id === op5.id)?.points?.map((p) => p.reference),
            divisions: saved.divisions?.map((d) => [d.number, d.title]),
            footnotes: saved.footnotes?.map((f) => [f.number, f.note, f.reference]),
          };
        },
        { timeout: WAIT_MS },
      )
      .toEqual({
        points: ['OP5(a)', 'OP5(b)', 'OP5(c)', 'OP5(c)(i)', 'OP5(c)(ii)'],
        divisions: [
          ['Part I', 'Protection'],
          ['Part II', 'Assistance'],
        ],
        footnotes: [
          [1, 'A/RES/70/237.', 'PP1'],
          [2, 'See A/70/174, para. 13 (b).', 'OP5'],
        ],
      });
    await delegate.reload();
    await delegate.locator(EDITABLE).waitFor();
    await expectStructure(delegate, (s) => pointsOf(s, op5.id), renumbered, WAIT_MS);
    await expectStructure(delegate, (s) => s.divisions, parts, WAIT_MS);
    await expectStructure(delegate, (s) => s.markers, [1, 2], WAIT_MS);
  });

  it('a delegate cannot change the points or footnotes of an agreed clause, nor the opening formula, which the chair adds', async () => {
    const draftId = await newDraftWithDelegate('Agreed structure');
    const chair = await open(draftId, chairToken);
    const delegate = await open(draftId, delegateToken);
    const op3 = (await fetchOutline(server.url, draftId, chairToken)).clauses.find((c) => c.number === 'OP3')!;
    expect(op3.subparagraphs).toBe(3);

    // The chair adds the opening formula and agrees OP3, which holds (a) … (c).
    await delegate.locator('[data-testid="toolbar-add-formula"]').waitFor({ state: 'detached' });
    await placeCaretInClause(chair, op3.id, 'end');
    await chair.locator('[data-testid="toolbar-add-formula"]').click();
    await chair.keyboard.type('The States participating in this Framework,');
    await chair.locator('[data-testid="toolbar-status-control"]').waitFor();
    await placeCaretInClause(chair, op3.id, 'end');
    await chair.locator('[data-testid="toolbar-status-control"]').selectOption('agreed');
    const formula = delegate.locator('[data-testid="editor"] p.formula');
    await expect
      .poll(() => formula.textContent(), { timeout: LIVE_MS })
      .toBe('The States participating in this Framework,');
    expect(await formula.getAttribute('data-lock-hint')).toBe('Only the chair can change the opening formula.');
    await delegate.locator(`.clause[data-clause-id="${op3.id}"].clause--locked`).waitFor({ timeout: LIVE_MS });

    // In the agreed clause the delegate's structure commands are off, and keys change nothing.
    await placeCaretInParagraph(
      delegate,
      `.clause[data-clause-id="${op3.id}"] .subparagraph:nth-of-type(2) > p`,
      'start',
    );
    for (const control of ['toolbar-indent', 'toolbar-outdent', 'toolbar-new-point', 'toolbar-footnote'])
      expect(await delegate.locator(`[data-testid="${control}"]`).isDisabled()).toBe(true);
    const before = await readRenderedStructure(delegate);
    await delegate.keyboard.press('Control+BracketRight');
    await delegate.keyboard.press('Control+Shift+Enter');
    await delegate.keyboard.press('Control+Alt+f');
    expect(await delegate.locator('[data-testid="footnote-form"]').count()).toBe(0);
    expect(pointsOf(await readRenderedStructure(delegate), op3.id)).toEqual(pointsOf(before, op3.id));
    expect(pointsOf(before, op3.id).map(([label]) => label)).toEqual(['(a)', '(b)', '(c)']);
  });
});
