import { type LatencySummary, summariseLatencies } from '../fanout/percentiles';
import { STORM_P99_FACTOR } from './stormReport';

/** One storm, as the keystroke latencies are split by it: from the first joiner's start to the last one leaving. */
export interface StormSpan {
  /** Monotonic ms when the joiners started connecting. */
  start: number;
  /** Monotonic ms when every joiner had synced (or given up) and they had been told to leave. */
  end: number;
  /** What sort of storm it was (`cold`, `warm`): storms of one kind are also summed up together. */
  kind: string;
}

/** Latencies of the (keystroke, reader) pairs of one window, with how many were expected and delivered. */
export interface WindowLatency {
  /** Pairs of keystrokes sent in this window (for a storm: also those in flight when it began). */
  expectedPairs: number;
  deliveredPairs: number;
  latency: LatencySummary;
}

/** The pairs of a run split into the quiet stretches and each storm. */
export interface SplitLatencies {
  /** Pairs sent and received at least `guardMs` away from every storm. */
  idle: WindowLatency;
  /** Per storm, the pairs in flight at any moment of it (sent before its end, not received before its start). */
  storms: WindowLatency[];
  /** The same, every storm of a kind together. */
  byKind: Record<string, WindowLatency>;
  /**
   * Per kind of storm, the pairs sent within `guardMs` after a storm of that kind ended and in
   * flight during none: what the work a storm leaves behind (a load finishing) costs the busy draft.
   */
  afterByKind: Record<string, WindowLatency>;
  /** Pairs in neither: sent or received within `guardMs` of a storm but not in flight during it. */
  excludedPairs: number;
  /** Per kind of storm, the idle pairs cut into windows as long as that kind's storms (see {@link idleAlike}). */
  idleAlikeByKind: Record<string, IdleAlike>;
}

/**
 * The idle pairs cut by send time into back-to-back windows as long as the storms of one kind, on
 * average: how far the p99 of so short a window strays from the whole idle p99 with no storm at
 * all. A storm's window holds a few thousand pairs, fifty to a keystroke, so its p99 is its worst
 * keystroke or two; this is the same figure where nothing happens.
 */
export interface IdleAlike {
  /** The windows' length in ms: the storms' mean length. */
  windowMs: number;
  /** Windows that hold at least half the pairs of the median window (a window cut by a storm holds fewer). */
  windows: number;
  /** The median of the windows' p99s, in ms. */
  medianP99: number;
  /** Of those windows, the share whose p99 is above `factor` × the whole idle p99. */
  shareAbove: number;
  factor: number;
}

/** Where the pairs come from: as in `pairLatencies`, the writers' send times and each reader worker's receive times. */
export interface StormPairSources {
  sendTimes: Float64Array[];
  receiveTimes: Float64Array[];
  keystrokesPerWriter: number;
  warmupKeystrokes: number;
  /** A pair received after this (monotonic ms), or never, was not delivered. */
  deliveredBy: number;
}

class Bucket {
  expected = 0;
  readonly latencies: number[] = [];
  add(latency: number | undefined): void {
    this.expected++;
    if (latency !== undefined) this.latencies.push(latency);
  }
  summary(): WindowLatency {
    return {
      expectedPairs: this.expected,
      deliveredPairs: this.latencies.length,
      latency: summariseLatencies(Float64Array.from(this.latencies)),
    };
  }
}

/**
 * Splits every measured (keystroke, reader) pair of the busy draft by the storms. A pair belongs
 * to a storm when it was in flight at any moment of it: sent before the storm ended and not yet
 * received when it began (a keystroke sent just before the joiners arrived and held up by them
 * counts against the storm). A pair counts as idle only when it was sent and received at least
 * `guardMs` away from every storm, so work a storm leaves behind (garbage collection, sockets
 * still draining) is not taken for the quiet baseline. A pair that was never delivered counts in
 * the window it was sent in. Storms must not overlap.
 */
export function splitByStorms(
  sources: StormPairSources,
  storms: readonly StormSpan[],
  guardMs: number,
): SplitLatencies {
  const { sendTimes, keystrokesPerWriter: keystrokes, warmupKeystrokes: warmup } = sources;
  const idle = new Bucket();
  const perStorm = storms.map(() => new Bucket());
  const perKind = new Map(storms.map((span) => [span.kind, new Bucket()]));
  const afterKind = new Map(storms.map((span) => [span.kind, new Bucket()]));
  let excludedPairs = 0;
  const idleSent: number[] = [];
  const writers = sendTimes.length;
  for (const receiveTimes of sources.receiveTimes) {
    const readers = receiveTimes.length / (writers * keystrokes);
    for (let reader = 0; reader < readers; reader++) {
      for (let writer = 0; writer < writers; writer++) {
        const offset = (reader * writers + writer) * keystrokes;
        for (let seq = warmup; seq < keystrokes; seq++) {
          const sent = sendTimes[writer]?.[seq] ?? Number.NaN;
          if (Number.isNaN(sent)) continue;
          const arrived = receiveTimes[offset + seq] ?? Number.NaN;
          const delivered = !Number.isNaN(arrived) && arrived <= sources.deliveredBy;
          // An undelivered pair is placed by its send time alone.
          const until = delivered ? arrived : sent;
          const latency = delivered ? arrived - sent : undefined;
          const storm = storms.findIndex((span) => sent <= span.end && until >= span.start);
          if (storm >= 0) {
            perStorm[storm]!.add(latency);
            perKind.get(storms[storm]!.kind)!.add(latency);
          } else if (storms.every((span) => until < span.start - guardMs || sent > span.end + guardMs)) {
            idle.add(latency);
            if (latency !== undefined) idleSent.push(sent);
          } else {
            excludedPairs++;
            const before = storms.find((span) => sent > span.end && sent <= span.end + guardMs);
            if (before) afterKind.get(before.kind)!.add(latency);
          }
        }
      }
    }
  }
  const idleSummary = idle.summary();
  const kinds = [...new Set(storms.map((span) => span.kind))];
  const lengthOf = (kind: string): number => {
    const spans = storms.filter((span) => span.kind === kind);
    return spans.reduce((sum, span) => sum + span.end - span.start, 0) / spans.length;
  };
  return {
    idleAlikeByKind: Object.fromEntries(
      kinds.map((kind) => [kind, idleAlike(idleSent, idle.latencies, lengthOf(kind), idleSummary.latency.p99)]),
    ),
    idle: idleSummary,
    storms: perStorm.map((bucket) => bucket.summary()),
    byKind: Object.fromEntries([...perKind].map(([kind, bucket]) => [kind, bucket.summary()])),
    afterByKind: Object.fromEntries([...afterKind].map(([kind, bucket]) => [kind, bucket.summary()])),
    excludedPairs,
  };
}

/** See {@link IdleAlike}: `sent[i]` is when the pair of `latencies[i]` was sent. */
export function idleAlike(
  sent: readonly number[],
  latencies: readonly number[],
  windowMs: number,
  idleP99: number,
  factor = STORM_P99_FACTOR,
): IdleAlike {
  const windows = new Map<number, number[]>();
  const first = sent.reduce((least, at) => Math.min(least, at), Number.POSITIVE_INFINITY);
  sent.forEach((at, i) => {
    const key = Math.floor((at - first) / windowMs);
    const window = windows.get(key) ?? [];
    window.push(latencies[i]!);
    windows.set(key, window);
  });
  const sizes = [...windows.values()].map((window) => window.length).sort((a, b) => a - b);
  const medianSize = sizes[Math.floor(sizes.length / 2)] ?? 0;
  const p99s = [...windows.values()]
    .filter((window) => window.length >= medianSize / 2)
    .map((window) => summariseLatencies(Float64Array.from(window)).p99)
    .sort((a, b) => a - b);
  return {
    windowMs,
    windows: p99s.length,
    medianP99: p99s[Math.floor(p99s.length / 2)] ?? Number.NaN,
    shareAbove: p99s.length ? p99s.filter((p99) => p99 > factor * idleP99).length / p99s.length : Number.NaN,
    factor,
  };
}
