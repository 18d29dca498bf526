import { Fragment } from '@tiptap/pm/model';
import { EditorState, type Transaction } from '@tiptap/pm/state';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../../shared/collab';
import type { DraftSpec } from '../../shared/draftText';
import { draftSchema } from '../../shared/schema';
import { IDENTIFIED_NODES } from '../../shared/structure';
// The server repairs ids too; the browser must plan exactly the same repairs.
import { repairClauseIds } from '../../server/drafts/repairClauseIds';
import { changes, stateFromSpec, textblockStarting, withCaret } from '../testing/editorStates';
import { asNewClauses, clauseIdRepairTransaction } from './ClauseIds';
import { moveClause, indentInClause, outdentInClause } from './clauseEditing';
import { caretStructure } from './caretStructure';
import { forEachFootnote } from './findStructure';
import { buildLockDecorations, FORMULA_LOCK_HINT } from './LockedText';
import { findLockedChange, refusesTransaction, type LockedChange } from './lockedChanges';
import { insertPoint } from './pointEditing';
import {
  addAnnex,
  insertDivision,
  insertFootnote,
  removeAnnex,
  removeFormula,
  setFootnoteNote,
} from './structureEditing';
import { textPermissionsOf } from './textPermissions';

const schema = draftSchema();
const delegate = textPermissionsOf('delegate');
const chair = textPermissionsOf('chair');

// OP1 is open, OP2 agreed with points and a footnote, OP3 open; the annex's first paragraph is agreed.
const spec: DraftSpec = {
  title: 'Locks',
  formula: 'The General Assembly,',
  preamble: ['Recognizing A,'],
  operative: [
    { text: 'States should open.', points: ['to a;', 'to b.'] },
    { division: 'part', title: 'Agreed part' },
    { text: 'States should agree:^[A/70/174.]', points: ['to c;', 'to d.'], status: 'agreed' },
    'States should close.',
  ],
  annexes: [{ title: 'Annex title', clauses: [{ text: 'Agreed measure.', status: 'agreed' }, 'Open measure.'] }],
};

const base = () => stateFromSpec(spec);

/** What the rule says about the change `edit` makes to `state`, for the delegate (or `permissions`). */
function verdict(state: EditorState, edit: (tr: Transaction) => unknown, permissions = delegate): LockedChange | null {
  const tr = state.tr;
  edit(tr);
  expect(tr.docChanged).toBe(true);
  return findLockedChange(tr.before, tr.doc, permissions);
}

function refused(state: EditorState, edit: (tr: Transaction) => boolean, permissions = delegate): boolean {
  const tr = state.tr;
  expect(edit(tr)).toBe(true);
  return refusesTransaction(tr, permissions);
}

function clauseIdOf(state: EditorState, text: string): string {
  const $pos = state.doc.resolve(textblockStarting(state.doc, text) + 1);
  for (let depth = $pos.depth; depth > 0; depth--)
    if ($pos.node(depth).type.name === 'clause') return $pos.node(depth).attrs.id as string;
  throw new Error(`no clause around “${text}”`);
}

describe('the structure a delegate may change', () => {
  it('only the chair adds, words or removes the opening formula; others see it locked', () => {
    const state = base();
    const typing = (tr: Transaction) => tr.insertText('X', textblockStarting(state.doc, 'The General') + 1);
    expect(verdict(state, typing)).toEqual({ kind: 'formula' });
    expect(verdict(state, removeFormula)).toEqual({ kind: 'formula' });
    expect(verdict(state, typing, chair)).toBeNull();
    expect(refused(withCaret(state, 'The General', 3), (tr) => (tr.insertText('X'), true))).toBe(true);
    const locks = buildLockDecorations(state.doc, delegate).find();
    expect(
      locks.some(
        (d) =>
          (d as unknown as { type: { attrs: Record<string, string> } }).type.attrs['data-lock-hint'] ===
          FORMULA_LOCK_HINT,
      ),
    ).toBe(true);
    expect(caretStructure(state, delegate).can.removeFormula).toBe(false);
    expect(caretStructure(state, chair).can.removeFormula).toBe(true);
  });

  it('points and footnotes of an agreed clause are as locked as its words', () => {
    const state = base();
    const agreedId = clauseIdOf(state, 'States should agree');
    const agreed = { kind: 'agreed-clause', clauseId: agreedId };
    expect(refused(withCaret(state, 'to d.'), indentInClause)).toBe(true);
    expect(refused(withCaret(state, 'to d.'), outdentInClause)).toBe(true);
    expect(refused(withCaret(state, 'to c;', -1), insertPoint)).toBe(true);
    expect(refused(withCaret(state, 'to c;', 2), (tr) => insertFootnote(tr, 'A/1'))).toBe(true);
    let footnote = -1;
    forEachFootnote(state.doc, (_node, pos) => (footnote = footnote < 0 ? pos : footnote));
    expect(verdict(state, (tr) => setFootnoteNote(tr, footnote, 'A/2'))).toEqual(agreed);
    expect(caretStructure(withCaret(state, 'to c;'), delegate).can).toMatchObject({
      indent: false,
      outdent: false,
      insertPoint: false,
      insertFootnote: false,
    });
    // The same operations in an open clause pass, and the chair may make them in the agreed one.
    expect(refused(withCaret(state, 'to b.'), indentInClause)).toBe(false);
    expect(refused(withCaret(state, 'States should open.', 6), (tr) => insertFootnote(tr, 'A/1'))).toBe(false);
    expect(refused(withCaret(state, 'to d.'), indentInClause, chair)).toBe(false);
    expect(caretStructure(withCaret(state, 'to b.'), delegate).can).toMatchObject({
      indent: true,
      insertFootnote: true,
    });
  });

  it('headings may be added around an agreed clause, but an agreed clause never moves across one', () => {
    const state = base();
    expect(refused(withCaret(state, 'States should agree'), (tr) => insertDivision(tr, 'section'))).toBe(false);
    expect(refused(withCaret(state, 'Agreed part', 2), (tr) => (tr.insertText('!'), true))).toBe(false);
    expect(refused(withCaret(state, 'States should agree'), (tr) => moveClause(tr, 'up'))).toBe(true);
    expect(refused(withCaret(state, 'States should open.'), (tr) => moveClause(tr, 'down'))).toBe(false);
    expect(refused(withCaret(state, 'States should agree'), (tr) => moveClause(tr, 'up'), chair)).toBe(false);
  });

  it('an agreed annex paragraph is locked; an annex is added freely and one holding an agreed clause is never removed', () => {
    const state = base();
    expect(refused(withCaret(state, 'Agreed measure.', 3), (tr) => (tr.insertText('X'), true))).toBe(true);
    expect(refused(withCaret(state, 'Open measure.', 3), (tr) => (tr.insertText('X'), true))).toBe(false);
    expect(refused(state, addAnnex)).toBe(false);
    expect(refused(withCaret(state, 'Agreed measure.'), (tr) => moveClause(tr, 'down'))).toBe(true);
    expect(changes(withCaret(state, 'Annex title'), removeAnnex)).toBe(false);
  });
});

/** Ids of every clause, point, division and annex in document order. */
function identifiedIds(doc: EditorState['doc']): (string | null)[] {
  const ids: (string | null)[] = [];
  doc.descendants((node) => {
    if (IDENTIFIED_NODES.has(node.type.name)) ids.push((node.attrs.id as string | null) ?? null);
    return !node.isTextblock;
  });
  return ids;
}

describe('ids of points, divisions and annexes in the editor', () => {
  it('repairs duplicates across clauses, points, divisions and annexes exactly as the server does', () => {
    const state = base();
    const json = state.doc.toJSON() as { content: unknown[] };
    // One id used by a clause, a point, a division and an annex: the first keeps it.
    const text = JSON.stringify(json);
    const first = identifiedIds(state.doc)[0]!;
    // id4 is a point, id5 a division, id9 a clause, id10 the annex.
    const duplicated = JSON.parse(text.replace(/"id":"id(4|5|9|10)"/g, `"id":"${first}"`)) as typeof json;
    const broken = EditorState.create({ schema, doc: schema.nodeFromJSON(duplicated) });
    expect(identifiedIds(broken.doc).filter((id) => id === first)).toHaveLength(5);

    const repair = clauseIdRepairTransaction(broken, chair);
    const client = identifiedIds(broken.apply(repair!).doc);

    const ydoc = new Y.Doc();
    prosemirrorJSONToYXmlFragment(schema, duplicated, ydoc.getXmlFragment(DOCUMENT_FIELD));
    expect(repairClauseIds(ydoc, (change) => ydoc.transact(change))).toBe(4);
    const server: (string | null)[] = [];
    const walk = (parent: Y.XmlFragment | Y.XmlElement) => {
      for (const child of parent.toArray()) {
        if (!(child instanceof Y.XmlElement)) continue;
        if (IDENTIFIED_NODES.has(child.nodeName)) server.push((child.getAttribute('id') as string | undefined) ?? null);
        if (child.nodeName !== 'paragraph') walk(child);
      }
    };
    walk(ydoc.getXmlFragment(DOCUMENT_FIELD));
    expect(client).toEqual(server);
    expect(new Set(client).size).toBe(client.length);
  });

  it('gives points without ids fresh ones, except inside a clause the person may not change', () => {
    const state = base();
    const tr = state.tr;
    state.doc.descendants((node, pos) => {
      if (node.type.name === 'subparagraph') tr.setNodeAttribute(pos, 'id', null);
      return !node.isTextblock;
    });
    const missing = state.apply(tr);
    const forDelegate = missing.apply(clauseIdRepairTransaction(missing, delegate)!);
    const agreedPoints: (string | null)[] = [];
    const openPoints: (string | null)[] = [];
    forDelegate.doc.descendants((node, _pos, parent) => {
      if (node.type.name === 'subparagraph')
        (parent?.attrs.status === 'agreed' ? agreedPoints : openPoints).push(node.attrs.id as string | null);
      return !node.isTextblock;
    });
    expect(agreedPoints).toEqual([null, null]);
    expect(openPoints.every((id) => typeof id === 'string' && id.startsWith('c_'))).toBe(true);
    const forChair = missing.apply(clauseIdRepairTransaction(missing, chair)!);
    expect(identifiedIds(forChair.doc).every((id) => id !== null)).toBe(true);
  });

  it('pasted points and headings lose their ids and pasted clauses their status, keeping their structure', () => {
    const state = base();
    const operative = state.doc.child(3);
    const pasted = asNewClauses(Fragment.from(operative.content));
    const ids: unknown[] = [];
    const statuses: unknown[] = [];
    let points = 0;
    pasted.descendants((node) => {
      if (IDENTIFIED_NODES.has(node.type.name)) ids.push(node.attrs.id);
      if (node.type.name === 'clause') statuses.push(node.attrs.status);
      if (node.type.name === 'subparagraph') points++;
      return !node.isTextblock;
    });
    expect(ids.every((id) => id === null)).toBe(true);
    expect(statuses).toEqual(['open', 'open', 'open']);
    expect(points).toBe(4);
    expect(pasted.toJSON()).toHaveLength(operative.childCount);
  });
});
