import type { FanoutMeasurement } from '../fanout/runFanoutScenario';
import { type Column, formatTable, median } from '../tables';

/** One fan-out measurement against one shape of deployment. */
export interface ClusterMeasurement extends FanoutMeasurement {
  /** The deployment: `1` (one instance), `1+redis`, `3` (three instances sharing Redis)... */
  shape: string;
  instances: number;
  redis: boolean;
}

const ms = (value: number): string => (Number.isNaN(value) ? '—' : value < 10 ? value.toFixed(2) : value.toFixed(1));
const percent = (value: number, digits = 0): string => (Number.isNaN(value) ? '—' : `${value.toFixed(digits)}%`);

const columns: Column<ClusterMeasurement>[] = [
  ['scenario', (m) => m.scenario],
  ['instances', (m) => `${m.instances}${m.redis ? ' + Redis' : ''}`],
  ['round', (m) => String(m.round)],
  ['p50 ms', (m) => ms(m.latency.p50)],
  ['p95 ms', (m) => ms(m.latency.p95)],
  ['p99 ms', (m) => ms(m.latency.p99)],
  ['max ms', (m) => ms(m.latency.max)],
  ['p99 from start ms', (m) => ms(m.fromFirstKeystroke.p99)],
  ['delivered', (m) => `${percent(m.deliveredShare * 100, 2)} of ${m.expectedPairs}`],
  ['Accord CPU', (m) => percent(m.serverCpuPercent)],
  ['PostgreSQL + Redis CPU', (m) => percent(m.helperCpuPercent)],
  ['harness CPU', (m) => percent(m.harnessCpuPercent)],
  ['other CPU', (m) => percent(m.otherCpuPercent)],
  ['reader ELU', (m) => m.readerEventLoopUtilization.map((u) => (Number.isNaN(u) ? '—' : u.toFixed(2))).join('/')],
  ['Accord RSS', (m) => `${m.serverPeakRssMiB.toFixed(0)} MiB`],
];

/** A plain-text table of the measurements, pasteable into Markdown. CPU in % of one core, every instance together. */
export function formatClusterTable(measurements: ClusterMeasurement[]): string {
  return formatTable(columns, measurements);
}

/**
 * One line per scenario and shape after the first: its median p99 and p50 over rounds against the
 * first shape's, and the lowest share delivered in any round.
 */
export function compareShapes(measurements: ClusterMeasurement[]): string[] {
  const scenarios = [...new Set(measurements.map((m) => m.scenario))];
  return scenarios.flatMap((scenario) => {
    const ofScenario = measurements.filter((m) => m.scenario === scenario);
    const shapes = [...new Set(ofScenario.map((m) => m.shape))];
    const summary = (shape: string) => {
      const of = ofScenario.filter((m) => m.shape === shape);
      return {
        p99: median(of.map((m) => m.latency.p99)),
        p50: median(of.map((m) => m.latency.p50)),
        delivered: Math.min(...of.map((m) => m.deliveredShare)),
        rounds: of.length,
      };
    };
    const base = summary(shapes[0]!);
    const delivered = (share: number): string => (share === 1 ? '100%' : `${Math.min(99.99, share * 100).toFixed(2)}%`);
    return shapes.slice(1).map((shape) => {
      const other = summary(shape);
      return (
        `${scenario}: ${shape} against ${shapes[0]} (median of ${other.rounds} and ${base.rounds} round(s)): ` +
        `p99 ${ms(other.p99)} vs ${ms(base.p99)} ms (×${(other.p99 / base.p99).toFixed(2)}), ` +
        `p50 ${ms(other.p50)} vs ${ms(base.p50)} ms; delivered (lowest round) ${delivered(other.delivered)} vs ${delivered(base.delivered)}`
      );
    });
  });
}
