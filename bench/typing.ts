/**
 * Typing in a long draft (`npm run bench -- --only typing`): how much of the browser's main thread
 * each keystroke takes in a draft of 50 and of 400 operative clauses, and how long after the key
 * the next frame is painted. A delegate types into the third clause of a draft imported through
 * the API, in Chromium (playwright-core, as the browser tests), against Accord built as
 * `npm run build` builds it and run as `npm start` runs it.
 *
 * Per keystroke: the page's script time and whole task time (Chromium's `Performance.getMetrics`,
 * ScriptDuration and TaskDuration, before and after the typing, divided by the keystrokes), and
 * the time from the key's `keydown` to the first task after the next animation frame (the frame
 * that shows the letter), as the median and the 95th percentile. The keys are typed one every 30
 * ms, about a fast typist. Results are also written as JSON under `.bench-out/`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import path from 'node:path';
import { build as buildClient } from 'vite';
import { launchBrowser } from '../client/testing/launchBrowser';
import { openDraftPage } from '../client/testing/draftPageDriver';
import { longDraft } from '../client/testing/longDraft';
import { summariseLatencies } from './fanout/percentiles';
import { compileServer, workingTree } from './servers/accordCheckout';
import { demoChairToken, expectOk, postJson, startAccordProcess } from './servers/accordServer';
import { machineInfo } from './servers/machineInfo';

const TYPED = ' typed to measure how long each keystroke takes in a draft this long';
const PAUSE_MS = 30;

/** One measurement: a draft's size and what its keystrokes cost. */
export interface TypingMeasurement {
  clauses: number;
  round: number;
  keystrokes: number;
  scriptMsPerKey: number;
  taskMsPerKey: number;
  toFrame: { p50: number; p95: number; max: number };
}

/** Options of the typing benchmark, from `npm run bench`. */
export interface TypingOptions {
  rounds: number;
  outDir: string;
}

export async function runTypingBenchmark(options: TypingOptions): Promise<{ measurements: TypingMeasurement[] }> {
  const startedAt = new Date().toISOString();
  const root = path.resolve(import.meta.dirname, '..');
  const checkout = await workingTree(root);
  await buildClient({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
  await compileServer(checkout);
  const accord = await startAccordProcess(root, { compiled: true });
  const browser = await launchBrowser();
  const measurements: TypingMeasurement[] = [];
  try {
    const token = await demoChairToken(accord.base);
    console.log(`typing: ${TYPED.length} keys every ${PAUSE_MS} ms; accord from the ${checkout.label}`);
    for (let round = 1; round <= options.rounds; round++) {
      for (const clauses of [50, 400]) {
        const created = await expectOk(
          await postJson(`${accord.base}/api/imports`, longDraft(clauses, 3), token),
          'import',
        );
        const draftId = (created as { draft: { id: string } }).draft.id;
        const measured = await typeInto(browser, `${accord.base}/drafts/${draftId}`, token);
        measurements.push({ clauses, round, ...measured });
        console.log(
          `typing: round ${round}, ${clauses} clauses … script ${measured.scriptMsPerKey.toFixed(1)} ms a key, ` +
            `to the next frame p50 ${measured.toFrame.p50.toFixed(1)} ms`,
        );
      }
    }
  } finally {
    await browser.close();
    await accord.stop();
  }
  console.log('\n| clauses | round | keys | script ms/key | task ms/key | to frame p50 | p95 | max |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const m of measurements) {
    const { p50, p95, max } = m.toFrame;
    console.log(
      `| ${m.clauses} | ${m.round} | ${m.keystrokes} | ${m.scriptMsPerKey.toFixed(1)} | ${m.taskMsPerKey.toFixed(1)} | ` +
        `${p50.toFixed(1)} | ${p95.toFixed(1)} | ${max.toFixed(1)} |`,
    );
  }
  await mkdir(options.outDir, { recursive: true });
  const file = path.join(options.outDir, `typing-${startedAt.replace(/[:.]/g, '-')}.json`);
  const report = { benchmark: 'typing', startedAt, machine: machineInfo(), accord: checkout.label, measurements };
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\ntyping: results written to ${path.relative(process.cwd(), file)}`);
  return { measurements };
}

async function typeInto(
  browser: Browser,
  draftUrl: string,
  token: string,
): Promise<Omit<TypingMeasurement, 'clauses' | 'round'>> {
  const { context, page } = await openDraftPage(browser, draftUrl, { token });
  try {
    // Let the page settle (the outline, the comments' layout) before the first key.
    await page.waitForTimeout(1500);
    await page.locator('[data-testid="editor"] .section-operative > .clause').nth(2).locator('p').first().click();
    await page.keyboard.press('End');
    await page.evaluate(() => {
      const measured: number[] = [];
      (window as unknown as { typingLatencies: number[] }).typingLatencies = measured;
      document.addEventListener(
        'keydown',
        () => {
          const at = performance.now();
          requestAnimationFrame(() => setTimeout(() => measured.push(performance.now() - at), 0));
        },
        true,
      );
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const metrics = async () =>
      new Map((await cdp.send('Performance.getMetrics')).metrics.map(({ name, value }) => [name, value]));
    const before = await metrics();
    for (const key of TYPED) {
      await page.keyboard.type(key);
      await page.waitForTimeout(PAUSE_MS);
    }
    await page.waitForTimeout(500);
    const after = await metrics();
    const latencies = await page.evaluate(() => (window as unknown as { typingLatencies: number[] }).typingLatencies);
    const spent = (name: string) => ((after.get(name) ?? 0) - (before.get(name) ?? 0)) * 1000;
    const summary = summariseLatencies(Float64Array.from(latencies));
    return {
      keystrokes: latencies.length,
      scriptMsPerKey: spent('ScriptDuration') / TYPED.length,
      taskMsPerKey: spent('TaskDuration') / TYPED.length,
      toFrame: { p50: summary.p50, p95: summary.p95, max: summary.max },
    };
  } finally {
    await context.close();
  }
}
