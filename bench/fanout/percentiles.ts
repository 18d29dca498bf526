/** Summary of one latency sample, in milliseconds. */
export interface LatencySummary {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/**
 * Summarises latencies with nearest-rank percentiles (the value below which at least p% of the
 * sample lies; no interpolation, so every figure is a latency that was really observed).
 * Sorts `latencies` in place. An empty sample gives NaN figures rather than zeros, so a run that
 * delivered nothing can never look fast.
 */
export function summariseLatencies(latencies: Float64Array): LatencySummary {
  const count = latencies.length;
  if (count === 0) {
    return { count, mean: Number.NaN, p50: Number.NaN, p95: Number.NaN, p99: Number.NaN, max: Number.NaN };
  }
  latencies.sort();
  let sum = 0;
  for (const value of latencies) sum += value;
  const rank = (p: number): number =>
    latencies[Math.min(count - 1, Math.max(0, Math.ceil((p / 100) * count) - 1))] ?? Number.NaN;
  return {
    count,
    mean: sum / count,
    p50: rank(50),
    p95: rank(95),
    p99: rank(99),
    max: latencies[count - 1] ?? Number.NaN,
  };
}
