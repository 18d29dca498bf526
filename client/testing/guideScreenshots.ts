/**
 * The screenshots of the role guides (docs/guides/), taken by `client/Guides.browser.test.ts` from
 * the real app. A PNG's bytes change on every run (times, carets, anti-aliasing), so an ordinary
 * test run writes them under `.test-output/guides`, where nobody commits them; only
 * `npm run docs:screenshots` (ACCORD_UPDATE_GUIDE_SCREENSHOTS=1) writes the committed ones under
 * `docs/guides/images`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

/** The environment variable that sends the screenshots into the guides instead of the test output. */
export const UPDATE_GUIDE_SCREENSHOTS = 'ACCORD_UPDATE_GUIDE_SCREENSHOTS';

/** Where the guides are, and the folder of their images, as the guides link them (`images/<name>.png`). */
export const GUIDES_DIR = path.resolve('docs/guides');
export const GUIDE_IMAGES_DIR = path.join(GUIDES_DIR, 'images');

/** Where this run writes the screenshots. */
export const guideScreenshotsDir: string =
  process.env[UPDATE_GUIDE_SCREENSHOTS] === '1' ? GUIDE_IMAGES_DIR : path.resolve('.test-output/guides');

/** The window every guide screenshot is taken in: a laptop's, so the images read at their size in the docs. */
export const GUIDE_VIEWPORT = { width: 1280, height: 800 } as const;

/** The names taken in this run, for the check that the guides embed exactly these. */
export const takenGuideScreenshots = new Set<string>();

/**
 * Saves what `page` shows as `<name>.png` for the guides: the window as it is (not the whole page),
 * with the text caret hidden and animations finished, so the image shows what the step describes.
 */
export async function guideScreenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(guideScreenshotsDir, { recursive: true });
  await page.screenshot({ path: path.join(guideScreenshotsDir, `${name}.png`), caret: 'hide', animations: 'disabled' });
  takenGuideScreenshots.add(`${name}.png`);
}

/** The images (`images/<name>.png`) that the guides' Markdown files embed, by file name. */
export function imagesEmbeddedInGuides(): Set<string> {
  const embedded = new Set<string>();
  for (const file of fs.readdirSync(GUIDES_DIR).filter((name) => name.endsWith('.md'))) {
    const text = fs.readFileSync(path.join(GUIDES_DIR, file), 'utf8');
    for (const match of text.matchAll(/!\[[^\]]*\]\(images\/([^)\s]+\.png)\)/g)) embedded.add(match[1]!);
  }
  return embedded;
}
