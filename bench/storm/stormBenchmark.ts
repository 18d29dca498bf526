/**
 * The initial-sync storm (`npm run bench -- --only storm`): twenty people open a 2 MiB draft at
 * the same moment while another draft on the same server is busy (ten writers typing, fifty
 * readers reading). What matters is whether the busy draft's people notice: its
 * keystroke-to-reader p99 during the storm against its p99 when no storm is on (issue 20 asks for
 * at most twice), and how long the newcomers wait for the whole draft. The three seconds after
 * each storm (one with --quick; `guardMs`) are reported on their own ("after cold storms"), neither
 * storm nor idle: work a server leaves for after the newcomers are served (its copies of a draft
 * built, a draft stored as it unloads) shows there.
 * Accord runs compiled, as
 * `npm start` runs it (this working tree's server, built first as `npm run build` does); the
 * reference server (`@y/websocket-server`, documents in memory only) goes through the same
 * storms in the same run, for context. With `--accord-ref REF`, the server of commit REF, compiled
 * from a read-only snapshot, is measured beside the working tree's in the same run (before and
 * after a change to the server).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type AccordCheckout, compileServer, snapshotOf, workingTree } from '../servers/accordCheckout';
import { accordServer } from '../servers/accordServer';
import { machineInfo } from '../servers/machineInfo';
import { referenceServer } from '../servers/referenceServer';
import type { ServerName, ServerUnderTest } from '../servers/ServerUnderTest';
import { waitForQuietMachine } from '../servers/waitForQuietMachine';
import { runStormScenario, type StormMeasurement } from './runStormScenario';
import { formatIdleAlike, formatStormTable, formatVerdicts, stormVerdicts, stormWarnings } from './stormReport';
import { FULL_STORM_SETTINGS, keystrokesPerWriter, QUICK_STORM_SETTINGS, type StormSettings } from './StormSettings';

/** What `npm run bench` passes to the storm benchmark. */
export interface StormOptions {
  quick: boolean;
  rounds: number;
  servers: ServerName[];
  overrides: Partial<StormSettings>;
  outDir: string;
  /** Where the server processes write CPU profiles (`--cpu-prof`), if anywhere. */
  serverCpuProfileDir: string | undefined;
  /** A git ref of Accord whose compiled server is measured as well, beside the working tree's. */
  accordRef: string | undefined;
  /** Node flags for every Accord server process (the working tree's and the commit's alike). */
  accordNodeArgs: string[];
}

/**
 * Runs every round against every server (a fresh process each, the order alternating between
 * rounds), prints a table and the verdicts, and writes them as JSON under `outDir`. A measurement
 * that fails is reported and the others still run.
 */
export async function runStormBenchmark(options: StormOptions): Promise<{ failures: string[] }> {
  const startedAt = new Date().toISOString();
  const settings = { ...(options.quick ? QUICK_STORM_SETTINGS : FULL_STORM_SETTINGS), ...options.overrides };
  const root = path.resolve(import.meta.dirname, '../..');
  const checkout = await workingTree(root);
  const snapshot = options.accordRef ? await snapshotOf(root, options.accordRef) : undefined;
  try {
    await compileServer(checkout);
    if (snapshot) await compileServer(snapshot);
    return await runAll(options, settings, checkout, snapshot, startedAt);
  } finally {
    await snapshot?.remove();
  }
}

async function runAll(
  options: StormOptions,
  settings: StormSettings,
  checkout: AccordCheckout,
  snapshot: AccordCheckout | undefined,
  startedAt: string,
): Promise<{ failures: string[] }> {
  const profile = options.serverCpuProfileDir ? { cpuProfileDir: options.serverCpuProfileDir } : {};
  // A cold storm needs the large draft unloaded once its last person has left, not ten seconds later.
  const accord = {
    compiled: true,
    env: { DRAFT_UNLOAD_AFTER_SECONDS: '0' },
    nodeArgs: options.accordNodeArgs,
    ...profile,
  };
  const kinds: Record<ServerName, ServerUnderTest> = {
    accord: accordServer(checkout.root, accord),
    reference: referenceServer(profile),
  };
  const servers = new Map<string, ServerUnderTest>(options.servers.map((name) => [name, kinds[name]]));
  if (snapshot) servers.set(`accord ${snapshot.label.split(' ').at(-1)}`, accordServer(snapshot.root, accord));
  const available = [...servers.keys()].filter((name) => {
    const reason = servers.get(name)?.unavailable();
    if (reason) console.warn(`storm: skipping ${name}: ${reason}`);
    return !reason;
  });
  console.log(
    `storm: ${settings.joiners} joiners × ${settings.storms} storms every ${settings.stormIntervalMs / 1000} s, while ` +
      `${settings.writers} writers type ${keystrokesPerWriter(settings)} keystrokes each (${settings.warmupKeystrokes} warm-up) ` +
      `to ${settings.readers} readers; ${available.join(', ')}, ${options.rounds} round(s); accord compiled from the ${checkout.label}` +
      (options.accordNodeArgs.length ? ` and run with ${options.accordNodeArgs.join(' ')}` : ''),
  );

  const measurements: StormMeasurement[] = [];
  const failures: string[] = [];
  await mkdir(options.outDir, { recursive: true });
  const file = path.join(options.outDir, `storm-${startedAt.replace(/[:.]/g, '-')}.json`);
  const save = (): Promise<void> => {
    const server = { accord: checkout.label, accordNodeArgs: options.accordNodeArgs };
    const run = { benchmark: 'storm', startedAt, machine: machineInfo(), ...server, settings, measurements, failures };
    return writeFile(file, `${JSON.stringify(run, null, 2)}\n`);
  };
  for (let round = 1; round <= options.rounds; round++) {
    const order = round % 2 === 1 ? available : [...available].reverse();
    for (const name of order) {
      const busy = await waitForQuietMachine(settings.maxOtherCpuPercent, 2000, settings.quietWaitMs);
      if (busy > settings.maxOtherCpuPercent)
        console.log(`storm: the machine is still busy (${busy.toFixed(0)}% of a core); measuring anyway`);
      process.stdout.write(`storm: round ${round}, ${name} … `);
      try {
        const m = await runStormScenario(servers.get(name)!, name, settings, round);
        measurements.push(m);
        const synced = m.storms.map((s) => s.allSyncedMs.toFixed(0)).join(', ');
        console.log(
          `idle p99 ${m.idle.latency.p99.toFixed(2)} ms; storms p99 ${m.storms.map((s) => s.latency.p99.toFixed(1)).join(', ')} ms; ` +
            `all joiners synced after ${synced} ms; draft ${m.bigDraft.stateBytes} bytes; other CPU ${m.otherCpuPercent.toFixed(0)}%`,
        );
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        console.log(`failed: ${message}`);
        failures.push(`${name} round ${round}: ${message}`);
      }
      await save();
    }
  }

  console.log(`\n${formatStormTable(measurements)}\n`);
  for (const line of formatVerdicts(stormVerdicts(measurements))) console.log(line);
  for (const line of formatIdleAlike(measurements)) console.log(line);
  for (const warning of stormWarnings(measurements)) console.warn(`warning: ${warning}`);
  for (const failure of failures) console.error(`failed: ${failure}`);
  console.log(`\nstorm: results written to ${path.relative(process.cwd(), file)}`);
  return { failures };
}
