import { describe, expect, it } from 'vitest';
import { idleAlike, splitByStorms } from './stormWindows';

describe('splitByStorms', () => {
  // One writer, six keystrokes (the first is warm-up), one reader; one storm from 1000 to 1100.
  const sendTimes = [Float64Array.of(0, 100, 890, 950, 1050, 3000)];
  const sources = (receiveTimes: Float64Array) => ({
    sendTimes,
    receiveTimes: [receiveTimes],
    keystrokesPerWriter: 6,
    warmupKeystrokes: 1,
    deliveredBy: 10_000,
  });
  const storms = [{ start: 1000, end: 1100, kind: 'cold' }];

  it('counts against the storm a keystroke sent before it but held up by it', () => {
    // 950 arrives at 1040, inside the storm; 1050 is sent inside it; 890 arrives at 895, within the guard.
    const split = splitByStorms(sources(Float64Array.of(1, 102, 895, 1040, 1060, 3004)), storms, 200);
    expect(split.storms[0]).toMatchObject({ expectedPairs: 2, deliveredPairs: 2, latency: { p50: 10, max: 90 } });
    expect(split.byKind.cold?.latency.max).toBe(90);
    expect(split.idle).toMatchObject({ expectedPairs: 2, latency: { p50: 2, max: 4 } }); // 100→102 and 3000→3004
    expect(split.excludedPairs).toBe(1);
    expect(split.afterByKind.cold).toMatchObject({ expectedPairs: 0 });
  });

  it('counts the pairs sent within the guard after a storm as its aftermath, not as idle', () => {
    // 1150 is sent 50 ms after the storm and arrives 30 ms later; 1400 is past the guard.
    const after = [Float64Array.of(0, 100, 1150, 1400, 3000, 3100)];
    const split = splitByStorms(
      { ...sources(Float64Array.of(1, 102, 1180, 1402, 3004, 3101)), sendTimes: after },
      storms,
      200,
    );
    expect(split.afterByKind.cold).toMatchObject({ expectedPairs: 1, latency: { max: 30 } });
    expect(split.storms[0]).toMatchObject({ expectedPairs: 0 });
    expect(split.idle).toMatchObject({ expectedPairs: 4 });
  });

  it('places a keystroke that never arrived by when it was sent, and never makes it look fast', () => {
    const split = splitByStorms(sources(Float64Array.of(1, 102, 895, 1040, Number.NaN, Number.NaN)), storms, 200);
    expect(split.storms[0]).toMatchObject({ expectedPairs: 2, deliveredPairs: 1 });
    expect(split.idle).toMatchObject({ expectedPairs: 2, deliveredPairs: 1 });
  });

  it('takes a pair received after the drain as not delivered', () => {
    const late = splitByStorms(
      { ...sources(Float64Array.of(1, 102, 895, 1040, 1060, 3004)), deliveredBy: 3002 },
      storms,
      200,
    );
    expect(late.idle).toMatchObject({ expectedPairs: 2, deliveredPairs: 1 });
  });

  it('cuts the idle pairs into windows as long as the storms and counts those whose p99 strays', () => {
    // Four 100 ms windows of 100 pairs at 5 ms; the third holds one slow keystroke (2 pairs at 40 ms),
    // the fifth holds only 10 pairs (cut short by a storm) and is left out.
    const sent: number[] = [];
    const latencies: number[] = [];
    for (let window = 0; window < 5; window++)
      for (let i = 0; i < (window === 4 ? 10 : 100); i++) {
        sent.push(window * 100 + i);
        latencies.push(window === 2 && i < 2 ? 40 : 5);
      }
    const alike = idleAlike(sent, latencies, 100, 6, 2);
    expect(alike).toEqual({ windowMs: 100, windows: 4, medianP99: 5, shareAbove: 0.25, factor: 2 });
    const split = splitByStorms(sources(Float64Array.of(1, 102, 895, 1040, 1060, 3004)), storms, 200);
    expect(split.idleAlikeByKind.cold).toMatchObject({ windowMs: 100, windows: 2 });
  });
});
