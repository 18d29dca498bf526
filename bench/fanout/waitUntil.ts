/**
 * Resolves once `check()` is true, checking every `intervalMs`; rejects after `timeoutMs` with
 * `what` in the message. The benchmark's only way to wait for a state, so no step depends on a
 * fixed sleep being long enough.
 */
export async function waitUntil(check: () => boolean, what: string, timeoutMs: number, intervalMs = 10): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
