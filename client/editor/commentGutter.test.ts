import { describe, expect, it } from 'vitest';
import { stateFromSpec } from '../testing/editorStates';
import { buildCommentHighlights } from './CommentHighlights';

describe('the comment markers beside clauses', () => {
  it('number each annex paragraph as the outline does (A1.1, A2.1), not as the first annex', () => {
    const state = stateFromSpec({
      title: 'Annexes',
      preamble: ['Recalling,'],
      operative: ['Decides.'],
      annexes: [
        { title: 'First', clauses: ['One.', 'Two.'] },
        { title: 'Second', clauses: ['Three.'] },
      ],
    });
    const input = { highlights: [], counts: new Map<string, number>(), canComment: true, pending: null };
    const { decorations } = buildCommentHighlights(state, input, new Map(), null);
    const numbers = decorations
      .find()
      .map((decoration) => String((decoration.spec as { key?: string }).key ?? '').split('\u0000')[2])
      .filter((number) => number !== undefined);
    expect(numbers).toEqual(['PP1', 'OP1', 'A1.1', 'A1.2', 'A2.1']);
  });
});
