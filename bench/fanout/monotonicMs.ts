/**
 * Milliseconds on the machine's monotonic clock (Linux CLOCK_MONOTONIC, read through
 * `process.hrtime`). Every thread and process on this machine reads the same clock, so a send
 * time taken by a writer in the main thread and a receive time taken by a reader in a worker
 * thread can be subtracted directly. `performance.now()` cannot be used that way: each worker has
 * its own `timeOrigin`, set from the wall clock when the thread starts.
 */
export function monotonicMs(): number {
  const [seconds, nanoseconds] = process.hrtime();
  return seconds * 1e3 + nanoseconds / 1e6;
}
