import type { ServerName } from '../servers/ServerUnderTest';
import type { FanoutMeasurement } from './runFanoutScenario';

const ms = (value: number): string => (Number.isNaN(value) ? '—' : value < 10 ? value.toFixed(2) : value.toFixed(1));
const percent = (value: number, digits = 0): string => (Number.isNaN(value) ? '—' : `${value.toFixed(digits)}%`);

/** Columns of the console table, in order: heading and how to show a measurement. */
const columns: [string, (m: FanoutMeasurement) => string][] = [
  ['scenario', (m) => m.scenario],
  ['server', (m) => m.server],
  ['round', (m) => (m.attempts > 1 ? `${m.round} (try ${m.attempts})` : String(m.round))],
  ['p50 ms', (m) => ms(m.latency.p50)],
  ['p95 ms', (m) => ms(m.latency.p95)],
  ['p99 ms', (m) => ms(m.latency.p99)],
  ['max ms', (m) => ms(m.latency.max)],
  ['mean ms', (m) => ms(m.latency.mean)],
  ['p99 from start ms', (m) => ms(m.fromFirstKeystroke.p99)],
  ['delivered', (m) => `${percent(m.deliveredShare * 100, 2)} of ${m.expectedPairs}`],
  ['server CPU', (m) => percent(m.serverCpuPercent)],
  ['harness CPU', (m) => percent(m.harnessCpuPercent)],
  ['other CPU', (m) => percent(m.otherCpuPercent)],
  ['reader ELU', (m) => m.readerEventLoopUtilization.map((u) => u.toFixed(2)).join('/')],
  ['server RSS', (m) => `${m.serverPeakRssMiB.toFixed(0)} MiB`],
];

/** A plain-text table of measurements, aligned for a terminal and pasteable into Markdown. */
export function formatFanoutTable(measurements: FanoutMeasurement[]): string {
  const rows = [columns.map(([heading]) => heading), ...measurements.map((m) => columns.map(([, show]) => show(m)))];
  const widths = columns.map((_, i) => Math.max(...rows.map((row) => row[i]?.length ?? 0)));
  const line = (row: string[]): string => `| ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const [header, ...body] = rows;
  return [line(header ?? []), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

/** Problems a reader of the figures must know about: lost readers, refused connections, closes. */
export function fanoutWarnings(measurements: FanoutMeasurement[]): string[] {
  return measurements.flatMap((m) => {
    const where = `${m.scenario} ${m.server} round ${m.round}`;
    const warnings: string[] = [];
    if (m.readerConnectFailures.length)
      warnings.push(
        `${where}: ${m.readerConnectFailures.length} reader(s) failed: ${[...new Set(m.readerConnectFailures)].join('; ')}`,
      );
    if (m.readersClosedByServer)
      warnings.push(`${where}: the server closed ${m.readersClosedByServer} reader connection(s)`);
    if (m.writerConnectionCloses)
      warnings.push(`${where}: writer connections closed ${m.writerConnectionCloses} time(s)`);
    if (m.otherCpuPercent > 20)
      warnings.push(
        `${where}: other processes used ${m.otherCpuPercent.toFixed(0)}% of a core meanwhile; the machine was not quiet`,
      );
    if (m.readerEventLoopUtilization.some((u) => u > 0.9))
      warnings.push(`${where}: a reader thread was over 90% busy, so latencies include client queueing`);
    return warnings;
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
}

/** Accord against the reference per scenario, on the p99 the requirement is about. */
export interface P99Comparison {
  scenario: string;
  /** Median over rounds of each server's p99, in ms. */
  p99: Partial<Record<ServerName, number>>;
  /** The same with the warm-up keystrokes counted (see {@link FanoutMeasurement.fromFirstKeystroke}). */
  p99FromStart: Partial<Record<ServerName, number>>;
  /** Rounds in which Accord's p99 was at most the reference's (same round, same schedule). */
  accordNoSlowerRounds: number;
  rounds: number;
}

/** Pairs each round's Accord and reference measurement of a scenario and compares their p99. */
export function compareP99(measurements: FanoutMeasurement[]): P99Comparison[] {
  const scenarios = [...new Set(measurements.map((m) => m.scenario))];
  return scenarios.map((scenario) => {
    const of = (server: ServerName): FanoutMeasurement[] =>
      measurements.filter((m) => m.scenario === scenario && m.server === server);
    const accord = of('accord');
    const reference = of('reference');
    let accordNoSlowerRounds = 0;
    let rounds = 0;
    for (const a of accord) {
      const r = reference.find((m) => m.round === a.round);
      if (!r) continue;
      rounds++;
      if (a.latency.p99 <= r.latency.p99) accordNoSlowerRounds++;
    }
    const p99: Partial<Record<ServerName, number>> = {};
    const p99FromStart: Partial<Record<ServerName, number>> = {};
    if (accord.length) {
      p99.accord = median(accord.map((m) => m.latency.p99));
      p99FromStart.accord = median(accord.map((m) => m.fromFirstKeystroke.p99));
    }
    if (reference.length) {
      p99.reference = median(reference.map((m) => m.latency.p99));
      p99FromStart.reference = median(reference.map((m) => m.fromFirstKeystroke.p99));
    }
    return { scenario, p99, p99FromStart, accordNoSlowerRounds, rounds };
  });
}

/** One line per scenario saying whether Accord met "no slower than the reference at p99". */
export function formatP99Comparison(comparisons: P99Comparison[]): string[] {
  return comparisons
    .filter((c) => c.p99.accord !== undefined && c.p99.reference !== undefined)
    .map((c) => {
      const accord = c.p99.accord ?? Number.NaN;
      const reference = c.p99.reference ?? Number.NaN;
      const startAccord = ms(c.p99FromStart.accord ?? Number.NaN);
      const startReference = ms(c.p99FromStart.reference ?? Number.NaN);
      const fromStart = `from the first keystroke, warm-up included: accord ${startAccord} ms vs reference ${startReference} ms`;
      const ratio = (accord / reference).toFixed(2);
      return (
        `${c.scenario}: p99 accord ${ms(accord)} ms vs reference ${ms(reference)} ms (×${ratio}); ` +
        `accord no slower in ${c.accordNoSlowerRounds}/${c.rounds} round(s); ${fromStart}`
      );
    });
}
