import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { z } from 'zod';
import * as decoding from 'lib0/decoding';
import { ACCORD_EVENT_MESSAGE, DOCUMENT_FIELD } from '../shared/collab';
// Browser tests drive the real server, started in-process; the app code never imports server/.
import { connectClient } from '../server/testing/collabClient';
import { startTestServer } from '../server/testing/startTestServer';
import { DEMO } from '../server/testing/session';
import { waitFor } from '../server/testing/waitFor';
import { signInToken } from './testing/draftPageDriver';
import { launchBrowser, shouldSkipBrowserTests } from './testing/launchBrowser';

/** The demo accounts' password (the server seeds them in its demo mode). */
const DEMO_PASSWORD = 'accord-demo';

/**
 * The demo account each simulated delegate signs in as (all are members of the demo draft; only
 * the chair of a new draft), and the name the server stamps on their caret.
 */
const ACCOUNTS: Record<string, { email: string; shownAs: string }> = {
  'Delegate A': { email: DEMO.chair, shownAs: 'Amina Diallo' },
  'Delegate B': { email: DEMO.valdoria, shownAs: 'Lena Varga' },
  'Delegate C': { email: DEMO.norland, shownAs: 'Erik Holm' },
  'Delegate D': { email: DEMO.chair, shownAs: 'Amina Diallo' },
};

/** The chair's session token, for calls to the API and the collab socket from the test itself. */
let sessionToken = '';

/** Bound for every wait on the page: generous for a loaded CI machine, never a fixed sleep. */
const WAIT_MS = 15_000;

const draftListSchema = z.object({ drafts: z.array(z.object({ id: z.string(), title: z.string() })) });

const editorText = '[data-testid="editor"] .ProseMirror';
const editable = '[data-testid="editor"] .ProseMirror[contenteditable="true"]';
const connected = '[data-testid="connection-status"][data-state="connected"]';

/** One delegate: their own browser context (own storage and IndexedDB) and page. */
interface Delegate {
  name: string;
  context: BrowserContext;
  page: Page;
}

/** Opens the draft as a new person, signed in as their demo account. */
async function joinDraft(
  browser: Browser,
  draftUrl: string,
  name: string,
  prepare?: (context: BrowserContext) => Promise<void>,
): Promise<Delegate> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const account = ACCOUNTS[name];
  if (!account) throw new Error(`no demo account for ${name}`);
  const baseUrl = new URL(draftUrl).origin;
  await context.addCookies([
    { name: 'accord_session', value: await signInToken(baseUrl, account.email, DEMO_PASSWORD), url: baseUrl },
  ]);
  await prepare?.(context);
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT_MS);
  await page.goto(draftUrl);
  await page.locator(editable).waitFor();
  return { name, context, page };
}

/** Puts the caret at the end of the first paragraph of the given clause and types. */
async function typeAtEndOfClause(
  page: Page,
  section: 'preamble' | 'operative',
  index: number,
  text: string,
): Promise<void> {
  const paragraph = page.locator(`.section-${section} .clause`).nth(index).locator('p').first();
  await paragraph.click();
  await page.evaluate(
    ([sectionName, clauseIndex]) => {
      const target = document.querySelectorAll(`.section-${sectionName} .clause`)[clauseIndex]?.querySelector('p');
      if (!target) throw new Error(`no clause ${clauseIndex} in ${sectionName}`);
      const range = document.createRange();
      range.selectNodeContents(target);
      range.collapse(false);
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
    },
    [section, index] as const,
  );
  await page.keyboard.type(text);
}

/** The text of one clause as a person sees it (caret labels excluded). */
async function clauseText(page: Page, section: 'preamble' | 'operative', index: number): Promise<string> {
  return page
    .locator(`.section-${section} .clause`)
    .nth(index)
    .locator('p')
    .first()
    .evaluate((paragraph) => {
      const copy = paragraph.cloneNode(true) as HTMLElement;
      for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove();
      return copy.textContent ?? '';
    });
}

/**
 * Whether the editor's own state (what the Yjs binding has already written, and so what
 * y-indexeddb is storing) holds `text`. The DOM can show typed characters a moment before.
 */
async function editorStateContains(page: Page, text: string): Promise<boolean> {
  return page.evaluate((wanted) => {
    const dom = document.querySelector('[data-testid="editor"] .ProseMirror') as
      (HTMLElement & { editor?: { state: { doc: { textContent: string } } } }) | null;
    return dom?.editor?.state.doc.textContent.includes(wanted) ?? false;
  }, text);
}

/** How many updates this device's IndexedDB copy of the draft holds (y-indexeddb's 'updates' store). */
async function storedUpdateCount(page: Page, draftId: string): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const count = db.transaction('updates', 'readonly').objectStore('updates').count();
          count.onsuccess = () => {
            resolve(count.result);
            db.close();
          };
          count.onerror = () => reject(count.error);
        };
      }),
    `accord-draft-${draftId}`,
  );
}

async function waitForClauseToContain(
  page: Page,
  section: 'preamble' | 'operative',
  index: number,
  text: string,
): Promise<void> {
  await expect.poll(() => clauseText(page, section, index), { timeout: WAIT_MS }).toContain(text);
}

describe.skipIf(shouldSkipBrowserTests('DraftPage'))('draft page in the browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let draftUrl: string;
  const delegates: Delegate[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    sessionToken = await signInToken(server.url, DEMO.chair, DEMO_PASSWORD);
    const response = await fetch(`${server.url}/api/drafts`, { headers: { authorization: `Bearer ${sessionToken}` } });
    const { drafts } = draftListSchema.parse(await response.json());
    const demo = drafts[0];
    if (!demo) throw new Error('the test server seeded no demo draft');
    draftUrl = `${server.url}/drafts/${demo.id}`;
  });

  afterAll(async () => {
    for (const delegate of delegates) await delegate.context.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  it('shows "Connected" once the draft is open and synced', async () => {
    const a = await joinDraft(browser, draftUrl, 'Delegate A');
    delegates.push(a);
    const status = a.page.locator('[data-testid="connection-status"]');
    await status.and(a.page.locator(connected)).waitFor();
    expect(await status.textContent()).toBe('Connected');
    // No pending-changes counter while connected.
    expect(await a.page.locator('[data-testid="unsynced-count"]').count()).toBe(0);
    // The seeded text arrived: title and both sections with clauses.
    await expect
      .poll(() => a.page.locator('.draft-title').textContent(), { timeout: WAIT_MS })
      .toMatch(/Framework of Norms/);
    expect(await a.page.locator('.section-preamble .clause').count()).toBeGreaterThan(0);
    expect(await a.page.locator('.section-operative .clause').count()).toBeGreaterThan(0);
  });

  it('lets two delegates type at once and see each other’s text and carets', async () => {
    const a = delegates[0] ?? (await joinDraft(browser, draftUrl, 'Delegate A'));
    if (delegates.length === 0) delegates.push(a);
    const b = await joinDraft(browser, draftUrl, 'Delegate B');
    delegates.push(b);
    await a.page.locator(connected).waitFor();
    await b.page.locator(connected).waitFor();

    // PP4 and OP2 are open: the demo's agreed clauses are the chair's to change (B is a delegate).
    const fromA = ' [amendment typed by A]';
    const fromB = ' [amendment typed by B]';
    await typeAtEndOfClause(a.page, 'preamble', 3, fromA);
    await typeAtEndOfClause(b.page, 'operative', 1, fromB);

    // Each sees their own and the other's words, in the clause where they were typed.
    await waitForClauseToContain(b.page, 'preamble', 3, fromA.trim());
    await waitForClauseToContain(a.page, 'operative', 1, fromB.trim());
    await waitForClauseToContain(a.page, 'preamble', 3, fromA.trim());
    await waitForClauseToContain(b.page, 'operative', 1, fromB.trim());
    expect(await clauseText(a.page, 'operative', 1)).not.toContain(fromA.trim());
    expect(await clauseText(b.page, 'preamble', 3)).not.toContain(fromB.trim());

    // Each sees the other's caret, labelled with the other's name (as the server knows them), and never their own.
    const [nameA, nameB] = [ACCOUNTS['Delegate A']!.shownAs, ACCOUNTS['Delegate B']!.shownAs];
    await a.page.locator('.collaboration-carets__label', { hasText: nameB }).waitFor();
    await b.page.locator('.collaboration-carets__label', { hasText: nameA }).waitFor();
    expect(await a.page.locator('.collaboration-carets__label', { hasText: nameA }).count()).toBe(0);
    expect(await b.page.locator('.collaboration-carets__label', { hasText: nameB }).count()).toBe(0);

    // Both stayed connected throughout, and the whole text is identical on both screens.
    expect(await a.page.locator(connected).count()).toBe(1);
    expect(await b.page.locator(connected).count()).toBe(1);
    const textWithoutCarets = (page: Page) =>
      page.locator(editorText).evaluate((root) => {
        const copy = root.cloneNode(true) as HTMLElement;
        // Carets, and the notes under clauses locked for B's role (A is the chair), are not text.
        for (const chrome of copy.querySelectorAll('.collaboration-carets__caret, [data-testid="clause-lock"]'))
          chrome.remove();
        return copy.textContent ?? '';
      });
    await expect
      .poll(async () => (await textWithoutCarets(a.page)) === (await textWithoutCarets(b.page)), { timeout: WAIT_MS })
      .toBe(true);
  });

  it('shows the others’ carets again as soon as a page reconnects, not at their next renewal', async () => {
    const a = delegates[0] ?? (await joinDraft(browser, draftUrl, 'Delegate A'));
    if (delegates.length === 0) delegates.push(a);
    const b = delegates[1] ?? (await joinDraft(browser, draftUrl, 'Delegate B'));
    if (delegates.length === 1) delegates.push(b);
    const caretOfA = b.page.locator('.collaboration-carets__label', { hasText: ACCOUNTS['Delegate A']!.shownAs });
    // A moves their caret: their presence is renewed now, and next only 15 s from now.
    await typeAtEndOfClause(a.page, 'preamble', 3, ' ');
    await caretOfA.waitFor();

    await b.context.setOffline(true);
    await b.page.locator('[data-testid="connection-status"][data-state="offline"]').waitFor();
    await caretOfA.waitFor({ state: 'detached' });
    await b.context.setOffline(false);
    await b.page.locator(connected).waitFor();
    // The server sends B everyone's presence as it reconnects; B takes it in at once.
    await caretOfA.waitFor({ timeout: 5000 });
  });

  it('keeps edits made offline across a reload, counts them, and merges them on reconnect', async () => {
    const a = delegates[0] ?? (await joinDraft(browser, draftUrl, 'Delegate A'));
    if (delegates.length === 0) delegates.push(a);
    // C's collab socket goes through a switch, so the server can be made unreachable while the
    // page itself still loads. Routing has to be in place before the page opens its socket.
    let collabReachable = true;
    const c = await joinDraft(browser, draftUrl, 'Delegate C', (context) =>
      context.routeWebSocket(/\/collab\//, (socket) => {
        if (collabReachable) socket.connectToServer();
        else void socket.close({ code: 1001, reason: 'test: collab server unreachable' });
      }),
    );
    delegates.push(c);
    await c.page.locator(connected).waitFor();
    const status = c.page.locator('[data-testid="connection-status"]');
    const unsynced = c.page.locator('[data-testid="unsynced-count"]');

    // The network goes away: the header says so, and typing is counted as unsynced.
    await c.context.setOffline(true);
    await c.page.locator('[data-testid="connection-status"][data-state="offline"]').waitFor();
    expect(await status.textContent()).toBe('Offline');
    expect(await unsynced.textContent()).toBe('0 unsynced changes');
    const draftId = draftUrl.split('/').pop() ?? '';
    const storedBefore = await storedUpdateCount(c.page, draftId);
    const offlineWords = ' [written on the train]';
    await typeAtEndOfClause(c.page, 'operative', 1, offlineWords);
    await expect.poll(() => editorStateContains(c.page, offlineWords), { timeout: WAIT_MS }).toBe(true);
    await expect.poll(() => unsynced.getAttribute('data-count'), { timeout: WAIT_MS }).not.toBe('0');
    const pending = Number(await unsynced.getAttribute('data-count'));
    expect(pending).toBeGreaterThan(0);
    expect(await unsynced.textContent()).toBe(`${pending} unsynced ${pending === 1 ? 'change' : 'changes'}`);
    // Every offline change is in this device's copy (IndexedDB writes are asynchronous) before the page goes away.
    await expect
      .poll(() => storedUpdateCount(c.page, draftId), { timeout: WAIT_MS })
      .toBeGreaterThanOrEqual(storedBefore + pending);

    // Back online, but the collab server is unreachable (every socket refused) and the page is
    // reloaded: the text comes back from this device's copy and the count from localStorage.
    collabReachable = false;
    await c.context.setOffline(false);
    await c.page.locator('[data-testid="connection-status"][data-state="reconnecting"]').waitFor();
    await c.page.reload();
    await c.page.locator(editable).waitFor();
    await waitForClauseToContain(c.page, 'operative', 1, offlineWords.trim());
    expect(await status.getAttribute('data-state')).toBe('connecting');
    expect(Number(await unsynced.getAttribute('data-count'))).toBe(pending);
    // Nobody else has the words yet.
    expect(await clauseText(a.page, 'operative', 1)).not.toContain(offlineWords.trim());

    // The server is reachable again: the provider reconnects by itself, the edits merge, the count clears.
    collabReachable = true;
    await c.page.locator(connected).waitFor();
    expect(await unsynced.count()).toBe(0);
    await waitForClauseToContain(a.page, 'operative', 1, offlineWords.trim());
    expect(
      await c.page.evaluate((key) => window.localStorage.getItem(key), `accord.unsynced.${draftUrl.split('/').pop()}`),
    ).toBeNull();
  });

  it('never shows content a draft cannot hold: the server refuses it and the page keeps editing', async () => {
    // A draft of its own, so the other tests' text stays valid.
    const response = await fetch(`${server.url}/api/drafts`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', authorization: `Bearer ${sessionToken}` },
      body: JSON.stringify({ title: 'Content check' }),
    });
    const { draft } = z.object({ draft: z.object({ id: z.string() }) }).parse(await response.json());
    const d = await joinDraft(browser, `${server.url}/drafts/${draft.id}`, 'Delegate D');
    delegates.push(d);
    await d.page.locator(connected).waitFor();
    await typeAtEndOfClause(d.page, 'preamble', 0, 'Noting the work done so far,');

    // Another client adds an element the schema does not have to the first clause.
    const other = connectClient(server.collabUrl, draft.id, { token: sessionToken });
    try {
      await other.synced();
      const refused: string[] = [];
      other.provider.messageHandlers[ACCORD_EVENT_MESSAGE] = (_encoder, decoder) =>
        void refused.push(decoding.readVarString(decoder));
      const clauseOf = (doc: Y.Doc) =>
        (doc.getXmlFragment(DOCUMENT_FIELD).get(1) as Y.XmlElement).get(0) as Y.XmlElement;
      const marker = new Y.XmlElement('pillarTag');
      marker.setAttribute('pillar', 'attribution');
      clauseOf(other.doc).insert(clauseOf(other.doc).length, [marker]);
      await waitFor(() => expect(refused.join()).toMatch(/the element \\"pillarTag\\" is not part of a draft/));

      // The page never saw it and goes on editing.
      await typeAtEndOfClause(d.page, 'preamble', 0, ' and welcoming more,');
      const text = d.page.locator('[data-testid="editor"] .ProseMirror');
      expect(await text.getAttribute('contenteditable')).toBe('true');
      expect(await d.page.locator('[data-testid="connection-status"]').getAttribute('data-state')).toBe('connected');
      const late = connectClient(server.collabUrl, draft.id, { token: sessionToken });
      try {
        await late.synced();
        await waitFor(() => expect(clauseOf(late.doc).toString()).toContain('and welcoming more,'));
        const names = clauseOf(late.doc)
          .toArray()
          .map((child) => (child instanceof Y.XmlElement ? child.nodeName : 'text'));
        expect(names).toEqual(['paragraph']);
      } finally {
        late.destroy();
      }
    } finally {
      other.destroy();
    }
  });
});
