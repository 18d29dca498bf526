/**
 * Driving the periodic-review pages in Chromium for browser tests: opening a cycle's page as a
 * person, finding an amendment in the list, and the clicks of the chair's and delegates' steps.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { CONNECTED, WAIT_MS, newPersonContext } from './draftPageDriver';

/** One person on a review page: their own browser context and page. */
export interface ReviewPageSession {
  context: BrowserContext;
  page: Page;
}

/** Opens `url` (a review cycle's page) as the person with `token` and waits until it is loaded and live. */
export async function openCyclePage(browser: Browser, url: string, token: string): Promise<ReviewPageSession> {
  const context = await newPersonContext(browser, url, { token });
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT_MS);
  await page.goto(url);
  await waitForCyclePage(page);
  return { context, page };
}

/** Waits until a cycle's page shows its cycle and hears the live events. */
export async function waitForCyclePage(page: Page): Promise<void> {
  await page.locator('[data-testid="cycle-banner"]').waitFor();
  await page.locator(CONNECTED).waitFor();
}

/** The amendment labelled `label` ("A-1", "Draft") in the list. */
export function amendmentItem(page: Page, label: string): Locator {
  return page.locator(`[data-testid="amendment-item"][data-label="${label}"]`);
}

/** Opens the amendment labelled `label` from the list and waits for it in full. */
export async function openAmendment(page: Page, label: string): Promise<Locator> {
  await amendmentItem(page, label).locator('button').first().click();
  const detail = page.locator('[data-testid="amendment-detail"]');
  await detail.locator('[data-testid="amendment-detail-label"]', { hasText: label }).waitFor();
  return detail;
}

/** The chair moves the cycle to the next phase (and confirms); waits until the banner shows it. */
export async function moveToNextPhase(page: Page, phase: string): Promise<void> {
  await page.locator('[data-testid="move-phase"]').click();
  await page.locator('[data-testid="move-phase-confirm"]').click();
  await page.locator(`[data-testid="cycle-banner"][data-phase="${phase}"]`).waitFor();
}

/** The words the redline inside `scope` marks as inserted (or deleted), joined. */
export async function redlineText(scope: Locator, op: 'insert' | 'delete'): Promise<string> {
  return (await scope.locator(`[data-testid="redline-${op}"]`).allTextContents()).join('');
}
