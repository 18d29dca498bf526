import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { z } from 'zod';
import { derivedClauseId } from '../shared/clauseIdRepair';
import { DOCUMENT_FIELD } from '../shared/collab';
import { CYBER_TAXONOMY } from '../shared/pillars';

const PILLAR_KEYS = CYBER_TAXONOMY.keys;
// Browser tests drive the real server, started in-process; the app code never imports server/.
import { clauseElement, connectClient } from '../server/testing/collabClient';
import { DEMO } from '../server/testing/session';
import { startTestServer } from '../server/testing/startTestServer';
import {
  WAIT_MS,
  caretClauseId,
  clauseParagraphText,
  fetchOutline,
  openDraftPage,
  placeCaretInClause,
  placeCaretInParagraph,
  readRenderedClauses,
  selectClauseText,
  signInToken,
  type DraftPageSession,
  type RenderedClause,
} from './testing/draftPageDriver';
import { launchBrowser, shouldSkipBrowserTests } from './testing/launchBrowser';

/** The demo accounts' password (the server seeds them in its demo mode). */
const DEMO_PASSWORD = 'accord-demo';

/** How soon a change made in one browser must show in another. */
const LIVE_MS = 1000;

const createdDraft = z.object({ draft: z.object({ id: z.string() }) });

/** A clause as the outline API and the page both describe it, for comparing the two. */
function comparable(
  clauses: readonly { id: string; number: string; pillars: readonly string[]; status: string }[],
): RenderedClause[] {
  return clauses.map(({ id, number, pillars, status }) => ({ id, number, pillars: [...pillars], status }));
}

describe.skipIf(shouldSkipBrowserTests('ClauseEditing'))('structured clauses in the browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let token: string;
  const sessions: DraftPageSession[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    token = await signInToken(server.url, DEMO.chair, DEMO_PASSWORD);
  });

  afterAll(async () => {
    for (const session of sessions) await session.context.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  /** A new draft from the pillar framework template (3 preambular, 8 operative clauses), created by the chair. */
  async function newDraft(title: string, template: 'blank' | 'pillar-framework' = 'pillar-framework'): Promise<string> {
    const response = await fetch(`${server.url}/api/drafts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title, template }),
    });
    expect(response.status).toBe(201);
    return createdDraft.parse(await response.json()).draft.id;
  }

  /** Opens a draft in a fresh browser context, signed in as the chair (each call is a new session, a new client). */
  async function open(draftId: string, viewport?: { width: number; height: number }): Promise<Page> {
    const session = await openDraftPage(browser, `${server.url}/drafts/${draftId}`, {
      token: await signInToken(server.url, DEMO.chair, DEMO_PASSWORD),
      ...(viewport ? { viewport } : {}),
    });
    sessions.push(session);
    return session.page;
  }

  /** Waits until the page shows exactly what the outline API says (ids, numbers, pillars, status); returns it. */
  async function expectPageMatchesApi(page: Page, draftId: string): Promise<RenderedClause[]> {
    let last: { page: RenderedClause[]; api: RenderedClause[] } = { page: [], api: [] };
    const matches = async () => {
      last = {
        page: await readRenderedClauses(page),
        api: comparable((await fetchOutline(server.url, draftId, token)).clauses),
      };
      return JSON.stringify(last.page) === JSON.stringify(last.api);
    };
    await expect
      .poll(matches, { timeout: WAIT_MS })
      .toBe(true)
      .catch(() => {
        // Show the difference rather than "false is not true".
        expect(last.page).toEqual(last.api);
      });
    return last.page;
  }

  function numbered(clauses: readonly RenderedClause[], number: string): RenderedClause {
    const clause = clauses.find((entry) => entry.number === number);
    if (!clause) throw new Error(`no ${number} among ${clauses.map((c) => c.number).join(', ')}`);
    return clause;
  }

  it('numbers clauses as the outline API does after inserting, moving and deleting, and never changes an id', async () => {
    const draftId = await newDraft('Numbering');
    const page = await open(draftId);
    const initial = await expectPageMatchesApi(page, draftId);
    expect(initial.map((c) => c.number)).toEqual([
      'PP1',
      'PP2',
      'PP3',
      'OP1',
      'OP2',
      'OP3',
      'OP4',
      'OP5',
      'OP6',
      'OP7',
      'OP8',
    ]);
    expect(new Set(initial.map((c) => c.id)).size).toBe(11);
    const originalIds = initial.map((c) => c.id);

    // Enter at the end of OP2 starts a new clause: it is OP3 and the old OP3 … OP8 move down one.
    await placeCaretInClause(page, numbered(initial, 'OP2').id, 'end');
    await page.keyboard.press('Enter');
    await page.keyboard.type('States should exchange points of contact.');
    const inserted = await expectPageMatchesApi(page, draftId);
    const fresh = numbered(inserted, 'OP3');
    expect(originalIds).not.toContain(fresh.id);
    expect(fresh.pillars).toEqual([]);
    expect(inserted.filter((c) => c.id !== fresh.id).map((c) => c.id)).toEqual(originalIds);
    expect(numbered(inserted, 'OP4').id).toBe(numbered(initial, 'OP3').id);
    expect(numbered(inserted, 'OP9').id).toBe(numbered(initial, 'OP8').id);

    // Mod-Alt-↓ moves it below the next clause: numbers swap, ids and pillars travel with the clauses.
    await page.keyboard.press('Control+Alt+ArrowDown');
    const moved = await expectPageMatchesApi(page, draftId);
    expect(numbered(moved, 'OP4').id).toBe(fresh.id);
    expect(numbered(moved, 'OP3')).toEqual({ ...numbered(inserted, 'OP4'), number: 'OP3' });
    expect(await caretClauseId(page)).toBe(fresh.id);
    expect((await page.locator(`.clause[data-clause-id="${fresh.id}"] > p`).textContent()) ?? '').toBe(
      'States should exchange points of contact.',
    );

    // Deleting OP1 (empty it, then Backspace removes the empty clause): every later clause moves up one.
    const op1 = numbered(moved, 'OP1');
    await selectClauseText(page, op1.id);
    await page.keyboard.press('Backspace');
    await expect
      .poll(() => page.locator(`.clause[data-clause-id="${op1.id}"] > p`).textContent(), { timeout: WAIT_MS })
      .toBe('');
    await page.keyboard.press('Backspace');
    const deleted = await expectPageMatchesApi(page, draftId);
    expect(deleted.map((c) => c.id)).toEqual(moved.map((c) => c.id).filter((id) => id !== op1.id));
    expect(deleted.filter((c) => c.number.startsWith('OP')).map((c) => c.number)).toEqual([
      'OP1',
      'OP2',
      'OP3',
      'OP4',
      'OP5',
      'OP6',
      'OP7',
      'OP8',
    ]);
    expect(numbered(deleted, 'OP3').id).toBe(fresh.id);
  });

  it('gives a split-off clause and pasted clauses fresh ids, while the originals keep theirs', async () => {
    const draftId = await newDraft('Split and paste');
    const page = await open(draftId);
    const initial = await expectPageMatchesApi(page, draftId);
    const originalIds = new Set(initial.map((c) => c.id));

    // Enter in the middle of OP1: the first half keeps the id, the second half is a new clause.
    const op1 = numbered(initial, 'OP1');
    await placeCaretInClause(page, op1.id, { after: 'States should protect' });
    await page.keyboard.press('Enter');
    const split = await expectPageMatchesApi(page, draftId);
    expect(numbered(split, 'OP1').id).toBe(op1.id);
    expect(await page.locator(`.clause[data-clause-id="${op1.id}"] > p`).textContent()).toBe('States should protect');
    const secondHalf = numbered(split, 'OP2');
    expect(originalIds).not.toContain(secondHalf.id);
    expect(secondHalf.pillars).toEqual(op1.pillars);
    expect(await page.locator(`.clause[data-clause-id="${secondHalf.id}"] > p`).textContent()).toMatch(
      /^ the continuity of/,
    );

    // Copy OP3 and OP4 (their whole text), then paste them into a new clause at the end.
    const [op3, op4] = [numbered(split, 'OP3'), numbered(split, 'OP4')];
    await selectClauseText(page, op3.id, op4.id);
    await page.keyboard.press('Control+c');
    await placeCaretInClause(page, numbered(split, 'OP9').id, 'end');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+v');
    await expect
      .poll(async () => (await readRenderedClauses(page)).length, { timeout: WAIT_MS })
      .toBe(split.length + 2);
    const pasted = await expectPageMatchesApi(page, draftId);
    const [copy3, copy4] = [numbered(pasted, 'OP10'), numbered(pasted, 'OP11')];
    const text = (id: string) => page.locator(`.clause[data-clause-id="${id}"] > p`).first().textContent();
    expect(await text(copy3.id)).toBe(await text(op3.id));
    expect(await text(copy4.id)).toBe(await text(op4.id));
    for (const copy of [copy3, copy4]) expect([...originalIds, secondHalf.id]).not.toContain(copy.id);
    expect(copy4.pillars).toEqual(op4.pillars);
    // The originals are untouched and every id is unique.
    expect(numbered(pasted, 'OP3').id).toBe(op3.id);
    expect(numbered(pasted, 'OP4').id).toBe(op4.id);
    expect(new Set(pasted.map((c) => c.id)).size).toBe(pasted.length);
  });

  it('makes a paragraph a lettered sub-paragraph with Ctrl+], and back with Ctrl+[', async () => {
    const draftId = await newDraft('Sub-paragraphs');
    const page = await open(draftId);
    const initial = await expectPageMatchesApi(page, draftId);
    const op3 = numbered(initial, 'OP3');
    const clause = page.locator(`.clause[data-clause-id="${op3.id}"]`);
    // OP3 of the template already has (a) … (c); Enter at the end of (c) starts (d).
    await expect
      .poll(
        () => clause.locator('.subparagraph').evaluateAll((subs) => subs.map((s) => s.getAttribute('data-label'))),
        { timeout: WAIT_MS },
      )
      .toEqual(['(a)', '(b)', '(c)']);

    // A new clause after OP8, then Ctrl+]: it becomes sub-paragraph (a) of OP8.
    const op8 = numbered(initial, 'OP8');
    await placeCaretInClause(page, op8.id, 'end');
    await page.keyboard.press('Enter');
    await page.keyboard.type('with a report to the States parties;');
    await page.keyboard.press('Control+BracketRight');
    const sub = page.locator(`.clause[data-clause-id="${op8.id}"] .subparagraph`);
    await sub.first().waitFor();
    expect(await sub.evaluateAll((subs) => subs.map((s) => [s.getAttribute('data-label'), s.textContent]))).toEqual([
      ['(a)', 'with a report to the States parties;'],
    ]);
    await expect
      .poll(async () => (await fetchOutline(server.url, draftId, token)).clauses.find((c) => c.id === op8.id), {
        timeout: WAIT_MS,
      })
      .toMatchObject({
        number: 'OP8',
        subparagraphs: 1,
        text: expect.stringMatching(/\n\(a\) with a report to the States parties;$/),
      });
    expect(await expectPageMatchesApi(page, draftId)).toHaveLength(initial.length);

    // Enter at its end starts (b); Enter on the empty (b) ends the list with a new clause OP9.
    await page.keyboard.press('Enter');
    await page.keyboard.type('with a public summary.');
    expect(await sub.evaluateAll((subs) => subs.map((s) => s.getAttribute('data-label')))).toEqual(['(a)', '(b)']);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.type('A final clause.');
    const ended = await expectPageMatchesApi(page, draftId);
    expect(numbered(ended, 'OP9')).toMatchObject({ pillars: [] });
    expect(await sub.count()).toBe(2);

    // Ctrl+[ on (a) makes it a plain paragraph again; (b) becomes (a).
    await placeCaretInParagraph(page, `.clause[data-clause-id="${op8.id}"] .subparagraph p`, 'start');
    await page.keyboard.press('Control+BracketLeft');
    await expect
      .poll(() => sub.evaluateAll((subs) => subs.map((s) => [s.getAttribute('data-label'), s.textContent])), {
        timeout: WAIT_MS,
      })
      .toEqual([['(a)', 'with a public summary.']]);
  });

  it('shows a pillar tagged in one browser in another within a second, and the overview counts follow', async () => {
    const draftId = await newDraft('Live pillars');
    const a = await open(draftId);
    const b = await open(draftId);
    const clauses = await expectPageMatchesApi(a, draftId);
    const op2 = numbered(clauses, 'OP2');
    expect(op2.pillars).toEqual(['attribution']);

    await b.locator('[data-testid="sidebar-tab-pillars"]').click();
    const escalationRow = b.locator('[data-testid="pillar-row"][data-pillar="escalation-control"]');
    await escalationRow.waitFor();
    expect(await escalationRow.getAttribute('data-total')).toBe('1');

    // A tags OP2 with the fourth pillar (escalation control) from the keyboard.
    expect(PILLAR_KEYS[3]).toBe('escalation-control');
    await placeCaretInClause(a, op2.id, 'end');
    await a.keyboard.press('Control+Alt+4');
    await a
      .locator(`.clause[data-clause-id="${op2.id}"] [data-testid="pillar-chip"][data-pillar="escalation-control"]`)
      .waitFor({ timeout: LIVE_MS });
    await b
      .locator(`.clause[data-clause-id="${op2.id}"] [data-testid="pillar-chip"][data-pillar="escalation-control"]`)
      .waitFor({ timeout: LIVE_MS });
    await b
      .locator('[data-testid="pillar-row"][data-pillar="escalation-control"][data-total="2"][data-open="2"]')
      .waitFor({ timeout: LIVE_MS });

    // B, through the clause menu of OP2: agreed, and no longer attribution.
    await b.locator(`.clause[data-clause-id="${op2.id}"] [data-testid="clause-number"]`).click();
    const menu = b.locator('[data-testid="clause-menu"]');
    await menu.locator('[data-testid="menu-status"][value="agreed"]').check();
    await menu.locator('[data-testid="menu-pillar"][data-pillar="attribution"]').uncheck();
    await b.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    await a
      .locator(`.clause[data-clause-id="${op2.id}"] [data-testid="clause-gutter"][data-status="agreed"]`)
      .waitFor({ timeout: LIVE_MS });
    await expect
      .poll(() => readRenderedClauses(a).then((all) => numbered(all, 'OP2').pillars), { timeout: LIVE_MS })
      .toEqual(['escalation-control']);
    await b
      .locator(
        '[data-testid="pillar-row"][data-pillar="escalation-control"][data-total="2"][data-agreed="1"][data-open="1"]',
      )
      .waitFor({ timeout: LIVE_MS });
    await b
      .locator('[data-testid="pillar-row"][data-pillar="attribution"][data-total="0"]')
      .waitFor({ timeout: LIVE_MS });

    // A untags it completely: it joins B's list of clauses with no pillar.
    await a.keyboard.press('Control+Alt+4');
    await b.locator(`[data-testid="untagged-clause"][data-clause-id="${op2.id}"]`).waitFor({ timeout: LIVE_MS });
    expect(await b.locator('[data-testid="untagged-count"]').textContent()).toBe('1');
    await expectPageMatchesApi(b, draftId);
    expect(comparable((await fetchOutline(server.url, draftId, token)).clauses)).toEqual(await readRenderedClauses(a));
  });

  it('moves the caret to a clause clicked in the outline and highlights the clauses of a pillar', async () => {
    const draftId = await newDraft('Outline and filter');
    const page = await open(draftId, { width: 1400, height: 640 });
    const clauses = await expectPageMatchesApi(page, draftId);
    const op8 = numbered(clauses, 'OP8');
    const target = page.locator(`.clause[data-clause-id="${op8.id}"]`);
    const inView = () =>
      target.evaluate((element) => {
        const rect = element.getBoundingClientRect();
        return rect.top >= 0 && rect.bottom <= window.innerHeight;
      });
    expect(await inView()).toBe(false);

    const row = page.locator(`[data-testid="outline-clause"][data-clause-id="${op8.id}"]`);
    expect(await row.textContent()).toContain('OP8');
    await row.click();
    await expect.poll(() => caretClauseId(page), { timeout: WAIT_MS }).toBe(op8.id);
    await expect.poll(inView, { timeout: WAIT_MS }).toBe(true);
    await page.locator(`[data-testid="outline-clause"][data-clause-id="${op8.id}"][aria-current="location"]`).waitFor();
    expect(await page.locator('[data-testid="toolbar-number"]').textContent()).toBe('OP8');
    // Typing goes into OP8.
    await page.keyboard.type('Periodically, ');
    await expect
      .poll(() => target.locator('p').first().textContent(), { timeout: WAIT_MS })
      .toMatch(/^Periodically, The implementation/);

    // The filter highlights the clauses of one pillar and dims the others, in the text and the outline.
    await page.locator('[data-testid="pillar-filter"]').selectOption('enforcement-review');
    const expected = clauses.filter((c) => c.pillars.includes('enforcement-review')).map((c) => c.id);
    expect(expected).toHaveLength(2);
    await expect
      .poll(
        () =>
          page
            .locator('[data-testid="editor"] .clause[data-filter="match"]')
            .evaluateAll((all) => all.map((c) => c.getAttribute('data-clause-id'))),
        { timeout: WAIT_MS },
      )
      .toEqual(expected);
    expect(await page.locator('[data-testid="editor"] .clause[data-filter="other"]').count()).toBe(clauses.length - 2);
    expect(await page.locator('.outline-row--dimmed').count()).toBe(clauses.length - 2);
    const dimmed = page.locator('[data-testid="editor"] .clause[data-filter="other"]').first();
    await expect
      .poll(() => dimmed.evaluate((c) => Number(getComputedStyle(c).opacity)), { timeout: WAIT_MS })
      .toBeLessThan(0.6);
    await page.getByRole('button', { name: 'Clear the highlight' }).click();
    await expect
      .poll(() => page.locator('[data-testid="editor"] .clause[data-filter]').count(), { timeout: WAIT_MS })
      .toBe(0);
  });

  it('renders the numbers, sub-paragraph letters and pillar chips the outline API gives, for the demo draft', async () => {
    const drafts = z.object({ drafts: z.array(z.object({ id: z.string(), title: z.string() })) });
    const list = drafts.parse(
      await (await fetch(`${server.url}/api/drafts`, { headers: { authorization: `Bearer ${token}` } })).json(),
    );
    const demo = list.drafts.find((draft) => draft.title.startsWith('Framework of Norms'));
    if (!demo) throw new Error('the test server seeded no demo draft');
    const page = await open(demo.id);
    const rendered = await expectPageMatchesApi(page, demo.id);
    const outline = await fetchOutline(server.url, demo.id, token);
    expect(rendered.length).toBe(outline.clauses.length);
    expect(rendered.some((c) => c.pillars.length > 1)).toBe(true);
    // Point labels at every level, (a) (i) (A), as the API's plain text has them.
    for (const clause of outline.clauses.filter((c) => c.subparagraphs > 0)) {
      const letters = await page
        .locator(`.clause[data-clause-id="${clause.id}"] .subparagraph`)
        .evaluateAll((subs) => subs.map((s) => s.getAttribute('data-label')));
      expect(letters).toEqual([...clause.text.matchAll(/^\(([a-zA-Z]+)\) /gm)].map((match) => `(${match[1]})`));
    }
    // The overview counts what the API lists.
    await page.locator('[data-testid="sidebar-tab-pillars"]').click();
    for (const key of PILLAR_KEYS) {
      const withPillar = outline.clauses.filter((c) => (c.pillars as string[]).includes(key));
      const row = page.locator(`[data-testid="pillar-row"][data-pillar="${key}"]`);
      expect(await row.getAttribute('data-total')).toBe(String(withPillar.length));
      expect(await row.getAttribute('data-agreed')).toBe(
        String(withPillar.filter((c) => c.status === 'agreed').length),
      );
    }
  });

  it('repairs ids duplicated by another client to the same unique ids on every client and the server', async () => {
    const draftId = await newDraft('Duplicate ids');
    const a = await open(draftId);
    const b = await open(draftId);
    const initial = await expectPageMatchesApi(a, draftId);
    const op2 = numbered(initial, 'OP2');

    // Another client (an old version, a bad merge) appends a copy of OP2 with the same id, and a clause with no id.
    const other = connectClient(server.collabUrl, draftId, { token });
    try {
      await other.synced();
      const operative = other.doc.getXmlFragment(DOCUMENT_FIELD).get(2) as Y.XmlElement;
      const clause = (id: string | null, words: string) => {
        const element = new Y.XmlElement('clause');
        if (id !== null) element.setAttribute('id', id);
        element.setAttribute('pillars', ['attribution'] as unknown as string);
        element.setAttribute('status', 'open');
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText(words)]);
        element.insert(0, [paragraph]);
        return element;
      };
      other.doc.transact(() =>
        operative.insert(operative.length, [clause(op2.id, 'A copy of OP2.'), clause(null, 'A clause without an id.')]),
      );

      const expectedCount = initial.length + 2;
      await expect.poll(async () => (await readRenderedClauses(a)).length, { timeout: WAIT_MS }).toBe(expectedCount);
      const settled = await expectPageMatchesApi(a, draftId);
      await expect.poll(() => readRenderedClauses(b), { timeout: WAIT_MS }).toEqual(settled);
      // The original keeps its id; the copy gets the id the shared rule derives; the new one a fresh id.
      expect(numbered(settled, 'OP2').id).toBe(op2.id);
      expect(numbered(settled, 'OP9').id).toBe(derivedClauseId(op2.id, 1));
      expect(numbered(settled, 'OP10').id).toMatch(/^c_[0-9a-z]+$/);
      expect(new Set(settled.map((c) => c.id)).size).toBe(expectedCount);
      // The other client converges on the same ids too.
      await expect
        .poll(
          () =>
            (other.doc.getXmlFragment(DOCUMENT_FIELD).get(2) as Y.XmlElement)
              .toArray()
              .map((c) => (c as Y.XmlElement).getAttribute('id')),
          { timeout: WAIT_MS },
        )
        .toEqual(settled.filter((c) => c.number.startsWith('OP')).map((c) => c.id));
    } finally {
      other.destroy();
    }
  });

  it('keeps every clause id while two people edit, insert and move clauses at the same time', async () => {
    const draftId = await newDraft('Concurrent edits');
    const a = await open(draftId);
    const b = await open(draftId);
    const initial = await expectPageMatchesApi(a, draftId);
    const text = clauseParagraphText;
    const textsBefore = new Map(await Promise.all(initial.map(async (c) => [c.id, await text(a, c.id)] as const)));

    // A inserts a clause before OP1 while B types in OP3 and moves OP5 down.
    await placeCaretInClause(a, numbered(initial, 'OP1').id, 'start');
    await placeCaretInClause(b, numbered(initial, 'OP3').id, 'end');
    await Promise.all([
      (async () => {
        await a.keyboard.press('Enter');
        await placeCaretInParagraph(a, '.section-operative > .clause:first-child > p', 'start');
        await a.keyboard.type('Recalling earlier commitments,');
      })(),
      (async () => {
        await b.keyboard.type(' [B edits]');
        await placeCaretInClause(b, numbered(initial, 'OP5').id, 'end');
        await b.keyboard.press('Control+Alt+ArrowDown');
      })(),
    ]);

    await expect.poll(async () => (await readRenderedClauses(a)).length, { timeout: WAIT_MS }).toBe(initial.length + 1);
    const settled = await expectPageMatchesApi(a, draftId);
    await expect.poll(() => readRenderedClauses(b), { timeout: WAIT_MS }).toEqual(settled);
    // Every original clause is still there with its id and its own words.
    const byId = new Map(settled.map((c) => [c.id, c]));
    for (const clause of initial) {
      expect(byId.has(clause.id)).toBe(true);
      const words = await text(a, clause.id);
      if (clause.number === 'OP3') expect(words).toBe(`${textsBefore.get(clause.id)} [B edits]`);
      else expect(words).toBe(textsBefore.get(clause.id));
    }
    expect(numbered(settled, 'OP1').id).not.toBe(numbered(initial, 'OP1').id);
    expect(await text(a, numbered(settled, 'OP1').id)).toBe('Recalling earlier commitments,');
    expect(numbered(settled, 'OP2').id).toBe(numbered(initial, 'OP1').id);
    expect(numbered(settled, 'OP7').id).toBe(numbered(initial, 'OP5').id);
    expect(numbered(settled, 'OP6').id).toBe(numbered(initial, 'OP6').id);
  });

  it('shows a pillar key the draft no longer has as a clear problem, keeps it, and lets a person remove it', async () => {
    const draftId = await newDraft('Bad pillar keys', 'blank');
    const op1 = (await fetchOutline(server.url, draftId, token)).clauses.find((clause) => clause.number === 'OP1')!;
    // OP1 tagged with a key the draft does not have, as a text stored before tags were checked
    // against the draft's pillars can be: written by the server, as no person's change can be.
    await server.registry.withDocument(draftId, (document) =>
      document.transactAsServer((doc) => {
        const clause = clauseElement(doc, 'operative', 0);
        if (clause.getAttribute('id') !== op1.id) throw new Error('OP1 is not the first operative clause');
        clause.setAttribute('pillars', ['civilian-protection', 'sanctions'] as unknown as string);
      }),
    );

    const page = await open(draftId);
    const banner = page.locator('[data-testid="outline-problems"]');
    await banner.waitFor();
    expect(await banner.textContent()).toContain(
      'OP1 is tagged with "sanctions", which is not a pillar of this draft.',
    );
    await page
      .locator(
        `.clause[data-clause-id="${op1.id}"] [data-testid="pillar-chip"][data-pillar="sanctions"][data-unknown="true"]`,
      )
      .waitFor();
    await page
      .locator(`[data-testid="outline-clause"][data-clause-id="${op1.id}"] [data-testid="outline-problem"]`)
      .waitFor();
    // Nothing was dropped: the server still has the key and reports it too.
    const reported = await fetchOutline(server.url, draftId, token);
    expect(reported.problems.map((p) => p.code)).toEqual(['unknown-pillar']);

    // The clause menu lists the unknown key; unticking it removes it, and the notice goes.
    await page.locator(`.clause[data-clause-id="${op1.id}"] [data-testid="clause-number"]`).click();
    const unknownBox = page.locator('[data-testid="clause-menu"] [data-testid="menu-pillar"][data-pillar="sanctions"]');
    expect(await unknownBox.isChecked()).toBe(true);
    // Unticked, the key is gone, so is its box.
    await unknownBox.click();
    await unknownBox.waitFor({ state: 'detached' });
    await banner.waitFor({ state: 'detached' });
    await expect
      .poll(async () => (await fetchOutline(server.url, draftId, token)).problems, { timeout: WAIT_MS })
      .toEqual([]);
    expect(numbered(await expectPageMatchesApi(page, draftId), 'OP1').pillars).toEqual(['civilian-protection']);
  });

  it('creates a draft from the pillar framework template and follows the title live in the header', async () => {
    const page = await open(await newDraft('Placeholder', 'blank'));
    await page.goto(`${server.url}/`);
    await page.locator('input[name="title"]').fill('Norms from the framework');
    await page.locator('[data-testid="template-option"]', { hasText: 'Pillar framework' }).locator('input').check();
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.waitForURL(/\/drafts\//);
    await page.locator('[data-testid="editor"] .ProseMirror[contenteditable="true"]').waitFor();
    const draftId = new URL(page.url()).pathname.split('/').pop()!;
    const rendered = await expectPageMatchesApi(page, draftId);
    expect(rendered.map((c) => c.number)).toEqual([
      'PP1',
      'PP2',
      'PP3',
      'OP1',
      'OP2',
      'OP3',
      'OP4',
      'OP5',
      'OP6',
      'OP7',
      'OP8',
    ]);
    expect(rendered.every((c) => c.pillars.length > 0)).toBe(true);

    // A second person renames it in the text; the first sees the header follow.
    const other = await open(draftId);
    await other.locator('.draft-title').click();
    await other.keyboard.press('End');
    await other.keyboard.type(' (Rev.1)');
    await page.locator('.app-header__draft-title', { hasText: 'Norms from the framework (Rev.1)' }).waitFor();
  });
});
