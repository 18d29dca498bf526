import { connectWriters, drain, startReaderWorkers } from '../fanout/fanoutClients';
import { monotonicMs } from '../fanout/monotonicMs';
import type { ReaderWorkerHandle } from '../fanout/ReaderWorkerHandle';
import type { Writer } from '../fanout/Writer';
import { type CpuPercents, cpuPercents, sampleCpu } from '../servers/cpuWindow';
import type { ServerUnderTest } from '../servers/ServerUnderTest';
import { type BigDraft, seedBigDraft } from './seedBigDraft';
import { type StormOutcome, StormRunner } from './StormRunner';
import { keystrokesPerWriter, type StormSettings, stormKind } from './StormSettings';
import { type IdleAlike, splitByStorms, type WindowLatency } from './stormWindows';

/** One storm: when it ran, how long the joiners took, what it cost the server, and the busy draft's latency meanwhile. */
export interface StormRecord extends StormOutcome, WindowLatency {}

/** What one storm run against one server measured. Latencies are in milliseconds. */
export interface StormMeasurement extends CpuPercents {
  /** Which server: `accord`, `reference`, or `accord <ref>` for a commit's server measured beside the working tree's. */
  server: string;
  round: number;
  bigDraft: Omit<BigDraft, 'room'>;
  /** The busy draft's latency away from every storm. */
  idle: WindowLatency;
  /** Each storm, in order. */
  storms: StormRecord[];
  /** The busy draft's latency during the storms of each kind together. */
  byKind: Record<string, WindowLatency>;
  /** The busy draft's latency in the guard after the storms of each kind (see `splitByStorms`); absent in older runs. */
  afterByKind?: Record<string, WindowLatency>;
  /** Pairs near a storm but not in flight during it, left out of every window. */
  excludedPairs: number;
  /** The idle pairs in windows as long as each kind of storm: how far so short a window strays with no storm (absent in older runs). */
  idleAlikeByKind?: Record<string, IdleAlike>;
  typingSeconds: number;
  /** Storms that began after the writers had stopped typing (the schedule ran late): their windows are empty. */
  stormsAfterTyping: number;
  /** What went wrong with the person who stays in the large draft between storms, if anything. */
  stayerProblems: string[];
  /** The server's peak resident memory before the first storm and at the end, in MiB. */
  serverPeakRssBeforeMiB: number;
  serverPeakRssMiB: number;
  readerConnectFailures: string[];
  readersClosedByServer: number;
  writerConnectionCloses: number;
}

const FINISH_TIMEOUT_MS = 20_000;

/**
 * Runs the storm against a freshly started server: seeds the large draft, lets the server settle,
 * starts the fan-out workload on another draft (writers typing, readers reading), and while they
 * type opens the large draft with every joiner at once, `storms` times on schedule. Each
 * keystroke's latency to each reader is then split into the quiet stretches and the storms. The
 * server is always stopped and every client closed, whatever happens.
 */
export async function runStormScenario(
  serverUnderTest: ServerUnderTest,
  label: string,
  settings: StormSettings,
  round: number,
): Promise<StormMeasurement> {
  const keystrokes = keystrokesPerWriter(settings);
  const counts = { writers: settings.writers, readers: settings.readers };
  const server = await serverUnderTest.start();
  let writers: Writer[] = [];
  let workers: ReaderWorkerHandle[] = [];
  let storms: StormRunner | undefined;
  try {
    const { room: bigRoom, ...bigDraft } = await seedBigDraft(server, settings.bigDraft);
    await new Promise((resolve) => setTimeout(resolve, settings.settleMs));
    const room = await server.createRoom();
    writers = await connectWriters(room, counts, keystrokes, settings);
    workers = startReaderWorkers(room, counts, keystrokes, settings);
    const ready = await Promise.all(workers.map((worker) => worker.ready));
    if (ready.every((message) => message.connected === 0)) {
      throw new Error(
        `no reader could connect: ${ready.flatMap((message) => message.failures)[0] ?? 'unknown reason'}`,
      );
    }
    const measured = workers.filter((_, index) => (ready[index]?.connected ?? 0) > 0);
    for (const worker of workers) worker.startMeasuring();
    const serverPeakRssBeforeMiB = server.peakRssMiB();
    storms = new StormRunner(server, bigRoom, settings);
    await storms.warmUp();

    const before = sampleCpu(server);
    let typingEnd = Number.POSITIVE_INFINITY;
    const typing = Promise.all(
      writers.map((writer) => writer.type(settings.pace, settings.seed * 1000 + round * 100 + writer.index)),
    ).then(() => (typingEnd = monotonicMs()));
    const until = (at: number): Promise<unknown> =>
      new Promise((resolve) => setTimeout(resolve, Math.max(0, at - monotonicMs())));
    for (let index = 0; index < settings.storms; index++) {
      const due = before.at + settings.firstStormAtMs + index * settings.stormIntervalMs;
      if (stormKind(index) === 'edited') {
        await until(due - settings.stormIntervalMs / 2);
        await storms.edit();
      }
      await until(due);
      await storms.storm(index);
    }
    await typing;
    await drain(measured, settings.drainTimeoutMs);
    const after = sampleCpu(server);
    const serverPeakRssMiB = server.peakRssMiB();
    const results = await Promise.all(workers.map((worker) => worker.finish(FINISH_TIMEOUT_MS)));
    workers = [];

    const split = splitByStorms(
      {
        sendTimes: writers.map((writer) => writer.sendTimes),
        receiveTimes: results.map((result) => result.receiveTimes),
        keystrokesPerWriter: keystrokes,
        warmupKeystrokes: settings.warmupKeystrokes,
        deliveredBy: after.at,
      },
      storms.outcomes,
      settings.guardMs,
    );
    return {
      server: label,
      round,
      bigDraft,
      idle: split.idle,
      storms: storms.outcomes.map((outcome, index) => ({ ...outcome, ...split.storms[index]! })),
      byKind: split.byKind,
      afterByKind: split.afterByKind,
      excludedPairs: split.excludedPairs,
      idleAlikeByKind: split.idleAlikeByKind,
      typingSeconds: (typingEnd - before.at) / 1000,
      stormsAfterTyping: storms.outcomes.filter((outcome) => outcome.start > typingEnd).length,
      stayerProblems: storms.problems,
      ...cpuPercents(before, after),
      serverPeakRssBeforeMiB,
      serverPeakRssMiB,
      readerConnectFailures: [
        ...ready.flatMap((message) => message.failures),
        ...results.flatMap((result) => result.failures),
      ],
      readersClosedByServer: results.reduce((sum, result) => sum + result.closedByServer.length, 0),
      writerConnectionCloses: writers.reduce((sum, writer) => sum + writer.connectionCloses, 0),
    };
  } finally {
    await storms?.stop();
    await Promise.all(workers.map((worker) => worker.terminate()));
    for (const writer of writers) writer.destroy();
    await server.stop();
  }
}
