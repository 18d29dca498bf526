import type { Browser, BrowserContext, Locator } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
// Browser tests drive the real server, started in-process; the app code never imports server/.
import { newClauseId } from '../shared/clauseId';
import { draftFromSpec, type DraftSpec } from '../shared/draftText';
import type { ReviewCycle } from '../shared/review/types';
import { DEMO, signIn, type TestSession } from '../server/testing/session';
import { startTestServer } from '../server/testing/startTestServer';
import { fetchOutline } from './testing/draftPageDriver';
import { launchBrowser, shouldSkipBrowserTests } from './testing/launchBrowser';
import { openCyclePage, redlineText } from './testing/reviewDriver';
import { futureSchedule } from '../server/testing/reviewSchedule';

const SPEC: DraftSpec = {
  title: 'Responsible State behaviour',
  formula: 'The General Assembly,',
  preamble: ['Recalling its resolution 70/237,'],
  operative: [
    {
      text: 'Calls upon Member States:',
      points: [
        'to protect essential services;',
        { text: 'to take into account:', points: ['the harm caused;'] },
        'to report on their measures.',
      ],
    },
    'Requests a report.',
  ],
};

/** The labels the proposal editor shows on its points, in order. */
async function labels(editor: Locator): Promise<(string | null)[]> {
  return editor.locator('.subparagraph').evaluateAll((points) => points.map((p) => p.getAttribute('data-letter')));
}

/** Where the editor's own selection is: the words of its block, and how far into them ("words|offset"). */
async function editorCaret(editor: Locator): Promise<string> {
  return editor.evaluate((element) => {
    // Tiptap hangs the editor on its element; its state is what the next key acts on.
    const { $from } = (element as unknown as { editor: { state: { selection: { $from: Position } } } }).editor.state
      .selection;
    return `${$from.parent.textContent}|${$from.parentOffset}`;
  });
}

/** The part of a ProseMirror resolved position the test reads. */
interface Position {
  parent: { textContent: string };
  parentOffset: number;
}

describe.skipIf(shouldSkipBrowserTests('Review points'))('proposing an amendment with nested points', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let chair: TestSession;
  let valdoria: TestSession;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    [chair, valdoria] = await Promise.all([signIn(server.url, DEMO.chair), signIn(server.url, DEMO.valdoria)]);
  });
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close().catch(() => {});
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('makes points deeper and shallower with Ctrl+] and Ctrl+[, leaves the field with Tab, labels them live, names them in the redline', async () => {
    const draft = await server.drafts.create(SPEC.title, {
      content: draftFromSpec(SPEC, newClauseId),
      chairId: chair.user.id,
    });
    const made = await chair.api(`/api/drafts/${draft.id}/invites`, {
      method: 'POST',
      json: { role: 'delegate', affiliation: { kind: 'delegation', name: 'Republic of Valdoria', code: 'XVA' } },
    });
    await valdoria.api(`/api/invites/${made.body.token as string}/accept`, { method: 'POST', json: {} });
    const saved = await chair.api(`/api/drafts/${draft.id}/versions`, { method: 'POST', json: { label: 'Rev.1' } });
    const versionId = (saved.body.version as { id: string }).id;
    await chair.api(`/api/drafts/${draft.id}/versions/${versionId}/publish`, {
      method: 'POST',
      json: { published: true },
    });
    const opened = await chair.api(`/api/drafts/${draft.id}/review-cycles`, {
      method: 'POST',
      json: {
        name: '2027 periodic review',
        baseVersionId: versionId,
        schedule: futureSchedule(),
      },
    });
    const cycleId = (opened.body.cycle as ReviewCycle).id;
    const op1 = (await fetchOutline(server.url, draft.id, chair.token)).clauses.find((c) => c.number === 'OP1')!;

    const session = await openCyclePage(browser, `${server.url}/drafts/${draft.id}/review/${cycleId}`, valdoria.token);
    contexts.push(session.context);
    const { page } = session;
    await page.locator('[data-testid="propose-amendment"]').click();
    const form = page.locator('[data-testid="amendment-form"]');
    await form.locator('[data-testid="amendment-clause"]').selectOption(op1.id);
    const editor = form.locator('[data-testid="amendment-editor"] .ProseMirror');
    await expect.poll(() => labels(editor)).toEqual(['(a)', '(b)', '(i)', '(c)']);

    // After (b)(i), Enter starts (ii); Enter again and Ctrl+] puts the next point a level deeper, as (A).
    // The caret goes to the end of (b)(i), as the editor has it (it reads a click's selection a moment later).
    await editor.locator('.subparagraph p', { hasText: 'the harm caused;' }).click();
    await page.keyboard.press('End');
    await expect.poll(() => editorCaret(editor)).toBe('the harm caused;|16');
    await page.keyboard.press('Enter');
    await page.keyboard.type('the risk of escalation, in particular:');
    await page.keyboard.press('Enter');
    await page.keyboard.type('to civilians;');
    await expect.poll(() => labels(editor)).toEqual(['(a)', '(b)', '(i)', '(ii)', '(iii)', '(c)']);
    await page.keyboard.press('Control+BracketRight');
    await expect.poll(() => labels(editor)).toEqual(['(a)', '(b)', '(i)', '(ii)', '(A)', '(c)']);
    // At the third level Ctrl+] goes no deeper; Ctrl+[ brings it back a level, Ctrl+] again puts it under (ii).
    await page.keyboard.press('Control+BracketRight');
    await page.keyboard.press('Control+BracketLeft');
    await expect.poll(() => labels(editor)).toEqual(['(a)', '(b)', '(i)', '(ii)', '(iii)', '(c)']);
    await page.keyboard.press('Control+BracketRight');
    await expect.poll(() => labels(editor)).toEqual(['(a)', '(b)', '(i)', '(ii)', '(A)', '(c)']);
    // Tab leaves the field and changes nothing in it.
    await page.keyboard.press('Tab');
    expect(await editor.evaluate((element) => element.contains(document.activeElement))).toBe(false);
    expect(await labels(editor)).toEqual(['(a)', '(b)', '(i)', '(ii)', '(A)', '(c)']);

    const redline = form.locator('[data-testid="amendment-form-redline"]');
    await expect
      .poll(() => redline.locator('[data-testid="amendment-form-changes"]').textContent())
      .toBe('OP1(b)(ii): point added; OP1(b)(ii)(A): point added');
    expect(await redlineText(redline, 'insert')).toBe('(ii) the risk of escalation, in particular:(A) to civilians;');
    const levels = await redline
      .locator('[data-testid="redline-line"]')
      .evaluateAll((lines) => lines.map((line) => line.getAttribute('data-level')));
    expect(levels).toEqual(['0', '1', '1', '2', '2', '3', '1']);

    await form.locator('[data-testid="amendment-justification"]').fill('The risk of escalation needs its own point.');
    await form.locator('[data-testid="amendment-save"]').click();
    const detail = page.locator('[data-testid="amendment-detail"][data-status="draft"]');
    await detail.waitFor();
    expect(await detail.textContent()).toContain('Amends OP1 — OP1(b)(ii): point added; OP1(b)(ii)(A): point added');
    expect(await redlineText(detail.locator('[data-testid="amendment-redline"]'), 'insert')).toBe(
      '(ii) the risk of escalation, in particular:(A) to civilians;',
    );
  });
});
