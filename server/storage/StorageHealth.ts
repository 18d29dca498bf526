import type { Storage } from './Storage';
import { isStorageFailure } from './storageFailure';

/** While writes fail, how often the probe write is tried, so that the open drafts hear soon when saving works again. */
const PROBE_INTERVAL_MS = 5000;
/** The least time between probes prompted by writes that succeeded while failing. */
const PROMPTED_PROBE_SPACING_MS = 1000;

/** What `/api/health` says about the database while writing to it fails. */
export interface StorageFailureReport {
  /** The driver's code of the last failure (for example `SQLITE_FULL`), or `unknown`. */
  code: string;
  /** When the first write of the current run of failures failed. */
  since: string;
}

/**
 * Whether the database can be written, as the last writes found: storage reports each write that
 * failed for a storage reason (`isStorageFailure`) and each that succeeded, and listeners hear
 * each change between the two. A failure stays until the probe write succeeds: a small write
 * that fits in pages the database already holds can succeed on a full disk while the next larger
 * one fails, so a success only prompts the probe, which needs room for a large request (see
 * `startServer.ts`). So `/api/health` and the open drafts' clients say the server cannot save
 * until there is room again, without flapping, and learn within seconds once there is.
 */
export class StorageHealth {
  private failure: StorageFailureReport | null = null;
  private readonly listeners = new Set<(failing: boolean) => void>();
  private probe: (() => Promise<unknown>) | null = null;
  private probeTimer: NodeJS.Timeout | null = null;
  private probing: Promise<void> | null = null;
  private lastProbedAt = 0;

  /** The current failure, or null while writes succeed. */
  get failing(): StorageFailureReport | null {
    return this.failure;
  }

  /** A write failed: records it if it was the storage failing (anything else says nothing about the disk). */
  writeFailed(error: unknown): void {
    if (!isStorageFailure(error)) return;
    const code = (error as { code?: unknown }).code;
    const wasFailing = this.failure !== null;
    this.failure = {
      code: typeof code === 'string' ? code : 'unknown',
      since: this.failure?.since ?? new Date().toISOString(),
    };
    if (wasFailing) return;
    this.tell(true);
    if (this.probe && this.probeTimer === null) {
      this.probeTimer = setInterval(() => void this.check(), PROBE_INTERVAL_MS);
      this.probeTimer.unref();
    }
  }

  /**
   * A write was committed. While writes fail, that alone does not show there is room again: it
   * tries the probe, at most once a second (small writes that still fit may come one per keystroke).
   */
  writeSucceeded(): void {
    if (this.failure === null) return;
    if (this.probe === null) this.recovered();
    else if (performance.now() - this.lastProbedAt >= PROMPTED_PROBE_SPACING_MS) void this.check();
  }

  /** Sets the write tried while writes fail (every few seconds, and by {@link check}); its success ends the failure. */
  useProbe(probe: () => Promise<unknown>): void {
    this.probe = probe;
  }

  /** While writes fail, tries the probe write once (or waits for the one under way); resolves when it has been tried. */
  async check(): Promise<void> {
    if (this.failure === null || this.probe === null) return;
    this.lastProbedAt = performance.now();
    this.probing ??= this.probe()
      .then(
        () => this.recovered(),
        (error: unknown) => this.writeFailed(error),
      )
      .finally(() => {
        this.probing = null;
      });
    await this.probing;
  }

  /** Stops the probe (on shutdown, before the storage closes). */
  stopProbing(): void {
    if (this.probeTimer !== null) clearInterval(this.probeTimer);
    this.probeTimer = null;
  }

  /** Calls `listener` each time writes start or stop failing; returns how to stop. */
  onChange(listener: (failing: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private recovered(): void {
    if (this.failure === null) return;
    this.failure = null;
    this.stopProbing();
    this.tell(false);
  }

  private tell(failing: boolean): void {
    for (const listener of [...this.listeners]) listener(failing);
  }
}

/** How much room the probe needs before the server says it can save again: about the largest request (1 MiB). */
const PROBE_BYTES = 1024 * 1024;

/**
 * The probe the server uses: room for the largest request, written and then shortened again (a
 * tiny write could fit in pages the database already has while a version or a pasted clause
 * still fails).
 */
export function roomProbe(storage: Pick<Storage, 'setMeta'>): () => Promise<void> {
  return async () => {
    await storage.setMeta('storage-probe', 'x'.repeat(PROBE_BYTES));
    await storage.setMeta('storage-probe', new Date().toISOString());
  };
}
