import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../server/exports/renderHtml';
import { snapshotFromSpec } from '../server/exports/testing/snapshotFromSpec';
import { STRUCTURED_DRAFT, STRUCTURED_DRAFT_FOOTNOTES } from '../server/exports/testing/structuredDraft';
import { exportText } from '../server/exports/textModel';
import { launchBrowser, shouldSkipBrowserTests } from './testing/launchBrowser';

const html = renderHtml(exportText(snapshotFromSpec(STRUCTURED_DRAFT)), { pillars: false });

describe.skipIf(shouldSkipBrowserTests('HTML export layout'))(
  'an HTML export of a structured text in a browser',
  () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('indents each level of points further, under its own policy, and a footnote number leads to its note', async () => {
      const page = await browser.newPage();
      const violations: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
      });
      await page.setContent(html, { waitUntil: 'load' });
      const points = await page.$$eval('.point', (elements) =>
        elements.map((element) => ({
          label: element.querySelector('.label')?.textContent,
          left: Math.round(element.querySelector('p')!.getBoundingClientRect().left),
        })),
      );
      const leftOf = (label: string) => points.find((point) => point.label === label)!.left;
      expect(leftOf('(i)')).toBeGreaterThan(leftOf('(b)'));
      expect(leftOf('(A)')).toBeGreaterThan(leftOf('(ii)'));
      expect(leftOf('(iii)')).toBe(leftOf('(i)'));
      expect(leftOf('(c)')).toBe(leftOf('(a)'));
      const sup = page.locator('sup.fnref a', { hasText: '2' });
      expect(await sup.evaluate((element) => getComputedStyle(element.parentElement!).verticalAlign)).toBe('super');
      await sup.click();
      expect(await page.evaluate(() => location.hash)).toBe('#fn-2');
      expect(await page.locator('#fn-2').textContent()).toContain(STRUCTURED_DRAFT_FOOTNOTES[1]);
      expect(violations).toEqual([]);
      await page.close();
    });
  },
);
