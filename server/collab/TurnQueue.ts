/**
 * Tasks run one a turn of the event loop, in the order they came: work that arrives in a burst
 * (a crowd opening a draft at once) is spread over turns, with other drafts' messages handled
 * between them, instead of holding the thread for the whole burst.
 */
export class TurnQueue {
  private readonly tasks: (() => unknown)[] = [];
  private turn: NodeJS.Immediate | null = null;
  /** Those waiting for the queue to empty (see {@link drained}). */
  private waiters: (() => void)[] = [];
  private readonly runNext = (): void => {
    this.tasks.shift()?.();
    this.turn = this.tasks.length > 0 ? setImmediate(this.runNext) : null;
    if (this.turn === null) this.emptied();
  };

  /** Runs `task` in a turn of its own, after those pushed before it. */
  push(task: () => unknown): void {
    this.tasks.push(task);
    this.turn ??= setImmediate(this.runNext);
  }

  /** Resolves once every task pushed so far, and any pushed meanwhile, has run (or was dropped): at once if none waits. */
  drained(): Promise<void> {
    if (this.tasks.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Drops the tasks not yet run. */
  clear(): void {
    this.tasks.length = 0;
    if (this.turn) clearImmediate(this.turn);
    this.turn = null;
    this.emptied();
  }

  private emptied(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
