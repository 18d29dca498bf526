import { monotonicMs } from '../fanout/monotonicMs';
import { machineBusyCpuSeconds } from '../servers/processStats';
import type { ServerName, ServerUnderTest } from '../servers/ServerUnderTest';
import { waitForIdleServer } from '../servers/waitForIdleServer';
import { appendOperativeClauses } from '../fanout/benchDocument';
import type { ReplayPlan } from './replayPlan';
import { replayTrace } from './replayTrace';
import { plainText, TraceClient } from './TraceClient';
import type { TraceSettings } from './TraceSettings';

/**
 * The clause the trace is replayed into. Same shape as `newClauseId` in shared/ (`c_` and 12
 * characters of its alphabet), so a server that checks clause ids accepts it.
 */
export const TRACE_CLAUSE_ID = 'c_btrace000000';

/** Server CPU and wall time when so many transactions had come back. */
export interface TraceCheckpoint {
  transactions: number;
  serverCpuSeconds: number;
  seconds: number;
}

/** What replaying the trace against one server measured. */
export interface TraceMeasurement {
  server: ServerName;
  round: number;
  /** Trace transactions replayed (each one Yjs transaction, one update message). */
  transactions: number;
  /** Server CPU (user + system) from the first transaction until the server was idle again, in seconds. */
  serverCpuSeconds: number;
  /** {@link serverCpuSeconds} per transaction, in microseconds: the figure the servers are compared on. */
  cpuPerUpdateUs: number;
  /** The same, counted only until the last transaction came back (without work deferred after it). */
  cpuPerUpdateUsUntilLastEcho: number;
  /** Whether the server went idle within the idle timeout after the replay. */
  serverWentIdle: boolean;
  /** From the first transaction sent to the last one read back by the follower. */
  wallSeconds: number;
  serverPeakRssMiB: number;
  /** CPU of everything else on the machine during the replay, % of one core. */
  otherCpuPercent: number;
  /** CPU of the benchmark process (both clients) during the replay, % of one core. */
  harnessCpuPercent: number;
  /** A fresh client reading the draft afterwards saw exactly the expected text. */
  correct: boolean;
  /** Where the text a fresh client saw differs from the expected one, if it does. */
  mismatch?: string;
  /** The text's length (UTF-16 units) that a fresh client saw and the one expected. */
  finalLength: number;
  expectedLength: number;
  writerConnectionCloses: number;
  /** Server CPU and wall time along the replay, every tenth of it. */
  checkpoints: TraceCheckpoint[];
}

/** Describes where `actual` first differs from `expected`, with a little of each around it. */
export function describeMismatch(actual: string, expected: string): string {
  let at = 0;
  while (at < actual.length && at < expected.length && actual[at] === expected[at]) at++;
  const around = (text: string): string => JSON.stringify(text.slice(Math.max(0, at - 20), at + 20));
  return (
    `lengths ${actual.length} and ${expected.length} (UTF-16 units), first difference at ${at}: ` +
    `saw ${around(actual)}, expected ${around(expected)}`
  );
}

/**
 * Replays the plan against a freshly started server: one writer prepares a draft with one
 * clause, a follower reads the clause back, the writer replays every transaction into its
 * paragraph paced by what the follower has read back, and afterwards a fresh client checks the
 * text. The server's CPU is read from /proc before the first transaction and once it has gone
 * idle after the last. The server is always stopped and every client closed.
 */
export async function runTraceReplay(
  serverUnderTest: ServerUnderTest,
  plan: ReplayPlan,
  settings: TraceSettings,
  round: number,
): Promise<TraceMeasurement> {
  const server = await serverUnderTest.start();
  const clients: TraceClient[] = [];
  try {
    await new Promise((resolve) => setTimeout(resolve, settings.settleMs));
    const room = await server.createRoom();
    const client = (name: string): TraceClient => {
      const created = new TraceClient(room, name);
      clients.push(created);
      return created;
    };
    const writer = client('Trace writer');
    await writer.connect(settings.connectTimeoutMs);
    appendOperativeClauses(writer.doc, [{ id: TRACE_CLAUSE_ID, text: plan.startContent }]);
    const writerText = await writer.clauseText(TRACE_CLAUSE_ID, settings.connectTimeoutMs);
    const follower = client('Trace follower');
    await follower.connect(settings.connectTimeoutMs);
    const followerText = await follower.clauseText(TRACE_CLAUSE_ID, settings.connectTimeoutMs);

    const cpu = (): { server: number; harness: number; machine: number; at: number } => {
      const { user, system } = process.cpuUsage();
      return {
        server: server.cpuSeconds(),
        harness: (user + system) / 1e6,
        machine: machineBusyCpuSeconds(),
        at: monotonicMs(),
      };
    };
    const before = cpu();
    const checkpoints: TraceCheckpoint[] = [];
    await replayTrace(
      plan,
      { writer: { doc: writer.doc, text: writerText }, follower: { doc: follower.doc, text: followerText } },
      {
        window: settings.window,
        stallTimeoutMs: settings.stallTimeoutMs,
        checkpointEvery: Math.max(1, Math.ceil(plan.transactions.length / 10)),
        onCheckpoint: (transactions) =>
          checkpoints.push({
            transactions,
            serverCpuSeconds: server.cpuSeconds() - before.server,
            seconds: (monotonicMs() - before.at) / 1000,
          }),
        onRefusal: (listener) => {
          writer.onRefusal(listener);
          follower.onRefusal(listener);
        },
      },
    );
    const lastEcho = cpu();
    const serverWentIdle = await waitForIdleServer(server, 1000, settings.idleTimeoutMs);
    const after = cpu();

    const reader = client('Trace check');
    await reader.connect(settings.connectTimeoutMs);
    const seen = plainText(await reader.clauseText(TRACE_CLAUSE_ID, settings.connectTimeoutMs));
    const correct = seen === plan.expectedContent;

    const transactions = plan.transactions.length;
    const serverCpuSeconds = after.server - before.server;
    const seconds = (lastEcho.at - before.at) / 1000;
    const harness = lastEcho.harness - before.harness;
    const other = lastEcho.machine - before.machine - (lastEcho.server - before.server) - harness;
    return {
      server: server.name,
      round,
      transactions,
      serverCpuSeconds,
      cpuPerUpdateUs: (serverCpuSeconds / transactions) * 1e6,
      cpuPerUpdateUsUntilLastEcho: ((lastEcho.server - before.server) / transactions) * 1e6,
      serverWentIdle,
      wallSeconds: seconds,
      serverPeakRssMiB: server.peakRssMiB(),
      otherCpuPercent: Math.max(0, (other / seconds) * 100),
      harnessCpuPercent: (harness / seconds) * 100,
      correct,
      ...(!correct && { mismatch: describeMismatch(seen, plan.expectedContent) }),
      finalLength: seen.length,
      expectedLength: plan.expectedContent.length,
      writerConnectionCloses: writer.connectionCloses,
      checkpoints,
    };
  } finally {
    for (const each of clients) each.destroy();
    await server.stop();
  }
}
