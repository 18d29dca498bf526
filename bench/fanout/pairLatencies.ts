import { type LatencySummary, summariseLatencies } from './percentiles';

/** Latency figures of the keystrokes sent during one second of typing. */
export interface TimelineSecond extends LatencySummary {
  /** Seconds since the first keystroke. */
  second: number;
}

/** Every (measured keystroke, reader) pair of a run, matched up. */
export interface PairLatencies {
  expectedPairs: number;
  deliveredPairs: number;
  latency: LatencySummary;
  /**
   * Latency by the second the keystroke was sent in. A tail that sits in a few seconds points at
   * a pause (garbage collection, another process); one spread evenly points at steady cost.
   */
  timeline: TimelineSecond[];
}

/** Where the pairs come from: the writers' send times and each reader worker's receive times. */
export interface PairSources {
  /** Per writer, the monotonic send time of keystroke `seq`. */
  sendTimes: Float64Array[];
  /** Per reader worker, receive times laid out as in `readerWorkerMessages`. */
  receiveTimes: Float64Array[];
  keystrokesPerWriter: number;
  /** Keystrokes at the start of each writer's sequence that are left out. */
  warmupKeystrokes: number;
  /** Monotonic time of the first keystroke, the origin of the timeline. */
  typingStart: number;
  /**
   * Monotonic time by which a keystroke must have arrived to count as delivered: the end of the
   * drain. A reader thread that is still working through a backlog when it is told to stop can
   * record arrivals after it; counting those would make delivery depend on how long stopping took.
   */
  deliveredBy: number;
}

/**
 * Matches every measured keystroke with every reader: latency is receive time minus send time,
 * and a pair whose receive time is NaN or after `deliveredBy` was not delivered. Expected pairs count every reader the
 * run asked for, so a reader that never connected counts as not delivered.
 */
export function pairLatencies(sources: PairSources, expectedReaders: number): PairLatencies {
  const { sendTimes, keystrokesPerWriter: keystrokes, warmupKeystrokes: warmup } = sources;
  const writers = sendTimes.length;
  const expectedPairs = writers * (keystrokes - warmup) * expectedReaders;
  const latencies = new Float64Array(expectedPairs);
  const bySecond: number[][] = [];
  let delivered = 0;
  for (const receiveTimes of sources.receiveTimes) {
    const readers = receiveTimes.length / (writers * keystrokes);
    for (let reader = 0; reader < readers; reader++) {
      for (let writer = 0; writer < writers; writer++) {
        const offset = (reader * writers + writer) * keystrokes;
        const sent = sendTimes[writer] ?? new Float64Array();
        for (let seq = warmup; seq < keystrokes; seq++) {
          const received = receiveTimes[offset + seq] ?? Number.NaN;
          const sentAt = sent[seq] ?? Number.NaN;
          if (Number.isNaN(received) || Number.isNaN(sentAt) || received > sources.deliveredBy) continue;
          const latency = received - sentAt;
          latencies[delivered++] = latency;
          const second = Math.max(0, Math.floor((sentAt - sources.typingStart) / 1000));
          (bySecond[second] ??= []).push(latency);
        }
      }
    }
  }
  const timeline = bySecond.flatMap((values, second) =>
    values ? [{ second, ...summariseLatencies(Float64Array.from(values)) }] : [],
  );
  return {
    expectedPairs,
    deliveredPairs: delivered,
    latency: summariseLatencies(latencies.subarray(0, delivered)),
    timeline,
  };
}
