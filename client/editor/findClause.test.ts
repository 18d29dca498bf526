import { EditorState, TextSelection } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import { draftFromSpec, type DraftSpec } from '../../shared/draftText';
import { SUGGESTION_MARKS } from '../../shared/suggestions';
import { draftSchema } from '../../shared/schema';
import { clauseAround, containerNumbers, findClauseById } from './findClause';

const schema = draftSchema();

const spec: DraftSpec = {
  title: 'Test norms',
  preamble: ['Recognizing A,'],
  operative: ['States should C.', 'States should D.', 'States should E.'],
};

function stateOf(): EditorState {
  const ids = ['p1', 'o1', 'o2', 'o3'];
  return EditorState.create({ doc: schema.nodeFromJSON(draftFromSpec(spec, () => ids.shift() ?? 'extra')), schema });
}

/** The operative part of a document: the container node whose numbers are read. */
function operativeOf(state: EditorState) {
  const clause = findClauseById(state.doc, 'o1')!;
  return clause.section;
}

describe("a container's clause numbers", () => {
  it('are read once per container node, however often the clause at the caret is asked for', () => {
    const state = stateOf();
    const operative = operativeOf(state);
    const first = containerNumbers(operative, 'operative', 0);
    expect(first).toEqual(['OP1', 'OP2', 'OP3']);
    // The same node: the same numbers, not read again (the toolbar asks for them on every keystroke).
    expect(containerNumbers(operative, 'operative', 0)).toBe(first);
    const at = findClauseById(state.doc, 'o2')!.pos + 2;
    const caret = state.apply(state.tr.setSelection(TextSelection.create(state.doc, at)));
    expect(clauseAround(caret.selection.$from)?.number).toBe('OP2');
    expect(containerNumbers(operativeOf(caret), 'operative', 0)).toBe(first);
  });

  it('follow a change of the container: a new node is read afresh', () => {
    const state = stateOf();
    const before = containerNumbers(operativeOf(state), 'operative', 0);
    // OP2's words become a proposal as a whole: it is numbered after OP1, and OP3 becomes OP2.
    const o2 = findClauseById(state.doc, 'o2')!;
    const paragraph = o2.node.firstChild!;
    const insertion = schema.marks[SUGGESTION_MARKS.insert]!.create({ id: 's1', authorId: 'u1', affiliationId: 'a1' });
    const changed = state.apply(state.tr.addMark(o2.pos + 2, o2.pos + 2 + paragraph.content.size, insertion));
    const after = containerNumbers(operativeOf(changed), 'operative', 0);
    expect(after).not.toBe(before);
    expect(after).not.toEqual(before);
    expect(after[0]).toBe('OP1');
    expect(after[2]).toBe('OP2');
    // Asked for another kind or annex, the same node is not answered from what was kept for the first.
    expect(containerNumbers(operativeOf(changed), 'annex', 1)[0]).toMatch(/^A/);
  });
});
