import { isStorageFailure } from './storageFailure';

/** While writes fail, how often a tiny write is tried, so that the open drafts hear soon when saving works again. */
const PROBE_INTERVAL_MS = 5000;

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
 * each change between the two. A failure stays until a write succeeds again (any write: a change
 * to a draft, a sign-in, the health check's own probe), so `/api/health` and the open drafts'
 * clients say the server cannot save for as long as that is true, and no longer.
 */
export class StorageHealth {
  private failure: StorageFailureReport | null = null;
  private readonly listeners = new Set<(failing: boolean) => void>();
  private probe: (() => Promise<unknown>) | null = null;
  private probeTimer: NodeJS.Timeout | null = null;

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

  /** A write was committed: the storage works again. */
  writeSucceeded(): void {
    if (this.failure === null) return;
    this.failure = null;
    this.stopProbing();
    this.tell(false);
  }

  /**
   * Sets the tiny write tried while writes fail (every few seconds, and by {@link check}); the
   * storage reports its outcome like any other write's.
   */
  useProbe(probe: () => Promise<unknown>): void {
    this.probe = probe;
  }

  /** While writes fail, tries the probe write once; resolves when it has been tried. */
  async check(): Promise<void> {
    if (this.failure === null || this.probe === null) return;
    await this.probe().catch(() => undefined);
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

  private tell(failing: boolean): void {
    for (const listener of [...this.listeners]) listener(failing);
  }
}
