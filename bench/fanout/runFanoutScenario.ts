import { machineBusyCpuSeconds } from '../servers/processStats';
import type { RunningServer, ServerName, ServerUnderTest } from '../servers/ServerUnderTest';
import type { FanoutScenario, FanoutSettings } from './FanoutScenario';
import { monotonicMs } from './monotonicMs';
import { type PairLatencies, pairLatencies } from './pairLatencies';
import type { LatencySummary } from './percentiles';
import { ReaderWorkerHandle } from './ReaderWorkerHandle';
import { type CollabRoom, roomUrl, Writer } from './Writer';

/** What one scenario against one server measured. Latencies are in milliseconds. */
export interface FanoutMeasurement extends PairLatencies {
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
  /** Server CPU over typing and drain, in % of one core. */
  serverCpuPercent: number;
  /** CPU of the harness process (writers and reader threads) over the same window, % of one core. */
  harnessCpuPercent: number;
  /** CPU used by everything else on the machine over the same window, % of one core. */
  otherCpuPercent: number;
  /** Event-loop utilisation of each reader thread over the window: near 1 means readers queued. */
  readerEventLoopUtilization: number[];
  serverPeakRssMiB: number;
  readerConnectFailures: string[];
  readersClosedByServer: number;
  writerConnectionCloses: number;
  /** How many times this measurement was taken before the machine was quiet enough (1 = first). */
  attempts: number;
}

/** CPU seconds of the server, the harness and the whole machine, read together. */
interface CpuSample {
  server: number;
  harness: number;
  machine: number;
  at: number;
}

function sampleCpu(server: RunningServer): CpuSample {
  const { user, system } = process.cpuUsage();
  return {
    server: server.cpuSeconds(),
    harness: (user + system) / 1e6,
    machine: machineBusyCpuSeconds(),
    at: monotonicMs(),
  };
}

/** CPU over a window in % of one core: the server, the harness, and everything else. */
function cpuPercents(
  before: CpuSample,
  after: CpuSample,
): Pick<FanoutMeasurement, 'serverCpuPercent' | 'harnessCpuPercent' | 'otherCpuPercent'> {
  const seconds = (after.at - before.at) / 1000;
  const server = after.server - before.server;
  const harness = after.harness - before.harness;
  const other = after.machine - before.machine - server - harness;
  return {
    serverCpuPercent: (server / seconds) * 100,
    harnessCpuPercent: (harness / seconds) * 100,
    otherCpuPercent: Math.max(0, (other / seconds) * 100),
  };
}

function splitEvenly(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0)).filter(
    (n) => n > 0,
  );
}

/** Connects every writer: the first prepares the draft, the others join once it is there. */
async function connectWriters(
  room: CollabRoom,
  scenario: FanoutScenario,
  keystrokes: number,
  settings: FanoutSettings,
): Promise<Writer[]> {
  // Each WebsocketProvider adds a process 'exit' listener; ten writers are not a leak.
  process.setMaxListeners(Math.max(process.getMaxListeners(), scenario.writers + 10));
  const first = new Writer(0, room, keystrokes);
  const writers = [first];
  try {
    await first.connect(settings.connectTimeoutMs);
    first.prepareDocument(scenario.writers);
    for (let index = 1; index < scenario.writers; index++) writers.push(new Writer(index, room, keystrokes));
    await Promise.all(writers.map((writer) => writer.connect(settings.connectTimeoutMs)));
    await Promise.all(writers.map((writer) => writer.waitForOwnClause(settings.connectTimeoutMs)));
    return writers;
  } catch (error) {
    for (const writer of writers) writer.destroy();
    throw error;
  }
}

function startReaderWorkers(
  url: string,
  scenario: FanoutScenario,
  keystrokes: number,
  settings: FanoutSettings,
): ReaderWorkerHandle[] {
  return splitEvenly(scenario.readers, settings.readerWorkers).map(
    (readers) =>
      new ReaderWorkerHandle({
        url,
        readers,
        writers: scenario.writers,
        keystrokesPerWriter: keystrokes,
        connectConcurrency: settings.connectConcurrency,
        connectTimeoutMs: settings.connectTimeoutMs,
      }),
  );
}

/**
 * How long a reader worker may take to stop and answer after the drain. One still working
 * through a backlog (a server far behind) is ended after this; what it received is kept.
 */
const FINISH_TIMEOUT_MS = 20_000;

/**
 * Resolves when every reader of the workers that have any has every keystroke, or after
 * `timeoutMs`, whichever is first.
 */
async function drain(workers: ReaderWorkerHandle[], timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.all(workers.map((worker) => worker.complete)),
    new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs))),
  ]);
  clearTimeout(timer);
}

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
    workers = startReaderWorkers(roomUrl(room), scenario, keystrokes, settings);
    const ready = await Promise.all(workers.map((worker) => worker.ready));
    if (ready.every((message) => message.connected === 0)) {
      throw new Error(
        `no reader could connect: ${ready.flatMap((message) => message.failures)[0] ?? 'unknown reason'}`,
      );
    }

    // A worker none of whose readers connected never completes: the drain does not wait for it.
    const measured = workers.filter((_, index) => (ready[index]?.connected ?? 0) > 0);
    for (const worker of workers) worker.startMeasuring();
    const before = sampleCpu(server);
    await Promise.all(
      writers.map((writer) => writer.type(settings.pace, settings.seed * 1000 + round * 100 + writer.index)),
    );
    const typingEnd = monotonicMs();
    await drain(measured, settings.drainTimeoutMs);
    const after = sampleCpu(server);
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
