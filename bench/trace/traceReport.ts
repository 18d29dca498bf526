import { formatCount } from '../../shared/limits';
import type { ServerName } from '../servers/ServerUnderTest';
import { firstTransactionOver, peakCodePoints, type ReplayPlan } from './replayPlan';
import type { TraceMeasurement } from './runTraceReplay';
import { type Column, formatTable, median } from '../tables';

const us = (value: number): string => (Number.isNaN(value) ? '—' : value < 100 ? value.toFixed(1) : value.toFixed(0));

/** Columns of the console table, in order: heading and how to show a measurement. */
const columns: Column<TraceMeasurement>[] = [
  ['server', (m) => m.server],
  ['round', (m) => String(m.round)],
  ['transactions', (m) => String(m.transactions)],
  ['server CPU µs/update', (m) => us(m.cpuPerUpdateUs)],
  ['until last echo', (m) => us(m.cpuPerUpdateUsUntilLastEcho)],
  ['server CPU s', (m) => m.serverCpuSeconds.toFixed(2)],
  ['wall s', (m) => m.wallSeconds.toFixed(1)],
  ['server RSS', (m) => `${m.serverPeakRssMiB.toFixed(0)} MiB`],
  ['harness CPU', (m) => `${m.harnessCpuPercent.toFixed(0)}%`],
  ['other CPU', (m) => `${m.otherCpuPercent.toFixed(0)}%`],
  ['text', (m) => (m.correct ? 'exact' : 'WRONG')],
];

/** A plain-text table of measurements, aligned for a terminal and pasteable into Markdown. */
export function formatTraceTable(measurements: TraceMeasurement[]): string {
  return formatTable(columns, measurements);
}

/** The share of the reference's server CPU per update that the issue allows Accord. */
export const CPU_TARGET_SHARE = 0.5;

/** Accord against the reference on server CPU per update, over the rounds of one run. */
export interface CpuComparison {
  /** Median over rounds of each server's CPU per update, in µs. */
  cpuPerUpdateUs: Partial<Record<ServerName, number>>;
  /** Accord's median over the reference's. */
  ratio: number;
  /** Rounds in which Accord used at most {@link CPU_TARGET_SHARE} of the reference's CPU per update. */
  accordWithinTargetRounds: number;
  /** Rounds with both servers measured, both correct. */
  rounds: number;
  /** Every measurement's text was exactly the expected one. */
  allCorrect: boolean;
}

/**
 * Pairs each round's Accord and reference replay and compares their server CPU per update. A
 * round in which either server's text came out wrong is not compared: a server that dropped
 * changes would look cheap.
 */
export function compareCpu(measurements: TraceMeasurement[]): CpuComparison {
  const of = (server: ServerName): TraceMeasurement[] => measurements.filter((m) => m.server === server && m.correct);
  const accord = of('accord');
  const reference = of('reference');
  let accordWithinTargetRounds = 0;
  let rounds = 0;
  for (const a of accord) {
    const r = reference.find((m) => m.round === a.round);
    if (!r) continue;
    rounds++;
    if (a.cpuPerUpdateUs <= r.cpuPerUpdateUs * CPU_TARGET_SHARE) accordWithinTargetRounds++;
  }
  const cpuPerUpdateUs: Partial<Record<ServerName, number>> = {};
  if (accord.length) cpuPerUpdateUs.accord = median(accord.map((m) => m.cpuPerUpdateUs));
  if (reference.length) cpuPerUpdateUs.reference = median(reference.map((m) => m.cpuPerUpdateUs));
  return {
    cpuPerUpdateUs,
    ratio: (cpuPerUpdateUs.accord ?? Number.NaN) / (cpuPerUpdateUs.reference ?? Number.NaN),
    accordWithinTargetRounds,
    rounds,
    allCorrect: measurements.every((m) => m.correct),
  };
}

/** The comparison as the line printed after the table, or nothing when one server is missing. */
export function formatCpuComparison(comparison: CpuComparison): string[] {
  const { accord, reference } = comparison.cpuPerUpdateUs;
  if (accord === undefined || reference === undefined) return [];
  const met = comparison.accordWithinTargetRounds === comparison.rounds && comparison.rounds > 0;
  return [
    `trace: server CPU per update accord ${us(accord)} µs vs reference ${us(reference)} µs ` +
      `(×${comparison.ratio.toFixed(2)}); target at most ×${CPU_TARGET_SHARE} of the reference: ` +
      `${met ? 'met' : 'NOT met'}: within it in ${comparison.accordWithinTargetRounds} of ${comparison.rounds} round(s)`,
  ];
}

/** Problems a reader of the figures must know about, the wrong texts first. */
export function traceWarnings(measurements: TraceMeasurement[]): string[] {
  return measurements.flatMap((m) => {
    const where = `${m.server} round ${m.round}`;
    const warnings: string[] = [];
    if (!m.correct) warnings.push(`${where}: THE TEXT IS WRONG after the replay: ${m.mismatch ?? 'no detail'}`);
    if (!m.serverWentIdle)
      warnings.push(`${where}: the server was still busy when its CPU was read; the figure leaves out the rest`);
    if (m.writerConnectionCloses)
      warnings.push(`${where}: the writer's connection closed ${m.writerConnectionCloses} time(s)`);
    if (m.otherCpuPercent > 20)
      warnings.push(
        `${where}: other processes used ${m.otherCpuPercent.toFixed(0)}% of a core meanwhile; the machine was not quiet`,
      );
    return warnings;
  });
}

/**
 * Says, before any server starts, if the replayed text grows past `limit` characters per clause
 * (MAX_CLAUSE_CHARACTERS of this working tree): a server that enforces it refuses the replay there.
 */
export function clauseLimitWarning(plan: ReplayPlan, limit: number): string | undefined {
  const over = firstTransactionOver(plan, limit);
  if (over === undefined) return undefined;
  return (
    `the replayed text reaches ${formatCount(peakCodePoints(plan))} characters, over MAX_CLAUSE_CHARACTERS ` +
    `(${formatCount(limit)}, shared/limits.ts), at transaction ${formatCount(over + 1)}: ` +
    'a server that enforces the limit refuses the replay there'
  );
}
