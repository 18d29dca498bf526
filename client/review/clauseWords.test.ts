import { describe, expect, it } from 'vitest';
import { clauseText } from '../../shared/outline';
import { wordChanges } from '../../shared/redline';
import { findClauseNode, hasChanges } from './clauseWords';

const clause = {
  type: 'clause',
  attrs: { id: 'c_op1' },
  content: [
    { type: 'paragraph', content: [{ type: 'text', text: 'States should report on:' }] },
    { type: 'subparagraph', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'incidents;' }] }] },
    {
      type: 'subparagraph',
      content: [{ type: 'paragraph', content: [{ type: 'text', marks: [{ type: 'bold' }], text: 'measures' }] }],
    },
  ],
};

describe('clause words', () => {
  it('reads a clause node as the outline does, sub-paragraph letters included', () => {
    expect(clauseText(clause)).toBe('States should report on:\n(a) incidents;\n(b) measures');
  });

  it('marks inserted and deleted words as the server’s redline does', () => {
    const words = wordChanges('States should protect hospitals.', 'States shall protect hospitals and water.');
    expect(words.filter((word) => word.op === 'delete').map((word) => word.text.trim())).toContain('should');
    expect(words.filter((word) => word.op === 'insert').map((word) => word.text.trim())).toContain('shall');
    expect(words.map((word) => (word.op === 'insert' ? '' : word.text)).join('')).toBe(
      'States should protect hospitals.',
    );
    expect(words.map((word) => (word.op === 'delete' ? '' : word.text)).join('')).toBe(
      'States shall protect hospitals and water.',
    );
    expect(hasChanges(words)).toBe(true);
    expect(hasChanges(wordChanges('Same.', 'Same.'))).toBe(false);
  });

  it('finds a clause of a version’s text by id', () => {
    const document = {
      type: 'doc',
      content: [{ type: 'title' }, { type: 'preamble', content: [] }, { type: 'operative', content: [clause] }],
    };
    expect(findClauseNode(document, 'c_op1')).toBe(clause);
    expect(findClauseNode(document, 'c_none')).toBeNull();
  });
});
