import { describe, expect, it } from 'vitest';
import { ClauseWords, packClauseWords } from './ClauseWords';

describe('clause words packed at load', () => {
  it('gives back each clause’s words, in any script, and is kept up to date like a Map', () => {
    const texts = new Map([
      ['c1', 'States shall refrain from operations against essential services.'],
      ['c2', ''],
      ['c3', 'Государства — 各国应 — الدول 🌐 (b)(i)'],
    ]);
    const packed = packClauseWords(texts);
    expect(packed.ids).toEqual(['c1', 'c2', 'c3']);
    const words = new ClauseWords(packed);
    for (const [clauseId, text] of texts) expect(words.get(clauseId)).toBe(text);
    expect(words.get('c4')).toBeUndefined();

    words.set('c1', 'Reworded.');
    words.delete('c3');
    words.set('c4', 'New clause.');
    expect([words.get('c1'), words.get('c2'), words.get('c3'), words.get('c4')]).toEqual([
      'Reworded.',
      '',
      undefined,
      'New clause.',
    ]);
  });

  it('packs no clauses into empty buffers', () => {
    const packed = packClauseWords(new Map());
    expect([packed.ids, packed.words.byteLength, packed.ends.length]).toEqual([[], 0, 0]);
    expect(new ClauseWords(packed).get('c1')).toBeUndefined();
  });
});
