/**
 * Takes the README screenshot: two delegates editing the demo draft at once, seen by the first.
 *
 *   npx vite build && PORT=8080 DATA_DIR=$(mktemp -d) npx tsx server/main.ts &
 *   npx tsx client/testing/captureScreenshot.ts [http://127.0.0.1:8080] [docs/screenshot.png]
 *
 * Use a fresh data directory so the demo draft is as seeded.
 */
import path from 'node:path';
import { z } from 'zod';
import type { Page } from 'playwright-core';
import { launchBrowser } from './launchBrowser';

const baseUrl = process.argv[2] ?? 'http://127.0.0.1:8080';
const output = path.resolve(process.argv[3] ?? 'docs/screenshot.png');
const viewport = { width: 1280, height: 800 };

const listSchema = z.object({ drafts: z.array(z.object({ id: z.string() })).min(1) });

/** Puts the caret in preambular clause `index` (0-based) right after the first `after`, as a click would. */
async function placeCaret(page: Page, index: number, after: string): Promise<void> {
  await page.locator('.section-preamble .clause').nth(index).getByText(after).waitFor();
  await page.locator('.section-preamble .clause').nth(index).locator('p').first().click();
  await page.evaluate(
    ([clauseIndex, word]) => {
      const paragraph = document.querySelectorAll('.section-preamble .clause')[clauseIndex]?.querySelector('p');
      const text = paragraph?.firstChild;
      const at = text?.textContent?.indexOf(word) ?? -1;
      if (!text || at < 0) throw new Error(`no "${word}" in PP${clauseIndex + 1}`);
      const range = document.createRange();
      range.setStart(text, at + word.length);
      range.collapse(true);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
    },
    [index, after] as const,
  );
}

async function main(): Promise<void> {
  const { drafts } = listSchema.parse(await (await fetch(`${baseUrl}/api/drafts`)).json());
  const draftUrl = `${baseUrl}/drafts/${drafts[0]!.id}`;
  const browser = await launchBrowser();
  try {
    const open = async (name: string) => {
      const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
      const page = await context.newPage();
      await page.goto(draftUrl);
      await page.locator('input[name="displayName"]').fill(name);
      await page.keyboard.press('Enter');
      await page.locator('[data-testid="connection-status"][data-state="connected"]').waitFor();
      await page.locator('[data-testid="editor"] [contenteditable="true"]').waitFor();
      return page;
    };
    const ana = await open('Ana Silva (Brazil)');
    const lars = await open('Lars Berg (Norway)');

    // Lars adds a qualifier to PP2 while Ana extends PP3.
    await placeCaret(lars, 1, 'applies');
    await lars.keyboard.type(' in its entirety');
    await placeCaret(ana, 2, 'suffered');
    await ana.keyboard.type(', including in times of crisis');

    await ana.locator('.collaboration-carets__label', { hasText: 'Lars Berg' }).waitFor();
    await ana.locator('.section-preamble').getByText('in its entirety').waitFor();
    await ana.mouse.move(viewport.width - 10, viewport.height - 10);
    await ana.screenshot({ path: output });
    console.warn(`Saved ${output}`);
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
