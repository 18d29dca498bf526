import { describe, expect, it } from 'vitest';
import type { DraftSpec } from '../../shared/draftText';
import { caretText, changes, outlineOf, pointReferences, run, stateFromSpec, withCaret } from '../testing/editorStates';
import {
  backspaceAtClauseStart,
  clauseIds,
  deleteAtClauseEnd,
  enterInClause,
  indentInClause,
  outdentInClause,
  toggleSubparagraph,
} from './clauseEditing';
import { pointAround } from './findStructure';
import { insertPoint } from './pointEditing';

// OP1 holds (a), (b) with (b)(i) and (b)(ii), and (c); OP2 follows in the next part.
const spec: DraftSpec = {
  title: 'Points',
  preamble: ['Recognizing A,'],
  operative: [
    {
      text: 'Calls upon States:',
      points: [
        'to warn;',
        { text: 'to cooperate, taking into account:', points: ['their means;', 'their law;'] },
        'to report.',
      ],
    },
    'States should D.',
  ],
};

const base = () => stateFromSpec(spec);

/** The point with the caret: its id and reference. */
function caretPoint(state: ReturnType<typeof base>) {
  const point = pointAround(state.selection.$from);
  return point && { id: point.node.attrs.id as string, reference: point.reference, level: point.level };
}

function pointIdOf(state: ReturnType<typeof base>, text: string): string {
  return caretPoint(withCaret(state, text))!.id;
}

describe('points in the editor', () => {
  it('finds the point around the caret with its level, label and reference, as the outline names it', () => {
    const state = withCaret(base(), 'their law;', 2);
    expect(caretPoint(state)).toMatchObject({ reference: 'OP1(b)(ii)', level: 2 });
    expect(pointReferences(state)).toEqual(['OP1(a)', 'OP1(b)', 'OP1(b)(i)', 'OP1(b)(ii)', 'OP1(c)']);
    expect(pointAround(withCaret(state, 'Calls upon').selection.$from)).toBeNull();
  });

  it('Enter at the end of a point starts the next point at its level, with a fresh id and the caret in it', () => {
    const state = base();
    const after = run(withCaret(state, 'to warn;', -1), enterInClause);
    expect(pointReferences(after)).toEqual(['OP1(a)', 'OP1(b)', 'OP1(c)', 'OP1(c)(i)', 'OP1(c)(ii)', 'OP1(d)']);
    expect(caretPoint(after)).toMatchObject({ reference: 'OP1(b)' });
    expect(caretText(after)).toBe('');
    expect(new Set(outlineOf(after).clauses[1]!.points.map((p) => p.id)).size).toBe(6);
    // After a point with points, the new one follows them.
    const second = run(withCaret(state, 'to cooperate', -1), enterInClause);
    expect(outlineOf(second).clauses[1]!.points.map((p) => [p.reference, p.text])).toEqual([
      ['OP1(a)', 'to warn;'],
      ['OP1(b)', 'to cooperate, taking into account:'],
      ['OP1(b)(i)', 'their means;'],
      ['OP1(b)(ii)', 'their law;'],
      ['OP1(c)', ''],
      ['OP1(d)', 'to report.'],
    ]);
  });

  it('Enter inside a point splits it: the first half keeps the id, the second gets a fresh one and the points within', () => {
    const state = base();
    const id = pointIdOf(state, 'to cooperate');
    const after = run(withCaret(state, 'to cooperate', 'to cooperate'.length), enterInClause);
    const points = outlineOf(after).clauses[1]!.points;
    expect(points.map((p) => [p.reference, p.text])).toEqual([
      ['OP1(a)', 'to warn;'],
      ['OP1(b)', 'to cooperate'],
      ['OP1(c)', ', taking into account:'],
      ['OP1(c)(i)', 'their means;'],
      ['OP1(c)(ii)', 'their law;'],
      ['OP1(d)', 'to report.'],
    ]);
    expect(points[1]!.id).toBe(id);
    expect(points[2]!.id).not.toBe(id);
  });

  it('Tab makes a point the last sub-point of the one before, keeping its id; never past three levels', () => {
    const state = base();
    const id = pointIdOf(state, 'to report.');
    const once = run(withCaret(state, 'to report.', 3), indentInClause);
    expect(pointReferences(once)).toEqual(['OP1(a)', 'OP1(b)', 'OP1(b)(i)', 'OP1(b)(ii)', 'OP1(b)(iii)']);
    expect(caretPoint(once)).toEqual({ id, reference: 'OP1(b)(iii)', level: 2 });
    expect(once.selection.$from.parentOffset).toBe(3);

    const deeper = run(withCaret(once, 'their law;'), indentInClause);
    expect(pointReferences(deeper)).toEqual(['OP1(a)', 'OP1(b)', 'OP1(b)(i)', 'OP1(b)(i)(A)', 'OP1(b)(ii)']);
    // (A) is at the third level: Tab there changes nothing.
    expect(changes(withCaret(deeper, 'their law;'), indentInClause)).toBe(false);
    // (b) holds points down to the third level: it cannot go one deeper either.
    expect(changes(withCaret(deeper, 'to cooperate'), indentInClause)).toBe(false);
    // The first point of a list has no point before it to go into.
    expect(changes(withCaret(deeper, 'to warn;'), indentInClause)).toBe(false);
    expect(outlineOf(deeper).problems).toEqual([]);
  });

  it('Shift-Tab brings a point up a level, taking the points after it along; at the first level it becomes a paragraph', () => {
    const state = base();
    const id = pointIdOf(state, 'their means;');
    const up = run(withCaret(state, 'their means;', 2), outdentInClause);
    expect(outlineOf(up).clauses[1]!.points.map((p) => [p.reference, p.text])).toEqual([
      ['OP1(a)', 'to warn;'],
      ['OP1(b)', 'to cooperate, taking into account:'],
      ['OP1(c)', 'their means;'],
      ['OP1(c)(i)', 'their law;'],
      ['OP1(d)', 'to report.'],
    ]);
    expect(caretPoint(up)).toEqual({ id, reference: 'OP1(c)', level: 1 });
    expect(up.selection.$from.parentOffset).toBe(2);

    const paragraph = run(withCaret(state, 'to cooperate'), outdentInClause);
    expect(outlineOf(paragraph).clauses[1]!.text).toBe(
      'Calls upon States:\n(a) to warn;\nto cooperate, taking into account:\n(b) their means;\n(c) their law;\n(d) to report.',
    );
    expect(outlineOf(paragraph).problems).toEqual([]);
  });

  it('Enter in an empty point outdents it; an empty last point of the clause ends the list with a new clause', () => {
    let state = run(withCaret(base(), 'their law;', -1), enterInClause);
    expect(caretPoint(state)).toMatchObject({ reference: 'OP1(b)(iii)' });
    state = run(state, enterInClause);
    expect(caretPoint(state)).toMatchObject({ reference: 'OP1(c)', level: 1 });
    expect(pointReferences(state)).toEqual(['OP1(a)', 'OP1(b)', 'OP1(b)(i)', 'OP1(b)(ii)', 'OP1(c)', 'OP1(d)']);

    const last = run(withCaret(base(), 'to report.', -1), enterInClause);
    const ended = run(last, enterInClause);
    expect(pointReferences(ended)).toEqual(['OP1(a)', 'OP1(b)', 'OP1(b)(i)', 'OP1(b)(ii)', 'OP1(c)']);
    expect(outlineOf(ended).clauses.map((c) => c.number)).toEqual(['PP1', 'OP1', 'OP2', 'OP3']);
    expect(ended.selection.$from.parent.type.name).toBe('paragraph');
    expect(outlineOf(ended).clauses[2]!.text).toBe('');
  });

  it('"New point" adds a first-level point after a paragraph, and a point after a point', () => {
    const fromParagraph = run(withCaret(base(), 'States should D.', 3), insertPoint);
    expect(outlineOf(fromParagraph).clauses[2]!.points.map((p) => p.reference)).toEqual(['OP2(a)']);
    expect(caretPoint(fromParagraph)).toMatchObject({ reference: 'OP2(a)' });
    const fromPoint = run(withCaret(base(), 'their means;', 1), insertPoint);
    expect(caretPoint(fromPoint)).toMatchObject({ reference: 'OP1(b)(ii)' });
    expect(pointReferences(fromPoint)).toHaveLength(6);
  });

  it('Backspace at the start of a point outdents it; Delete before a point without points joins its words', () => {
    const back = run(withCaret(base(), 'their law;'), backspaceAtClauseStart);
    expect(pointReferences(back)).toEqual(['OP1(a)', 'OP1(b)', 'OP1(b)(i)', 'OP1(c)', 'OP1(d)']);

    const joined = run(withCaret(base(), 'their means;', -1), deleteAtClauseEnd);
    expect(outlineOf(joined).clauses[1]!.points.map((p) => p.text)).toContain('their means;their law;');
    expect(pointReferences(joined)).toEqual(['OP1(a)', 'OP1(b)', 'OP1(b)(i)', 'OP1(c)']);
    // A point with points within it is not joined away.
    expect(changes(withCaret(base(), 'to warn;', -1), deleteAtClauseEnd)).toBe(false);
  });

  it('the point toggle makes a clause a point of the clause before, and a point a paragraph again', () => {
    const state = base();
    const op2 = clauseIds(state.doc)[2]!;
    const made = run(state, (tr) => toggleSubparagraph(tr, op2));
    expect(clauseIds(made.doc)).toHaveLength(2);
    expect(pointReferences(made)).toEqual(['OP1(a)', 'OP1(b)', 'OP1(b)(i)', 'OP1(b)(ii)', 'OP1(c)', 'OP1(d)']);
    const undone = run(made, (tr) => toggleSubparagraph(tr));
    expect(outlineOf(undone).clauses[1]!.text.split('\n').at(-1)).toBe('States should D.');
  });
});
