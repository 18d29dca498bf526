import { describe, expect, it } from 'vitest';
import type { ServerName } from '../servers/ServerUnderTest';
import { compareP99, formatP99Comparison } from './fanoutReport';
import type { LatencySummary } from './percentiles';
import type { FanoutMeasurement } from './runFanoutScenario';

function summary(p99: number): LatencySummary {
  return { count: 100, mean: p99 / 2, p50: p99 / 2, p95: p99 * 0.9, p99, max: p99 * 2 };
}

function measurement(server: ServerName, round: number, p99: number, p99FromStart: number): FanoutMeasurement {
  return {
    scenario: '1x100',
    server,
    round,
    writers: 1,
    readers: 100,
    expectedPairs: 100,
    deliveredPairs: 100,
    latency: summary(p99),
    timeline: [],
    deliveredShare: 1,
    fromFirstKeystroke: summary(p99FromStart),
    typingSeconds: 30,
    drainMs: 5,
    serverCpuPercent: 2,
    harnessCpuPercent: 8,
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
        accordNoSlowerRounds: 2,
        rounds: 3,
      },
    ]);
    expect(formatP99Comparison(comparisons)).toEqual([
      '1x100: p99 accord 5.20 ms vs reference 5.20 ms (×1.00); accord no slower in 2/3 round(s); ' +
        'from the first keystroke, warm-up included: accord 9.00 ms vs reference 8.00 ms',
    ]);
  });
});
