import { describe, expect, it } from 'vitest';
import type { ServerName } from '../servers/ServerUnderTest';
import { compareP99, formatP99Comparison } from './fanoutReport';
import type { LatencySummary } from './percentiles';
import type { FanoutMeasurement } from './runFanoutScenario';

function summary(p99: number): LatencySummary {
  return { count: 100, mean: p99 / 2, p50: p99 / 2, p95: p99 * 0.9, p99, max: p99 * 2 };
}

function measurement(
  server: ServerName,
  round: number,
  p99: number,
  p99FromStart: number,
  { scenario = '1x100', deliveredPairs = 100 } = {},
): FanoutMeasurement {
  return {
    scenario,
    server,
    round,
    writers: 1,
    readers: 100,
    expectedPairs: 100,
    deliveredPairs,
    latency: summary(p99),
    timeline: [],
    deliveredShare: deliveredPairs / 100,
    fromFirstKeystroke: summary(p99FromStart),
    typingSeconds: 30,
    drainMs: 5,
    serverCpuPercent: 2,
    harnessCpuPercent: 8,
    helperCpuPercent: 0,
    otherCpuPercent: 0,
    readerEventLoopUtilization: [0.03, 0.03],
    serverPeakRssMiB: 60,
    readerConnectFailures: [],
    readersClosedByServer: 0,
    writerConnectionCloses: 0,
    attempts: 1,
  };
}

describe('the p99 comparison', () => {
  it('compares each round with the same round of the other server and takes medians, measured and from the start apart', () => {
    const comparisons = compareP99([
      measurement('accord', 1, 5.0, 9.0),
      measurement('reference', 1, 5.5, 8.0),
      measurement('accord', 2, 6.0, 7.0),
      measurement('reference', 2, 5.0, 11.0),
      measurement('accord', 3, 5.2, 10.0),
      measurement('reference', 3, 5.2, 7.5),
    ]);
    expect(comparisons).toEqual([
      {
        scenario: '1x100',
        p99: { accord: 5.2, reference: 5.2 },
        p99FromStart: { accord: 9.0, reference: 8.0 },
        delivered: { accord: 1, reference: 1 },
        accordNoSlowerRounds: 2,
        rounds: 3,
      },
    ]);
    expect(formatP99Comparison(comparisons)).toEqual([
      '1x100: p99 accord 5.20 ms vs reference 5.20 ms (×1.00); accord no slower in 2/3 round(s); ' +
        'delivered (lowest round) accord 100% vs reference 100%; ' +
        'from the first keystroke, warm-up included: accord 9.00 ms vs reference 8.00 ms',
    ]);
  });

  it('reports the lowest delivered share and whether each accord round met the scenario target', () => {
    const plenary = { scenario: '50x500' };
    const comparisons = compareP99(
      [
        measurement('accord', 1, 180, 200, plenary),
        measurement('reference', 1, 9000, 9500, { ...plenary, deliveredPairs: 41 }),
        // Fast enough, but one pair in a hundred did not arrive: the target is not met.
        measurement('accord', 2, 120, 150, { ...plenary, deliveredPairs: 99 }),
        measurement('reference', 2, 8000, 8500, { ...plenary, deliveredPairs: 37 }),
      ],
      [{ name: '50x500', writers: 50, readers: 500, p99TargetMs: 250 }],
    );
    expect(comparisons[0]).toMatchObject({
      delivered: { accord: 0.99, reference: 0.37 },
      target: { p99Ms: 250, metRounds: 1, accordRounds: 2 },
    });
    expect(formatP99Comparison(comparisons)).toEqual([
      '50x500: p99 accord 150.0 ms vs reference 8500.0 ms (×0.02); accord no slower in 2/2 round(s); ' +
        'delivered (lowest round) accord 99.00% vs reference 37.00%; ' +
        'from the first keystroke, warm-up included: accord 175.0 ms vs reference 9000.0 ms',
      '50x500: target for accord, p99 under 250 ms with 100% delivered: NOT met in 1/2 round(s)',
    ]);
  });
});
