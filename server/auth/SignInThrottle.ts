import type { LoginAttemptsRecord, SignInStorage } from '../storage/SignInStorage';

/** How one kind of key is slowed: some attempts free, then a wait that doubles with each further one, capped. */
export interface ThrottlePolicy {
  /** Attempts allowed back to back before each further one must wait. */
  freeAttempts: number;
  /** The wait before the first attempt past the free ones; each further attempt waits twice as long. */
  firstDelayMs: number;
  /** The longest wait. */
  maxDelayMs: number;
}

/** Attempts are forgotten after a quiet day, so an account or address is slowed for a while, never for good. */
export const FORGET_ATTEMPTS_AFTER_MS = 24 * 3600 * 1000;

/** One key to reserve an attempt against, with its policy. */
export interface ThrottleKey {
  key: string;
  policy: ThrottlePolicy;
}

/**
 * Counts sign-in attempts in the database with growing delays instead of a lock-out. An attempt
 * is reserved before the password is checked (a compare-and-swap on the stored count), so
 * concurrent attempts cannot all slip past a limit while the slow hash runs, and a restart
 * forgets nothing. A success then gives its reservation back or clears the count.
 */
export class SignInThrottle {
  constructor(private readonly storage: SignInStorage) {}

  /**
   * Reserves one attempt against every key, or none: returns 0 when reserved, otherwise how many
   * milliseconds to wait (and gives back the reservations it had made).
   */
  async reserve(keys: readonly ThrottleKey[], now = Date.now()): Promise<number> {
    const reserved: string[] = [];
    for (const { key, policy } of keys) {
      const waitMs = await this.reserveOne(key, policy, now);
      if (waitMs > 0) {
        for (const done of reserved) await this.release(done);
        return waitMs;
      }
      reserved.push(key);
    }
    return 0;
  }

  /** Gives one reserved attempt back (a sign-in that succeeded does not count against its address). */
  async release(key: string): Promise<void> {
    for (;;) {
      const current = await this.storage.getLoginAttempts(key);
      if (!current) return;
      const next = current.attempts > 1 ? { ...current, attempts: current.attempts - 1 } : null;
      if (await this.storage.swapLoginAttempts(key, current, next)) return;
    }
  }

  /** Forgets every attempt against a key (its owner has just proved who they are). */
  async clear(key: string): Promise<void> {
    await this.storage.deleteLoginAttempts(key);
  }

  private async reserveOne(key: string, policy: ThrottlePolicy, now: number): Promise<number> {
    for (;;) {
      const current = await this.storage.getLoginAttempts(key);
      const attempts = current && !isForgotten(current, now) ? current.attempts : 0;
      // While attempts are free there is no wait, even behind one that started a moment after this one.
      const delay = current && attempts > 0 ? delayAfter(attempts, policy) : 0;
      if (delay > 0) {
        const waitMs = Date.parse(current!.lastAttemptAt) + delay - now;
        if (waitMs > 0) return waitMs;
      }
      const next = { key, attempts: attempts + 1, lastAttemptAt: new Date(now).toISOString() };
      if (await this.storage.swapLoginAttempts(key, current, next)) return 0;
    }
  }
}

/** The wait after `attempts` attempts before the next: none while free, then doubling from the first delay, capped. */
export function delayAfter(attempts: number, policy: ThrottlePolicy): number {
  if (attempts < policy.freeAttempts) return 0;
  const doublings = Math.min(attempts - policy.freeAttempts, 40);
  return Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** doublings);
}

function isForgotten(record: LoginAttemptsRecord, now: number): boolean {
  return now - Date.parse(record.lastAttemptAt) > FORGET_ATTEMPTS_AFTER_MS;
}
