import { connectWriters, drain, startReaderWorkers } from '../fanout/fanoutClients';
import { monotonicMs } from '../fanout/monotonicMs';
import type { ReaderWorkerHandle } from '../fanout/ReaderWorkerHandle';
import { roomUrl, type Writer } from '../fanout/Writer';
import { type CpuPercents, cpuPercents, sampleCpu } from '../servers/cpuWindow';
import type { RunningServer, ServerUnderTest } from '../servers/ServerUnderTest';
import { Joiner } from './Joiner';
import { type BigDraft, seedBigDraft } from './seedBigDraft';
import { keystrokesPerWriter, type StormSettings, stormKind } from './StormSettings';
import { splitByStorms, type StormSpan, type WindowLatency } from './stormWindows';

/** One storm: when it ran, how long the joiners took, what it cost the server, and the busy draft's latency meanwhile. */
export interface StormRecord extends StormSpan, WindowLatency {
  index: number;
  /** Joiners that received the whole draft, of `joiners`. */
  synced: number;
  joiners: number;
  /** From the storm's start to the first, the median and the last joiner having the whole draft, in ms (NaN: not all did). */
  firstSyncedMs: number;
  medianSyncedMs: number;
  allSyncedMs: number;
  /** Smallest and largest draft a joiner received, in bytes. */
  minStateBytes: number;
  maxStateBytes: number;
  /** Server CPU from the storm's start to its end, in ms (10 ms resolution). */
  serverCpuMs: number;
  failures: string[];
}

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
  /** Pairs near a storm but not in flight during it, left out of every window. */
  excludedPairs: number;
  typingSeconds: number;
  /** Storms that began after the writers had stopped typing (the schedule ran late): their windows are empty. */
  stormsAfterTyping: number;
  /** The server's peak resident memory before the first storm and at the end, in MiB. */
  serverPeakRssBeforeMiB: number;
  serverPeakRssMiB: number;
  readerConnectFailures: string[];
  readersClosedByServer: number;
  writerConnectionCloses: number;
}

const FINISH_TIMEOUT_MS = 20_000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)]! : Number.NaN;
}

/** The joiners' side of the storms: opens them on schedule and keeps the one that holds the draft open between them. */
class StormRunner {
  private holder: Joiner | undefined;
  readonly records: Omit<StormRecord, keyof WindowLatency>[] = [];

  constructor(
    private readonly server: RunningServer,
    private readonly url: string,
    private readonly settings: StormSettings,
  ) {}

  /** Storm `index`: every joiner opens the draft at once; once all have it (or gave up), they leave. */
  async storm(index: number): Promise<void> {
    const { joiners: count, joinTimeoutMs, storms } = this.settings;
    const kind = stormKind(index);
    const cpuBefore = this.server.cpuSeconds();
    const start = monotonicMs();
    const joiners = Array.from({ length: count }, () => new Joiner(this.url, joinTimeoutMs));
    const results = await Promise.all(joiners.map((joiner) => joiner.result));
    // After a cold storm one joiner stays, so the next (warm) storm finds the draft open.
    const stays = kind === 'cold' && index + 1 < storms ? joiners[0] : undefined;
    for (const joiner of joiners) if (joiner !== stays) joiner.close();
    this.holder?.close();
    this.holder = stays;
    const end = monotonicMs();
    const syncedAfter = results.filter((r) => !Number.isNaN(r.syncedAt)).map((r) => r.syncedAt - start);
    const bytes = results.filter((r) => r.stateBytes > 0).map((r) => r.stateBytes);
    this.records.push({
      index,
      kind,
      start,
      end,
      synced: syncedAfter.length,
      joiners: count,
      firstSyncedMs: syncedAfter.length ? Math.min(...syncedAfter) : Number.NaN,
      medianSyncedMs: median(syncedAfter),
      allSyncedMs: syncedAfter.length === count ? Math.max(...syncedAfter) : Number.NaN,
      minStateBytes: bytes.length ? Math.min(...bytes) : 0,
      maxStateBytes: bytes.length ? Math.max(...bytes) : 0,
      serverCpuMs: (this.server.cpuSeconds() - cpuBefore) * 1000,
      failures: results.flatMap((r) => (r.failure ? [r.failure] : [])),
    });
  }

  close(): void {
    this.holder?.close();
    this.holder = undefined;
  }
}

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
    storms = new StormRunner(server, roomUrl(bigRoom), settings);

    const before = sampleCpu(server);
    let typingEnd = Number.POSITIVE_INFINITY;
    const typing = Promise.all(
      writers.map((writer) => writer.type(settings.pace, settings.seed * 1000 + round * 100 + writer.index)),
    ).then(() => (typingEnd = monotonicMs()));
    for (let index = 0; index < settings.storms; index++) {
      const due = before.at + settings.firstStormAtMs + index * settings.stormIntervalMs;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - monotonicMs())));
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
      storms.records,
      settings.guardMs,
    );
    return {
      server: label,
      round,
      bigDraft,
      idle: split.idle,
      storms: storms.records.map((record, index) => ({ ...record, ...split.storms[index]! })),
      byKind: split.byKind,
      excludedPairs: split.excludedPairs,
      typingSeconds: (typingEnd - before.at) / 1000,
      stormsAfterTyping: storms.records.filter((record) => record.start > typingEnd).length,
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
    storms?.close();
    await Promise.all(workers.map((worker) => worker.terminate()));
    for (const writer of writers) writer.destroy();
    await server.stop();
  }
}
