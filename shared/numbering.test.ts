import { describe, expect, it } from 'vitest';
import type { FrozenNumbering } from './numbering';
import { displayNumbers, freezeNumbers, latinSuffix, rewriteReferences } from './numbering';

const frozenAt = (ids: string[], kind: 'operative' | 'annex' = 'operative'): FrozenNumbering =>
  freezeNumbers(ids, displayNumbers(kind, 0, ids, null).numbers, 'chair', '2026-12-05T00:00:00Z');

describe('stable numbers', () => {
  const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
  const frozen = frozenAt(ids);

  it('numbers in order until frozen', () => {
    expect(displayNumbers('operative', 0, ids, null).numbers).toEqual(['OP1', 'OP2', 'OP3', 'OP4', 'OP5', 'OP6']);
    expect(displayNumbers('preambular', 0, ['x', 'y'], null).numbers).toEqual(['PP1', 'PP2']);
  });

  it('numbers clauses inserted after OP5 bis, ter, quater, and one before OP1 OP0 bis', () => {
    const now = ['new0', 'a', 'b', 'c', 'd', 'e', 'n1', 'n2', 'n3', 'f'];
    expect(displayNumbers('operative', 0, now, frozen).numbers).toEqual([
      'OP0 bis',
      'OP1',
      'OP2',
      'OP3',
      'OP4',
      'OP5',
      'OP5 bis',
      'OP5 ter',
      'OP5 quater',
      'OP6',
    ]);
  });

  it('leaves a deleted clause in the numbering where it stood, until renumbering', () => {
    const shown = displayNumbers('operative', 0, ['a', 'b', 'c', 'd', 'e'], frozen);
    expect(shown.numbers).toEqual(['OP1', 'OP2', 'OP3', 'OP4', 'OP5']);
    expect(shown.deleted).toEqual([{ number: 'OP6', before: null }]);
    expect(displayNumbers('operative', 0, ['a', 'c', 'd', 'e', 'f'], frozen).deleted).toEqual([
      { number: 'OP2', before: 'c' },
    ]);
  });

  it('keeps a moved clause’s number, and numbers a copy under a new id as new', () => {
    expect(displayNumbers('operative', 0, ['b', 'a', 'c', 'd', 'e', 'f'], frozen).numbers.slice(0, 2)).toEqual([
      'OP2',
      'OP1',
    ]);
    const split = { ...frozen, numbers: { ...frozen.numbers, copy: 'OP3' } };
    expect(displayNumbers('operative', 0, ['a', 'b', 'c', 'copy', 'd', 'e', 'f'], split).numbers[3]).toBe('OP3 bis');
  });

  it('numbers a paragraph only proposed, and a further wording of a whole clause, after the clause before them', () => {
    const followers = new Map<string, string | null>([
      ['new', null],
      ['first', null],
      ['alt', 'Alt 2'],
    ]);
    expect(displayNumbers('operative', 0, ['first', 'a', 'new', 'alt', 'b'], null, followers).numbers).toEqual([
      'OP0 bis',
      'OP1',
      'OP1 bis',
      'OP1 Alt 2',
      'OP2',
    ]);
    expect(displayNumbers('annex', 1, ['a', 'new'], null, followers).numbers).toEqual(['A2.1', 'A2.1 bis']);
    const twoFrozen = freezeNumbers(['a', 'b'], ['OP1', 'OP2'], 'chair', '2026-01-01T00:00:00Z');
    expect(displayNumbers('operative', 0, ['a', 'alt', 'new', 'b'], twoFrozen, followers).numbers).toEqual([
      'OP1',
      'OP1 Alt 2',
      'OP1 bis',
      'OP2',
    ]);
  });

  it('numbers annex paragraphs the same way: A1.2 bis', () => {
    const annex = frozenAt(['p', 'q'], 'annex');
    expect(displayNumbers('annex', 0, ['p', 'q', 'r'], annex).numbers).toEqual(['A1.1', 'A1.2', 'A1.2 bis']);
  });

  it('has Latin suffixes to quindecies, then numbers', () => {
    expect([0, 1, 8, 13, 14].map(latinSuffix)).toEqual(['bis', 'ter', 'decies', 'quindecies', '16']);
  });

  it('rewrites whole cited numbers only, and counts them', () => {
    const map = new Map([
      ['OP8', 'OP9'],
      ['OP5 bis', 'OP6'],
      ['A1.2', 'A1.3'],
    ]);
    expect(rewriteReferences('See OP8, OP80 and OP5 bis; also A1.2 and PP3.', map)).toEqual({
      text: 'See OP9, OP80 and OP6; also A1.3 and PP3.',
      count: 3,
    });
  });
});
