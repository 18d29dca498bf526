import * as Y from 'yjs';
import type { Logger } from '../logger';
import type { DocumentLocation } from '../storage/DocumentLogStorage';
import type { Storage, StoredUpdate } from '../storage/Storage';
import { digestOffThread, recordCheckedState } from './checkedStates';
import { type ReaderOptions, isLargeText, mergeStoredOffThread } from './readInPiecesOffThread';

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
  /** The compaction being merged on the worker thread, if one is (see {@link compactStored}). */
  private merging: Promise<void> | null = null;
  /** Set once the worker could not merge the stored rows: the caller's live text is merged from then on. */
  private mergeHere = false;

  constructor(
    private readonly draftId: string,
    private readonly storage: Storage,
    private readonly logger: Logger,
    /**
     * `compactAfterUpdates`: merge the log once it holds this many rows; `length`: the rows it holds
     * now; which texts are large (`ReaderOptions`): those are merged on the worker thread (see
     * {@link compactStored}).
     */
    private readonly options: { compactAfterUpdates: number; length: number } & ReaderOptions,
  ) {
    this.length = options.length;
    this.compactAt = options.compactAfterUpdates;
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
    await this.store(state, upToSeq, this.length);
  }

  /**
   * Compacts a large text from what is stored, merged on the worker thread (`mergeStoredOffThread`)
   * and not from the caller's live text: encoding a 2 MiB text took the thread that serves every
   * draft 30 to 50 ms, every draft waiting, each time such a draft was compacted or closed after a
   * change. Rows appended meanwhile stay after the new state, so commits need not wait for it.
   * The rows merged are checked again on the worker, so the state stored is known sound as well.
   *
   * Returns the compaction under way (the one already running, if there is one), or null when it
   * cannot be done so and the caller merges its live text with {@link compact}: a text not in a
   * file another thread can read (only the embedded SQLite's is), a small one, one whose stored
   * rows are not exactly those the live text holds (`upToSeq`: another instance stored some since),
   * and every text of this draft once the worker failed to merge one.
   */
  compactStored(upToSeq: number): Promise<void> | null {
    if (this.merging) return this.merging;
    if (this.mergeHere || this.length === 0) return null;
    const location = this.storage.locateDocument?.(this.draftId) ?? null;
    if (location === null || location.updates === 0 || location.lastSeq !== upToSeq) return null;
    if (!isLargeText(location.bytes, this.options)) return null;
    this.merging = this.mergeOffThread(location).finally(() => (this.merging = null));
    return this.merging;
  }

  private async mergeOffThread(location: DocumentLocation): Promise<void> {
    let state: Uint8Array | null = null;
    try {
      state = await mergeStoredOffThread({ location });
    } catch (error) {
      this.logger.warn({ err: error }, 'merging the update log on the worker thread failed');
    }
    if (state === null) {
      this.mergeHere = true;
      this.logger.warn('the worker thread did not merge the update log; it is merged from the live text');
      return;
    }
    await this.store(state, location.lastSeq, location.updates);
  }

  /** Stores `state` in place of the state row and the first `merged` rows after it, up to `upToSeq`. */
  private async store(state: Uint8Array, upToSeq: number, merged: number): Promise<void> {
    // On the thread pool, beside the write: a 2 MiB state takes a few milliseconds.
    const digest = digestOffThread(state).catch(() => null);
    try {
      const done = await this.storage.compactDocument(this.draftId, state, upToSeq);
      recordCheckedState(this.draftId, done ? await digest : null);
      if (!done) this.logger.debug({ upToSeq }, 'another instance compacts the update log');
    } catch (error) {
      recordCheckedState(this.draftId, null);
      this.compactAt = this.length + this.options.compactAfterUpdates;
      this.logger.error({ err: error }, 'compacting the update log failed; it is kept as it is');
      return;
    }
    // Rows another instance stored count in `merged` and not here.
    this.length = Math.max(0, this.length - merged);
    this.compactAt = this.options.compactAfterUpdates;
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
