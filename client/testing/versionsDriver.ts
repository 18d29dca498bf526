/**
 * Driving the Versions tab, the compare page and the import page in Chromium for browser tests:
 * what a person clicks, and reading back what the page shows.
 */
import type { Locator, Page } from 'playwright-core';
import { WAIT_MS } from './draftPageDriver';

/** Opens the Versions tab of the draft's side panel and waits for its list (or its empty state) to load. */
export async function openVersionsTab(page: Page): Promise<void> {
  await page.locator('[data-testid="sidebar-tab-versions"]').click();
  await page.locator('section.versions').waitFor();
  await page.waitForFunction(
    () => !document.querySelector('section.versions')?.textContent?.includes('Loading the versions'),
    undefined,
    { timeout: WAIT_MS },
  );
}

/** The row of the version labelled `label` in the Versions tab. */
export function versionRow(page: Page, label: string): Locator {
  return page
    .locator('[data-testid="version-row"]')
    .filter({ has: page.locator('[data-testid="version-label"]', { hasText: label }) });
}

/** Saves the live text as a version through the chair's form in the Versions tab; waits until it is listed. */
export async function saveVersionInPanel(page: Page, label: string, note: string): Promise<void> {
  await page.locator('[data-testid="save-version"]').click();
  const form = page.locator('[data-testid="save-version-form"]');
  await form.locator('input[name="label"]').fill(label);
  await form.locator('textarea[name="note"]').fill(note);
  await form.locator('[data-testid="save-version-submit"]').click();
  await versionRow(page, label).waitFor();
}

/** The words the redline on the page marks as inserted (or deleted) in the clause with `clauseId`. */
export async function redlineWords(page: Page, clauseId: string, op: 'insert' | 'delete'): Promise<string[]> {
  return page
    .locator(`[data-testid="redline-clause"][data-clause-id="${clauseId}"] [data-testid="redline-${op}"]`)
    .allTextContents();
}
