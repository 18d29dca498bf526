/**
 * Driving the draft page in Chromium for browser tests and the README screenshot: signing in as
 * a demo account, opening a draft as a person would, and reading back what the page shows
 * (clause numbers, ids, pillar chips, the overview) in the same shape as the outline API.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { z } from 'zod';
import { CLAUSE_KINDS, CLAUSE_STATUSES } from '../../shared/clauses';

/** Bound for every wait on the page: generous for a loaded CI machine, never a fixed sleep. */
export const WAIT_MS = 15_000;

/** Selector of the editable text once the draft is open and synced. */
export const EDITABLE = '[data-testid="editor"] .ProseMirror[contenteditable="true"]';

/** Selector of the text shown read-only (an observer's, or after the session stopped). */
export const READ_ONLY = '[data-testid="editor"] .ProseMirror[contenteditable="false"]';

/** Selector of the connection indicator when live. */
export const CONNECTED = '[data-testid="connection-status"][data-state="connected"]';

/** One person at the draft: their own browser context (own cookies, storage and IndexedDB) and page. */
export interface DraftPageSession {
  context: BrowserContext;
  page: Page;
}

const loginAnswer = z.object({ token: z.string() });

/** Signs in through the API and returns the session token (as the browser's cookie would hold it). */
export async function signInToken(baseUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`sign-in of ${email} failed with ${response.status}: ${await response.text()}`);
  return loginAnswer.parse(await response.json()).token;
}

/** Opens a new browser context (a new person: own cookies, storage and IndexedDB) signed in with `token`, if given. */
export async function newPersonContext(
  browser: Browser,
  baseUrl: string,
  options: { token?: string; viewport?: { width: number; height: number }; deviceScaleFactor?: number } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1400, height: 900 },
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
  });
  if (options.token)
    await context.addCookies([{ name: 'accord_session', value: options.token, url: new URL(baseUrl).origin }]);
  return context;
}

/**
 * Opens `draftUrl` in a new browser context signed in with `token` (the session cookie) and waits
 * until the text is live: editable, or with `readOnly` (an observer) shown read-only.
 */
export async function openDraftPage(
  browser: Browser,
  draftUrl: string,
  options: {
    token: string;
    readOnly?: boolean;
    viewport?: { width: number; height: number };
    deviceScaleFactor?: number;
  },
): Promise<DraftPageSession> {
  const context = await newPersonContext(browser, draftUrl, options);
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT_MS);
  await page.goto(draftUrl);
  await page.locator(options.readOnly ? READ_ONLY : EDITABLE).waitFor();
  await page.locator(CONNECTED).waitFor();
  return { context, page };
}

/** A clause as the page shows it: the same fields the outline API gives, read from the DOM. */
export interface RenderedClause {
  id: string;
  number: string;
  pillars: string[];
  status: string;
}

/** Every clause on the page in order: its id, the number in its gutter, its pillar chips and status. */
export async function readRenderedClauses(page: Page): Promise<RenderedClause[]> {
  return page.locator('[data-testid="editor"] .clause').evaluateAll((clauses) =>
    clauses.map((clause) => {
      const gutter = clause.querySelector(':scope > [data-testid="clause-gutter"]');
      return {
        id: clause.getAttribute('data-clause-id') ?? '',
        number: gutter?.querySelector('[data-testid="clause-number"]')?.textContent ?? '',
        pillars: [...(gutter?.querySelectorAll('[data-testid="pillar-chip"]') ?? [])].map(
          (chip) => chip.getAttribute('data-pillar') ?? '',
        ),
        status: gutter?.getAttribute('data-status') ?? '',
      };
    }),
  );
}

/** The outline API's answer, validated: only the fields the tests compare. */
export const outlineAnswer = z.object({
  title: z.string(),
  formula: z.string().optional(),
  clauses: z.array(
    z.object({
      id: z.string(),
      number: z.string(),
      kind: z.enum(CLAUSE_KINDS),
      pillars: z.array(z.string()),
      status: z.enum(CLAUSE_STATUSES),
      text: z.string(),
      subparagraphs: z.number(),
      points: z
        .array(
          z.object({ id: z.string(), level: z.number(), label: z.string(), reference: z.string(), text: z.string() }),
        )
        .optional(),
      divisionId: z.string().optional(),
      problems: z.array(z.string()).optional(),
    }),
  ),
  divisions: z.array(z.object({ id: z.string(), level: z.string(), number: z.string(), title: z.string() })).optional(),
  footnotes: z.array(z.object({ number: z.number(), note: z.string(), reference: z.string() })).optional(),
  problems: z.array(z.object({ code: z.string(), message: z.string() })),
});

/** The structure the page shows: points, headings and footnotes, as the outline API describes them. */
export interface RenderedStructure {
  /** Every point in document order: its clause's id, its label and level. */
  points: { clauseId: string; label: string; level: number; text: string }[];
  /** Every division heading: its number and title. */
  divisions: { number: string; title: string }[];
  /** Every footnote marker's number, in document order. */
  markers: number[];
  /** The notes listed under the text: number, note and reference. */
  notes: { number: number; note: string; reference: string }[];
}

/** Reads the structure of the text from the page: point labels, heading numbers, footnote markers and notes. */
export async function readRenderedStructure(page: Page): Promise<RenderedStructure> {
  return page.evaluate(() => {
    const editor = document.querySelector('[data-testid="editor"] .ProseMirror');
    if (!editor) throw new Error('no editor on the page');
    const ownText = (element: Element | null) => {
      if (!element) return '';
      const copy = element.cloneNode(true) as HTMLElement;
      for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove();
      return copy.textContent ?? '';
    };
    return {
      points: [...editor.querySelectorAll('.subparagraph')].map((point) => ({
        clauseId: point.closest('.clause')?.getAttribute('data-clause-id') ?? '',
        label: point.getAttribute('data-label') ?? '',
        level: Number(point.getAttribute('data-level')),
        text: ownText(point.querySelector(':scope > p')),
      })),
      divisions: [...editor.querySelectorAll('h2.division')].map((division) => ({
        number: division.getAttribute('data-number') ?? '',
        title: ownText(division),
      })),
      markers: [...editor.querySelectorAll('sup.footnote')].map((marker) => Number(marker.getAttribute('data-number'))),
      notes: [...document.querySelectorAll('[data-testid="footnote-note"]')].map((item) => ({
        number: Number(item.getAttribute('data-number')),
        note: item.querySelector('.footnotes__text')?.textContent ?? '',
        reference: item.getAttribute('data-reference') ?? '',
      })),
    };
  });
}

/** The outline as `GET /api/drafts/:id/outline` gives it, read with a bearer token. */
export async function fetchOutline(
  baseUrl: string,
  draftId: string,
  token: string,
): Promise<z.infer<typeof outlineAnswer>> {
  const response = await fetch(`${baseUrl}/api/drafts/${draftId}/outline`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!response.ok) throw new Error(`outline of ${draftId}: ${response.status} ${await response.text()}`);
  return outlineAnswer.parse(await response.json());
}

/**
 * Puts the caret in the first paragraph of the clause with `clauseId`: at its start, its end, or
 * after the first `after`.
 */
export async function placeCaretInClause(
  page: Page,
  clauseId: string,
  where: 'start' | 'end' | { after: string },
): Promise<void> {
  await placeCaretInParagraph(page, `.clause[data-clause-id="${clauseId}"] > p`, where);
}

/**
 * Puts the caret in the first paragraph of the editor matching `selector`. The position is found
 * in the page's DOM and set through the editor, as a click there would, but without a mouse
 * whose later events could move it again; then waits until the editor has the focus.
 */
export async function placeCaretInParagraph(
  page: Page,
  selector: string,
  where: 'start' | 'end' | { after: string },
): Promise<void> {
  await page.evaluate(
    ([paragraphSelector, place]) => {
      interface EditorHandle {
        view: { posAtDOM(node: Node, offset: number): number };
        commands: { setTextSelection(position: number): boolean };
      }
      const root = document.querySelector('[data-testid="editor"] .ProseMirror') as
        (HTMLElement & { editor?: EditorHandle }) | null;
      const editor = root?.editor;
      const target = root?.querySelector(paragraphSelector);
      if (!editor || !target) throw new Error(`no ${paragraphSelector} in the editor`);
      let position: number;
      if (place === 'start' || place === 'end') {
        position = editor.view.posAtDOM(target, place === 'start' ? 0 : target.childNodes.length);
      } else {
        const walker = document.createTreeWalker(target, NodeFilter.SHOW_TEXT);
        let found: number | null = null;
        for (let node = walker.nextNode(); node && found === null; node = walker.nextNode()) {
          const at = node.textContent?.indexOf(place.after) ?? -1;
          if (at >= 0) found = editor.view.posAtDOM(node, at + place.after.length);
        }
        if (found === null) throw new Error(`no “${place.after}” in ${paragraphSelector}`);
        position = found;
      }
      root.focus();
      editor.commands.setTextSelection(position);
    },
    [selector, where] as const,
  );
  await waitForEditorFocus(page);
}

/** Waits until the editor has the keyboard focus, so the next key press reaches it. */
async function waitForEditorFocus(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.activeElement?.matches('[data-testid="editor"] .ProseMirror') === true,
    undefined,
    { timeout: WAIT_MS },
  );
}

/**
 * Selects the text from the start of the first paragraph of clause `firstId` to the end of the
 * first paragraph of clause `lastId` (the same clause by default), as a drag across it would.
 */
export async function selectClauseText(page: Page, firstId: string, lastId: string = firstId): Promise<void> {
  await page.evaluate(
    ([first, last]) => {
      interface EditorHandle {
        view: { posAtDOM(node: Node, offset: number): number };
        commands: { setTextSelection(range: { from: number; to: number }): boolean };
      }
      const root = document.querySelector('[data-testid="editor"] .ProseMirror') as
        (HTMLElement & { editor?: EditorHandle }) | null;
      const start = root?.querySelector(`.clause[data-clause-id="${first}"] > p`);
      const end = root?.querySelector(`.clause[data-clause-id="${last}"] > p`);
      if (!root?.editor || !start || !end) throw new Error(`no clauses ${first} … ${last} in the editor`);
      const from = root.editor.view.posAtDOM(start, 0);
      const to = root.editor.view.posAtDOM(end, end.childNodes.length);
      root.focus();
      root.editor.commands.setTextSelection({ from, to });
    },
    [firstId, lastId] as const,
  );
  await waitForEditorFocus(page);
}

/** The text of a clause's first paragraph as a person reads it (other people's caret labels left out). */
export async function clauseParagraphText(page: Page, clauseId: string): Promise<string> {
  return readText(page.locator(`[data-testid="editor"] .clause[data-clause-id="${clauseId}"] > p`).first());
}

/** The whole text in the editor as a person reads it (other people's caret labels left out). */
export async function editorText(page: Page): Promise<string> {
  return readText(page.locator('[data-testid="editor"] .ProseMirror'));
}

function readText(element: Locator): Promise<string> {
  return element.evaluate((root) => {
    const copy = root.cloneNode(true) as HTMLElement;
    for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove();
    return copy.textContent ?? '';
  });
}

/** The id of the clause that holds the browser's caret, or null. */
export async function caretClauseId(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const node = window.getSelection()?.anchorNode ?? null;
    const element = node instanceof Element ? node : (node?.parentElement ?? null);
    return element?.closest('.clause')?.getAttribute('data-clause-id') ?? null;
  });
}

/** Selects the first occurrence of `words` in a clause's first paragraph, as a drag over them would. */
export async function selectWords(page: Page, clauseId: string, words: string): Promise<void> {
  await page.evaluate(
    ([id, wanted]) => {
      interface EditorHandle {
        view: { posAtDOM(node: Node, offset: number): number };
        commands: { setTextSelection(range: { from: number; to: number }): boolean };
      }
      const root = document.querySelector('[data-testid="editor"] .ProseMirror') as
        (HTMLElement & { editor?: EditorHandle }) | null;
      const paragraph = root?.querySelector(`.clause[data-clause-id="${id}"] > p`);
      if (!root?.editor || !paragraph) throw new Error(`no clause ${id} in the editor`);
      const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent?.indexOf(wanted) ?? -1;
        if (at < 0) continue;
        const from = root.editor.view.posAtDOM(node, at);
        root.focus();
        root.editor.commands.setTextSelection({ from, to: from + wanted.length });
        return;
      }
      throw new Error(`no “${wanted}” in clause ${id}`);
    },
    [clauseId, words] as const,
  );
  await waitForEditorFocus(page);
}
