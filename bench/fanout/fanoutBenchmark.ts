import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type AccordCheckout, compileServer, snapshotOf, workingTree } from '../servers/accordCheckout';
import { accordServer } from '../servers/accordServer';
import { machineInfo } from '../servers/machineInfo';
import { referenceServer } from '../servers/referenceServer';
import type { ServerName, ServerUnderTest } from '../servers/ServerUnderTest';
import { waitForQuietMachine } from '../servers/waitForQuietMachine';
import { FANOUT_SCENARIOS, type FanoutScenario, type FanoutSettings, scenarioSettings } from './FanoutScenario';
import { compareP99, fanoutWarnings, formatFanoutTable, formatP99Comparison } from './fanoutReport';
import { type FanoutMeasurement, runFanoutScenario } from './runFanoutScenario';

/** What `npm run bench` passes to the fan-out benchmark. */
export interface FanoutOptions {
  quick: boolean;
  rounds: number;
  servers: ServerName[];
  /** Scenario names from {@link FANOUT_SCENARIOS}; empty means all. */
  scenarios: string[];
  /** Overrides of the quick or full settings. */
  overrides: Partial<FanoutSettings>;
  /** Directory the JSON results are written to. */
  outDir: string;
  /** A git ref of Accord to benchmark instead of the working tree (a read-only snapshot). */
  accordRef: string | undefined;
  /** Where the server processes write CPU profiles (`--cpu-prof`), if anywhere. */
  serverCpuProfileDir: string | undefined;
}

/** A measurement that could not be taken; the others still are, and the run exits non-zero. */
export interface FanoutFailure {
  scenario: string;
  server: ServerName;
  round: number;
  error: string;
}

/**
 * Takes one measurement once the machine is idle, again while other processes used more CPU than
 * the settings allow, and keeps the attempt during which the machine was quietest.
 */
async function measureQuietly(
  server: ServerUnderTest,
  scenario: FanoutScenario,
  settings: FanoutSettings,
  round: number,
): Promise<FanoutMeasurement> {
  let best: FanoutMeasurement | undefined;
  for (let attempt = 1; attempt <= settings.maxAttempts; attempt++) {
    const busy = await waitForQuietMachine(settings.maxOtherCpuPercent, 2000, settings.quietWaitMs);
    if (busy > settings.maxOtherCpuPercent)
      console.log(`fanout: the machine is still busy (${busy.toFixed(0)}% of a core); measuring anyway`);
    process.stdout.write(
      `fanout: round ${round}, ${scenario.name}, ${server.name}${attempt > 1 ? ` (attempt ${attempt})` : ''} … `,
    );
    const measurement = { ...(await runFanoutScenario(server, scenario, settings, round)), attempts: attempt };
    console.log(
      `p50 ${measurement.latency.p50.toFixed(2)} ms, p99 ${measurement.latency.p99.toFixed(2)} ms, ` +
        `delivered ${(measurement.deliveredShare * 100).toFixed(2)}%, other CPU ${measurement.otherCpuPercent.toFixed(0)}%`,
    );
    if (!best || measurement.otherCpuPercent < best.otherCpuPercent) best = measurement;
    if (measurement.otherCpuPercent <= settings.maxOtherCpuPercent) break;
  }
  if (!best) throw new Error('maxAttempts must be at least 1');
  return best;
}

/**
 * The fan-out benchmark: for each round and scenario, Accord and the reference server each get a
 * fresh process and the same typing schedule, one after the other, their order alternating
 * between scenarios and rounds so neither always runs on a warmer machine. Prints a table and
 * the p99 comparison, writes everything to a JSON file, and returns the measurements. A
 * measurement that fails is reported and skipped, so one broken server does not lose the rest.
 */
export async function runFanoutBenchmark(
  options: FanoutOptions,
): Promise<{ measurements: FanoutMeasurement[]; failures: FanoutFailure[] }> {
  const startedAt = new Date().toISOString();
  const repoRoot = path.resolve(import.meta.dirname, '../..');
  const accord = options.accordRef ? await snapshotOf(repoRoot, options.accordRef) : await workingTree(repoRoot);
  try {
    return await runAll(options, accord, startedAt);
  } finally {
    await accord.remove();
  }
}

/** Every round, scenario and server of one run, against one checkout of Accord. */
async function runAll(
  options: FanoutOptions,
  accord: AccordCheckout,
  startedAt: string,
): Promise<{ measurements: FanoutMeasurement[]; failures: FanoutFailure[] }> {
  const scenarios = FANOUT_SCENARIOS.filter(
    (s) => options.scenarios.length === 0 || options.scenarios.includes(s.name),
  );
  const settings = Object.fromEntries(
    scenarios.map((scenario) => [scenario.name, scenarioSettings(scenario, options.quick, options.overrides)]),
  );
  const settingsOf = (scenario: FanoutScenario): FanoutSettings => {
    const found = settings[scenario.name];
    if (!found) throw new Error(`no settings for scenario ${scenario.name}`);
    return found;
  };
  const profile = options.serverCpuProfileDir ? { cpuProfileDir: options.serverCpuProfileDir } : {};
  const compiled = await compileServer(accord);
  const servers: Record<ServerName, ServerUnderTest> = {
    accord: accordServer(accord.root, { ...profile, compiled }),
    reference: referenceServer(profile),
  };
  const available = options.servers.filter((name) => {
    const reason = servers[name].unavailable();
    if (reason) console.warn(`fanout: skipping ${name}: ${reason}`);
    return !reason;
  });
  console.log(
    `fanout: ${scenarios.map((s) => s.name).join(', ')} × ${available.join(', ')}, ${options.rounds} round(s); ` +
      `accord ${compiled ? 'compiled' : 'under tsx'} from the ${accord.label}`,
  );
  for (const scenario of scenarios) {
    const { warmupKeystrokes, keystrokesPerWriter, pace, settleMs, drainTimeoutMs } = settingsOf(scenario);
    console.log(
      `fanout: ${scenario.name}: ${warmupKeystrokes}+${keystrokesPerWriter} keystrokes per writer every ` +
        `${pace.minPauseMs}–${pace.maxPauseMs} ms; each server idle ${settleMs / 1000} s after starting; ` +
        `readers get ${drainTimeoutMs / 1000} s after the last keystroke`,
    );
  }

  const measurements: FanoutMeasurement[] = [];
  const failures: FanoutFailure[] = [];
  await mkdir(options.outDir, { recursive: true });
  const file = path.join(options.outDir, `fanout-${startedAt.replace(/[:.]/g, '-')}.json`);
  // Rewritten after every measurement, so an interrupted run keeps what it measured.
  const save = async (): Promise<void> => {
    const report = {
      benchmark: 'fanout',
      startedAt,
      machine: machineInfo(),
      accord: accord.label,
      options,
      settings,
      measurements,
      comparison: compareP99(measurements, scenarios),
      failures,
    };
    await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  };
  for (let round = 1; round <= options.rounds; round++) {
    for (const [index, scenario] of scenarios.entries()) {
      const order = (round + index) % 2 === 0 ? available : [...available].reverse();
      for (const name of order) {
        try {
          measurements.push(await measureQuietly(servers[name], scenario, settingsOf(scenario), round));
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          console.log(`failed: ${message}`);
          failures.push({ scenario: scenario.name, server: name, round, error: message });
        }
        await save();
      }
    }
  }

  console.log(`\n${formatFanoutTable(measurements)}\n`);
  for (const line of formatP99Comparison(compareP99(measurements, scenarios))) console.log(line);
  for (const warning of fanoutWarnings(measurements)) console.warn(`warning: ${warning}`);
  for (const failure of failures)
    console.error(`failed: ${failure.scenario} ${failure.server} round ${failure.round}: ${failure.error}`);
  console.log(`\nfanout: results written to ${path.relative(process.cwd(), file)}`);
  return { measurements, failures };
}
