import * as Y from 'yjs';
import type { Logger } from '../logger';
import type { Storage, StoredUpdate } from '../storage/Storage';

/**
 * One draft's update log in storage: changes are appended before anyone is sent them, and the
 * log is merged into one state row once it is long. It counts what it holds; the document it
 * logs is the caller's.
 */
export class UpdateLog {
  private lastSeq: number;
  private length: number;

  constructor(
    private readonly draftId: string,
    private readonly storage: Storage,
    private readonly logger: Logger,
    private readonly compactAfter: number,
    stored: { lastSeq: number; length: number },
  ) {
    this.lastSeq = stored.lastSeq;
    this.length = stored.length;
  }

  /** Whether the log holds rows not yet merged into the state row. */
  get hasRows(): boolean {
    return this.length > 0;
  }

  /** Whether the log is long enough to merge. */
  get compactionDue(): boolean {
    return this.length >= this.compactAfter;
  }

  /**
   * Appends changes in one transaction and resolves once they are committed. The embedded SQLite
   * commits synchronously (so the promise is already settled and a keystroke's relay waits for
   * nothing but the commit); other backends are awaited. Rejects if storing fails.
   */
  async append(updates: readonly StoredUpdate[], at: Date): Promise<void> {
    const now = this.storage.appendUpdatesNow?.(this.draftId, updates, at) ?? null;
    this.lastSeq = now ?? (await this.storage.appendUpdates(this.draftId, updates, at));
    this.length += updates.length;
  }

  /** Replaces the log with one state row. `state` must hold everything appended so far. */
  async compact(state: Uint8Array): Promise<void> {
    if (this.length === 0) return;
    const merged = this.length;
    await this.storage.compactDocument(this.draftId, state, this.lastSeq);
    this.length = 0;
    this.logger.debug({ upToSeq: this.lastSeq, merged }, 'compacted the update log');
  }
}

/** Loads the compacted state and the log after it into `doc`; a damaged row is skipped, never the rest. */
export function applyStoredText(doc: Y.Doc, state: Uint8Array | null, updates: Uint8Array[], logger: Logger): void {
  const all = state ? [state, ...updates] : updates;
  if (all.length === 0) return;
  try {
    Y.applyUpdate(doc, all.length === 1 ? all[0]! : Y.mergeUpdates(all));
  } catch (error) {
    logger.error({ err: error }, 'stored log could not be merged; applying it row by row');
    for (const update of all) {
      try {
        Y.applyUpdate(doc, update);
      } catch (rowError) {
        logger.error({ err: rowError }, 'skipping a stored update that cannot be applied');
      }
    }
  }
}
