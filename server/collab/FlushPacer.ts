/**
 * The least time between two commits of a draft while changes arrive faster than they are
 * committed (the last commit took more than one update). Then what arrives meanwhile is judged,
 * stored and relayed together, so a plenary's keystrokes reach 500 readers in fewer, larger
 * messages. One change at a time (a person typing, however fast the next follows) goes through at
 * the end of the turn it arrived in. Measured in BENCHMARKS.md (plenary 50×500 and the seph-blog1
 * trace, with and without).
 */
export const FLUSH_INTERVAL_MS = 5;

/**
 * When a draft's received changes go through: changes that arrive together go together, at the
 * end of the turn of the event loop they arrived in or, while they come faster than one a commit,
 * {@link FLUSH_INTERVAL_MS} after the last commit.
 */
export class FlushPacer {
  private scheduled = false;
  private lastAt = 0;
  private lastSize = 0;

  constructor(private readonly flush: () => void) {}

  /** A change arrived: makes sure a flush is coming. */
  schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const wait = this.lastSize > 1 ? this.lastAt + FLUSH_INTERVAL_MS - performance.now() : 0;
    if (wait > 0) setTimeout(this.flush, wait);
    else setImmediate(this.flush);
  }

  /** A flush is starting with `size` updates (it may have been called early, by someone waiting for it). */
  flushing(size: number): void {
    this.scheduled = false;
    this.lastAt = performance.now();
    this.lastSize = size;
  }
}
