import { describe, expect, it } from 'vitest';
import { TurnQueue } from './TurnQueue';

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('TurnQueue', () => {
  it('runs one task a turn, in the order they were pushed', async () => {
    const queue = new TurnQueue();
    const ran: number[] = [];
    for (const n of [1, 2, 3]) queue.push(() => ran.push(n));
    expect(ran).toEqual([]);
    await nextTurn();
    expect(ran).toEqual([1]);
    await nextTurn();
    await nextTurn();
    expect(ran).toEqual([1, 2, 3]);
    queue.push(() => ran.push(4));
    await nextTurn();
    expect(ran).toEqual([1, 2, 3, 4]);
  });

  it('drops the tasks not yet run when cleared', async () => {
    const queue = new TurnQueue();
    const ran: number[] = [];
    for (const n of [1, 2]) queue.push(() => ran.push(n));
    queue.clear();
    await nextTurn();
    await nextTurn();
    expect(ran).toEqual([]);
  });

  it('tells when every task pushed so far has run, and at once when none waits', async () => {
    const queue = new TurnQueue();
    const ran: number[] = [];
    let drained = false;
    await queue.drained();
    for (const n of [1, 2]) queue.push(() => ran.push(n));
    void queue.drained().then(() => (drained = true));
    await nextTurn();
    queue.push(() => ran.push(3));
    await nextTurn();
    expect(drained).toBe(false);
    await nextTurn();
    await Promise.resolve();
    expect(ran).toEqual([1, 2, 3]);
    expect(drained).toBe(true);
  });

  it('lets those waiting for it go when cleared', async () => {
    const queue = new TurnQueue();
    queue.push(() => undefined);
    const drained = queue.drained();
    queue.clear();
    await expect(drained).resolves.toBeUndefined();
  });
});
