import { describe, expect, it } from 'vitest';
import { RefusalBudget } from './RefusalBudget';

describe('the budget of rebuilds for refused changes', () => {
  it('is spent per person by the bytes rebuilt in the last minute, and comes back as the minute passes', () => {
    let now = 1_000_000;
    const budget = new RefusalBudget(3000, () => now);
    budget.charge('lena', 1000);
    now += 20_000;
    budget.charge('lena', 1000);
    expect(budget.isSpent('lena')).toBe(false);
    budget.charge('lena', 1000);
    expect(budget.isSpent('lena')).toBe(true);
    // Someone else is not held to it.
    expect(budget.isSpent('amina')).toBe(false);
    // The first rebuild leaves the minute: under the budget again.
    now += 40_001;
    expect(budget.isSpent('lena')).toBe(false);
    now += 20_000;
    expect(budget.isSpent('lena')).toBe(false);
  });
});
