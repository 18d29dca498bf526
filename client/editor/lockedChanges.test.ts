import { CYBER_TAXONOMY } from '../../shared/pillars';
import { Fragment, Slice } from '@tiptap/pm/model';
import { EditorState, TextSelection, type Transaction } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import { derivedClauseId } from '../../shared/clauseIdRepair';
import { draftFromSpec, type DraftSpec } from '../../shared/draftText';
import { draftSchema } from '../../shared/schema';
import { asNewClauses, clauseIdRepairTransaction } from './ClauseIds';
import {
  backspaceAtClauseStart,
  clauseIds,
  deleteAtClauseEnd,
  enterInClause,
  indentInClause,
  moveClause,
  setClauseStatus,
  toggleClausePillar,
} from './clauseEditing';
import { findClauseById } from './findClause';
import { buildLockDecorations, TITLE_LOCK_HINT } from './LockedText';
import { findLockedChange, refusedNow, refusesTransaction, type LockedChange } from './lockedChanges';
import { textPermissionsOf } from './textPermissions';

const schema = draftSchema();
const delegate = textPermissionsOf('delegate');
const chair = textPermissionsOf('chair');
const observer = textPermissionsOf('observer');

// PP2 is agreed, OP2 agreed, OP5 agreed ad ref; the others are open.
const spec: DraftSpec = {
  title: 'Test norms',
  preamble: ['Recognizing A,', { text: 'Noting B,', status: 'agreed' }],
  operative: [
    'States should C.',
    { text: 'States should D.', status: 'agreed' },
    'States should E.',
    'States should F.',
    { text: 'States should G.', status: 'agreed-ad-ref' },
    'States should H.',
  ],
};

/** A state of the spec, ids p1, p2, o1 … o6, with the caret placed by `place`. */
function stateOf(place?: (state: EditorState) => number): EditorState {
  const ids = ['p1', 'p2', 'o1', 'o2', 'o3', 'o4', 'o5', 'o6'];
  const doc = schema.nodeFromJSON(draftFromSpec(spec, () => ids.shift() ?? 'extra'));
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

/** What the rule says about the change `edit` makes to the state, for the delegate (or `permissions`). */
function verdict(state: EditorState, edit: (tr: Transaction) => unknown, permissions = delegate): LockedChange | null {
  const tr = state.tr;
  edit(tr);
  expect(tr.docChanged).toBe(true);
  return findLockedChange(tr.before, tr.doc, permissions);
}

const agreed = (clauseId: string): LockedChange => ({ kind: 'agreed-clause', clauseId });

/** The range of clause `id`, from before it to after it. */
function rangeOf(state: EditorState, id: string): { from: number; to: number } {
  const clause = findClauseById(state.doc, id)!;
  return { from: clause.pos, to: clause.pos + clause.node.nodeSize };
}

describe('what a delegate may change in the text', () => {
  it('types freely in open clauses, but not a character in an agreed or agreed ad ref clause', () => {
    const state = stateOf();
    expect(verdict(state, (tr) => tr.insertText('X', inClause('o1', 3)(state)))).toBeNull();
    expect(verdict(state, (tr) => tr.insertText('X', inClause('o3', 0)(state)))).toBeNull();
    expect(verdict(state, (tr) => tr.insertText('X', inClause('o2', 3)(state)))).toEqual(agreed('o2'));
    expect(verdict(state, (tr) => tr.insertText('X', inClause('o5', -1)(state)))).toEqual(agreed('o5'));
    expect(verdict(state, (tr) => tr.delete(inClause('p2', 0)(state), inClause('p2', 1)(state)))).toEqual(agreed('p2'));
    expect(
      verdict(state, (tr) =>
        tr.addMark(inClause('o2', 0)(state), inClause('o2', 5)(state), schema.marks.bold!.create()),
      ),
    ).toEqual(agreed('o2'));
  });

  it('cannot join an agreed clause with a neighbour from either side, nor lift it into the one above', () => {
    expect(verdict(stateOf(inClause('o3', 0)), backspaceAtClauseStart)).toEqual(agreed('o2'));
    expect(verdict(stateOf(inClause('o2', 0)), backspaceAtClauseStart)).toEqual(agreed('o2'));
    expect(verdict(stateOf(inClause('o1', -1)), deleteAtClauseEnd)).toEqual(agreed('o2'));
    expect(verdict(stateOf(inClause('o2', -1)), deleteAtClauseEnd)).toEqual(agreed('o2'));
    expect(verdict(stateOf(inClause('o2', 2)), indentInClause)).toEqual(agreed('o2'));
    expect(verdict(stateOf(inClause('o3', 2)), indentInClause)).toEqual(agreed('o2'));
    // Joining two open clauses is still fine.
    expect(verdict(stateOf(inClause('o4', 0)), backspaceAtClauseStart)).toBeNull();
    expect(verdict(stateOf(inClause('o3', -1)), deleteAtClauseEnd)).toBeNull();
  });

  it('cannot split an agreed clause with Enter, but may start a new open clause before or after it', () => {
    expect(verdict(stateOf(inClause('o2', 5)), enterInClause)).toEqual(agreed('o2'));
    expect(verdict(stateOf(inClause('o2', -1)), enterInClause)).toBeNull();
    expect(verdict(stateOf(inClause('o2', 0)), enterInClause)).toBeNull();
  });

  it('cannot move an agreed clause, nor carry an open clause across one; may move open clauses among themselves', () => {
    expect(verdict(stateOf(), (tr) => moveClause(tr, 'up', 'o2'))).toEqual(agreed('o2'));
    expect(verdict(stateOf(), (tr) => moveClause(tr, 'down', 'o1'))).toEqual(agreed('o2'));
    expect(verdict(stateOf(), (tr) => moveClause(tr, 'up', 'o3'))).toEqual(agreed('o2'));
    expect(verdict(stateOf(), (tr) => moveClause(tr, 'up', 'p2'))).toEqual(agreed('p2'));
    // A clause dragged from far above to below an agreed one (delete, then insert elsewhere).
    const state = stateOf();
    const o1 = findClauseById(state.doc, 'o1')!;
    const dragged = verdict(state, (tr) => {
      const o3 = rangeOf(state, 'o3');
      tr.insert(o3.to, o1.node);
      tr.delete(o1.pos, o1.pos + o1.node.nodeSize);
    });
    expect(dragged).toEqual(agreed('o2'));
    // Two open clauses swapped, an open clause deleted or added beside an agreed one: all fine.
    expect(verdict(stateOf(), (tr) => moveClause(tr, 'up', 'o4'))).toBeNull();
    expect(verdict(stateOf(), (tr) => moveClause(tr, 'down', 'o4'))).toEqual(agreed('o5'));
    expect(verdict(state, (tr) => tr.delete(rangeOf(state, 'o3').from, rangeOf(state, 'o3').to))).toBeNull();
    expect(verdict(state, (tr) => tr.delete(rangeOf(state, 'o1').from, rangeOf(state, 'o1').to))).toBeNull();
  });

  it('cannot delete an agreed clause, alone or inside a wider selection', () => {
    const state = stateOf();
    expect(verdict(state, (tr) => tr.delete(rangeOf(state, 'o2').from, rangeOf(state, 'o2').to))).toEqual(agreed('o2'));
    expect(verdict(state, (tr) => tr.delete(inClause('o1', 3)(state), inClause('o3', 3)(state)))).toEqual(agreed('o2'));
  });

  it('cannot paste or drop into an agreed clause, nor drag its words out; may paste copies of clauses as new, open ones', () => {
    const state = stateOf();
    const words = new Slice(Fragment.from(schema.text('pasted ')), 0, 0);
    expect(verdict(state, (tr) => tr.replace(inClause('o2', 3)(state), inClause('o2', 3)(state), words))).toEqual(
      agreed('o2'),
    );
    // Dragging words from an agreed clause into an open one is a deletion there.
    const from = inClause('o2', 0)(state);
    const dragged = verdict(state, (tr) => {
      tr.insert(inClause('o6', 0)(state), state.doc.slice(from, from + 6).content);
      tr.delete(from, from + 6);
    });
    expect(dragged).toEqual(agreed('o2'));

    // A copied agreed clause pasted elsewhere comes in as a new open clause: fine. As it was, agreed: refused.
    const copied = state.doc.slice(rangeOf(state, 'o2').from, rangeOf(state, 'o2').to).content;
    const at = rangeOf(state, 'o6').to;
    expect(verdict(state, (tr) => tr.insert(at, asNewClauses(copied)))).toBeNull();
    expect(verdict(state, (tr) => tr.insert(at, copied))).toEqual({ kind: 'status', clauseId: 'o2' });
    const renamed = copied.firstChild!.type.create(
      { ...copied.firstChild!.attrs, id: 'new' },
      copied.firstChild!.content,
    );
    expect(verdict(state, (tr) => tr.insert(at, renamed))).toEqual({ kind: 'status', clauseId: 'new' });
  });

  it('tags pillars on agreed clauses too, but never changes a status or who set it', () => {
    expect(verdict(stateOf(), (tr) => toggleClausePillar(tr, 'attribution', CYBER_TAXONOMY, 'o2'))).toBeNull();
    expect(verdict(stateOf(), (tr) => setClauseStatus(tr, 'open', 'o2'))).toEqual({ kind: 'status', clauseId: 'o2' });
    expect(verdict(stateOf(), (tr) => setClauseStatus(tr, 'agreed', 'o1'))).toEqual({ kind: 'status', clauseId: 'o1' });
    const state = stateOf();
    expect(
      verdict(state, (tr) => tr.setNodeAttribute(rangeOf(state, 'o1').from, 'statusBy', 'Someone (Somewhere)')),
    ).toEqual({ kind: 'status', clauseId: 'o1' });
  });

  it('cannot change the title', () => {
    const state = stateOf();
    expect(verdict(state, (tr) => tr.insertText('New ', 1))).toEqual({ kind: 'title' });
    expect(verdict(state, (tr) => tr.delete(1, 3))).toEqual({ kind: 'title' });
  });
});

describe('what the chair may change, and what an observer may not', () => {
  it('lets the chair edit, split, move and delete agreed clauses, set statuses and rename the draft', () => {
    const state = stateOf();
    expect(verdict(state, (tr) => tr.insertText('X', inClause('o2', 3)(state)), chair)).toBeNull();
    expect(verdict(stateOf(inClause('o2', 5)), enterInClause, chair)).toBeNull();
    expect(verdict(stateOf(), (tr) => moveClause(tr, 'up', 'o2'), chair)).toBeNull();
    expect(verdict(state, (tr) => tr.delete(rangeOf(state, 'o2').from, rangeOf(state, 'o2').to), chair)).toBeNull();
    expect(verdict(stateOf(), (tr) => setClauseStatus(tr, 'open', 'o2'), chair)).toBeNull();
    expect(verdict(state, (tr) => tr.insertText('New ', 1), chair)).toBeNull();
  });

  it('refuses an observer every change', () => {
    const state = stateOf();
    expect(verdict(state, (tr) => tr.insertText('New ', 1), observer)).toEqual({ kind: 'read-only' });
    expect(verdict(state, (tr) => tr.insertText('X', inClause('o1', 3)(state)), observer)).toEqual({
      kind: 'read-only',
    });
    expect(verdict(state, (tr) => toggleClausePillar(tr, 'attribution', CYBER_TAXONOMY, 'o1'), observer)).toEqual({
      kind: 'read-only',
    });
  });
});

describe('the controls and the id repair follow the rule', () => {
  it('says which moves a delegate’s toolbar must disable', () => {
    expect(refusedNow(stateOf(), (tr) => moveClause(tr, 'up', 'o3'), delegate)).toBe(true);
    expect(refusedNow(stateOf(), (tr) => moveClause(tr, 'down', 'o1'), delegate)).toBe(true);
    expect(refusedNow(stateOf(), (tr) => moveClause(tr, 'up', 'o3'), chair)).toBe(false);
    // Not applicable (already first) is not "refused".
    expect(refusedNow(stateOf(), (tr) => moveClause(tr, 'up', 'o1'), delegate)).toBe(false);
    const tr = stateOf().tr.insertText('Z', 1);
    expect(refusesTransaction(tr, delegate)).toBe(true);
    expect(refusesTransaction(tr, chair)).toBe(false);
  });

  it('answers typing without comparing the whole text, with the same verdicts', () => {
    const state = stateOf();
    const typing = (clauseId: string) => state.tr.insertText('Z', inClause(clauseId, 2)(state));
    expect(refusesTransaction(typing('o1'), delegate)).toBe(false);
    expect(refusesTransaction(typing('o2'), delegate)).toBe(true);
    expect(refusesTransaction(typing('o5'), delegate)).toBe(true);
    expect(refusesTransaction(typing('o2'), chair)).toBe(false);
    expect(refusesTransaction(typing('o1'), observer)).toBe(true);
    expect(refusesTransaction(state.tr.delete(inClause('o3', 0)(state), inClause('o3', 4)(state)), delegate)).toBe(
      false,
    );
    expect(refusesTransaction(state.tr.delete(inClause('o2', 0)(state), inClause('o2', 4)(state)), delegate)).toBe(
      true,
    );
  });

  it('never writes an id into a clause the person may not change; the chair’s client repairs it', () => {
    const state = stateOf();
    const tr = state.tr;
    tr.setNodeAttribute(findClauseById(state.doc, 'o5')!.pos, 'id', 'o1');
    tr.setNodeAttribute(findClauseById(state.doc, 'o3')!.pos, 'id', 'o1');
    const broken = state.apply(tr);
    const ids = (permissions: typeof delegate) =>
      clauseIds(broken.apply(clauseIdRepairTransaction(broken, permissions)!).doc);
    expect(ids(delegate)).toEqual(['p1', 'p2', 'o1', 'o2', derivedClauseId('o1', 1), 'o4', 'o1', 'o6']);
    expect(ids(chair)).toEqual([
      'p1',
      'p2',
      'o1',
      'o2',
      derivedClauseId('o1', 1),
      'o4',
      derivedClauseId('o1', 2),
      'o6',
    ]);
    // Only the locked duplicate left: nothing for the delegate's client to do.
    const rest = state.apply(state.tr.setNodeAttribute(findClauseById(state.doc, 'o5')!.pos, 'id', 'o1'));
    expect(clauseIdRepairTransaction(rest, delegate)).toBeNull();
  });

  it('pastes clauses as new ones: no id, open, nobody recorded as having agreed them', () => {
    const clause = schema.nodes.clause!.create(
      {
        id: 'o2',
        pillars: ['attribution'],
        status: 'agreed',
        statusBy: 'Amb. Ana Pérez (Secretariat)',
        statusAt: '2026-05-12T10:04:00Z',
      },
      schema.nodes.paragraph!.create(null, schema.text('States should D.')),
    );
    const pasted = asNewClauses(Fragment.from(schema.nodes.operative!.create(null, clause))).firstChild!.firstChild!;
    expect(pasted.attrs).toMatchObject({
      id: null,
      pillars: ['attribution'],
      status: 'open',
      statusBy: null,
      statusAt: null,
    });
    expect(pasted.textContent).toBe('States should D.');
  });
});

describe('the locks a person sees', () => {
  it('marks the title and each agreed clause for a delegate, nothing for the chair or an observer', () => {
    const doc = stateOf().doc;
    const shown = buildLockDecorations(doc, delegate).find();
    // The title; for each agreed clause, the clause itself and the note at its foot.
    const expected = [{ from: 0, to: doc.firstChild!.nodeSize }];
    for (const id of ['p2', 'o2', 'o5']) {
      const { from, to } = rangeOf(stateOf(), id);
      expected.push({ from, to }, { from: to - 1, to: to - 1 });
    }
    const byPosition = (a: { from: number; to: number }, b: { from: number; to: number }) =>
      a.from - b.from || a.to - b.to;
    expect(shown.map(({ from, to }) => ({ from, to })).sort(byPosition)).toEqual(expected.sort(byPosition));
    expect(TITLE_LOCK_HINT).toBe('Only the chair can rename the draft.');
    expect(buildLockDecorations(doc, chair).find()).toHaveLength(0);
    expect(buildLockDecorations(doc, observer).find()).toHaveLength(0);
  });
});
