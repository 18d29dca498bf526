import { describe, expect, it } from 'vitest';
import type { ClauseRedline } from '../api/compareApi';
import { isChanged, redlineSides } from './redlineSides';

function clause(overrides: Partial<ClauseRedline>): ClauseRedline {
  return {
    id: 'c1',
    kind: 'operative',
    change: 'modified',
    moved: false,
    fromNumber: 'OP1',
    toNumber: 'OP1',
    words: [],
    pillars: { added: [], removed: [] },
    status: null,
    ...overrides,
  };
}

describe('redlineSides', () => {
  it('keeps deletions on the older side and insertions on the newer one', () => {
    const sides = redlineSides(
      clause({
        fromNumber: 'OP7',
        toNumber: 'OP2',
        words: [
          { op: 'equal', text: 'States should ' },
          { op: 'delete', text: 'protect' },
          { op: 'insert', text: 'safeguard' },
          { op: 'equal', text: ' hospitals.' },
        ],
      }),
    );
    expect(sides.from).toEqual({
      number: 'OP7',
      words: [
        { op: 'equal', text: 'States should ' },
        { op: 'delete', text: 'protect' },
        { op: 'equal', text: ' hospitals.' },
      ],
    });
    expect(sides.to).toEqual({
      number: 'OP2',
      words: [
        { op: 'equal', text: 'States should ' },
        { op: 'insert', text: 'safeguard' },
        { op: 'equal', text: ' hospitals.' },
      ],
    });
  });

  it('gives an added clause no older side and a removed clause no newer side', () => {
    expect(
      redlineSides(clause({ change: 'added', fromNumber: null, words: [{ op: 'insert', text: 'New.' }] })).from,
    ).toBeNull();
    expect(
      redlineSides(clause({ change: 'removed', toNumber: null, words: [{ op: 'delete', text: 'Old.' }] })).to,
    ).toBeNull();
  });
});

describe('isChanged', () => {
  it('counts a moved clause as changed and a merely renumbered one as unchanged', () => {
    expect(isChanged(clause({ change: 'unchanged', moved: true }))).toBe(true);
    expect(isChanged(clause({ change: 'unchanged', fromNumber: 'PP1', toNumber: 'PP2' }))).toBe(false);
    expect(isChanged(clause({ change: 'removed' }))).toBe(true);
  });
});
