import * as Y from 'yjs';
import type { Logger } from '../logger';
import type { Storage, StoredUpdate } from '../storage/Storage';
import { digestOffThread, recordCheckedState } from './checkedStates';

/**
 * One draft's update log in storage: changes are appended before anyone is sent them, and the
 * log is merged into one state row once it is long. It counts what it holds; the document it
 * logs is the caller's.
 *
 * The draft's title lives in its text; the draft's record keeps a copy for the drafts list. The
 * copy is written in the same transaction as the append that changes the title, never on its
 * own: a rename that cannot be stored changes neither, one that is stored changes both.
 */
export class UpdateLog {
  private length: number;
  /** The log length at which to compact next: further off after a compaction failed. */
  private compactAt: number;
  /** The title as the draft's record has it (after {@link storeTitle}). */
  private storedTitle: string | null = null;

  constructor(
    private readonly draftId: string,
    private readonly storage: Storage,
    private readonly logger: Logger,
    private readonly compactAfter: number,
    stored: { length: number },
  ) {
    this.length = stored.length;
    this.compactAt = compactAfter;
  }

  /** Whether the log holds rows not yet merged into the state row. */
  get hasRows(): boolean {
    return this.length > 0;
  }

  /** Whether the log is long enough to merge. */
  get compactionDue(): boolean {
    return this.length >= this.compactAt;
  }

  /**
   * Appends changes in one transaction and resolves once they are committed, with the sequence
   * numbers they were given. The embedded SQLite commits synchronously (so the promise is already
   * settled and a keystroke's relay waits for nothing but the commit); other backends are awaited.
   * `title`: the text's title once these updates are applied. Rejects if storing fails; then
   * nothing of it is stored.
   */
  async append(updates: readonly StoredUpdate[], at: Date, title: string): Promise<{ first: number; last: number }> {
    const retitle = title === this.storedTitle ? undefined : title;
    const now = this.storage.appendUpdatesNow?.(this.draftId, updates, at, retitle) ?? null;
    const last = now ?? (await this.storage.appendUpdates(this.draftId, updates, at, retitle));
    this.length += updates.length;
    this.storedTitle = title;
    return { first: last - updates.length + 1, last };
  }

  /**
   * Makes the record's copy of the title that of the loaded text (`title`), should they differ
   * (a draft stored before the copy was written with its text); a failure is logged and the next
   * append tries again.
   */
  async storeTitle(title: string): Promise<void> {
    try {
      const record = await this.storage.getDraft(this.draftId);
      if (record && record.title !== title) await this.storage.updateDraft(this.draftId, { title });
      this.storedTitle = title;
    } catch (error) {
      this.logger.error({ err: error }, 'writing the title to the draft record failed');
    }
  }

  /**
   * Replaces the log rows up to `upToSeq` with one state row. `state` must hold every row up to
   * there, encoded from the live text (every change to which was checked): once stored, the row is
   * known sound (see `checkedStates`). If that cannot be stored, the log stays as it is (nothing is
   * lost) and is merged later; if another instance is compacting the draft right now, this one
   * leaves it to that one.
   */
  async compact(state: Uint8Array, upToSeq: number): Promise<void> {
    if (this.length === 0) return;
    const merged = this.length;
    // On the thread pool, beside the write: a 2 MiB state takes a few milliseconds.
    const digest = digestOffThread(state).catch(() => null);
    try {
      const done = await this.storage.compactDocument(this.draftId, state, upToSeq);
      recordCheckedState(this.draftId, done ? await digest : null);
      if (!done) this.logger.debug({ upToSeq }, 'another instance compacts the update log');
    } catch (error) {
      recordCheckedState(this.draftId, null);
      this.compactAt = this.length + this.compactAfter;
      this.logger.error({ err: error }, 'compacting the update log failed; it is kept as it is');
      return;
    }
    this.length = 0;
    this.compactAt = this.compactAfter;
    this.logger.debug({ upToSeq, merged }, 'compacted the update log');
  }
}

/**
 * Loads the compacted state and the log after it into `doc`; a damaged row is skipped, never the
 * rest. Returns the one update it applied (to build another copy of the same text without
 * encoding this one), or null when there was nothing or the rows had to be applied one by one.
 */
export function applyStoredText(
  doc: Y.Doc,
  state: Uint8Array | null,
  updates: Uint8Array[],
  logger: Logger,
): Uint8Array | null {
  const all = state ? [state, ...updates] : updates;
  if (all.length === 0) return null;
  try {
    const text = all.length === 1 ? all[0]! : Y.mergeUpdates(all);
    Y.applyUpdate(doc, text);
    return text;
  } catch (error) {
    logger.error({ err: error }, 'stored log could not be merged; applying it row by row');
    for (const update of all) {
      try {
        Y.applyUpdate(doc, update);
      } catch (rowError) {
        logger.error({ err: rowError }, 'skipping a stored update that cannot be applied');
      }
    }
    return null;
  }
}
