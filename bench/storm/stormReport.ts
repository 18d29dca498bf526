import type { StormMeasurement } from './runStormScenario';
import type { WindowLatency } from './stormWindows';
import { markdownTable } from '../tables';

/** How much the busy draft's p99 may grow during a storm, against its p99 when idle (issue 20). */
export const STORM_P99_FACTOR = 2;

const ms = (value: number): string => (Number.isNaN(value) ? '—' : value < 10 ? value.toFixed(2) : value.toFixed(1));
const delivered = (w: WindowLatency): string =>
  w.expectedPairs === 0
    ? '—'
    : w.deliveredPairs === w.expectedPairs
      ? `100% of ${w.expectedPairs}`
      : `${Math.min(99.99, (w.deliveredPairs / w.expectedPairs) * 100).toFixed(2)}% of ${w.expectedPairs}`;

/** A plain-text table, one row per window (idle, each storm, each kind of storm), pasteable into Markdown. */
export function formatStormTable(measurements: StormMeasurement[]): string {
  const header = [
    'server',
    'round',
    'window',
    'pairs delivered',
    'p50 ms',
    'p99 ms',
    'max ms',
    'p99 ÷ idle',
    'joiners synced',
    'first / median / all synced ms',
    'server CPU ms',
    'harness CPU ms',
  ];
  const rows: string[][] = [header];
  for (const m of measurements) {
    const ratio = (w: WindowLatency): string =>
      w === m.idle ? '' : `×${(w.latency.p99 / m.idle.latency.p99).toFixed(2)}`;
    const row = (window: string, w: WindowLatency, rest: string[] = ['', '', '', '']): string[] => [
      m.server,
      String(m.round),
      window,
      delivered(w),
      ms(w.latency.p50),
      ms(w.latency.p99),
      ms(w.latency.max),
      ratio(w),
      ...rest,
    ];
    rows.push(row('idle', m.idle));
    for (const s of m.storms) {
      rows.push(
        row(`storm ${s.index + 1} (${s.kind})`, s, [
          `${s.synced}/${s.joiners}`,
          `${ms(s.firstSyncedMs)} / ${ms(s.medianSyncedMs)} / ${ms(s.allSyncedMs)}`,
          s.serverCpuMs.toFixed(0),
          s.harnessCpuMs.toFixed(0),
        ]),
      );
    }
    for (const [kind, w] of Object.entries(m.byKind)) rows.push(row(`${kind} storms`, w));
    for (const [kind, w] of Object.entries(m.afterByKind ?? {})) rows.push(row(`after ${kind} storms`, w));
  }
  return markdownTable(rows);
}

/** Whether a kind of storm kept the busy draft's p99 within {@link STORM_P99_FACTOR} of its idle p99, with everything delivered. */
export interface StormVerdict {
  server: string;
  round: number;
  /** `cold storms`, or `after cold storms` for the pairs sent in the guard after them. */
  window: string;
  idleP99: number;
  stormP99: number;
  met: boolean;
}

/** One verdict per measurement and kind of storm. */
export function stormVerdicts(measurements: StormMeasurement[]): StormVerdict[] {
  return measurements.flatMap((m) =>
    [
      ...Object.entries(m.byKind).map(([kind, w]) => [`${kind} storms`, w] as const),
      ...Object.entries(m.afterByKind ?? {}).map(([kind, w]) => [`after ${kind} storms`, w] as const),
    ].map(([window, w]) => ({
      server: m.server,
      round: m.round,
      window,
      idleP99: m.idle.latency.p99,
      stormP99: w.latency.p99,
      met:
        w.latency.p99 <= STORM_P99_FACTOR * m.idle.latency.p99 &&
        w.deliveredPairs === w.expectedPairs &&
        m.idle.deliveredPairs === m.idle.expectedPairs,
    })),
  );
}

/** "accord round 1, cold storms: p99 41.2 ms against 9.80 ms idle (×4.20): NOT within ×2" */
export function formatVerdicts(verdicts: StormVerdict[]): string[] {
  return verdicts.map(
    (v) =>
      `${v.server} round ${v.round}, ${v.window}: p99 ${ms(v.stormP99)} ms against ${ms(v.idleP99)} ms idle ` +
      `(×${(v.stormP99 / v.idleP99).toFixed(2)}): ${v.met ? 'within' : 'NOT within'} ×${STORM_P99_FACTOR}`,
  );
}

/** "accord round 1, idle in windows as long as cold storms (812 ms, 410 windows): p99 median 6.90 ms (×1.12), 4% above ×2" */
export function formatIdleAlike(measurements: StormMeasurement[]): string[] {
  return measurements.flatMap((m) =>
    Object.entries(m.idleAlikeByKind ?? {}).map(
      ([kind, alike]) =>
        `${m.server} round ${m.round}, idle in windows as long as ${kind} storms (${alike.windowMs.toFixed(0)} ms, ` +
        `${alike.windows} windows): p99 median ${ms(alike.medianP99)} ms (×${(alike.medianP99 / m.idle.latency.p99).toFixed(2)}), ` +
        `${(alike.shareAbove * 100).toFixed(0)}% above ×${alike.factor}`,
    ),
  );
}

/** Problems a reader of the figures must know about. */
export function stormWarnings(measurements: StormMeasurement[]): string[] {
  return measurements.flatMap((m) => {
    const where = `${m.server} round ${m.round}`;
    const warnings: string[] = [];
    for (const s of m.storms) {
      if (s.failures.length)
        warnings.push(
          `${where}, storm ${s.index + 1}: ${s.failures.length} joiner(s) failed: ${[...new Set(s.failures)].join('; ')}`,
        );
      if (s.minStateBytes < m.bigDraft.stateBytes * 0.99)
        warnings.push(
          `${where}, storm ${s.index + 1}: a joiner received ${s.minStateBytes} bytes, not the whole draft (${m.bigDraft.stateBytes})`,
        );
    }
    for (const problem of m.stayerProblems) warnings.push(`${where}: ${problem}`);
    for (const edited of m.storms.filter((s) => s.kind === 'edited')) {
      const before = m.storms.find((s) => s.index === edited.index - 1);
      if (before && edited.minReceivedBytes <= before.maxReceivedBytes)
        warnings.push(`${where}, storm ${edited.index + 1}: its joiners did not receive the edit made before it`);
    }
    if (m.stormsAfterTyping) warnings.push(`${where}: ${m.stormsAfterTyping} storm(s) began after typing had ended`);
    if (m.readerConnectFailures.length) warnings.push(`${where}: ${m.readerConnectFailures.length} reader(s) failed`);
    if (m.readersClosedByServer)
      warnings.push(`${where}: the server closed ${m.readersClosedByServer} reader connection(s)`);
    if (m.writerConnectionCloses)
      warnings.push(`${where}: writer connections closed ${m.writerConnectionCloses} time(s)`);
    if (m.otherCpuPercent > 20)
      warnings.push(`${where}: other processes used ${m.otherCpuPercent.toFixed(0)}% of a core meanwhile`);
    return warnings;
  });
}
