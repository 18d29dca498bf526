/**
 * `npm run bench`: runs Accord's benchmarks and writes their results under `.bench-out/`.
 *
 *   npm run bench                                  every benchmark, full length
 *   npm run bench -- --only fanout                 only the fan-out benchmark
 *   npm run bench -- --only fanout --quick         a few seconds per measurement, to check the harness
 *   npm run bench -- --only fanout --rounds 3      repeat each measurement (order alternates)
 *   npm run bench -- --only fanout --servers reference --scenarios 10x200
 *   npm run bench -- --only fanout --scenarios 50x500 a plenary: 50 writers, 500 readers
 *   npm run bench -- --only trace                  replay the seph-blog1 editing trace, server CPU per update
 *   npm run bench -- --only trace --quick          its first 500 transactions, to check the harness
 *   npm run bench -- --only exports                export and compare of a 500-clause draft in every format
 *   npm run bench -- --only memory                 idle memory of one compiled instance, against the reference
 *   npm run bench -- --only storm                  20 people opening a 2 MiB draft while another draft is busy
 *   npm run bench -- --only typing                 per-keystroke browser time in drafts of 50 and 400 clauses (Chromium)
 *   npm run bench -- --only cluster                fan-out 10×200 through one instance and through three (PostgreSQL, Redis)
 *
 * Other flags of the fan-out benchmark: --keystrokes N (measured keystrokes per writer),
 * --warmup N (unmeasured ones before; default 100, reported apart as "p99 from start"), --pace MIN-MAX
 * (pause before each keystroke in ms; default 50-100, 2000-3000 in the plenary), --settle-ms N (idle time after a server starts, before the
 * clients connect; default 45000, 0 with --quick), --reader-workers N, --seed N, --max-other-cpu PERCENT and
 * --attempts N (retake a measurement while other processes were busy), --accord-ref REF
 * (benchmark a commit's server from a read-only snapshot instead of the working tree),
 * --profile-servers DIR (V8 CPU profiles of the server processes). The trace benchmark takes --trace-file PATH
 * (default ../shared/bench-data/seph-blog1.json.gz beside the repository), --trace-transactions N (replay only the
 * first N; 500 with --quick) and --trace-window N (transactions in flight, default 1), and --rounds, --servers,
 * --settle-ms, --max-other-cpu, --accord-ref and --profile-servers as above. The memory benchmark takes --rounds and
 * --settle-ms (default 45000, 0 with --quick). The storm benchmark takes --rounds, --servers, --settle-ms, --seed,
 * --max-other-cpu, --profile-servers and --accord-ref (a commit's compiled server beside the working tree's) as above,
 * --storms N, --guard-ms N (how long after a storm its aftermath is counted, and kept out of the idle figure; default
 * 3000, 1000 with --quick) and --accord-node-args="FLAGS" (Node flags for the Accord servers, e.g. V8 garbage collection flags).
 * The cluster benchmark takes --shapes 1,1+redis,3 (default 1,3), --scenarios and the fan-out flags
 * --keystrokes, --warmup, --pace, --settle-ms, --reader-workers, --seed, --max-other-cpu and --profile-servers; it needs
 * PostgreSQL (ACCORD_TEST_POSTGRES_URL, as the tests) and Redis (ACCORD_BENCH_REDIS_URL; both default to this machine's).
 * For every benchmark:
 * --priority N (nice value of the run, default -10) and --out DIR. Servers under test run in
 * their own processes on 127.0.0.1 only.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { runExportsBenchmark } from './exports';
import { runIdleMemoryBenchmark } from './idleMemory';
import { runStormBenchmark } from './storm/stormBenchmark';
import { CLUSTER_SHAPES, runClusterBenchmark } from './cluster/clusterBenchmark';
import { FANOUT_SCENARIOS, type FanoutSettings } from './fanout/FanoutScenario';
import { runFanoutBenchmark } from './fanout/fanoutBenchmark';
import { SERVER_NAMES } from './servers/ServerUnderTest';
import { DEFAULT_TRACE_FILE, runTraceBenchmark } from './trace/traceBenchmark';
import { runTypingBenchmark } from './typing';

const BENCHMARKS = ['fanout', 'trace', 'exports', 'memory', 'storm', 'cluster', 'typing'] as const;

/** A comma-separated flag (`--servers accord,reference`) as a list of allowed names. */
const list = <const T extends readonly [string, ...string[]]>(names: T) =>
  z.preprocess(
    (value) =>
      typeof value === 'string'
        ? value
            .split(',')
            .map((part) => part.trim())
            .filter(Boolean)
        : [],
    z.array(z.enum(names)),
  );

const positiveInt = z.coerce.number().int().positive();

/** The command line, validated; a typo stops the run with a sentence before any server starts. */
const flagsSchema = z.object({
  only: list(BENCHMARKS),
  quick: z.boolean().default(false),
  rounds: positiveInt.max(20).default(1),
  servers: list(SERVER_NAMES),
  scenarios: list(FANOUT_SCENARIOS.map((s) => s.name) as [string, ...string[]]),
  keystrokes: positiveInt.max(10_000).optional(),
  warmup: z.coerce.number().int().min(0).max(10_000).optional(),
  pace: z
    .string()
    .regex(/^\d+-\d+$/, 'expected MIN-MAX in milliseconds, e.g. 50-100')
    .transform((value) => {
      const [minPauseMs = 0, maxPauseMs = 0] = value.split('-').map(Number);
      return { minPauseMs, maxPauseMs };
    })
    .refine((pace) => pace.minPauseMs <= pace.maxPauseMs && pace.maxPauseMs > 0, 'MIN must be at most MAX, MAX above 0')
    .optional(),
  'settle-ms': z.coerce.number().int().min(0).max(600_000).optional(),
  'reader-workers': positiveInt.max(16).optional(),
  seed: positiveInt.optional(),
  'max-other-cpu': z.coerce.number().min(0).optional(),
  attempts: positiveInt.max(10).optional(),
  out: z.string().default('.bench-out'),
  'accord-ref': z.string().min(1).optional(),
  'profile-servers': z.string().min(1).optional(),
  'trace-file': z.string().min(1).default(DEFAULT_TRACE_FILE),
  'trace-transactions': positiveInt.optional(),
  'trace-window': positiveInt.max(10_000).optional(),
  storms: positiveInt.max(50).optional(),
  'guard-ms': positiveInt.max(5000).optional(),
  'accord-node-args': z.string().min(1).optional(),
  shapes: list(Object.keys(CLUSTER_SHAPES) as [string, ...string[]]),
  priority: z.coerce.number().int().min(-20).max(19).default(-10),
  help: z.boolean().default(false),
});

function parseFlags(): z.infer<typeof flagsSchema> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      quick: { type: 'boolean' },
      rounds: { type: 'string' },
      servers: { type: 'string' },
      scenarios: { type: 'string' },
      keystrokes: { type: 'string' },
      warmup: { type: 'string' },
      pace: { type: 'string' },
      'settle-ms': { type: 'string' },
      'reader-workers': { type: 'string' },
      seed: { type: 'string' },
      'max-other-cpu': { type: 'string' },
      attempts: { type: 'string' },
      out: { type: 'string' },
      'accord-ref': { type: 'string' },
      priority: { type: 'string' },
      'profile-servers': { type: 'string' },
      'trace-file': { type: 'string' },
      'trace-transactions': { type: 'string' },
      'trace-window': { type: 'string' },
      storms: { type: 'string' },
      'guard-ms': { type: 'string' },
      'accord-node-args': { type: 'string' },
      shapes: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  const parsed = flagsSchema.safeParse(values);
  if (!parsed.success) {
    throw new Error(
      `Invalid flags:\n${parsed.error.issues.map((issue) => `  --${issue.path.join('.')}: ${issue.message}`).join('\n')}`,
    );
  }
  return parsed.data;
}

/**
 * Runs the benchmark at a raised CPU priority (nice −10 by default). Development machines are
 * shared with test runs and browsers; at equal priority their bursts land in the latency figures.
 * Linux schedules each session's processes as one group (autogroup) and a nice value only counts
 * within its group, so the group's own nice value is raised too. Threads and processes inherit the
 * priority of the thread that starts them, and reader threads and the servers under test are all
 * started later from this thread: the comparison between servers stays even. Without the right to
 * raise it (not root, not Linux), the run goes on at normal priority and says so.
 */
function raisePriority(priority: number): void {
  try {
    os.setPriority(priority);
    if (existsSync('/proc/self/autogroup')) {
      // The group outlives this run (the shell that started it is in it too): put it back after.
      const before = /nice (-?\d+)/.exec(readFileSync('/proc/self/autogroup', 'utf8'))?.[1] ?? '0';
      writeFileSync('/proc/self/autogroup', String(priority));
      process.once('exit', () => writeFileSync('/proc/self/autogroup', before));
    }
  } catch (error) {
    console.warn(
      `bench: could not set CPU priority ${priority} (${error instanceof Error ? error.message : String(error)}); measuring at normal priority`,
    );
  }
}

/** The fan-out settings the command line overrides (the fan-out and cluster benchmarks share them). */
function fanoutOverrides(flags: z.infer<typeof flagsSchema>): Partial<FanoutSettings> {
  return {
    ...(flags.keystrokes !== undefined && { keystrokesPerWriter: flags.keystrokes }),
    ...(flags.warmup !== undefined && { warmupKeystrokes: flags.warmup }),
    ...(flags.pace !== undefined && { pace: flags.pace }),
    ...(flags['settle-ms'] !== undefined && { settleMs: flags['settle-ms'] }),
    ...(flags['reader-workers'] !== undefined && { readerWorkers: flags['reader-workers'] }),
    ...(flags.seed !== undefined && { seed: flags.seed }),
    ...(flags['max-other-cpu'] !== undefined && { maxOtherCpuPercent: flags['max-other-cpu'] }),
    ...(flags.attempts !== undefined && { maxAttempts: flags.attempts }),
  };
}

async function main(): Promise<void> {
  const flags = parseFlags();
  if (flags.help) {
    console.log(
      'Usage: npm run bench -- [--only fanout,trace,exports,memory,storm,cluster,typing] [--quick] [--rounds N] [--servers ' +
        'accord,reference] [--scenarios 1x100,10x200,50x500] [--keystrokes N] [--warmup N] [--pace MIN-MAX] [--settle-ms N] ' +
        '[--reader-workers N] [--seed N] [--max-other-cpu PERCENT] [--attempts N] [--accord-ref ' +
        'REF] [--accord-node-args=FLAGS] [--priority N] [--profile-servers DIR] [--out DIR] [--trace-file PATH] [--trace-transactions N] ' +
        '[--trace-window N] [--storms N] [--guard-ms N] [--shapes 1,1+redis,3]',
    );
    return;
  }
  raisePriority(flags.priority);
  const selected = flags.only.length ? flags.only : [...BENCHMARKS];
  for (const benchmark of selected) {
    switch (benchmark) {
      case 'fanout': {
        const { failures } = await runFanoutBenchmark({
          quick: flags.quick,
          rounds: flags.rounds,
          servers: flags.servers.length ? flags.servers : [...SERVER_NAMES],
          scenarios: flags.scenarios,
          overrides: fanoutOverrides(flags),
          outDir: path.resolve(flags.out),
          accordRef: flags['accord-ref'],
          serverCpuProfileDir: flags['profile-servers'] ? path.resolve(flags['profile-servers']) : undefined,
        });
        if (failures.length) process.exitCode = 1;
        break;
      }
      case 'trace': {
        const { failures } = await runTraceBenchmark({
          quick: flags.quick,
          rounds: flags.rounds,
          servers: flags.servers.length ? flags.servers : [...SERVER_NAMES],
          traceFile: path.resolve(flags['trace-file']),
          overrides: {
            ...(flags['trace-transactions'] !== undefined && { transactions: flags['trace-transactions'] }),
            ...(flags['trace-window'] !== undefined && { window: flags['trace-window'] }),
            ...(flags['settle-ms'] !== undefined && { settleMs: flags['settle-ms'] }),
            ...(flags['max-other-cpu'] !== undefined && { maxOtherCpuPercent: flags['max-other-cpu'] }),
          },
          outDir: path.resolve(flags.out),
          accordRef: flags['accord-ref'],
          serverCpuProfileDir: flags['profile-servers'] ? path.resolve(flags['profile-servers']) : undefined,
        });
        if (failures.length) process.exitCode = 1;
        break;
      }
      case 'typing':
        await runTypingBenchmark({ rounds: flags.rounds, outDir: path.resolve(flags.out) });
        break;
      case 'exports':
        await runExportsBenchmark({ quick: flags.quick, outDir: path.resolve(flags.out) });
        break;
      case 'storm': {
        const { failures } = await runStormBenchmark({
          quick: flags.quick,
          rounds: flags.rounds,
          servers: flags.servers.length ? flags.servers : [...SERVER_NAMES],
          overrides: {
            ...(flags.storms !== undefined && { storms: flags.storms }),
            ...(flags['guard-ms'] !== undefined && { guardMs: flags['guard-ms'] }),
            ...(flags['settle-ms'] !== undefined && { settleMs: flags['settle-ms'] }),
            ...(flags.seed !== undefined && { seed: flags.seed }),
            ...(flags['max-other-cpu'] !== undefined && { maxOtherCpuPercent: flags['max-other-cpu'] }),
          },
          outDir: path.resolve(flags.out),
          serverCpuProfileDir: flags['profile-servers'] ? path.resolve(flags['profile-servers']) : undefined,
          accordRef: flags['accord-ref'],
          accordNodeArgs: flags['accord-node-args']?.split(/\s+/) ?? [],
        });
        if (failures.length) process.exitCode = 1;
        break;
      }
      case 'cluster': {
        const { failures } = await runClusterBenchmark({
          quick: flags.quick,
          rounds: flags.rounds,
          shapes: flags.shapes,
          scenarios: flags.scenarios,
          overrides: fanoutOverrides(flags),
          outDir: path.resolve(flags.out),
          serverCpuProfileDir: flags['profile-servers'] ? path.resolve(flags['profile-servers']) : undefined,
        });
        if (failures.length) process.exitCode = 1;
        break;
      }
      case 'memory': {
        const { failures } = await runIdleMemoryBenchmark({
          quick: flags.quick,
          rounds: flags.rounds,
          settleMs: flags['settle-ms'],
          outDir: path.resolve(flags.out),
        });
        if (failures.length) process.exitCode = 1;
        break;
      }
    }
  }
}

try {
  await main();
  // Reader sockets and timers from failed connections must not keep a finished run alive.
  process.exit(process.exitCode ?? 0);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
