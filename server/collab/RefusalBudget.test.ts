import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RefusalBudget } from './RefusalBudget';

/** The Redis the tests use; they fail, never skip, without it. */
const REDIS_URL = process.env.ACCORD_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

afterEach(() => {
  vi.useRealTimers();
});

describe('the budget of rebuilds for refused changes', () => {
  it('is spent per person by the bytes rebuilt in a minute, and comes back when the minute is over', async () => {
    vi.useFakeTimers();
    const budget = new RefusalBudget(3000);
    await budget.charge('lena', 1000);
    vi.advanceTimersByTime(20_000);
    await budget.charge('lena', 1000);
    expect(budget.isSpent('lena')).toBe(false);
    await budget.charge('lena', 1000);
    expect(budget.isSpent('lena')).toBe(true);
    // Someone else is not held to it.
    expect(budget.isSpent('amina')).toBe(false);
    vi.advanceTimersByTime(39_000);
    expect(budget.isSpent('lena')).toBe(true);
    // A minute after the first rebuild the budget is whole again.
    vi.advanceTimersByTime(1_001);
    expect(budget.isSpent('lena')).toBe(false);
    await budget.charge('lena', 1000);
    expect(budget.isSpent('lena')).toBe(false);
  });

  it('is one budget over every instance that shares a Redis: another instance learns of it when the person connects', async () => {
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    const prefix = `accord-test-${randomBytes(4).toString('hex')}:`;
    try {
      const here = new RefusalBudget(3000, { redis, prefix });
      const there = new RefusalBudget(3000, { redis, prefix });
      await here.charge('lena', 2000);
      await there.charge('lena', 1000);
      // The refusal that spent it was counted over there.
      expect([here.isSpent('lena'), there.isSpent('lena')]).toEqual([false, true]);
      await here.learn('lena');
      expect(here.isSpent('lena')).toBe(true);
      await here.learn('amina');
      expect(here.isSpent('amina')).toBe(false);
    } finally {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    }
  });
});
