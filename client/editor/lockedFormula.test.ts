import { EditorState, type Transaction } from '@tiptap/pm/state';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../../shared/collab';
import { draftFromSpec, type DraftSpec } from '../../shared/draftText';
import { draftSchema } from '../../shared/schema';
import { buildLockDecorations } from './LockedText';
import { findLockedChange, refusesTransaction } from './lockedChanges';
import { undoTouchesLockedText } from './lockedUndo';
import { textPermissionsOf } from './textPermissions';

const schema = draftSchema();
const delegate = textPermissionsOf('delegate');
const chair = textPermissionsOf('chair');

const spec: DraftSpec = {
  title: 'Norms',
  formula: 'The General Assembly,',
  preamble: ['Recalling,'],
  operative: ['Decides.'],
};

function stateOf(draft: DraftSpec = spec): EditorState {
  let next = 0;
  return EditorState.create({ schema, doc: schema.nodeFromJSON(draftFromSpec(draft, () => `c${++next}`)) });
}

/** Where the formula node starts (it follows the title). */
const formulaPos = (state: EditorState) => state.doc.firstChild!.nodeSize;

/** The verdict on a change for a role, judged as the editor judges a local transaction. */
function judge(state: EditorState, edit: (tr: Transaction) => unknown, permissions = delegate) {
  const tr = state.tr;
  edit(tr);
  return { change: findLockedChange(tr.before, tr.doc, permissions), refused: refusesTransaction(tr, permissions) };
}

describe('the opening formula in the editor', () => {
  it('is the chair’s: a delegate typing in it, removing it or adding one is refused before anything is sent', () => {
    const state = stateOf();
    const typing = (tr: Transaction) => tr.insertText('Hijacked: ', formulaPos(state) + 1);
    expect(judge(state, typing)).toEqual({ change: { kind: 'formula' }, refused: true });
    const formula = state.doc.child(1);
    const removing = (tr: Transaction) => tr.delete(formulaPos(state), formulaPos(state) + formula.nodeSize);
    expect(judge(state, removing)).toEqual({ change: { kind: 'formula' }, refused: true });
    const { formula: _formula, ...without } = spec;
    const bare = stateOf(without);
    const adding = (tr: Transaction) =>
      tr.insert(bare.doc.firstChild!.nodeSize, schema.nodes.formula!.create(null, schema.text('The States,')));
    expect(judge(bare, adding)).toEqual({ change: { kind: 'formula' }, refused: true });
    for (const edit of [typing, removing]) expect(judge(state, edit, chair)).toEqual({ change: null, refused: false });
    expect(judge(bare, adding, chair)).toEqual({ change: null, refused: false });
    // Typing in an open clause stays the delegate's.
    let decides = -1;
    state.doc.descendants((node, pos) => {
      if (node.isText && node.text!.startsWith('Decides')) decides = pos;
    });
    expect(judge(state, (tr) => tr.insertText('So ', decides)).refused).toBe(false);
  });

  it('looks locked to a delegate, with who may change it, and not to the chair', () => {
    const state = stateOf();
    const locked = (permissions = delegate) =>
      buildLockDecorations(state.doc, permissions)
        .find(undefined, undefined, (decoration) => decoration.lock === 'formula')
        .map((decoration) => [decoration.from, decoration.to]);
    expect(locked()).toEqual([[formulaPos(state), formulaPos(state) + state.doc.child(1).nodeSize]]);
    expect(locked(chair)).toEqual([]);
  });

  it('stops a delegate undoing a change to the formula made while they chaired, or its removal', () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment(DOCUMENT_FIELD);
    let next = 0;
    doc.transact(
      () =>
        prosemirrorJSONToYXmlFragment(
          schema,
          draftFromSpec(spec, () => `c${++next}`),
          fragment,
        ),
      'remote',
    );
    const undoManager = new Y.UndoManager(fragment, { trackedOrigins: new Set([null]) });
    const last = (permissions = delegate) => {
      undoManager.stopCapturing();
      return undoTouchesLockedText(doc, undoManager.undoStack.at(-1)!, permissions);
    };
    doc.transact(() => ((fragment.get(1) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'Now '));
    expect([last(), last(chair)]).toEqual([true, false]);
    doc.transact(() => fragment.delete(1, 1));
    expect([last(), last(chair)]).toEqual([true, false]);
  });
});
