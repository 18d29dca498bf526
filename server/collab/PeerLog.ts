import type { StoredDocument } from '../storage/Storage';
import type { PeerChange } from './peers';

/** How a {@link PeerLog} reaches its document and the stored log. */
export interface PeerLogHooks {
  /** Applies rows to the live text, as changes already admitted and stored elsewhere; `holders` as in {@link PeerChange}, when known. */
  apply(updates: Uint8Array[], holders?: (string | null)[]): void;
  /** Reads what the log holds after a number (see `DocumentLogStorage.loadDocument`). */
  load(afterSeq: number): Promise<StoredDocument>;
  /** Runs a catch-up between the document's own commits, never inside one. */
  schedule(task: () => Promise<void>): Promise<void>;
  /** Reading the log failed; the catch-up is tried again shortly. */
  failed(error: unknown): void;
}

/** How long a gap in the numbers may stay open before the rows are read from the log. */
const GAP_GRACE_MS = 250;

/**
 * Keeps one draft's live text in step with its stored log when several instances append to it.
 * Rows are numbered per draft by the database, and an instance tells the others each batch it
 * stored; those messages may come in any order, late, or (the connection to Redis dropped) never.
 * So the live text takes other instances' rows strictly in number order, its own being applied as
 * they are committed; a gap left open longer than {@link GAP_GRACE_MS}, or a missed stretch (after
 * a reconnection), is filled by reading the log. `appliedUpTo` then says how far the live text
 * holds every row, which is all a compaction may merge.
 */
export class PeerLog {
  private upTo: number;
  /** This instance's own rows beyond `upTo` (applied already). */
  private readonly own = new Set<number>();
  /** Other instances' batches beyond a gap, by their first number. */
  private readonly waiting = new Map<number, PeerChange>();
  private gapTimer: NodeJS.Timeout | null = null;
  private catchingUp: Promise<void> | null = null;
  private stopped = false;

  constructor(
    lastSeq: number,
    private readonly hooks: PeerLogHooks,
  ) {
    this.upTo = lastSeq;
  }

  /** Every row up to this number is in the live text. */
  get appliedUpTo(): number {
    return this.upTo;
  }

  /** This instance stored, and applied, rows `first` to `last`. */
  stored(first: number, last: number): void {
    for (let seq = Math.max(first, this.upTo + 1); seq <= last; seq++) this.own.add(seq);
    this.advance();
  }

  /** Another instance stored a batch. */
  received(change: PeerChange): void {
    if (change.last <= this.upTo || this.stopped) return;
    this.waiting.set(change.first, change);
    this.advance();
  }

  /** Reads and applies whatever the log holds beyond `appliedUpTo` (one catch-up at a time). */
  catchUp(): Promise<void> {
    this.catchingUp ??= this.hooks
      .schedule(async () => {
        if (this.stopped) return;
        let stored: StoredDocument;
        try {
          stored = await this.hooks.load(this.upTo);
        } catch (error) {
          this.hooks.failed(error);
          this.armGapTimer();
          return;
        }
        const updates = stored.state ? [stored.state, ...stored.updates] : stored.updates;
        if (updates.length > 0) this.hooks.apply(updates);
        this.upTo = Math.max(this.upTo, stored.lastSeq);
        for (const seq of this.own) if (seq <= this.upTo) this.own.delete(seq);
        for (const [first, change] of this.waiting) if (change.last <= this.upTo) this.waiting.delete(first);
        this.advance();
      })
      .finally(() => {
        this.catchingUp = null;
      });
    return this.catchingUp;
  }

  stop(): void {
    this.stopped = true;
    if (this.gapTimer !== null) clearTimeout(this.gapTimer);
    this.gapTimer = null;
    this.waiting.clear();
  }

  private advance(): void {
    for (;;) {
      const next = this.upTo + 1;
      if (this.own.delete(next)) {
        this.upTo = next;
        continue;
      }
      const change = this.waiting.get(next);
      if (change === undefined) break;
      this.waiting.delete(next);
      this.hooks.apply(change.updates, change.holders);
      this.upTo = change.last;
    }
    const gap = this.waiting.size > 0 || this.own.size > 0;
    if (!gap && this.gapTimer !== null) {
      clearTimeout(this.gapTimer);
      this.gapTimer = null;
    } else if (gap) {
      this.armGapTimer();
    }
  }

  private armGapTimer(): void {
    if (this.gapTimer !== null || this.stopped) return;
    this.gapTimer = setTimeout(() => {
      this.gapTimer = null;
      void this.catchUp();
    }, GAP_GRACE_MS);
    this.gapTimer.unref();
  }
}
