import { describe, expect, it } from 'vitest';
import { MAX_RESTARTS, RESTART_WINDOW_MS, nextRestart } from './restartBudget';

describe('fresh sessions after refused changes', () => {
  it('starts again after a refusal, but not a fourth time within a minute', () => {
    let restarts: number[] = [];
    for (let i = 0; i < MAX_RESTARTS; i++) {
      const next = nextRestart(restarts, 1_000 + i);
      expect(next.allowed).toBe(true);
      restarts = next.restarts;
    }
    expect(nextRestart(restarts, 2_000).allowed).toBe(false);
  });

  it('forgets restarts older than a minute', () => {
    const old = [1_000, 1_001, 1_002];
    expect(nextRestart(old, 1_000 + RESTART_WINDOW_MS - 1).allowed).toBe(false);
    const later = nextRestart(old, 1_002 + RESTART_WINDOW_MS);
    expect(later).toEqual({ allowed: true, restarts: [1_002 + RESTART_WINDOW_MS] });
  });
});
