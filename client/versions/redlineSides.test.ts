import { describe, expect, it } from 'vitest';
import { clauseBlocks } from '../../shared/clauseBlocks';
import type { DocumentNodeJSON } from '../../shared/documentJSON';
import { compareBlocks, flatWords } from '../../shared/redline';
import type { ClauseRedline } from '../api/compareApi';
import { isChanged, redlineSides } from './redlineSides';

/** A point with its id and the points within it. */
type Point = [id: string, text: string, points?: Point[]];

function clauseNode(text: string, points: Point[] = []): DocumentNodeJSON {
  const paragraph = (t: string): DocumentNodeJSON => ({ type: 'paragraph', content: [{ type: 'text', text: t }] });
  const point = ([id, t, inner = []]: Point): DocumentNodeJSON => ({
    type: 'subparagraph',
    attrs: { id },
    content: [paragraph(t), ...inner.map(point)],
  });
  return { type: 'clause', attrs: { id: 'c1' }, content: [paragraph(text), ...points.map(point)] };
}

/** The redline of a clause between two wordings, as the compare API computes it. */
function clause(
  overrides: Partial<ClauseRedline>,
  before: DocumentNodeJSON | null = null,
  after: DocumentNodeJSON | null = null,
): ClauseRedline {
  const blocks = compareBlocks(before ? clauseBlocks(before, 'OP1') : [], after ? clauseBlocks(after, 'OP1') : []);
  return {
    id: 'c1',
    kind: 'operative',
    change: 'modified',
    moved: false,
    fromNumber: 'OP1',
    toNumber: 'OP1',
    words: flatWords(blocks),
    blocks,
    pillars: { added: [], removed: [] },
    status: null,
    ...overrides,
  };
}

describe('redlineSides', () => {
  it('keeps deletions on the older side and insertions on the newer one', () => {
    const sides = redlineSides(
      clause(
        { fromNumber: 'OP7', toNumber: 'OP2' },
        clauseNode('States should protect hospitals.'),
        clauseNode('States should safeguard hospitals.'),
      ),
    );
    expect(sides.from).toEqual({
      number: 'OP7',
      lines: [
        {
          level: 0,
          id: '',
          words: [
            { op: 'equal', text: 'States should ' },
            { op: 'delete', text: 'protect' },
            { op: 'equal', text: ' hospitals.' },
          ],
        },
      ],
    });
    expect(sides.to).toEqual({
      number: 'OP2',
      lines: [
        {
          level: 0,
          id: '',
          words: [
            { op: 'equal', text: 'States should ' },
            { op: 'insert', text: 'safeguard' },
            { op: 'equal', text: ' hospitals.' },
          ],
        },
      ],
    });
  });

  it('gives each side its own points at their levels with their own labels', () => {
    const sides = redlineSides(
      clause(
        {},
        clauseNode('Taking into account:', [
          ['a', 'harm;', [['a1', 'to civilians;']]],
          ['b', 'escalation.'],
        ]),
        clauseNode('Taking into account:', [
          [
            'a',
            'harm;',
            [
              ['n', 'to services;'],
              ['a1', 'to civilians;'],
            ],
          ],
        ]),
      ),
    );
    const read = (side: typeof sides.from) =>
      side!.lines.map((line) => `${line.level}:${line.words.map((w) => `${w.op[0]}${w.text}`).join('|')}`);
    expect(read(sides.from)).toEqual([
      '0:eTaking into account:',
      '1:e(a) |eharm;',
      '2:e(i) |eto civilians;',
      '1:d(b) |descalation.',
    ]);
    expect(read(sides.to)).toEqual([
      '0:eTaking into account:',
      '1:e(a) |eharm;',
      '2:i(i) |ito services;',
      '2:e(ii) |eto civilians;',
    ]);
  });

  it('gives an added clause no older side and a removed clause no newer side', () => {
    expect(redlineSides(clause({ change: 'added', fromNumber: null }, null, clauseNode('New.'))).from).toBeNull();
    expect(redlineSides(clause({ change: 'removed', toNumber: null }, clauseNode('Old.'), null)).to).toBeNull();
  });
});

describe('isChanged', () => {
  it('counts a moved clause as changed and a merely renumbered one as unchanged', () => {
    expect(isChanged(clause({ change: 'unchanged', moved: true }))).toBe(true);
    expect(isChanged(clause({ change: 'unchanged', fromNumber: 'PP1', toNumber: 'PP2' }))).toBe(false);
    expect(isChanged(clause({ change: 'removed' }))).toBe(true);
  });
});
