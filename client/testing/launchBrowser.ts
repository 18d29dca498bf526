import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Where the Chromium binary is: `CHROMIUM_PATH`, or Debian's `chromium` package. */
export const chromiumPath: string = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for a quiet, reproducible headless Chromium that phones nowhere. */
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/**
 * Whether browser tests should be skipped here: only when Chromium is missing on a developer's
 * machine, never in CI (CI=true), where a missing browser must fail the run, not hide it. Warns
 * loudly when it decides to skip.
 */
export function shouldSkipBrowserTests(suite: string): boolean {
  if (fs.existsSync(chromiumPath) || process.env.CI === 'true') return false;
  console.warn(
    [
      '',
      '!'.repeat(78),
      `!! SKIPPING browser tests "${suite}": no Chromium at ${chromiumPath}.`,
      '!! Install it with `apt-get install chromium`, or point CHROMIUM_PATH at a Chromium binary.',
      '!! In CI (CI=true) these tests never skip: a missing browser fails the run.',
      '!'.repeat(78),
      '',
    ].join('\n'),
  );
  return true;
}

/**
 * Launches headless Chromium through playwright-core with a fresh temporary profile. Open one
 * `browser.newContext()` per simulated person: contexts share nothing (storage, IndexedDB,
 * cookies), so two contexts are two different people.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(
      `No Chromium at ${chromiumPath}. Install it with \`apt-get install chromium\` or set CHROMIUM_PATH.`,
    );
  }
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}
