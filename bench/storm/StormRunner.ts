import { monotonicMs } from '../fanout/monotonicMs';
import { type CollabRoom, roomUrl } from '../fanout/Writer';
import type { RunningServer } from '../servers/ServerUnderTest';
import { StormThread } from './StormThread';
import { type StormKind, type StormSettings, stormKind } from './StormSettings';
import type { StormSpan } from './stormWindows';

/** One storm as the joiners saw it, before the busy draft's latencies are put beside it. */
export interface StormOutcome extends StormSpan {
  index: number;
  kind: StormKind;
  /** Joiners that received the whole draft, of `joiners`. */
  synced: number;
  joiners: number;
  /** From the storm's start to the first, the median and the last joiner having the whole draft, in ms (NaN: not all did). */
  firstSyncedMs: number;
  medianSyncedMs: number;
  allSyncedMs: number;
  /** Smallest and largest whole draft (the sync step 2 and the updates before it) a joiner received, in bytes. */
  minStateBytes: number;
  maxStateBytes: number;
  /** The same with the updates that came after it. */
  minReceivedBytes: number;
  maxReceivedBytes: number;
  /** Server CPU from the storm's start to its end, in ms (10 ms resolution). */
  serverCpuMs: number;
  /**
   * CPU of the benchmark process over the same span, in ms: the joiners taking in the drafts, and
   * the writers and readers of the busy draft, which share the machine's cores with the server.
   */
  harnessCpuMs: number;
  failures: string[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)]! : Number.NaN;
}

/**
 * The storms' side of a run: opens the large draft with every joiner at once, and between a
 * cold and an edited storm keeps one person in it (a real y-websocket provider), who changes a
 * few words before the edited storm (see {@link stormKind}).
 */
export class StormRunner {
  /** The joiners and the person who stays run on a thread of their own, away from the writers' keystrokes. */
  private readonly clients = new StormThread();
  readonly outcomes: StormOutcome[] = [];
  /** What went wrong with the person who stays, if anything (the storms still run). */
  readonly problems: string[] = [];

  constructor(
    private readonly server: RunningServer,
    private readonly room: CollabRoom,
    private readonly settings: StormSettings,
  ) {}

  /** Storm `index`: every joiner opens the draft at once; once all have it (or gave up), they leave. */
  async storm(index: number): Promise<void> {
    const { joiners: count, joinTimeoutMs, storms } = this.settings;
    const kind = stormKind(index);
    const cpuBefore = this.server.cpuSeconds();
    const harnessBefore = process.cpuUsage();
    const start = monotonicMs();
    const { results, received, end } = await this.clients.join({
      url: roomUrl(this.room),
      count,
      timeoutMs: joinTimeoutMs,
    });
    if (kind === 'edited') await this.leave();
    const serverCpuMs = (this.server.cpuSeconds() - cpuBefore) * 1000;
    const harness = process.cpuUsage(harnessBefore);
    const syncedAfter = results.filter((r) => !Number.isNaN(r.syncedAt)).map((r) => r.syncedAt - start);
    const bytes = results.filter((r) => r.stateBytes > 0).map((r) => r.stateBytes);
    this.outcomes.push({
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
      minReceivedBytes: Math.min(...received),
      maxReceivedBytes: Math.max(...received),
      serverCpuMs,
      harnessCpuMs: (harness.user + harness.system) / 1000,
      failures: results.flatMap((r) => (r.failure ? [r.failure] : [])),
    });
    // Joins after the storm, outside its window: the next storms find the draft open.
    if (kind === 'cold' && index + 1 < storms) await this.stay();
  }

  /**
   * Opens the draft with every joiner once, and once with the person who stays, unmeasured: the
   * clients' code has run before the first storm, as the writers' warm-up keystrokes have theirs.
   */
  async warmUp(): Promise<void> {
    const { joiners: count, joinTimeoutMs } = this.settings;
    await this.clients.join({ url: roomUrl(this.room), count, timeoutMs: joinTimeoutMs });
    await this.stay();
    await this.leave();
  }

  /** The person in the draft changes a few words of its first operative clause. */
  async edit(): Promise<void> {
    this.note(await this.clients.do({ type: 'edit' }));
  }

  private async stay(): Promise<void> {
    this.note(await this.clients.do({ type: 'stay', room: this.room, timeoutMs: this.settings.joinTimeoutMs }));
  }

  /** The person staying leaves; the server may unload the draft. */
  async leave(): Promise<void> {
    this.note(await this.clients.do({ type: 'leave' }));
  }

  /** The person staying leaves and the storm's thread ends. */
  async stop(): Promise<void> {
    await this.leave().catch(() => undefined);
    await this.clients.terminate();
  }

  private note(problem: string | undefined): void {
    if (problem) this.problems.push(problem);
  }
}
