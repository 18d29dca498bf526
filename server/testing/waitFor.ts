/**
 * Waits until `check` stops throwing (or returns true), retrying every few milliseconds up to a
 * bound: tests wait for a condition, never for a fixed time.
 */
export async function waitFor(
  check: () => unknown,
  { timeoutMs = 5000, intervalMs = 10, message }: { timeoutMs?: number; intervalMs?: number; message?: string } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const result = await check();
      if (result !== false) return;
      lastError = new Error(message ?? 'condition was false');
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const reason = lastError instanceof Error ? lastError.message : String(lastError);
      throw new Error(`waitFor timed out after ${timeoutMs} ms${message ? ` (${message})` : ''}: ${reason}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
