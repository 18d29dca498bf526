import { describe, expect, it } from 'vitest';
import { derivedClauseId, planClauseIdRepairs } from './clauseIdRepair';

describe('planClauseIdRepairs', () => {
  it('changes nothing when every clause has a unique id', () => {
    expect(planClauseIdRepairs(['a', 'b', 'c'], () => 'x').size).toBe(0);
  });

  it('keeps the first of duplicates and derives the same new ids on every run, for every client', () => {
    const ids = ['a', 'b', 'a', 'c', 'a'];
    const first = planClauseIdRepairs(ids, () => 'unused');
    const second = planClauseIdRepairs(ids, () => 'other');
    expect([...first.keys()]).toEqual([2, 4]);
    expect(first).toEqual(second);
    const repaired = ids.map((id, index) => first.get(index) ?? id);
    expect(new Set(repaired).size).toBe(ids.length);
  });

  it('gives clauses without an id a fresh one that is not taken', () => {
    const fresh = ['taken', 'new-1'];
    const plan = planClauseIdRepairs(['taken', null, undefined, ''], () => fresh.shift() ?? `n${Math.random()}`);
    expect(plan.get(1)).toBe('new-1');
    expect(plan.has(2)).toBe(true);
    expect(plan.has(3)).toBe(true);
    expect(new Set([...plan.values(), 'taken']).size).toBe(4);
  });

  it('never derives an id that is already in use', () => {
    const derived = derivedClauseId('a', 1);
    const plan = planClauseIdRepairs(['a', derived, 'a'], () => 'x');
    expect(plan.get(2)).not.toBe(derived);
    expect(plan.get(2)).toBe(derivedClauseId('a', 1, 1));
  });
});
