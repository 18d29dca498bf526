import { describe, expect, it } from 'vitest';
import type { DocumentNodeJSON } from './documentJSON';
import { readMarkers } from './negotiationMarkers';
import { plainText } from './outline';

const who = { delegation: 'val', author: 'u1', at: '2026-12-05T10:00:00.000Z' };
const text = (words: string, marks?: DocumentNodeJSON['marks']): DocumentNodeJSON => ({
  type: 'text',
  text: words,
  ...(marks && { marks }),
});
const bracket = (id: string, side: 'open' | 'close'): DocumentNodeJSON => ({
  type: 'bracket',
  attrs: { id, side, ...who },
});
const alternative = (id: string, side: string, option: string | null): DocumentNodeJSON => ({
  type: 'alternative',
  attrs: { id, side, option, ...who },
});

function clause(id: string, ...content: DocumentNodeJSON[]): DocumentNodeJSON {
  return { type: 'clause', attrs: { id }, content: [{ type: 'paragraph', content }] };
}

describe('reading brackets and alternatives', () => {
  const paragraph = clause(
    'c1',
    text('States '),
    bracket('u1:b1', 'open'),
    text('shall'),
    bracket('u1:b1', 'close'),
    text(' act '),
    alternative('u1:a1', 'open', 'u1:o1'),
    text('promptly'),
    alternative('u1:a1', 'next', 'u2:o2'),
    text('without delay'),
    alternative('u1:a1', 'close', null),
    text('.'),
    text(' and now', [{ type: 'insertion', attrs: who }]),
  );
  const doc: DocumentNodeJSON = {
    type: 'doc',
    content: [{ type: 'operative', content: [paragraph, clause('c2', text('Other.'))] }],
  };

  it('finds each bracket and each set of wordings with its clause and words', () => {
    const { brackets, alternatives } = readMarkers(doc);
    expect(brackets).toEqual([{ id: 'u1:b1', clauseId: 'c1', text: 'shall', closed: true, ...who }]);
    expect(alternatives).toHaveLength(1);
    expect(alternatives[0]).toMatchObject({ id: 'u1:a1', clauseId: 'c1', closed: true });
    expect(alternatives[0]!.options.map((option) => [option.id, option.text])).toEqual([
      ['u1:o1', 'promptly'],
      ['u2:o2', 'without delay'],
    ]);
  });

  it('reads the text as it stands: brackets and labelled wordings in it, suggested insertions not yet', () => {
    expect(plainText(paragraph)).toBe('States [shall] act [Alt 1: promptly / Alt 2: without delay].');
  });

  it('ends an unclosed bracket with its clause', () => {
    const open = clause('c3', text('A '), bracket('u1:b2', 'open'), text('loose end'));
    const { brackets } = readMarkers({
      type: 'doc',
      content: [{ type: 'operative', content: [open, clause('c4', text('Next.'))] }],
    });
    expect(brackets).toEqual([{ id: 'u1:b2', clauseId: 'c3', text: 'loose end', closed: false, ...who }]);
  });
});
