/**
 * The order a draft's writes take: commits, compactions and catch-ups run one at a time, each
 * after every one queued before it. Changes admitted while a commit waits its turn join that
 * commit ({@link CommitChain.commit}): however slow the storage, one commit runs and at most one
 * waits, holding everything that came since, so a slow database makes commits larger, not more.
 */
export class CommitChain<Change> {
  private tail: Promise<void> = Promise.resolve();
  /** The changes of the commit waiting for its turn, if one is. */
  private waiting: Change[] | null = null;

  /** `failed`: a task threw (a defect: storage failures are the task's own to handle). */
  constructor(private readonly failed: (error: unknown) => void) {}

  /** Runs `task` after everything queued before it; resolves when it is done. */
  run(task: () => Promise<void>): Promise<void> {
    const run = this.tail.then(task).catch((error: unknown) => this.failed(error));
    this.tail = run;
    return run;
  }

  /** Commits `changes` with `store`, after everything queued before, together with any that join before its turn. */
  commit(changes: readonly Change[], store: (batch: Change[]) => Promise<void>): void {
    if (this.waiting !== null) {
      this.waiting.push(...changes);
      return;
    }
    const batch = (this.waiting = [...changes]);
    void this.run(() => {
      this.waiting = null;
      return store(batch);
    });
  }

  /** Resolves when everything queued so far is done. */
  get settled(): Promise<void> {
    return this.tail;
  }
}
