import { describe, expect, it } from 'vitest';
import type { DocumentNodeJSON } from './documentJSON';
import {
  CLAUSE_DEPTH,
  clauseLimitProblem,
  clausesLimitProblem,
  measureDocument,
  pointDepthProblem,
} from './documentLimits';
import {
  MAX_CLAUSE_CHARACTERS,
  MAX_DOCUMENT_CHARACTERS,
  MAX_NESTING_DEPTH,
  MAX_POINT_LEVELS,
  formatCount,
} from './limits';

function clause(text: string, wrap = 0): DocumentNodeJSON {
  let node: DocumentNodeJSON = { type: 'paragraph', content: [{ type: 'text', text, marks: [{ type: 'bold' }] }] };
  for (let k = 0; k < wrap; k++) node = { type: 'paragraph', content: [node] };
  return { type: 'clause', attrs: { id: 'c_1', pillars: ['attribution'] }, content: [node] };
}

describe('measuring document JSON', () => {
  it('counts elements below the document as the collab server does, text nodes aside, and the characters of text', () => {
    expect(measureDocument(clause('Twelve chars'), CLAUSE_DEPTH)).toEqual({
      depth: 3,
      characters: 12,
      nesting: 7,
      pointLevels: 0,
    });
    const doc = { type: 'doc', content: [{ type: 'operative', content: [clause('ab'), clause('cde', 2)] }] };
    expect(measureDocument(doc)).toMatchObject({ depth: 5, characters: 5 });
  });

  it('walks 100,000 levels without recursion', () => {
    expect(measureDocument(clause('x', 100_000), CLAUSE_DEPTH)).toMatchObject({ depth: 100_003, characters: 1 });
    let deep: unknown = [];
    for (let k = 0; k < 100_000; k++) deep = [deep];
    expect(measureDocument({ attrs: { note: deep } }).nesting).toBe(100_003);
  });

  it('reads anything at all without throwing, counting only what looks like nodes', () => {
    for (const value of [null, 3, 'text', [], { type: 7 }, { content: 'no list' }, { type: 'text', text: 5 }])
      expect(() => measureDocument(value)).not.toThrow();
    // Attribute values are not elements, whatever their keys.
    expect(measureDocument({ type: 'clause', attrs: { content: [{ type: 'x' }] } }, CLAUSE_DEPTH).depth).toBe(2);
  });
});

/** A clause whose points nest `levels` deep, each level holding one point, and a second point at the first level. */
function pointed(levels: number): DocumentNodeJSON {
  let point: DocumentNodeJSON | null = null;
  for (let level = levels; level >= 1; level--) {
    const own: DocumentNodeJSON = { type: 'paragraph', content: [{ type: 'text', text: `level ${level}` }] };
    point = { type: 'subparagraph', attrs: { id: `p${level}` }, content: point ? [own, point] : [own] };
  }
  const flat: DocumentNodeJSON = { type: 'subparagraph', content: [{ type: 'paragraph' }] };
  return { type: 'clause', content: [{ type: 'paragraph' }, ...(point ? [point] : []), flat] };
}

describe('how deep points nest', () => {
  it('measures the deepest point, not the number of points or the depth of other elements', () => {
    expect(measureDocument(pointed(0), CLAUSE_DEPTH).pointLevels).toBe(1);
    expect(measureDocument(pointed(3), CLAUSE_DEPTH).pointLevels).toBe(3);
    expect(measureDocument(pointed(5), CLAUSE_DEPTH).pointLevels).toBe(5);
    expect(measureDocument(clause('x', 10), CLAUSE_DEPTH).pointLevels).toBe(0);
    // An attribute that looks like a point is no point.
    expect(measureDocument({ type: 'clause', attrs: { content: [{ type: 'subparagraph' }] } }).pointLevels).toBe(0);
  });

  it('allows three levels, (a) (i) (A), and names the figure past them, for a clause as for a change', () => {
    expect(pointDepthProblem(MAX_POINT_LEVELS, 'The change')).toBeNull();
    expect(pointDepthProblem(4, 'The change')).toBe(
      'The change nests points 4 levels deep; points go at most 3 levels deep: (a), then (i), then (A).',
    );
    expect(clauseLimitProblem(pointed(3), 'The proposed clause')).toBeNull();
    expect(clauseLimitProblem(pointed(4), 'The proposed clause')).toBe(
      'The proposed clause nests points 4 levels deep; points go at most 3 levels deep: (a), then (i), then (A).',
    );
    const names = { each: (k: number) => `Clause ${k + 1} of the resolution`, all: 'The clauses' };
    expect(clausesLimitProblem([pointed(3), pointed(6)], names)).toMatch(
      /^Clause 2 of the resolution nests points 6 levels/,
    );
  });
});

describe('the limits of a clause', () => {
  it('names the figure passed, and allows what is within', () => {
    expect(clauseLimitProblem(clause('Fine.', MAX_NESTING_DEPTH - 3), 'The clause')).toBeNull();
    expect(clauseLimitProblem(clause('Deep.', MAX_NESTING_DEPTH - 2), 'The clause')).toBe(
      'The clause nests elements 17 levels deep below the document; a draft allows at most 16.',
    );
    expect(clauseLimitProblem(clause('x'.repeat(MAX_CLAUSE_CHARACTERS)), 'The clause')).toBeNull();
    expect(clauseLimitProblem(clause('x'.repeat(MAX_CLAUSE_CHARACTERS + 1)), 'The clause')).toBe(
      `The clause holds ${formatCount(MAX_CLAUSE_CHARACTERS + 1)} characters; ` +
        `a clause may hold at most ${formatCount(MAX_CLAUSE_CHARACTERS)}.`,
    );
  });

  it('checks each clause of a list, then all of them together against the size of a draft', () => {
    const names = { each: (k: number) => `Clause ${k + 1}`, all: 'The clauses' };
    expect(clausesLimitProblem([clause('a'), clause('b', 20)], names)).toMatch(/^Clause 2 nests elements 23 levels/);
    const full = clause('x'.repeat(MAX_CLAUSE_CHARACTERS));
    const fit = Math.floor(MAX_DOCUMENT_CHARACTERS / MAX_CLAUSE_CHARACTERS);
    expect(
      clausesLimitProblem(
        Array.from({ length: fit }, () => full),
        names,
      ),
    ).toBeNull();
    expect(
      clausesLimitProblem(
        Array.from({ length: fit + 1 }, () => full),
        names,
      ),
    ).toBe(
      `The clauses hold ${formatCount((fit + 1) * MAX_CLAUSE_CHARACTERS)} characters together; ` +
        `a draft may hold at most ${formatCount(MAX_DOCUMENT_CHARACTERS)}.`,
    );
  });
});
