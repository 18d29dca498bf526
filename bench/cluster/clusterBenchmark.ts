/**
 * Fan-out through several instances (`npm run bench -- --only cluster`): the fan-out benchmark's
 * workload (10 writers, 200 readers on one draft by default) against one compiled Accord instance
 * and against three that share PostgreSQL and Redis, in the same run. Both use PostgreSQL (a
 * fresh database each time), so what differs is the number of instances and the relay between
 * them. Writers and readers are spread round robin over the instances' ports, as a balancer
 * without affinity would spread them; a keystroke reaches a reader on another instance through
 * PostgreSQL (stored first) and Redis (then announced).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildServer } from '../../scripts/buildServer';
import { FANOUT_SCENARIOS, type FanoutSettings, scenarioSettings } from '../fanout/FanoutScenario';
import { runFanoutScenario } from '../fanout/runFanoutScenario';
import { workingTree } from '../servers/accordCheckout';
import { accordCluster, type ClusterShape } from '../servers/accordCluster';
import { machineInfo } from '../servers/machineInfo';
import { waitForQuietMachine } from '../servers/waitForQuietMachine';
import { type ClusterMeasurement, compareShapes, formatClusterTable } from './clusterReport';

/** The deployments the benchmark knows, by the name `--shapes` takes. */
export const CLUSTER_SHAPES: Record<string, ClusterShape> = {
  '1': { instances: 1, redis: false },
  '1+redis': { instances: 1, redis: true },
  '3': { instances: 3, redis: true },
};

/** What `npm run bench` passes to the cluster benchmark. */
export interface ClusterOptions {
  quick: boolean;
  rounds: number;
  /** Names from {@link CLUSTER_SHAPES}; empty means `1` and `3`. */
  shapes: string[];
  /** Fan-out scenario names; empty means `10x200`. */
  scenarios: string[];
  overrides: Partial<FanoutSettings>;
  outDir: string;
  serverCpuProfileDir: string | undefined;
}

/**
 * Runs every round, scenario and shape (a fresh database and fresh processes each, the order of
 * the shapes alternating between rounds), prints a table and the comparison, and writes them as
 * JSON under `outDir`. A measurement that fails is reported and the others still run.
 */
export async function runClusterBenchmark(options: ClusterOptions): Promise<{ failures: string[] }> {
  const startedAt = new Date().toISOString();
  const root = path.resolve(import.meta.dirname, '../..');
  const checkout = await workingTree(root);
  await buildServer();
  const shapes = options.shapes.length ? options.shapes : ['1', '3'];
  const scenarios = FANOUT_SCENARIOS.filter((s) =>
    (options.scenarios.length ? options.scenarios : ['10x200']).includes(s.name),
  );
  const profile = options.serverCpuProfileDir ? { cpuProfileDir: options.serverCpuProfileDir } : {};
  console.log(
    `cluster: ${scenarios.map((s) => s.name).join(', ')} × ${shapes.map((s) => `${s} instance(s)`).join(', ')}, ` +
      `${options.rounds} round(s); accord compiled from the ${checkout.label}, on PostgreSQL`,
  );
  const measurements: ClusterMeasurement[] = [];
  const failures: string[] = [];
  await mkdir(options.outDir, { recursive: true });
  const file = path.join(options.outDir, `cluster-${startedAt.replace(/[:.]/g, '-')}.json`);
  const save = (): Promise<void> =>
    writeFile(
      file,
      `${JSON.stringify({ benchmark: 'cluster', startedAt, machine: machineInfo(), accord: checkout.label, options, measurements, failures }, null, 2)}\n`,
    );
  for (let round = 1; round <= options.rounds; round++) {
    for (const scenario of scenarios) {
      const settings = scenarioSettings(scenario, options.quick, options.overrides);
      const order = round % 2 === 1 ? shapes : [...shapes].reverse();
      for (const shape of order) {
        const { instances, redis } = CLUSTER_SHAPES[shape]!;
        const busy = await waitForQuietMachine(settings.maxOtherCpuPercent, 2000, settings.quietWaitMs);
        if (busy > settings.maxOtherCpuPercent)
          console.log(`cluster: the machine is still busy (${busy.toFixed(0)}% of a core); measuring anyway`);
        process.stdout.write(`cluster: round ${round}, ${scenario.name}, ${shape} … `);
        try {
          const cluster = accordCluster(checkout.root, { instances, redis }, profile);
          const m = {
            ...(await runFanoutScenario(cluster, scenario, settings, round)),
            attempts: 1,
            shape,
            instances,
            redis,
          };
          measurements.push(m);
          console.log(
            `p50 ${m.latency.p50.toFixed(2)} ms, p99 ${m.latency.p99.toFixed(2)} ms, delivered ${(m.deliveredShare * 100).toFixed(2)}%, ` +
              `other CPU ${m.otherCpuPercent.toFixed(0)}%`,
          );
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          console.log(`failed: ${message}`);
          failures.push(`${scenario.name} ${shape} round ${round}: ${message}`);
        }
        await save();
      }
    }
  }
  console.log(`\n${formatClusterTable(measurements)}\n`);
  for (const line of compareShapes(measurements)) console.log(line);
  for (const m of measurements) {
    if (m.readerConnectFailures.length)
      console.warn(`warning: ${m.shape} round ${m.round}: ${m.readerConnectFailures.length} reader(s) failed`);
    if (m.readersClosedByServer)
      console.warn(`warning: ${m.shape} round ${m.round}: the server closed ${m.readersClosedByServer} reader(s)`);
    if (m.otherCpuPercent > 20)
      console.warn(
        `warning: ${m.shape} round ${m.round}: other processes used ${m.otherCpuPercent.toFixed(0)}% of a core`,
      );
  }
  for (const failure of failures) console.error(`failed: ${failure}`);
  console.log(`\ncluster: results written to ${path.relative(process.cwd(), file)}`);
  return { failures };
}
