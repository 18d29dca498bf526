import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RefusalCode, refusalHeadline } from '../shared/closeCodes';
// Browser tests drive the real server, started in-process; the app code never imports server/.
import { DEMO, callApi } from '../server/testing/session';
import { startTestServer } from '../server/testing/startTestServer';
import {
  CONNECTED,
  EDITABLE,
  READ_ONLY,
  WAIT_MS,
  clauseParagraphText,
  fetchOutline,
  newPersonContext,
  openDraftPage,
  placeCaretInClause,
  readRenderedClauses,
  signInToken,
  type DraftPageSession,
} from './testing/draftPageDriver';
import { launchBrowser, shouldSkipBrowserTests } from './testing/launchBrowser';

/** The demo accounts' password (the server seeds them in its demo mode). */
const DEMO_PASSWORD = 'accord-demo';

const OBSERVER_NOTICE =
  'You are an observer for Digital Rights Watch: you can read the text and every version, and ' +
  'comment while a comment period is open; you cannot change the text.';

const draftList = z.object({ drafts: z.array(z.object({ id: z.string(), title: z.string() })) });
const memberList = z.object({
  members: z.array(
    z.object({
      user: z.object({ id: z.string(), email: z.string(), affiliation: z.object({ id: z.string() }) }),
      role: z.string(),
    }),
  ),
});

/** The whole text in the editor as a person reads it (other people's caret labels left out). */
function editorText(page: Page): Promise<string> {
  return page.locator('[data-testid="editor"] .ProseMirror').evaluate((root) => {
    const copy = root.cloneNode(true) as HTMLElement;
    for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove();
    return copy.textContent ?? '';
  });
}

/** Fills the sign-in page's form (inputs named `email` and `password`) and submits it. */
async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await Promise.all([
    page.waitForResponse((response) => response.url().endsWith('/api/auth/login')),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
}

/** Marks the page's window, to prove later that it was never reloaded. */
async function markWindow(page: Page): Promise<void> {
  await page.evaluate(() => Object.assign(window, { accordTestMarker: true }));
}

async function windowStillMarked(page: Page): Promise<boolean> {
  return page.evaluate(() => 'accordTestMarker' in window);
}

describe.skipIf(shouldSkipBrowserTests('Roles'))('people, roles and enforcement in the browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let chairToken: string;
  let demoId: string;
  let demoUrl: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    // A slowed sign-in stays slowed for ten minutes, however slow the machine running the test.
    server = await startTestServer({ loginFirstDelayMs: 10 * 60_000 });
    browser = await launchBrowser();
    chairToken = await signInToken(server.url, DEMO.chair, DEMO_PASSWORD);
    const { drafts } = draftList.parse((await callApi(server.url, chairToken, '/api/drafts')).body);
    const demo = drafts.find((draft) => draft.title.startsWith('Framework of Norms'));
    if (!demo) throw new Error('the test server seeded no demo draft');
    demoId = demo.id;
    demoUrl = `${server.url}/drafts/${demo.id}`;
  });

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close().catch(() => {});
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Opens the demo draft as a demo account, in a browser context of its own. */
  async function openAs(email: string, options: { readOnly?: boolean } = {}): Promise<DraftPageSession> {
    const session = await openDraftPage(browser, demoUrl, {
      token: await signInToken(server.url, email, DEMO_PASSWORD),
      ...options,
    });
    contexts.push(session.context);
    return session;
  }

  async function memberOf(email: string): Promise<{ id: string; affiliationId: string; role: string }> {
    const { members } = memberList.parse((await callApi(server.url, chairToken, `/api/drafts/${demoId}/members`)).body);
    const member = members.find((entry) => entry.user.email === email);
    if (!member) throw new Error(`${email} is not a member of the demo draft`);
    return { id: member.user.id, affiliationId: member.user.affiliation.id, role: member.role };
  }

  /** The chair's People tab on the demo draft. */
  async function openPeopleTab(page: Page): Promise<void> {
    await page.locator('[data-testid="sidebar-tab-people"]').click();
    await page.locator('[data-testid="member-row"]').first().waitFor();
  }

  it('signs in through the sign-in page, back to the draft, and shows name, delegation and role in the header; signs out', async () => {
    const context = await newPersonContext(browser, server.url);
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);

    // Signed out, the draft's address leads to sign-in, which remembers where the person was going.
    await page.goto(demoUrl);
    await page.waitForURL((url) => url.pathname === '/sign-in');
    expect(new URL(page.url()).searchParams.get('next')).toBe(`/drafts/${demoId}`);

    // A wrong password is refused in words, and nothing else happens.
    await submitSignIn(page, DEMO.valdoria, 'not-the-password');
    expect(await page.locator('[data-testid="sign-in-error"]').textContent()).toBe(
      'The email address or password is not right.',
    );
    expect(new URL(page.url()).pathname).toBe('/sign-in');

    await submitSignIn(page, DEMO.valdoria, DEMO_PASSWORD);
    await page.waitForURL(demoUrl);
    await page.locator(EDITABLE).waitFor();
    expect(await page.locator('[data-testid="header-name"]').textContent()).toBe('Lena Varga');
    expect(await page.locator('[data-testid="header-affiliation"]').textContent()).toBe('Republic of Valdoria (XVA)');
    expect(await page.locator('[data-testid="header-role"]').getAttribute('data-role')).toBe('delegate');
    expect(await page.locator('[data-testid="header-role"]').textContent()).toBe('Your role: Delegate');
    expect(await page.locator('[data-testid="read-only-notice"]').count()).toBe(0);

    // The drafts list shows the role on each draft and, to a delegate, no way to create one.
    await page.locator('.app-header__brand').click();
    await page.locator('[data-testid="draft-row"]').first().waitFor();
    expect(await page.locator('[data-testid="draft-role"]').first().textContent()).toBe('Delegate');
    expect(await page.locator('input[name="title"]').count()).toBe(0);

    // Sign-out ends the session: the page goes to sign-in, and the drafts are behind it again.
    await page.locator('[data-testid="account-menu"]').click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await page.goto(`${server.url}/`);
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await page.locator('input[name="email"]').waitFor();
  });

  it('says how long to wait once sign-in is slowed, while the owner’s browser that signed in before still gets in', async () => {
    const openSignIn = async () => {
      const context = await newPersonContext(browser, server.url);
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(WAIT_MS);
      await page.goto(`${server.url}/sign-in`);
      return page;
    };
    const owner = await openSignIn();
    await submitSignIn(owner, DEMO.waterObserver, DEMO_PASSWORD);
    await owner.waitForURL((url) => url.pathname !== '/sign-in');
    await owner.locator('[data-testid="account-menu"]').click();
    await owner.getByRole('menuitem', { name: 'Sign out' }).click();
    await owner.waitForURL((url) => url.pathname === '/sign-in');

    const stranger = await openSignIn();
    const error = stranger.locator('[data-testid="sign-in-error"]');
    // Five attempts per account are free (LOGIN_ATTEMPTS_PER_ACCOUNT); then each further one waits.
    for (let attempt = 0; attempt < 5; attempt++) {
      await submitSignIn(stranger, DEMO.waterObserver, `wrong-${attempt}`);
      expect(await error.textContent()).toBe('The email address or password is not right.');
    }
    await submitSignIn(stranger, DEMO.waterObserver, DEMO_PASSWORD);
    expect(await error.textContent()).toBe('Too many failed sign-ins. Try again in 10 minutes.');
    expect(new URL(stranger.url()).pathname).toBe('/sign-in');

    // The owner's browser kept its device cookie through signing out, and is not slowed.
    await submitSignIn(owner, DEMO.waterObserver, DEMO_PASSWORD);
    await owner.waitForURL((url) => url.pathname !== '/sign-in');
  });

  it('shows an observer the text read-only and says why; typing changes nothing, and a forced change is refused by the server', async () => {
    const before = await fetchOutline(server.url, demoId, chairToken);
    const { page } = await openAs(DEMO.rightsObserver, { readOnly: true });
    expect(await page.locator('[data-testid="header-role"]').getAttribute('data-role')).toBe('observer');
    expect(await page.locator('[data-testid="header-affiliation"]').textContent()).toBe('Digital Rights Watch');
    expect(await page.locator('[data-testid="read-only-notice"]').innerText()).toContain(OBSERVER_NOTICE);
    // The clause tools are there to read, but disabled.
    expect(
      await page
        .locator('.clause-toolbar select, .clause-toolbar button:not([data-clause-menu])')
        .evaluateAll((controls) => controls.every((control) => (control as HTMLButtonElement).disabled)),
    ).toBe(true);

    // Typing into a clause changes nothing on the page…
    const textBefore = await editorText(page);
    const op1 = before.clauses.find((clause) => clause.number === 'OP1')!;
    await page.locator(`.clause[data-clause-id="${op1.id}"] > p`).click();
    await page.keyboard.type(' and observers rewrote this');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Backspace');
    expect(await editorText(page)).toBe(textBefore);

    // …and a change forced past the read-only editor (a tampered client) is refused by the server:
    // the page says why and shows the text as everyone else has it again, from one fresh session.
    const sockets: { refusals: number }[] = [];
    page.on('websocket', (socket) => {
      if (!socket.url().includes('/collab/')) return;
      const opened = { refusals: 0 };
      sockets.push(opened);
      socket.on('framereceived', ({ payload }) => {
        if (String(payload).includes('"edit-refused"')) opened.refusals++;
      });
    });
    // Written straight into the shared document, past every check the editor makes.
    await page.evaluate((clauseId) => {
      interface SharedText {
        insert(index: number, text: string): void;
      }
      interface SharedElement {
        length: number;
        get(index: number): SharedElement & SharedText;
        getAttribute(name: string): unknown;
        nodeName?: string;
      }
      const root = document.querySelector('[data-testid="editor"] .ProseMirror') as
        (HTMLElement & { editor?: { state: Record<string, unknown> } }) | null;
      const sync = root?.editor?.state['y-sync$'] as { type: SharedElement } | undefined;
      if (!sync) throw new Error('no editor bound to the shared document');
      let operative = sync.type.get(0);
      for (let index = 0; index < sync.type.length; index++)
        if (sync.type.get(index).nodeName === 'operative') operative = sync.type.get(index);
      for (let index = 0; index < operative.length; index++) {
        const clause = operative.get(index);
        if (clause.getAttribute('id') === clauseId) return clause.get(0).get(0).insert(0, 'FORCED ');
      }
      throw new Error(`no clause ${clauseId}`);
    }, op1.id);
    const refused = page.locator('[data-testid="edit-refused"]');
    await refused.waitFor();
    expect(await refused.locator('[data-testid="edit-refused-headline"]').innerText()).toBe(
      refusalHeadline(RefusalCode.NotAllowed),
    );
    expect(await refused.locator('[data-testid="edit-refused-reason"]').innerText()).toContain(
      'Your role on this draft does not allow changing the text. The change was not applied.',
    );
    await page.locator(READ_ONLY).waitFor();
    await expect.poll(() => clauseParagraphText(page, op1.id), { timeout: WAIT_MS }).not.toContain('FORCED');
    expect(await editorText(page)).toBe(textBefore);
    await page.locator(CONNECTED).waitFor();

    // The fresh session is live (the chair's words arrive) and never sent the change again: one new
    // socket, nothing refused on it. The message stays until the observer dismisses it.
    const chair = await openAs(DEMO.chair);
    const op2 = before.clauses.find((clause) => clause.number === 'OP2')!;
    await placeCaretInClause(chair.page, op2.id, 'end');
    await chair.page.keyboard.type(' (seen by the observer)');
    await expect
      .poll(() => clauseParagraphText(page, op2.id), { timeout: WAIT_MS })
      .toContain('(seen by the observer)');
    expect(sockets).toEqual([{ refusals: 0 }]);
    expect(await refused.count()).toBe(1);
    await refused.locator('[data-testid="edit-refused-dismiss"]').click();
    await refused.waitFor({ state: 'detached' });

    // Nothing of the observer's reached the text anyone else reads.
    const after = await fetchOutline(server.url, demoId, chairToken);
    expect(after.clauses.map((clause) => clause.text.replace(' (seen by the observer)', ''))).toEqual(
      before.clauses.map((clause) => clause.text),
    );
  });

  it(
    'makes a delegate’s open page read-only, with the reason, as soon as the ' +
      'chair makes them an observer in the members panel, and editable again when restored',
    async () => {
      const chair = await openAs(DEMO.chair);
      const delegate = await openAs(DEMO.norland);
      await markWindow(delegate.page);
      await openPeopleTab(chair.page);
      const row = chair.page.locator(`[data-testid="member-row"][data-email="${DEMO.norland}"]`);
      expect(await row.innerText()).toContain('Kingdom of Norland (XNO)');

      try {
        await row.locator('select[name="role"]').selectOption('observer');
        await chair.page
          .locator(`[data-testid="member-row"][data-email="${DEMO.norland}"][data-role="observer"]`)
          .waitFor();

        // The delegate's page follows at once, without a reload.
        await delegate.page.locator(READ_ONLY).waitFor();
        const notice = delegate.page.locator('[data-testid="read-only-notice"]');
        await notice.waitFor();
        expect(await notice.innerText()).toContain(
          'You are an observer for Kingdom of Norland (XNO): you can read the text and every version',
        );
        await delegate.page.locator('[data-testid="header-role"][data-role="observer"]').waitFor();
        expect(await windowStillMarked(delegate.page)).toBe(true);

        // Back to delegate: editable again, still without a reload.
        await row.locator('select[name="role"]').selectOption('delegate');
        await delegate.page.locator(EDITABLE).waitFor();
        await notice.waitFor({ state: 'detached' });
        await delegate.page.locator('[data-testid="header-role"][data-role="delegate"]').waitFor();
        const op2 = (await readRenderedClauses(delegate.page)).find((clause) => clause.number === 'OP2')!;
        await placeCaretInClause(delegate.page, op2.id, 'end');
        await delegate.page.keyboard.type(' (restored)');
        await expect
          .poll(
            async () =>
              (await fetchOutline(server.url, demoId, chairToken)).clauses.find((clause) => clause.id === op2.id)?.text,
            { timeout: WAIT_MS },
          )
          .toContain('(restored)');
        expect(await windowStillMarked(delegate.page)).toBe(true);
      } finally {
        await callApi(server.url, chairToken, `/api/drafts/${demoId}/members/${(await memberOf(DEMO.norland)).id}`, {
          method: 'PATCH',
          json: { role: 'delegate' },
        });
      }
    },
  );

  it('shows the server’s reason when the chair tries to remove the last chair', async () => {
    const chair = await openAs(DEMO.chair);
    await openPeopleTab(chair.page);
    const own = chair.page.locator(`[data-testid="member-row"][data-email="${DEMO.chair}"]`);
    expect(await own.innerText()).toContain('(you)');
    await own.getByRole('button', { name: /^Remove Amina Diallo/ }).click();
    await own.getByRole('button', { name: 'Remove', exact: true }).click();
    expect(await own.getByRole('alert').innerText()).toBe(
      'A draft needs a chair. Make someone else chair before changing or removing the last one.',
    );
    expect((await memberOf(DEMO.chair)).role).toBe('chair');
  });

  it('tells a removed member at once that they are no longer a member, and shows a clear page when they come back', async () => {
    const chair = await openAs(DEMO.chair);
    const member = await openAs(DEMO.meridia);
    await markWindow(member.page);
    const { id: meridiaId, affiliationId } = await memberOf(DEMO.meridia);
    await openPeopleTab(chair.page);
    const row = chair.page.locator(`[data-testid="member-row"][data-email="${DEMO.meridia}"]`);
    try {
      await row.getByRole('button', { name: /^Remove Rafael Costa/ }).click();
      await row.getByRole('button', { name: 'Remove', exact: true }).click();
      await row.waitFor({ state: 'detached' });

      const fatal = member.page.locator('[data-testid="fatal-error"]');
      await fatal.waitFor();
      expect(await fatal.innerText()).toBe(
        'You are no longer a member of this draft. Ask its chair if you think this is a mistake.',
      );
      await member.page.locator(READ_ONLY).waitFor();
      expect(await windowStillMarked(member.page)).toBe(true);

      // Coming back later: a page that says so, not a broken editor.
      await member.page.reload();
      await member.page.locator('[data-testid="not-a-member"]').waitFor();
      expect(await member.page.locator('[data-testid="editor"]').count()).toBe(0);
      expect(await member.page.locator('[data-testid="not-a-member"]').innerText()).toBe(
        'You are not a member of this draft. Ask its chair for an invitation.',
      );
    } finally {
      // Restore the membership the way a chair would: an invitation for the same delegation, accepted by them.
      const { members } = memberList.parse(
        (await callApi(server.url, chairToken, `/api/drafts/${demoId}/members`)).body,
      );
      if (!members.some((entry) => entry.user.id === meridiaId)) {
        const invite = await callApi(server.url, chairToken, `/api/drafts/${demoId}/invites`, {
          method: 'POST',
          json: { role: 'delegate', affiliation: { id: affiliationId } },
        });
        const meridiaToken = await signInToken(server.url, DEMO.meridia, DEMO_PASSWORD);
        await callApi(server.url, meridiaToken, `/api/invites/${String(invite.body.token)}/accept`, {
          method: 'POST',
          json: {},
        });
      }
    }
    expect((await memberOf(DEMO.meridia)).role).toBe('delegate');
  });

  it('invites an observer end to end: the chair creates the link, a new person opens it, creates an account and lands on the draft read-only', async () => {
    const chair = await openAs(DEMO.chair);
    await openPeopleTab(chair.page);
    await chair.page.getByRole('button', { name: 'Invite someone…' }).click();
    const dialog = chair.page.locator('dialog[open]');
    await dialog.locator('input[name="role"][value="observer"]').check();
    await dialog.locator('select[name="affiliation"]').selectOption('new:organisation');
    await dialog.locator('input[name="affiliationName"]').fill('Cyber Peace Institute');
    await dialog.getByRole('button', { name: 'Create invitation link' }).click();
    const link = await dialog.locator('[data-testid="invite-link"]').inputValue();
    expect(link).toMatch(new RegExp(`^${server.url}/invite/.+`));
    await dialog.getByRole('button', { name: 'Done' }).click();
    await chair.page.locator('[data-testid="invite-row"]', { hasText: 'Cyber Peace Institute' }).waitFor();

    // Someone new, in a browser of their own with no account.
    const context = await newPersonContext(browser, server.url);
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    await page.goto(link);
    expect(await page.locator('[data-testid="invite-draft-title"]').textContent()).toMatch(/^Framework of Norms/);
    expect(await page.locator('[data-testid="invite-role"]').textContent()).toBe('Observer');
    expect(await page.locator('[data-testid="invite-affiliation"]').textContent()).toBe('Cyber Peace Institute');
    await page.locator('input[name="name"]').fill('Noor Haddad');
    await page.locator('input[name="email"]').fill('noor@cyberpeace.example');
    await page.locator('input[name="password"]').fill('a long enough password');
    await page.getByRole('button', { name: 'Create account and accept' }).click();

    await page.waitForURL(demoUrl);
    await page.locator(READ_ONLY).waitFor();
    await page.locator(CONNECTED).waitFor();
    expect(await page.locator('[data-testid="header-name"]').textContent()).toBe('Noor Haddad');
    expect(await page.locator('[data-testid="header-role"]').getAttribute('data-role')).toBe('observer');
    expect(await page.locator('[data-testid="read-only-notice"]').innerText()).toContain(
      'You are an observer for Cyber Peace Institute: you can read the text',
    );

    // The link was for one person: it is used up, and the chair sees that person among the members.
    await chair.page.locator('[data-testid="sidebar-tab-outline"]').click();
    await openPeopleTab(chair.page);
    await chair.page
      .locator('[data-testid="member-row"][data-email="noor@cyberpeace.example"][data-role="observer"]')
      .waitFor();
    expect(await chair.page.locator('[data-testid="invite-row"]', { hasText: 'Cyber Peace Institute' }).count()).toBe(
      0,
    );
    const reopened = await context.newPage();
    await reopened.goto(link);
    await reopened.getByText('This invitation can no longer be used').waitFor();
  });

  it('lists who changed which clause in the history panel, newest first, live as a delegate types', async () => {
    const chair = await openAs(DEMO.chair);
    const delegate = await openAs(DEMO.valdoria);
    await chair.page.locator('[data-testid="sidebar-tab-history"]').click();
    await chair.page.locator('.history').waitFor();

    // PP4 is open (PP1 to PP3 are agreed, which only the chair may change).
    const clauses = await readRenderedClauses(delegate.page);
    const pp4 = clauses.find((clause) => clause.number === 'PP4')!;
    await placeCaretInClause(delegate.page, pp4.id, 'end');
    await delegate.page.keyboard.type(' as reaffirmed in 2026');

    // The chair's open panel picks the change up by itself; the newest entry is the delegate's.
    const newest = chair.page.locator('[data-testid="history-entry"]').first();
    await expect
      .poll(async () => (await chair.page.locator('[data-testid="history-author"]').allTextContents())[0], {
        timeout: WAIT_MS,
      })
      .toBe('Lena Varga');
    expect(await newest.innerText()).toContain('Republic of Valdoria');
    expect(await newest.locator('[data-testid="history-clause"]').allTextContents()).toEqual(['PP4']);

    // A clause number in the history takes the reader to the clause.
    await newest.getByRole('button', { name: 'PP4' }).click();
    await expect
      .poll(
        () =>
          chair.page.evaluate(
            () =>
              window.getSelection()?.anchorNode?.parentElement?.closest('.clause')?.getAttribute('data-clause-id') ??
              null,
          ),
        { timeout: WAIT_MS },
      )
      .toBe(pp4.id);
  });
});
