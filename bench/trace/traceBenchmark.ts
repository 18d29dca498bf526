import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatCount, MAX_CLAUSE_CHARACTERS } from '../../shared/limits';
import { compileServer, snapshotOf, workingTree } from '../servers/accordCheckout';
import { accordServer } from '../servers/accordServer';
import { machineInfo } from '../servers/machineInfo';
import { referenceServer } from '../servers/referenceServer';
import type { ServerName, ServerUnderTest } from '../servers/ServerUnderTest';
import { waitForQuietMachine } from '../servers/waitForQuietMachine';
import { readEditingTrace } from './editingTrace';
import { planReplay } from './replayPlan';
import { runTraceReplay, type TraceMeasurement } from './runTraceReplay';
import { clauseLimitWarning, compareCpu, formatCpuComparison, formatTraceTable, traceWarnings } from './traceReport';
import { FULL_TRACE_SETTINGS, QUICK_TRACE_SETTINGS, type TraceSettings } from './TraceSettings';

/**
 * Where the trace is looked for unless `--trace-file` says otherwise: the project's shared data,
 * beside the repository (`../shared/bench-data/`). It is not copied into the repository.
 */
export const DEFAULT_TRACE_FILE = path.resolve(import.meta.dirname, '../../../shared/bench-data/seph-blog1.json.gz');

/** What `npm run bench` passes to the trace benchmark. */
export interface TraceOptions {
  quick: boolean;
  rounds: number;
  servers: ServerName[];
  traceFile: string;
  overrides: Partial<TraceSettings>;
  outDir: string;
  /** A git ref of Accord to benchmark instead of the working tree (a read-only snapshot). */
  accordRef: string | undefined;
  serverCpuProfileDir: string | undefined;
}

/** A replay that could not be measured; the others still are, and the run exits non-zero. */
export interface TraceFailure {
  server: ServerName;
  round: number;
  error: string;
}

/**
 * The trace benchmark: replays a real editing trace through one y-websocket client into one
 * clause of a draft, against Accord and against the reference, each started fresh, one after
 * the other (their order alternating between rounds), and compares the servers' CPU per update.
 * Skips with a sentence when the trace file is absent. Prints a table and the comparison, writes
 * everything to a JSON file, and returns the measurements and failures; a wrong text is a failure.
 */
export async function runTraceBenchmark(
  options: TraceOptions,
): Promise<{ measurements: TraceMeasurement[]; failures: TraceFailure[]; skipped?: string }> {
  if (!existsSync(options.traceFile)) {
    const skipped =
      `no editing trace at ${options.traceFile}; pass --trace-file PATH (seph-blog1.json.gz from the ` +
      'josephg/editing-traces collection, CC BY 4.0)';
    console.warn(`trace: skipped: ${skipped}`);
    return { measurements: [], failures: [], skipped };
  }
  const settings: TraceSettings = {
    ...(options.quick ? QUICK_TRACE_SETTINGS : FULL_TRACE_SETTINGS),
    ...options.overrides,
  };
  const trace = await readEditingTrace(options.traceFile);
  const plan = planReplay(trace, settings.transactions);
  const repoRoot = path.resolve(import.meta.dirname, '../..');
  const accord = options.accordRef ? await snapshotOf(repoRoot, options.accordRef) : await workingTree(repoRoot);
  const startedAt = new Date().toISOString();
  try {
    const profile = options.serverCpuProfileDir ? { cpuProfileDir: options.serverCpuProfileDir } : {};
    const compiled = await compileServer(accord);
    const servers: Record<ServerName, ServerUnderTest> = {
      accord: accordServer(accord.root, { ...profile, compiled }),
      reference: referenceServer(profile),
    };
    const available = options.servers.filter((name) => {
      const reason = servers[name].unavailable();
      if (reason) console.warn(`trace: skipping ${name}: ${reason}`);
      return !reason;
    });
    console.log(
      `trace: ${path.basename(options.traceFile)}, ${formatCount(plan.transactions.length)} of ` +
        `${formatCount(plan.traceTransactions)} transactions, at most ${settings.window} in flight; ` +
        `${available.join(', ')}, ${options.rounds} round(s); each server idle ${settings.settleMs / 1000} s ` +
        `after starting; accord ${compiled ? 'compiled' : 'under tsx'} from the ${accord.label}`,
    );
    const warning = clauseLimitWarning(plan, MAX_CLAUSE_CHARACTERS);
    if (warning) console.warn(`trace: warning: ${warning}`);

    const measurements: TraceMeasurement[] = [];
    const failures: TraceFailure[] = [];
    await mkdir(options.outDir, { recursive: true });
    const file = path.join(options.outDir, `trace-${startedAt.replace(/[:.]/g, '-')}.json`);
    // Rewritten after every measurement, so an interrupted run keeps what it measured.
    const save = async (): Promise<void> => {
      const report = {
        benchmark: 'trace',
        startedAt,
        machine: machineInfo(),
        accord: accord.label,
        traceFile: options.traceFile,
        traceTransactions: plan.traceTransactions,
        options,
        settings,
        measurements,
        comparison: compareCpu(measurements),
        failures,
      };
      await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
    };
    for (let round = 1; round <= options.rounds; round++) {
      const order = round % 2 === 0 ? available : [...available].reverse();
      for (const name of order) {
        const busy = await waitForQuietMachine(settings.maxOtherCpuPercent, 2000, settings.quietWaitMs);
        if (busy > settings.maxOtherCpuPercent)
          console.log(`trace: the machine is still busy (${busy.toFixed(0)}% of a core); measuring anyway`);
        process.stdout.write(`trace: round ${round}, ${name} … `);
        try {
          const measurement = await runTraceReplay(servers[name], plan, settings, round);
          measurements.push(measurement);
          console.log(
            `${measurement.cpuPerUpdateUs.toFixed(1)} µs of server CPU per update, ` +
              `${measurement.wallSeconds.toFixed(1)} s, text ${measurement.correct ? 'exact' : 'WRONG'}`,
          );
          if (!measurement.correct) {
            failures.push({ server: name, round, error: `wrong text: ${measurement.mismatch ?? 'no detail'}` });
          }
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          console.log(`failed: ${message}`);
          failures.push({ server: name, round, error: message });
        }
        await save();
      }
    }

    console.log(`\n${formatTraceTable(measurements)}\n`);
    for (const line of formatCpuComparison(compareCpu(measurements))) console.log(line);
    for (const each of traceWarnings(measurements)) console.warn(`warning: ${each}`);
    for (const failure of failures) console.error(`failed: ${failure.server} round ${failure.round}: ${failure.error}`);
    console.log(`\ntrace: results written to ${path.relative(process.cwd(), file)}`);
    return { measurements, failures };
  } finally {
    await accord.remove();
  }
}
