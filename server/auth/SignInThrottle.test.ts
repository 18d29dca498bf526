import { describe, expect, it } from 'vitest';
import type { LoginAttemptsRecord } from '../storage/SignInStorage';
import type { ThrottleKey } from './SignInThrottle';
import { SignInThrottle } from './SignInThrottle';

/** The attempts table in memory, with the storage's compare-and-swap. */
function memoryAttempts() {
  const rows = new Map<string, LoginAttemptsRecord>();
  return {
    getLoginAttempts: async (key: string) => rows.get(key),
    swapLoginAttempts: async (
      key: string,
      expected: LoginAttemptsRecord | undefined,
      next: LoginAttemptsRecord | null,
    ) => {
      if (JSON.stringify(rows.get(key)) !== JSON.stringify(expected)) return false;
      if (next) rows.set(key, next);
      else rows.delete(key);
      return true;
    },
    deleteLoginAttempts: async (key: string) => void rows.delete(key),
  };
}

const address: ThrottleKey = {
  key: 'address:203.0.113.7',
  policy: { freeAttempts: 3, firstDelayMs: 1000, maxDelayMs: 60_000 },
};

describe('SignInThrottle', () => {
  it('lets people behind one address sign in at the same moment: an attempt counted after a later one does not wait while attempts are free', async () => {
    const throttle = new SignInThrottle(memoryAttempts());
    // Two sign-ins from one office: the one that started at t=2000 is counted first, then the one from t=1000.
    expect(await throttle.reserve([address], 2000)).toBe(0);
    expect(await throttle.reserve([address], 1000)).toBe(0);
  });

  it('still slows the attempts past the free ones, from the last one counted', async () => {
    const throttle = new SignInThrottle(memoryAttempts());
    for (let i = 0; i < 3; i++) expect(await throttle.reserve([address], 5000)).toBe(0);
    expect(await throttle.reserve([address], 5000)).toBe(1000);
    expect(await throttle.reserve([address], 5400)).toBe(600);
    expect(await throttle.reserve([address], 6000)).toBe(0);
  });
});
