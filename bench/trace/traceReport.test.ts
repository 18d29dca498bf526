import { describe, expect, it } from 'vitest';
import type { ServerName } from '../servers/ServerUnderTest';
import { planReplay } from './replayPlan';
import { describeMismatch, type TraceMeasurement } from './runTraceReplay';
import { clauseLimitWarning, compareCpu, formatCpuComparison, traceWarnings } from './traceReport';

function measurement(server: ServerName, round: number, cpuPerUpdateUs: number, correct = true): TraceMeasurement {
  return {
    server,
    round,
    transactions: 1000,
    serverCpuSeconds: cpuPerUpdateUs / 1000,
    cpuPerUpdateUs,
    cpuPerUpdateUsUntilLastEcho: cpuPerUpdateUs,
    serverWentIdle: true,
    wallSeconds: 2,
    serverPeakRssMiB: 60,
    otherCpuPercent: 0,
    harnessCpuPercent: 30,
    correct,
    ...(!correct && { mismatch: 'lengths 3 and 4' }),
    finalLength: correct ? 4 : 3,
    expectedLength: 4,
    writerConnectionCloses: 0,
    checkpoints: [],
  };
}

describe('the CPU comparison', () => {
  it('compares each round with the same round of the other server against half the reference', () => {
    const comparison = compareCpu([
      measurement('accord', 1, 40),
      measurement('reference', 1, 100),
      measurement('accord', 2, 60),
      measurement('reference', 2, 110),
    ]);
    expect(comparison).toEqual({
      cpuPerUpdateUs: { accord: 50, reference: 105 },
      ratio: 50 / 105,
      accordWithinTargetRounds: 1,
      rounds: 2,
      allCorrect: true,
    });
    expect(formatCpuComparison(comparison)).toEqual([
      'trace: server CPU per update accord 50.0 µs vs reference 105 µs (×0.48); ' +
        'target at most ×0.5 of the reference: NOT met: within it in 1 of 2 round(s)',
    ]);
  });

  it('leaves out a round whose text came out wrong, and says so first', () => {
    const measurements = [measurement('accord', 1, 10, false), measurement('reference', 1, 100)];
    const comparison = compareCpu(measurements);
    expect(comparison.rounds).toBe(0);
    expect(comparison.allCorrect).toBe(false);
    expect(formatCpuComparison(comparison)).toEqual([]);
    expect(traceWarnings(measurements)).toEqual([
      'accord round 1: THE TEXT IS WRONG after the replay: lengths 3 and 4',
    ]);
  });
});

describe('describeMismatch', () => {
  it('points at the first difference with some text around it', () => {
    expect(describeMismatch('Hello world', 'Hello, world')).toBe(
      'lengths 11 and 12 (UTF-16 units), first difference at 5: saw "Hello world", expected "Hello, world"',
    );
  });
});

describe('clauseLimitWarning', () => {
  it('names the peak and the first transaction past the per-clause limit, and nothing below it', () => {
    const plan = planReplay({
      startContent: '',
      endContent: 'abcd',
      txns: [{ patches: [[0, 0, 'ab']] }, { patches: [[2, 0, 'cdef']] }, { patches: [[4, 2, '']] }],
    });
    expect(clauseLimitWarning(plan, 3)).toBe(
      'the replayed text reaches 6 characters, over MAX_CLAUSE_CHARACTERS (3, shared/limits.ts), at transaction 2: ' +
        'a server that enforces the limit refuses the replay there',
    );
    expect(clauseLimitWarning(plan, 6)).toBeUndefined();
  });
});
