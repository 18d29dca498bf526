import { describe, expect, it } from 'vitest';
import type { LatencySummary } from '../fanout/percentiles';
import { type ClusterMeasurement, compareShapes } from './clusterReport';

function summary(p50: number, p99: number): LatencySummary {
  return { count: 100, mean: p50, p50, p95: p99, p99, max: p99 * 2 };
}

function measurement(shape: string, round: number, p99: number, deliveredShare = 1): ClusterMeasurement {
  return {
    shape,
    instances: shape === '3' ? 3 : 1,
    redis: shape === '3',
    scenario: '10x200',
    server: 'accord',
    round,
    writers: 10,
    readers: 200,
    expectedPairs: 100,
    deliveredPairs: deliveredShare * 100,
    latency: summary(p99 / 4, p99),
    timeline: [],
    deliveredShare,
    fromFirstKeystroke: summary(p99 / 4, p99),
    typingSeconds: 30,
    drainMs: 5,
    serverCpuPercent: 10,
    harnessCpuPercent: 80,
    helperCpuPercent: 5,
    otherCpuPercent: 0,
    readerEventLoopUtilization: [0.5, 0.5],
    serverPeakRssMiB: 100,
    readerConnectFailures: [],
    readersClosedByServer: 0,
    writerConnectionCloses: 0,
    attempts: 1,
  };
}

describe('compareShapes', () => {
  it('sets each shape’s median p99 against the first shape’s, with the lowest share delivered', () => {
    const lines = compareShapes([
      measurement('1', 1, 10),
      measurement('3', 1, 30, 0.995),
      measurement('3', 2, 20),
      measurement('1', 2, 14),
      measurement('1', 3, 12),
    ]);
    expect(lines).toEqual([
      '10x200: 3 against 1 (median of 2 and 3 round(s)): p99 25.0 vs 12.0 ms (×2.08), p50 6.25 vs 3.00 ms; delivered (lowest round) 99.50% vs 100%',
    ]);
  });
});
