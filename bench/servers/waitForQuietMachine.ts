import { machineBusyCpuSeconds } from './processStats';

/**
 * Waits until the whole machine has been nearly idle for `windowMs` (busy at most
 * `maxBusyPercent` of one core), for at most `timeoutMs`. Resolves with the busy share of the last
 * window, whether or not it got quiet: the caller measures anyway and reports the load it saw.
 * Development machines are shared with test runs and browsers, which otherwise land in the figures.
 */
export async function waitForQuietMachine(
  maxBusyPercent: number,
  windowMs: number,
  timeoutMs: number,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let busyPercent = Number.NaN;
  do {
    const before = machineBusyCpuSeconds();
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    busyPercent = ((machineBusyCpuSeconds() - before) / (windowMs / 1000)) * 100;
    if (!(busyPercent > maxBusyPercent)) return busyPercent;
  } while (Date.now() < deadline);
  return busyPercent;
}
