import { CYBER_TAXONOMY } from '../../shared/pillars';
import { EditorState, TextSelection, type Transaction } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import { derivedClauseId } from '../../shared/clauseIdRepair';
import { draftFromSpec, type DraftSpec } from '../../shared/draftText';
import { readOutline } from '../../shared/outline';
import type { DocumentNodeJSON } from '../../shared/documentJSON';
import { draftSchema } from '../../shared/schema';
import { clauseIdRepairTransaction } from './ClauseIds';
import {
  backspaceAtClauseStart,
  clauseIds,
  deleteAtClauseEnd,
  enterInClause,
  indentInClause,
  moveClause,
  outdentInClause,
  toggleClausePillar,
} from './clauseEditing';
import { buildClauseDecorations } from './ClauseNumbering';
import { findClauseById } from './findClause';

const schema = draftSchema();

const spec: DraftSpec = {
  title: 'Test norms',
  preamble: ['Recognizing A,', 'Noting B,'],
  operative: [{ text: 'States should C.', pillars: ['attribution'] }, 'States should D.', 'States should E.'],
};

/** A state of the spec, ids p1, p2, o1, o2, o3, with the caret placed by `place`. */
function stateOf(place?: (state: EditorState) => number): EditorState {
  const ids = ['p1', 'p2', 'o1', 'o2', 'o3'];
  const json = draftFromSpec(spec, () => ids.shift() ?? 'extra');
  const doc = schema.nodeFromJSON(json);
  const state = EditorState.create({ doc, schema });
  return place ? state.apply(state.tr.setSelection(TextSelection.create(doc, place(state)))) : state;
}

/** Position inside clause `id`'s first paragraph, `offset` characters in (-1: at its end). */
function inClause(id: string, offset: number): (state: EditorState) => number {
  return (state) => {
    const clause = findClauseById(state.doc, id)!;
    const size = clause.node.firstChild!.content.size;
    return clause.pos + 2 + (offset < 0 ? size : offset);
  };
}

function run(state: EditorState, operation: (tr: Transaction) => boolean): EditorState {
  const tr = state.tr;
  expect(operation(tr)).toBe(true);
  return state.apply(tr);
}

function outlineOf(state: EditorState) {
  return readOutline(state.doc.toJSON() as DocumentNodeJSON);
}

describe('clause editing', () => {
  it('Enter at the end of a clause starts a new empty clause after it, with a fresh id and the caret in it', () => {
    const after = run(stateOf(inClause('o1', -1)), enterInClause);
    const ids = clauseIds(after.doc);
    expect(ids.slice(0, 3)).toEqual(['p1', 'p2', 'o1']);
    expect(ids[3]).toMatch(/^c_/);
    expect(ids.slice(4)).toEqual(['o2', 'o3']);
    const outline = outlineOf(after);
    expect(outline.clauses.map((c) => c.number)).toEqual(['PP1', 'PP2', 'OP1', 'OP2', 'OP3', 'OP4']);
    expect(outline.clauses[3]).toMatchObject({ text: '', pillars: [] });
    // The caret is in the new clause; what was OP2 is now OP3 with its id.
    expect(findClauseById(after.doc, ids[3]!)!.pos + 2).toBe(after.selection.from);
    expect(outline.clauses.find((c) => c.id === 'o2')!.number).toBe('OP3');
  });

  it('Enter inside a clause splits it: the first half keeps the id and text before the caret, the second gets a fresh id and the pillars', () => {
    const after = run(stateOf(inClause('o1', 'States should'.length)), enterInClause);
    const outline = outlineOf(after);
    expect(outline.clauses[2]).toMatchObject({ id: 'o1', number: 'OP1', text: 'States should' });
    expect(outline.clauses[3]).toMatchObject({ number: 'OP2', text: ' C.', pillars: ['attribution'] });
    expect(outline.clauses[3]!.id).not.toBe('o1');
    expect(new Set(clauseIds(after.doc)).size).toBe(6);
  });

  it('Enter at the start of a clause inserts an empty clause before it and the text keeps its id', () => {
    const after = run(stateOf(inClause('o2', 0)), enterInClause);
    const outline = outlineOf(after);
    expect(outline.clauses[3]).toMatchObject({ number: 'OP2', text: '' });
    expect(outline.clauses[4]).toMatchObject({ id: 'o2', number: 'OP3', text: 'States should D.' });
  });

  it('Enter in the title moves the caret to the first clause without splitting the title', () => {
    const after = run(
      stateOf(() => 3),
      enterInClause,
    );
    expect(after.doc.firstChild!.textContent).toBe('Test norms');
    expect(after.selection.from).toBe(findClauseById(after.doc, 'p1')!.pos + 2);
  });

  it('moves a clause down and up keeping its id, and numbers follow', () => {
    const down = run(stateOf(inClause('o1', 3)), (tr) => moveClause(tr, 'down'));
    expect(clauseIds(down.doc)).toEqual(['p1', 'p2', 'o2', 'o1', 'o3']);
    expect(outlineOf(down).clauses.find((c) => c.id === 'o1')).toMatchObject({
      number: 'OP2',
      pillars: ['attribution'],
    });
    // The caret travelled with the clause.
    expect(down.selection.from).toBe(findClauseById(down.doc, 'o1')!.pos + 2 + 3);
    const up = run(down, (tr) => moveClause(tr, 'up', 'o3'));
    expect(clauseIds(up.doc)).toEqual(['p1', 'p2', 'o2', 'o3', 'o1']);
    // Never across sections.
    expect(moveClause(stateOf().tr, 'down', 'p2')).toBe(false);
    expect(moveClause(stateOf().tr, 'up', 'o1')).toBe(false);
  });

  it('Backspace at the start of a clause joins it into the previous one, which keeps its id', () => {
    const after = run(stateOf(inClause('o2', 0)), backspaceAtClauseStart);
    expect(clauseIds(after.doc)).toEqual(['p1', 'p2', 'o1', 'o3']);
    expect(outlineOf(after).clauses[2]).toMatchObject({ id: 'o1', text: 'States should C.States should D.' });
    // Never into the other section.
    const first = run(stateOf(inClause('o1', 0)), backspaceAtClauseStart);
    expect(first.doc.eq(stateOf().doc)).toBe(true);
  });

  it('Delete at the end of a clause joins the next clause into it', () => {
    const after = run(stateOf(inClause('p1', -1)), deleteAtClauseEnd);
    expect(clauseIds(after.doc)).toEqual(['p1', 'o1', 'o2', 'o3']);
    expect(outlineOf(after).clauses[0]!.text).toBe('Recognizing A,Noting B,');
  });

  it('Tab makes a clause a lettered sub-paragraph of the clause above; Shift-Tab makes it a paragraph again', () => {
    const indented = run(stateOf(inClause('o2', 2)), indentInClause);
    const outline = outlineOf(indented);
    expect(clauseIds(indented.doc)).toEqual(['p1', 'p2', 'o1', 'o3']);
    expect(outline.clauses[2]).toMatchObject({
      id: 'o1',
      subparagraphs: 1,
      text: 'States should C.\n(a) States should D.',
    });
    expect(indented.selection.$from.node(-1).type.name).toBe('subparagraph');
    expect(indented.selection.$from.parentOffset).toBe(2);

    const decorations = buildClauseDecorations(indented.doc, null);
    const specOf = (decoration: { spec: unknown }) => decoration.spec as { label?: string; number?: string };
    expect(decorations.find().flatMap((d) => specOf(d).label ?? [])).toEqual(['(a)']);
    expect(decorations.find().flatMap((d) => specOf(d).number ?? [])).toEqual(['PP1', 'PP2', 'OP1', 'OP2']);

    const outdented = run(indented, outdentInClause);
    expect(outlineOf(outdented).clauses[2]).toMatchObject({
      subparagraphs: 0,
      text: 'States should C.\nStates should D.',
    });
    // Shift-Tab on that second paragraph makes it a clause of its own again, with a fresh id.
    const split = run(outdented, outdentInClause);
    const ids = clauseIds(split.doc);
    expect(ids).toHaveLength(5);
    expect(ids[3]).not.toBe('o1');
    expect(outlineOf(split).clauses[3]).toMatchObject({ text: 'States should D.', pillars: ['attribution'] });
  });

  it('toggles pillars in taxonomy order and keeps unknown keys', () => {
    let state = stateOf(inClause('o1', 0));
    state = run(state, (tr) => toggleClausePillar(tr, 'civilian-protection', CYBER_TAXONOMY));
    expect(findClauseById(state.doc, 'o1')!.node.attrs.pillars).toEqual(['civilian-protection', 'attribution']);
    state = run(state, (tr) => toggleClausePillar(tr, 'attribution', CYBER_TAXONOMY));
    expect(findClauseById(state.doc, 'o1')!.node.attrs.pillars).toEqual(['civilian-protection']);
  });

  it('repairs duplicate and missing ids by the shared rule: the first keeps its id', () => {
    const state = stateOf();
    const tr = state.tr;
    tr.setNodeAttribute(findClauseById(state.doc, 'o3')!.pos, 'id', 'o1');
    tr.setNodeAttribute(findClauseById(state.doc, 'p2')!.pos, 'id', null);
    const broken = state.apply(tr);
    const repair = clauseIdRepairTransaction(broken);
    expect(repair).not.toBeNull();
    const ids = clauseIds(broken.apply(repair!).doc);
    expect(ids[0]).toBe('p1');
    expect(ids[1]).toMatch(/^c_/);
    expect(ids.slice(2)).toEqual(['o1', 'o2', derivedClauseId('o1', 1)]);
    expect(clauseIdRepairTransaction(broken.apply(repair!))).toBeNull();
  });
});
