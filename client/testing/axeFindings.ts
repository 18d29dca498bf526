/**
 * axe-core as the browser tests run it: the serious and critical findings on a page, so that the
 * accessibility sweep and the tests of one page's new controls judge by the same rules.
 */
import axe from 'axe-core';
import type { Page } from 'playwright-core';

/** One failed axe rule, as the test reports it. */
export interface Finding {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core (WCAG 2.0–2.2, A and AA) on the page as it stands, or only on the elements `scope`
 * selects, and returns its serious and critical findings.
 */
export async function seriousViolations(page: Page, scope?: string): Promise<Finding[]> {
  // Evaluated through the DevTools protocol, so the page's Content-Security-Policy does not stop it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  const results = await page.evaluate(
    (selector) =>
      (window as unknown as { axe: typeof axe }).axe.run(selector ?? document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
        resultTypes: ['violations'],
      }),
    scope ?? null,
  );
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')),
    }));
}
