import type { ServerName } from '../servers/ServerUnderTest';
import type { FanoutScenario } from './FanoutScenario';
import type { FanoutMeasurement } from './runFanoutScenario';
import { type Column, formatTable, median } from '../tables';

const ms = (value: number): string => (Number.isNaN(value) ? '—' : value < 10 ? value.toFixed(2) : value.toFixed(1));
const percent = (value: number, digits = 0): string => (Number.isNaN(value) ? '—' : `${value.toFixed(digits)}%`);

/** Columns of the console table, in order: heading and how to show a measurement. */
const columns: Column<FanoutMeasurement>[] = [
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
  ['reader ELU', (m) => m.readerEventLoopUtilization.map((u) => (Number.isNaN(u) ? '—' : u.toFixed(2))).join('/')],
  ['server RSS', (m) => `${m.serverPeakRssMiB.toFixed(0)} MiB`],
];

/** A plain-text table of measurements, aligned for a terminal and pasteable into Markdown. */
export function formatFanoutTable(measurements: FanoutMeasurement[]): string {
  return formatTable(columns, measurements);
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

/** Accord against the reference per scenario, on the p99 and the delivery the requirements are about. */
export interface P99Comparison {
  scenario: string;
  /** Median over rounds of each server's p99, in ms (over the pairs that were delivered). */
  p99: Partial<Record<ServerName, number>>;
  /** The same with the warm-up keystrokes counted (see {@link FanoutMeasurement.fromFirstKeystroke}). */
  p99FromStart: Partial<Record<ServerName, number>>;
  /** Lowest share of (keystroke, reader) pairs delivered in any round, per server. */
  delivered: Partial<Record<ServerName, number>>;
  /** Rounds in which Accord's p99 was at most the reference's (same round, same schedule). */
  accordNoSlowerRounds: number;
  rounds: number;
  /** The scenario's p99 target for Accord, and in how many of Accord's rounds it was met with everything delivered. */
  target?: { p99Ms: number; metRounds: number; accordRounds: number };
}

/**
 * Pairs each round's Accord and reference measurement of a scenario and compares their p99 and
 * what they delivered; for a scenario with a p99 target, counts the Accord rounds that met it.
 */
export function compareP99(
  measurements: FanoutMeasurement[],
  scenarios: readonly FanoutScenario[] = [],
): P99Comparison[] {
  const names = [...new Set(measurements.map((m) => m.scenario))];
  return names.map((scenario) => {
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
    const delivered: Partial<Record<ServerName, number>> = {};
    for (const [server, ofServer] of [
      ['accord', accord],
      ['reference', reference],
    ] as const) {
      if (!ofServer.length) continue;
      p99[server] = median(ofServer.map((m) => m.latency.p99));
      p99FromStart[server] = median(ofServer.map((m) => m.fromFirstKeystroke.p99));
      delivered[server] = Math.min(...ofServer.map((m) => m.deliveredShare));
    }
    const p99Ms = scenarios.find((s) => s.name === scenario)?.p99TargetMs;
    const target =
      p99Ms === undefined || !accord.length
        ? undefined
        : {
            p99Ms,
            metRounds: accord.filter((m) => m.latency.p99 < p99Ms && m.deliveredPairs === m.expectedPairs).length,
            accordRounds: accord.length,
          };
    return { scenario, p99, p99FromStart, delivered, accordNoSlowerRounds, rounds, ...(target && { target }) };
  });
}

/** A delivered share for people: `100%` only when nothing was lost, otherwise two decimals (`99.98%`). */
function deliveredPercent(share: number | undefined): string {
  if (share === undefined || Number.isNaN(share)) return '—';
  return share === 1 ? '100%' : `${Math.min(99.99, share * 100).toFixed(2)}%`;
}

/**
 * One line per scenario saying whether Accord met "no slower than the reference at p99", with
 * what each delivered, and one more for a scenario whose target Accord was measured against.
 */
export function formatP99Comparison(comparisons: P99Comparison[]): string[] {
  return comparisons.flatMap((c) => {
    const lines: string[] = [];
    if (c.p99.accord !== undefined && c.p99.reference !== undefined) {
      const accord = c.p99.accord;
      const reference = c.p99.reference;
      const startAccord = ms(c.p99FromStart.accord ?? Number.NaN);
      const startReference = ms(c.p99FromStart.reference ?? Number.NaN);
      const fromStart = `from the first keystroke, warm-up included: accord ${startAccord} ms vs reference ${startReference} ms`;
      const ratio = (accord / reference).toFixed(2);
      const delivered = `delivered (lowest round) accord ${deliveredPercent(c.delivered.accord)} vs reference ${deliveredPercent(c.delivered.reference)}`;
      lines.push(
        `${c.scenario}: p99 accord ${ms(accord)} ms vs reference ${ms(reference)} ms (×${ratio}); ` +
          `accord no slower in ${c.accordNoSlowerRounds}/${c.rounds} round(s); ${delivered}; ${fromStart}`,
      );
    }
    if (c.target) {
      const { p99Ms, metRounds, accordRounds } = c.target;
      lines.push(
        `${c.scenario}: target for accord, p99 under ${p99Ms} ms with 100% delivered: ` +
          `${metRounds === accordRounds ? 'met' : 'NOT met'} in ${metRounds}/${accordRounds} round(s)`,
      );
    }
    return lines;
  });
}
