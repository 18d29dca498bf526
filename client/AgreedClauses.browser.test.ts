import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { z } from 'zod';
import { DOCUMENT_FIELD } from '../shared/collab';
// Browser tests drive the real server, started in-process; the app code never imports server/.
import { connectClient } from '../server/testing/collabClient';
import { DEMO, callApi } from '../server/testing/session';
import { startTestServer } from '../server/testing/startTestServer';
import { submitNewThread } from './testing/commentsDriver';
import {
  CONNECTED,
  EDITABLE,
  WAIT_MS,
  clauseParagraphText,
  fetchOutline,
  newPersonContext,
  placeCaretInClause,
  placeCaretInParagraph,
  selectClauseText,
  signInToken,
} from './testing/draftPageDriver';
import { launchBrowser, shouldSkipBrowserTests } from './testing/launchBrowser';

/** The demo accounts' password (the server seeds them in its demo mode). */
const DEMO_PASSWORD = 'accord-demo';

/** How soon a change made in one browser must show in another. */
const LIVE_MS = 1000;

const draftList = z.object({ drafts: z.array(z.object({ id: z.string(), title: z.string() })) });
const memberList = z.object({
  members: z.array(z.object({ user: z.object({ id: z.string(), email: z.string() }), role: z.string() })),
});

/** One person at the draft, with every document change their page sent on its collab socket. */
interface WatchedPage {
  context: BrowserContext;
  page: Page;
  /** y-websocket sync messages carrying document content (sync step 2 and updates), in order. */
  sentChanges: Buffer[];
}

/** The whole text in the editor as a person reads it (other people's caret labels left out). */
function editorText(page: Page): Promise<string> {
  return page.locator('[data-testid="editor"] .ProseMirror').evaluate((root) => {
    const copy = root.cloneNode(true) as HTMLElement;
    for (const caret of copy.querySelectorAll('.collaboration-carets__caret, [data-testid="clause-lock"]'))
      caret.remove();
    return copy.textContent ?? '';
  });
}

/** Pastes `text` where the editor's selection is, as Ctrl+V from another application would. */
async function pasteText(page: Page, text: string): Promise<void> {
  await page.locator('[data-testid="editor"] .ProseMirror').evaluate((root, pasted) => {
    const data = new DataTransfer();
    data.setData('text/plain', pasted);
    data.setData('text/html', `<p>${pasted}</p>`);
    root.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

describe.skipIf(shouldSkipBrowserTests('AgreedClauses'))(
  'agreed clauses, statuses and the title follow the role',
  () => {
    let server: Awaited<ReturnType<typeof startTestServer>>;
    let browser: Browser;
    let chairToken: string;
    let demoId: string;
    let demoUrl: string;
    /** The demo's OP2, OP3, OP4 (open), OP5 (agreed) and OP6 (open). */
    let op2: string;
    let op3: string;
    let op4: string;
    let op5: string;
    let op6: string;
    const contexts: BrowserContext[] = [];

    beforeAll(async () => {
      server = await startTestServer();
      browser = await launchBrowser();
      chairToken = await signInToken(server.url, DEMO.chair, DEMO_PASSWORD);
      const { drafts } = draftList.parse((await callApi(server.url, chairToken, '/api/drafts')).body);
      const demo = drafts.find((draft) => draft.title.startsWith('Framework of Norms'));
      if (!demo) throw new Error('the test server seeded no demo draft');
      demoId = demo.id;
      demoUrl = `${server.url}/drafts/${demo.id}`;
      const { clauses } = await fetchOutline(server.url, demoId, chairToken);
      const numbered = (number: string) => clauses.find((clause) => clause.number === number)!;
      expect([numbered('OP4').status, numbered('OP5').status, numbered('OP6').status]).toEqual([
        'open',
        'agreed',
        'open',
      ]);
      [op2, op3, op4, op5, op6] = ['OP2', 'OP3', 'OP4', 'OP5', 'OP6'].map((number) => numbered(number).id) as [
        string,
        string,
        string,
        string,
        string,
      ];
    });

    afterEach(async () => {
      for (const context of contexts.splice(0)) await context.close().catch(() => {});
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    /** Opens the demo draft as a demo account, recording what its page sends, and waits until the text is live. */
    async function openAs(
      email: string,
      options: { prepare?: (context: BrowserContext, page: Page) => Promise<void>; live?: boolean } = {},
    ): Promise<WatchedPage> {
      const context = await newPersonContext(browser, server.url, {
        token: await signInToken(server.url, email, DEMO_PASSWORD),
      });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(WAIT_MS);
      const sentChanges: Buffer[] = [];
      page.on('websocket', (socket) => {
        if (!socket.url().includes('/collab/')) return;
        socket.on('framesent', ({ payload }) => {
          // messageSync (0), then sync step 2 (1) or update (2): document content.
          if (typeof payload !== 'string' && payload[0] === 0 && (payload[1] === 1 || payload[1] === 2))
            sentChanges.push(payload);
        });
      });
      await options.prepare?.(context, page);
      await page.goto(demoUrl);
      if (options.live !== false) {
        await page.locator(EDITABLE).waitFor();
        await page.locator(CONNECTED).waitFor();
      }
      return { context, page, sentChanges };
    }

    async function memberId(email: string): Promise<string> {
      const { members } = memberList.parse(
        (await callApi(server.url, chairToken, `/api/drafts/${demoId}/members`)).body,
      );
      const member = members.find((entry) => entry.user.email === email);
      if (!member) throw new Error(`${email} is not a member of the demo draft`);
      return member.user.id;
    }

    async function setRole(email: string, role: 'chair' | 'delegate'): Promise<void> {
      const answer = await callApi(server.url, chairToken, `/api/drafts/${demoId}/members/${await memberId(email)}`, {
        method: 'PATCH',
        json: { role },
      });
      expect(answer.status).toBe(200);
    }

    /** The text of a clause as the server has it. */
    async function serverText(clauseId: string): Promise<string | undefined> {
      return (await fetchOutline(server.url, demoId, chairToken)).clauses.find((clause) => clause.id === clauseId)
        ?.text;
    }

    /** Who the document says agreed a clause, and when (written by the server, null before it did). */
    async function agreedBy(clauseId: string): Promise<{ statusBy: unknown; statusAt: unknown }> {
      const client = connectClient(server.collabUrl, demoId, { token: chairToken });
      try {
        await client.synced();
        for (const section of client.doc.getXmlFragment(DOCUMENT_FIELD).toArray()) {
          if (!(section instanceof Y.XmlElement)) continue;
          for (const clause of section.toArray()) {
            if (clause instanceof Y.XmlElement && clause.getAttribute('id') === clauseId)
              return {
                statusBy: clause.getAttribute('statusBy') ?? null,
                statusAt: clause.getAttribute('statusAt') ?? null,
              };
          }
        }
        throw new Error(`no clause ${clauseId} in the document`);
      } finally {
        client.destroy();
      }
    }

    /** Sets a clause's status as the chair, through the API. */
    async function setStatus(clauseId: string, status: 'open' | 'agreed'): Promise<void> {
      const answer = await callApi(server.url, chairToken, `/api/drafts/${demoId}/clauses/${clauseId}`, {
        method: 'PATCH',
        json: { status },
      });
      expect(answer.status).toBe(200);
    }

    /**
     * Pastes `marker` at the end of the open clause `clauseId` and waits until the server has it:
     * if it is the first change the page sent since `sentBefore`, everything done in between sent nothing.
     */
    async function expectNothingSentSince(watched: WatchedPage, sentBefore: number, clauseId: string, marker: string) {
      await placeCaretInClause(watched.page, clauseId, 'end');
      await pasteText(watched.page, marker);
      await expect.poll(() => serverText(clauseId), { timeout: WAIT_MS }).toContain(marker.trim());
      const bytes = Buffer.from(marker.trim());
      await expect
        .poll(() => watched.sentChanges.some((frame) => frame.includes(bytes)), { timeout: WAIT_MS })
        .toBe(true);
      expect(watched.sentChanges.findIndex((frame) => frame.includes(bytes))).toBe(sentBefore);
    }

    const lockOf = (page: Page, clauseId: string) =>
      page.locator(`.clause[data-clause-id="${clauseId}"] [data-testid="clause-lock"]`);
    const statusControl = (page: Page) => page.locator('[data-testid="clause-toolbar"] select[aria-label="Status"]');

    it(
      'a delegate sees an agreed clause locked and has no status control; ' +
        'the chair edits the clause and changes its status; the delegate sees both live',
      async () => {
        const chair = await openAs(DEMO.chair);
        const delegate = await openAs(DEMO.valdoria);

        // The delegate: OP5 is locked, with who agreed it (nobody recorded for the seeded text) and how to propose a change.
        await delegate.page.locator(`.clause--locked[data-clause-id="${op5}"][data-locked="agreed"]`).waitFor();
        expect(await lockOf(delegate.page, op5).innerText()).toBe(
          'Agreed. Only the chair can change its text directly; type to suggest a change, or comment on the clause.',
        );
        expect(await lockOf(delegate.page, op4).count()).toBe(0);
        // The chair's text has no locks.
        expect(await chair.page.locator('[data-testid="clause-lock"]').count()).toBe(0);
        expect(await chair.page.locator('.clause--locked').count()).toBe(0);

        // The delegate's toolbar shows the status as a label; the clause menu too, and pillars stay theirs to tag.
        await placeCaretInClause(delegate.page, op5, 'end');
        await delegate.page.locator('[data-testid="toolbar-status"][data-status="agreed"]').waitFor();
        expect(await delegate.page.locator('[data-testid="toolbar-status"]').innerText()).toBe('Agreed');
        expect(await statusControl(delegate.page).count()).toBe(0);
        await delegate.page.locator(`.clause[data-clause-id="${op5}"] [data-testid="clause-number"]`).click();
        const menu = delegate.page.locator('[data-testid="clause-menu"]');
        await menu.waitFor();
        expect(await menu.locator('[data-testid="menu-status"]').count()).toBe(0);
        expect(await menu.locator('[data-testid="menu-status-label"]').getAttribute('data-status')).toBe('agreed');
        expect(await menu.locator('[data-testid="menu-pillar"]').first().isEnabled()).toBe(true);
        expect(await menu.getByRole('button', { name: '↑ Move up' }).isDisabled()).toBe(true);
        expect(await menu.getByRole('button', { name: '↓ Move down' }).isDisabled()).toBe(true);
        await delegate.page.keyboard.press('Escape');
        await menu.waitFor({ state: 'detached' });

        // The chair has the status control, and edits the agreed clause: the delegate sees the words live.
        await placeCaretInClause(chair.page, op5, 'end');
        expect(await statusControl(chair.page).inputValue()).toBe('agreed');
        await chair.page.keyboard.type(' Chair wording.');
        await expect
          .poll(() => clauseParagraphText(delegate.page, op5), { timeout: LIVE_MS * 5 })
          .toContain('Chair wording.');
        expect(await delegate.page.locator(`.clause--locked[data-clause-id="${op5}"]`).count()).toBe(1);

        // The chair reopens it: the delegate's lock goes at once, and the delegate can type in it.
        await statusControl(chair.page).selectOption('open');
        await delegate.page
          .locator(`.clause[data-clause-id="${op5}"]:not(.clause--locked)`)
          .waitFor({ timeout: LIVE_MS * 5 });
        expect(await lockOf(delegate.page, op5).count()).toBe(0);
        await delegate.page.locator('[data-testid="toolbar-status"][data-status="open"]').waitFor();
        await placeCaretInClause(delegate.page, op5, 'end');
        await delegate.page.keyboard.type(' Delegate wording.');
        await expect.poll(() => serverText(op5), { timeout: WAIT_MS }).toContain('Chair wording. Delegate wording.');

        // Agreed again: the lock is back, saying what the document records about who agreed it.
        await statusControl(chair.page).selectOption('agreed');
        await lockOf(delegate.page, op5).waitFor({ timeout: LIVE_MS * 5 });
        const recorded = await agreedBy(op5);
        const sentence = await delegate.page
          .locator(`.clause[data-clause-id="${op5}"] [data-testid="clause-lock-agreed"]`)
          .innerText();
        if (recorded.statusBy === null) expect(sentence).toBe('Agreed.');
        else
          expect(sentence).toMatch(
            new RegExp(`^Agreed by ${String(recorded.statusBy).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} on .+\\.$`),
          );

        // "comment on the clause" opens a comment on that clause.
        await lockOf(delegate.page, op5).getByRole('button', { name: 'comment on the clause' }).click();
        const composer = delegate.page.locator('[data-testid="thread-composer"]');
        await composer.waitFor();
        expect(
          await delegate.page.locator('.comment-card', { has: composer }).locator('.comment-card__clause').innerText(),
        ).toBe('OP5');
        await submitNewThread(delegate.page, 'Could “regularly” say “at least once a year”?');
        await delegate.page.locator(`.clause[data-clause-id="${op5}"] [data-testid="clause-comment-count"]`).waitFor();
      },
    );

    it(
      'a delegate’s keys that would change an agreed clause’s structure change nothing and send nothing; ' +
        'the title is read-only; typing and pasting in the next open clause work',
      async () => {
        const delegate = await openAs(DEMO.norland);
        const { page } = delegate;
        await page.locator(`.clause--locked[data-clause-id="${op5}"]`).waitFor();
        const textBefore = await editorText(page);
        const outlineBefore = await fetchOutline(server.url, demoId, chairToken);
        const sentBefore = delegate.sentChanges.length;

        // Inside the clause: splitting, indenting into the clause above, moving it (words typed there
        // become the delegate's suggestions: see the next test).
        await placeCaretInClause(page, op5, { after: 'States should maintain' });
        for (const key of ['Enter', 'Control+BracketRight', 'Control+Alt+ArrowUp', 'Control+Alt+ArrowDown'])
          await page.keyboard.press(key);
        // At its edges, and from the open clauses on either side: joining, swapping, indenting.
        await placeCaretInClause(page, op5, 'start');
        await page.keyboard.press('Backspace');
        await placeCaretInClause(page, op5, 'end');
        await page.keyboard.press('Delete');
        await placeCaretInClause(page, op4, 'end');
        await page.keyboard.press('Delete');
        await page.keyboard.press('Control+Alt+ArrowDown');
        await placeCaretInClause(page, op6, 'start');
        await page.keyboard.press('Backspace');
        await page.keyboard.press('Control+BracketRight');
        await page.keyboard.press('Control+Alt+ArrowUp');
        // A selection over it and its neighbours: deleting them all.
        await selectClauseText(page, op4, op6);
        await page.keyboard.press('Backspace');
        // The title is the chair's: it says so, and typing there changes nothing either.
        const title = page.locator('[data-testid="editor"] h1.draft-title');
        expect(await title.getAttribute('data-locked')).toBe('true');
        expect(await title.getAttribute('data-lock-hint')).toBe('Only the chair can rename the draft.');
        await placeCaretInParagraph(page, '.draft-title', 'start');
        await page.keyboard.type('New ');
        await page.keyboard.press('Delete');

        expect(await editorText(page)).toBe(textBefore);
        // The toolbar agrees: from OP6, moving up would carry it across OP5.
        await placeCaretInClause(page, op6, 'end');
        expect(await page.getByRole('button', { name: /^Move up/ }).isDisabled()).toBe(true);
        expect(await page.getByRole('button', { name: /^Move down/ }).isDisabled()).toBe(false);

        // In the open clause after it, pasting and typing work, and reach the server; the paste is the
        // first change the page sent since the keys above: those sent nothing.
        await expectNothingSentSince(delegate, sentBefore, op6, ' Quorum reached.');
        await page.keyboard.type(' Typed.');
        await expect.poll(() => serverText(op6), { timeout: WAIT_MS }).toContain('Quorum reached. Typed.');

        // Nothing else changed for anyone.
        const after = await fetchOutline(server.url, demoId, chairToken);
        expect(after.title).toBe(outlineBefore.title);
        expect(after.clauses.filter((clause) => clause.id !== op6)).toEqual(
          outlineBefore.clauses.filter((clause) => clause.id !== op6),
        );
        expect(await page.locator('[data-testid="edit-refused"]').count()).toBe(0);
      },
    );

    it('a delegate’s words typed, pasted or deleted in an agreed clause are their suggestions, which the server admits', async () => {
      const delegate = await openAs(DEMO.norland);
      const { page } = delegate;
      await page.locator(`.clause--locked[data-clause-id="${op5}"]`).waitFor();
      const before = await serverText(op5);
      await placeCaretInClause(page, op5, { after: 'States should maintain' });
      await page.keyboard.type(' xyz ');
      await pasteText(page, 'pasted words');
      await placeCaretInClause(page, op5, { after: 'exercise regularly' });
      for (let i = 0; i < 'regularly'.length; i++) await page.keyboard.press('Backspace');
      const inserted = page.locator(`.clause[data-clause-id="${op5}"] ins.suggestion`);
      await expect.poll(() => inserted.allTextContents(), { timeout: WAIT_MS }).toEqual([' xyz pasted words']);
      await expect
        .poll(() => page.locator(`.clause[data-clause-id="${op5}"] del.suggestion`).allTextContents(), {
          timeout: WAIT_MS,
        })
        .toEqual(['regularly']);
      // The clause's words as they stand are unchanged until the chair decides; nothing was refused.
      await expect.poll(() => delegate.sentChanges.length, { timeout: WAIT_MS }).toBeGreaterThan(0);
      expect(await serverText(op5)).toBe(before);
      expect(await page.locator('[data-testid="edit-refused"]').count()).toBe(0);
      const suggestions = (await callApi(server.url, chairToken, `/api/drafts/${demoId}/suggestions`)).body
        .suggestions as { kind: string; text: string; clauseId: string; delegation: { name: string } }[];
      expect(suggestions.filter((s) => s.clauseId === op5).map((s) => [s.kind, s.text, s.delegation.name])).toEqual(
        expect.arrayContaining([
          ['insert', ' xyz pasted words', 'Kingdom of Norland'],
          ['delete', 'regularly', 'Kingdom of Norland'],
        ]),
      );
    });

    it('the locks follow a delegate’s role live: made chair, they may agree and edit; made delegate again, the locks return', async () => {
      const delegate = await openAs(DEMO.meridia);
      const { page } = delegate;
      await page.locator(`.clause--locked[data-clause-id="${op5}"]`).waitFor();
      await placeCaretInClause(page, op5, 'end');
      await page.locator('[data-testid="toolbar-status"]').waitFor();
      try {
        await setRole(DEMO.meridia, 'chair');
        await page.locator('[data-testid="header-role"][data-role="chair"]').waitFor();
        await page.locator('.clause--locked').waitFor({ state: 'detached' });
        expect(await page.locator('[data-testid="clause-lock"]').count()).toBe(0);
        expect(await page.locator('h1.draft-title[data-locked]').count()).toBe(0);
        await statusControl(page).waitFor();
        await placeCaretInClause(page, op5, 'end');
        await page.keyboard.type(' (as chair)');
        await expect.poll(() => serverText(op5), { timeout: WAIT_MS }).toContain('(as chair)');

        await setRole(DEMO.meridia, 'delegate');
        await page.locator('[data-testid="header-role"][data-role="delegate"]').waitFor();
        await page.locator(`.clause--locked[data-clause-id="${op5}"]`).waitFor();
        await page.locator('h1.draft-title[data-locked="true"]').waitFor();
        await statusControl(page).waitFor({ state: 'detached' });
        // Typing there is a suggestion again: the words are marked as the delegate's, not the clause's.
        await placeCaretInClause(page, op5, 'end');
        await page.keyboard.type(' (as delegate)');
        await expect
          .poll(() => page.locator(`.clause[data-clause-id="${op5}"] ins.suggestion`).allTextContents(), {
            timeout: WAIT_MS,
          })
          .toContain(' (as delegate)');
        expect(await serverText(op5)).not.toContain('(as delegate)');
      } finally {
        await setRole(DEMO.meridia, 'delegate');
      }
    });

    it('shows a refusal where the delegate is, and keeps their place in the text', async () => {
      const { page } = await openAs(DEMO.valdoria);
      const { clauses } = await fetchOutline(server.url, demoId, chairToken);
      const last = clauses.at(-1)!.id;
      await placeCaretInClause(page, op6, 'end');
      // Well down the text, as someone working on a late clause is; the last clause is further down still.
      await page.evaluate(() => window.scrollTo({ top: 1000, behavior: 'instant' }));
      const header = (await page.locator('.app-header').boundingBox())!;
      const inView = await page.evaluate(
        (below) =>
          [...document.querySelectorAll('.clause[data-clause-id]')]
            .find((clause) => clause.getBoundingClientRect().top > below)
            ?.getAttribute('data-clause-id'),
        header.y + header.height,
      );
      const clause = page.locator(`.clause[data-clause-id="${inView}"]`);
      const before = (await clause.boundingBox())!;
      expect((await page.locator(`.clause[data-clause-id="${last}"]`).boundingBox())!.y).toBeGreaterThan(
        page.viewportSize()!.height,
      );
      // Written straight into the shared document, past the editor: a delegate may not set a clause's status.
      await page.evaluate((clauseId) => {
        interface SharedElement {
          length: number;
          nodeName?: string;
          get(index: number): SharedElement;
          getAttribute(name: string): unknown;
          setAttribute(name: string, value: string): void;
        }
        const root = document.querySelector('[data-testid="editor"] .ProseMirror') as
          (HTMLElement & { editor?: { state: Record<string, unknown> } }) | null;
        const sync = root?.editor?.state['y-sync$'] as { type: SharedElement } | undefined;
        if (!sync) throw new Error('no editor bound to the shared document');
        for (let i = 0; i < sync.type.length; i++) {
          const section = sync.type.get(i);
          for (let j = 0; j < section.length; j++) {
            const element = section.get(j);
            if (element.getAttribute('id') !== clauseId) continue;
            return element.setAttribute('status', element.getAttribute('status') === 'agreed' ? 'open' : 'agreed');
          }
        }
        throw new Error(`no clause ${clauseId}`);
      }, last);
      const refused = page.getByTestId('edit-refused');
      await refused.waitFor();
      // The fresh text comes back where the delegate was, and the refusal is in view, just under the header.
      await page.locator(EDITABLE).waitFor();
      await expect
        .poll(async () => Math.abs((await clause.boundingBox())!.y - before.y), { timeout: WAIT_MS })
        .toBeLessThan(2);
      const box = (await refused.boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(header.y + header.height - 1);
      expect(box.y + box.height).toBeLessThanOrEqual(page.viewportSize()!.height);
      // What sticks under the header (the clause toolbar, the side panel) sticks below the banner, not under it.
      const stuck = async (selector: string) => (await page.locator(selector).first().boundingBox())!.y;
      for (const selector of ['.clause-toolbar', '.draft-sidebar'])
        expect(await stuck(selector)).toBeGreaterThanOrEqual(box.y + box.height - 1);
      await refused.getByTestId('edit-refused-dismiss').click();
      await refused.waitFor({ state: 'detached' });
      await expect.poll(() => stuck('.clause-toolbar')).toBeLessThan(header.y + header.height + 1);
    });

    it('never lets a delegate’s undo reach into a clause the chair agreed meanwhile', async () => {
      const delegate = await openAs(DEMO.valdoria);
      const { page } = delegate;
      await placeCaretInClause(page, op2, 'end');
      await page.keyboard.type(' under review');
      await expect.poll(() => serverText(op2), { timeout: WAIT_MS }).toContain('under review');
      try {
        await setStatus(op2, 'agreed');
        await page.locator(`.clause--locked[data-clause-id="${op2}"]`).waitFor();
        const sentBefore = delegate.sentChanges.length;
        await placeCaretInClause(page, op2, 'end');
        await page.keyboard.press('Control+z');
        expect(await clauseParagraphText(page, op2)).toContain('under review');
        await expectNothingSentSince(delegate, sentBefore, op3, ' Undo checked.');
        expect(await serverText(op2)).toContain('under review');
        expect(await page.locator('[data-testid="edit-refused"]').count()).toBe(0);
        // Undo still works on what the delegate may change: the paste just made in OP3.
        await page.keyboard.press('Control+z');
        await expect.poll(() => serverText(op3), { timeout: WAIT_MS }).not.toContain('Undo checked.');
      } finally {
        await setStatus(op2, 'open');
      }
    });
  },
);
