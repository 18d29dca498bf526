import { describe, expect, it } from 'vitest';
import { pairLatencies } from './pairLatencies';

describe('pairLatencies', () => {
  // Two writers, three keystrokes each (the first is warm-up), two readers in one worker.
  const sendTimes = [Float64Array.of(1000, 1100, 1200), Float64Array.of(1050, 1150, 2300)];
  const receiveTimes = Float64Array.of(
    // reader 0: writer 0, writer 1
    1001,
    1102,
    1203,
    1051,
    1152,
    Number.NaN,
    // reader 1: writer 0, writer 1
    1004,
    1105,
    1206,
    1054,
    1155,
    2310,
  );

  it('matches each measured keystroke with each reader and leaves out the warm-up', () => {
    const result = pairLatencies(
      {
        sendTimes,
        receiveTimes: [receiveTimes],
        keystrokesPerWriter: 3,
        warmupKeystrokes: 1,
        typingStart: 1000,
        deliveredBy: 3000,
      },
      2,
    );
    expect(result.expectedPairs).toBe(8);
    expect(result.deliveredPairs).toBe(7);
    expect(result.latency.max).toBe(10);
    expect(result.latency.p50).toBe(5); // of 2, 2, 3, 5, 5, 6, 10
  });

  it('counts readers that never connected as not delivered', () => {
    const result = pairLatencies(
      {
        sendTimes,
        receiveTimes: [receiveTimes],
        keystrokesPerWriter: 3,
        warmupKeystrokes: 1,
        typingStart: 1000,
        deliveredBy: 3000,
      },
      4,
    );
    expect(result.expectedPairs).toBe(16);
    expect(result.deliveredPairs).toBe(7);
  });

  it('places each latency in the second its keystroke was sent', () => {
    const result = pairLatencies(
      {
        sendTimes,
        receiveTimes: [receiveTimes],
        keystrokesPerWriter: 3,
        warmupKeystrokes: 1,
        typingStart: 1000,
        deliveredBy: 3000,
      },
      2,
    );
    expect(result.timeline.map((second) => [second.second, second.count, second.max])).toEqual([
      [0, 6, 6],
      [1, 1, 10],
    ]);
  });

  it('counts a keystroke that arrived after the drain ended as not delivered', () => {
    const result = pairLatencies(
      {
        sendTimes,
        receiveTimes: [receiveTimes],
        keystrokesPerWriter: 3,
        warmupKeystrokes: 1,
        typingStart: 1000,
        deliveredBy: 2305,
      },
      2,
    );
    expect(result.deliveredPairs).toBe(6);
    expect(result.latency.max).toBe(6);
  });
});
