import { describe, expect, it } from 'vitest';
import { CommitChain } from './CommitChain';

describe('CommitChain', () => {
  it('runs tasks one at a time in order, and lets changes join the commit that waits for its turn', async () => {
    const done: string[] = [];
    const failures: unknown[] = [];
    const chain = new CommitChain<string>((error) => failures.push(error));
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const store = async (batch: string[]) => {
      done.push(batch.join('+'));
      await Promise.resolve();
    };
    void chain.run(async () => {
      await held;
      done.push('first');
    });
    chain.commit(['a'], store);
    chain.commit(['b', 'c'], store);
    void chain.run(async () => {
      done.push('compaction');
      throw new Error('defect');
    });
    // Joins the commit still waiting behind the first task, ahead of the compaction queued after it.
    chain.commit(['d'], store);
    release();
    await chain.settled;
    chain.commit(['e'], store);
    await chain.settled;
    expect(done).toEqual(['first', 'a+b+c+d', 'compaction', 'e']);
    expect(failures).toEqual([new Error('defect')]);
  });
});
