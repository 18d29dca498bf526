import { type CpuPercents, cpuPercents, sampleCpu } from '../servers/cpuWindow';
import type { ServerName, ServerUnderTest } from '../servers/ServerUnderTest';
import { connectWriters, drain, startReaderWorkers } from './fanoutClients';
import type { FanoutScenario, FanoutSettings } from './FanoutScenario';
import { monotonicMs } from './monotonicMs';
import { type PairLatencies, pairLatencies } from './pairLatencies';
import type { LatencySummary } from './percentiles';
import type { ReaderWorkerHandle } from './ReaderWorkerHandle';
import type { Writer } from './Writer';

/** What one scenario against one server measured. Latencies are in milliseconds. */
export interface FanoutMeasurement extends PairLatencies, CpuPercents {
  scenario: string;
  server: ServerName;
  round: number;
  writers: number;
  readers: number;
  /** deliveredPairs / expectedPairs. */
  deliveredShare: number;
  /**
   * Latency over every keystroke, the warm-up's included: the first seconds after everyone has
   * joined, when the clients and the server are still settling (code not yet optimised, the
   * garbage of the connections still to collect). Reported beside `latency`, not instead of it.
   */
  fromFirstKeystroke: LatencySummary;
  /** Wall time from the first keystroke to the last one being sent. */
  typingSeconds: number;
  /** From the last keystroke to the last delivery (or to the drain timeout). */
  drainMs: number;
  // CPU over typing and drain (CpuPercents): the server (every instance of a cluster), the harness
  // (writers and reader threads), PostgreSQL and Redis when used, and everything else on the machine.
  /** Event-loop utilisation of each reader thread over the window: near 1 means readers queued. */
  readerEventLoopUtilization: number[];
  serverPeakRssMiB: number;
  readerConnectFailures: string[];
  readersClosedByServer: number;
  writerConnectionCloses: number;
  /** How many times this measurement was taken before the machine was quiet enough (1 = first). */
  attempts: number;
}

/**
 * How long a reader worker may take to stop and answer after the drain. One still working
 * through a backlog (a server far behind) is ended after this; what it received is kept.
 */
const FINISH_TIMEOUT_MS = 20_000;

/**
 * Runs one fan-out scenario against a freshly started server: writers join one new draft and
 * prepare it, readers join in worker threads and sync, then every writer types its keystrokes at
 * the configured pace while every reader records when each keystroke shows up in its document.
 * The server process is always stopped, and every client closed, whatever happens.
 */
export async function runFanoutScenario(
  serverUnderTest: ServerUnderTest,
  scenario: FanoutScenario,
  settings: FanoutSettings,
  round: number,
): Promise<Omit<FanoutMeasurement, 'attempts'>> {
  const keystrokes = settings.warmupKeystrokes + settings.keystrokesPerWriter;
  const server = await serverUnderTest.start();
  let writers: Writer[] = [];
  let workers: ReaderWorkerHandle[] = [];
  try {
    await new Promise((resolve) => setTimeout(resolve, settings.settleMs));
    const room = await server.createRoom();
    writers = await connectWriters(room, scenario, keystrokes, settings);
    workers = startReaderWorkers(room, scenario, keystrokes, settings);
    const ready = await Promise.all(workers.map((worker) => worker.ready));
    if (ready.every((message) => message.connected === 0)) {
      throw new Error(
        `no reader could connect: ${ready.flatMap((message) => message.failures)[0] ?? 'unknown reason'}`,
      );
    }

    // A worker none of whose readers connected never completes: the drain does not wait for it.
    const measured = workers.filter((_, index) => (ready[index]?.connected ?? 0) > 0);
    for (const worker of workers) worker.startMeasuring();
    const helpers = (): number => server.helperCpuSeconds?.() ?? 0;
    const before = sampleCpu(server, helpers);
    await Promise.all(
      writers.map((writer) => writer.type(settings.pace, settings.seed * 1000 + round * 100 + writer.index)),
    );
    const typingEnd = monotonicMs();
    await drain(measured, settings.drainTimeoutMs);
    const after = sampleCpu(server, helpers);
    const serverPeakRssMiB = server.peakRssMiB();

    const results = await Promise.all(workers.map((worker) => worker.finish(FINISH_TIMEOUT_MS)));
    workers = [];
    const sources = {
      sendTimes: writers.map((writer) => writer.sendTimes),
      receiveTimes: results.map((result) => result.receiveTimes),
      keystrokesPerWriter: keystrokes,
      warmupKeystrokes: settings.warmupKeystrokes,
      typingStart: before.at,
      deliveredBy: after.at,
    };
    const pairs = pairLatencies(sources, scenario.readers);
    return {
      scenario: scenario.name,
      server: server.name,
      round,
      writers: scenario.writers,
      readers: scenario.readers,
      ...pairs,
      deliveredShare: pairs.deliveredPairs / pairs.expectedPairs,
      fromFirstKeystroke: pairLatencies({ ...sources, warmupKeystrokes: 0 }, scenario.readers).latency,
      typingSeconds: (typingEnd - before.at) / 1000,
      drainMs: after.at - typingEnd,
      ...cpuPercents(before, after),
      readerEventLoopUtilization: results.map((result) => result.eventLoopUtilization),
      serverPeakRssMiB,
      readerConnectFailures: [
        ...ready.flatMap((message) => message.failures),
        ...results.flatMap((result) => result.failures),
      ],
      readersClosedByServer: results.reduce((sum, result) => sum + result.closedByServer.length, 0),
      writerConnectionCloses: writers.reduce((sum, writer) => sum + writer.connectionCloses, 0),
    };
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
    for (const writer of writers) writer.destroy();
    await server.stop();
  }
}
