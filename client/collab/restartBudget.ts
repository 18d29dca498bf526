/** Fresh sessions allowed within {@link RESTART_WINDOW_MS} before the page stops starting new ones. */
export const MAX_RESTARTS = 3;

/** The window over which {@link MAX_RESTARTS} counts. */
export const RESTART_WINDOW_MS = 60_000;

/**
 * After a refused change the page discards its copy and starts a fresh session. A refusal is rare
 * and follows something the person did; refusals that keep coming back on fresh sessions mean the
 * page itself sends something the server refuses, and starting over again would only repeat it.
 * Given when the earlier restarts happened, this says whether another may start `now`, and the
 * restarts to remember if it does.
 */
export function nextRestart(restarts: readonly number[], now: number): { allowed: boolean; restarts: number[] } {
  const recent = restarts.filter((at) => now - at < RESTART_WINDOW_MS);
  if (recent.length >= MAX_RESTARTS) return { allowed: false, restarts: recent };
  return { allowed: true, restarts: [...recent, now] };
}
