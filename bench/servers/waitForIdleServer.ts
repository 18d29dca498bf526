import type { RunningServer } from './ServerUnderTest';

/**
 * Waits until `server` has used at most one clock tick of CPU (10 ms on Linux) over `windowMs`,
 * for at most `timeoutMs`, and resolves with whether it got there. Work a server defers after the
 * last change (a later apply, records written on a timer, compaction) belongs to what the changes
 * cost; this waits for it instead of guessing how long it takes.
 */
export async function waitForIdleServer(server: RunningServer, windowMs: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let before = server.cpuSeconds();
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const now = server.cpuSeconds();
    if (now - before <= 0.0101) return true;
    before = now;
  }
  return false;
}
