import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { z } from 'zod';
// Browser tests drive the real server, started in-process; the app code never imports server/.
import { DEMO, callApi } from '../../server/testing/session';
import { startTestServer } from '../../server/testing/startTestServer';
import {
  CONNECTED,
  EDITABLE,
  READ_ONLY,
  WAIT_MS,
  fetchOutline,
  newPersonContext,
  signInToken,
} from './draftPageDriver';
import { launchBrowser } from './launchBrowser';

/** The demo accounts' password (the server seeds them in its demo mode). */
const DEMO_PASSWORD = 'accord-demo';
/** Where browser tests put their screenshots (ignored by git). */
export const SCREENSHOTS = path.resolve('.test-output/screenshots');

const draftList = z.object({ drafts: z.array(z.object({ id: z.string(), title: z.string() })) });

/** A clause of the demo draft as the test driver reads the outline API. */
type DemoClause = Awaited<ReturnType<typeof fetchOutline>>['clauses'][number];

/** How {@link DemoRoom.openAs} opens the draft: the window's size, and whether the text is read-only for this person. */
export interface OpenOptions {
  viewport?: { width: number; height: number };
  readOnly?: boolean;
  /** Another draft than the demo. */
  draftId?: string;
}

/** A test server with its seeded demo draft, a browser, and people opening the draft in it. */
export interface DemoRoom {
  server: Awaited<ReturnType<typeof startTestServer>>;
  chairToken: string;
  demoId: string;
  /** The demo's clause numbered `number` (as the API numbers it when the file starts). */
  clause: (number: string) => DemoClause;
  /**
   * Opens the demo draft as a demo account, in a fresh browser context, and waits until the text is
   * live: editable, or with `readOnly` (an observer) shown read-only.
   */
  openAs: (email: string, options?: OpenOptions) => Promise<Page>;
  /** A page in a fresh browser context signed in as nobody (to sign in through the form, or read what is public). */
  newPage: (options?: Pick<OpenOptions, 'viewport'>) => Promise<Page>;
  /** Saves a screenshot of `page` as `name`.png under SCREENSHOTS. */
  screenshot: (page: Page, name: string) => Promise<void>;
}

/**
 * The setup the negotiation browser tests share: one server and browser for the file, the demo
 * draft and its clauses read once, and a context per person that is closed after each test.
 * Read the room inside tests only.
 */
export function demoRoom(): DemoRoom {
  let browser: Browser;
  let clauses: DemoClause[] = [];
  const contexts: BrowserContext[] = [];
  const room = {
    clause: (number: string) => {
      const found = clauses.find((clause) => clause.number === number);
      if (!found) throw new Error(`the demo draft has no ${number}`);
      return found;
    },
    openAs: async (email: string, options: OpenOptions = {}) => {
      const context = await newPersonContext(browser, room.server.url, {
        token: await signInToken(room.server.url, email, DEMO_PASSWORD),
        ...(options.viewport ? { viewport: options.viewport } : {}),
      });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(WAIT_MS);
      await page.goto(`${room.server.url}/drafts/${options.draftId ?? room.demoId}`);
      await page.locator(options.readOnly ? READ_ONLY : EDITABLE).waitFor();
      await page.locator(CONNECTED).waitFor();
      return page;
    },
    newPage: async (options: Pick<OpenOptions, 'viewport'> = {}) => {
      const context = await newPersonContext(browser, room.server.url, options);
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(WAIT_MS);
      return page;
    },
    screenshot: async (page: Page, name: string) => {
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
    },
  } as Omit<DemoRoom, 'server' | 'chairToken' | 'demoId'> as DemoRoom;
  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    room.server = await startTestServer();
    browser = await launchBrowser();
    room.chairToken = await signInToken(room.server.url, DEMO.chair, DEMO_PASSWORD);
    const { drafts } = draftList.parse((await callApi(room.server.url, room.chairToken, '/api/drafts')).body);
    const demo = drafts.find((draft) => draft.title.startsWith('Framework of Norms'));
    if (!demo) throw new Error('the test server seeded no demo draft');
    room.demoId = demo.id;
    clauses = (await fetchOutline(room.server.url, room.demoId, room.chairToken)).clauses;
  });
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close().catch(() => {});
  });
  afterAll(async () => {
    await browser?.close();
    await room.server?.close();
  });
  return room;
}
