import { describe, expect, it } from 'vitest';
import { summariseLatencies } from './percentiles';

describe('summariseLatencies', () => {
  it('reports nearest-rank percentiles that were really observed', () => {
    const sample = Float64Array.from({ length: 100 }, (_, i) => 100 - i); // 1..100, unsorted
    expect(summariseLatencies(sample)).toEqual({ count: 100, mean: 50.5, p50: 50, p95: 95, p99: 99, max: 100 });
  });

  it('gives the one value of a one-element sample for every percentile', () => {
    expect(summariseLatencies(Float64Array.of(7))).toMatchObject({ p50: 7, p99: 7, max: 7 });
  });

  it('never makes an empty sample look fast', () => {
    const summary = summariseLatencies(new Float64Array());
    expect(summary.count).toBe(0);
    expect(summary.p99).toBeNaN();
  });
});
