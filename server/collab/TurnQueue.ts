/**
 * Tasks run one a turn of the event loop, in the order they came: work that arrives in a burst
 * (a crowd opening a draft at once) is spread over turns, with other drafts' messages handled
 * between them, instead of holding the thread for the whole burst.
 */
export class TurnQueue {
  private readonly tasks: (() => unknown)[] = [];
  private turn: NodeJS.Immediate | null = null;
  private readonly runNext = (): void => {
    this.tasks.shift()?.();
    this.turn = this.tasks.length > 0 ? setImmediate(this.runNext) : null;
  };

  /** Runs `task` in a turn of its own, after those pushed before it. */
  push(task: () => unknown): void {
    this.tasks.push(task);
    this.turn ??= setImmediate(this.runNext);
  }

  /** Drops the tasks not yet run. */
  clear(): void {
    this.tasks.length = 0;
    if (this.turn) clearImmediate(this.turn);
    this.turn = null;
  }
}
