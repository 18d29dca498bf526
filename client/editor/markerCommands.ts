import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import type { EditorState, Transaction } from '@tiptap/pm/state';
import { TextSelection } from '@tiptap/pm/state';
import { isAgreedStatus } from '../../shared/clauses';
import { newClauseId } from '../../shared/clauseId';
import type { ClauseAlternative } from '../../shared/negotiation';
import {
  ALTERNATIVE_NODE,
  BRACKET_NODE,
  CLAUSE_ALTERNATIVE_ATTRIBUTE,
  MARKER_NODES,
  clauseAlternativeOf,
} from '../../shared/negotiation';
import { newSuggestionId } from '../../shared/suggestions';
import { clauseAround, findClauseById, forEachClause } from './findClause';
import type { Suggester } from './suggesting';
import { SUGGESTED_META } from './suggesting';

const random = (): string => Math.random().toString(36).slice(2, 12).padEnd(8, '0');

/**
 * Why a bracket (or, with `wordings`, an alternative) cannot be placed where the selection is;
 * null when it can. A bracket may run across the paragraphs and points of one clause (a whole
 * clause bracketed); competing wordings stand within one paragraph.
 */
export function markerProblem(state: EditorState, mayEditAgreed: boolean, wordings = false): string | null {
  const { $from, $to, empty } = state.selection;
  if (empty) return 'Select the words first.';
  if (!$from.parent.isTextblock || !$to.parent.isTextblock) return 'Select words of a clause.';
  if (wordings && $from.parent !== $to.parent) return 'Select words within one paragraph.';
  const clause = clauseAround($from);
  if (clause === null) return 'Brackets and alternatives stand in the words of a clause.';
  if (clauseAround($to)?.pos !== clause.pos) return 'Select words within one clause.';
  if (!mayEditAgreed && isAgreedStatus(clause.node.attrs.status))
    return 'Agreed text cannot be bracketed; only the chair reopens a clause.';
  return null;
}

function marker(state: EditorState, name: string, attrs: Record<string, unknown>): ProseMirrorNode {
  return state.schema.nodes[name]!.create(attrs);
}

/** Marks a change as already final: suggest mode leaves it as it is (the server judges it). */
function final(tr: Transaction): Transaction {
  return tr.setMeta(SUGGESTED_META, true);
}

/** Selects the whole text of the clause holding the selection, from its first word to its last (to bracket it whole). */
export function selectWholeClause(state: EditorState): Transaction | null {
  const clause = clauseAround(state.selection.$from);
  if (clause === null) return null;
  let first: number | null = null;
  let last: number | null = null;
  clause.node.descendants((node, offset) => {
    if (!node.isTextblock) return true;
    const start = clause.pos + 1 + offset + 1;
    first ??= start;
    last = start + node.content.size;
    return false;
  });
  if (first === null || last === null) return null;
  return state.tr.setSelection(TextSelection.create(state.doc, first, last));
}

/** Puts the selected words in square brackets in the name of `who`'s delegation. */
export function bracketSelection(state: EditorState, who: Suggester): Transaction {
  const { from, to } = state.selection;
  const attrs = {
    id: newSuggestionId(who.userId, random()),
    delegation: who.affiliationId,
    author: who.userId,
    at: new Date().toISOString(),
  };
  const tr = state.tr;
  tr.insert(to, marker(state, BRACKET_NODE, { ...attrs, side: 'close' }));
  tr.insert(from, marker(state, BRACKET_NODE, { ...attrs, side: 'open' }));
  return final(tr);
}

/**
 * Makes the selected words the first of a set of alternatives and `wording` the second:
 * `[Alt 1: selected / Alt 2: wording]`, in the name of `who`'s delegation.
 */
export function proposeAlternative(state: EditorState, who: Suggester, wording: string): Transaction {
  const { from, to } = state.selection;
  const at = new Date().toISOString();
  const base = { id: newSuggestionId(who.userId, random()), delegation: who.affiliationId, author: who.userId, at };
  const option = () => newSuggestionId(who.userId, random());
  const tr = state.tr;
  tr.insert(to, [
    marker(state, ALTERNATIVE_NODE, { ...base, side: 'next', option: option() }),
    state.schema.text(wording),
    marker(state, ALTERNATIVE_NODE, { ...base, side: 'close', option: null }),
  ]);
  tr.insert(from, marker(state, ALTERNATIVE_NODE, { ...base, side: 'open', option: option() }));
  return final(tr);
}

/** Adds `wording` as a further alternative to the set with id `setId`, before its closing marker. */
export function addAlternative(state: EditorState, who: Suggester, setId: string, wording: string): Transaction | null {
  let close: number | null = null;
  state.doc.descendants((node, pos) => {
    if (node.type.name === ALTERNATIVE_NODE && node.attrs.id === setId && node.attrs.side === 'close') close = pos;
    return close === null;
  });
  if (close === null) return null;
  const attrs = {
    id: setId,
    delegation: who.affiliationId,
    author: who.userId,
    at: new Date().toISOString(),
    side: 'next',
    option: newSuggestionId(who.userId, random()),
  };
  return final(state.tr.insert(close, [marker(state, ALTERNATIVE_NODE, attrs), state.schema.text(wording)]));
}

/** A copy of a clause as its words stand, to be rewritten: fresh ids, no suggestion marks or markers, words only proposed left out. */
function wordsAsTheyStand(node: ProseMirrorNode): ProseMirrorNode | null {
  if (node.isText) {
    if (node.marks.some((mark) => mark.type.name === 'insertion')) return null;
    return node.mark(node.marks.filter((mark) => mark.type.name !== 'deletion'));
  }
  if (MARKER_NODES.has(node.type.name)) return null;
  const children: ProseMirrorNode[] = [];
  node.forEach((child) => {
    const copy = wordsAsTheyStand(child);
    if (copy) children.push(copy);
  });
  const attrs = 'id' in node.attrs && node.type.name !== 'footnote' ? { ...node.attrs, id: newClauseId() } : node.attrs;
  return node.type.create(attrs, children, node.marks);
}

/**
 * Proposes another wording of the whole clause `clauseId` in the name of `who`: a copy of it (its
 * paragraphs and points, as its words stand) right after the set's last wording, holding Alt 2 (or
 * the next), the caret at its end to rewrite it. The first time, the clause itself becomes Alt 1
 * of a new set (docs/brackets-and-alternatives.md). Null when the clause is gone.
 */
export function proposeClauseWording(state: EditorState, who: Suggester, clauseId: string): Transaction | null {
  const clause = findClauseById(state.doc, clauseId);
  if (!clause) return null;
  const at = new Date().toISOString();
  const mine = { delegation: who.affiliationId, author: who.userId, at };
  const existing = clauseAlternativeOf(clause.node.attrs[CLAUSE_ALTERNATIVE_ATTRIBUTE]);
  const setId = existing?.set ?? newSuggestionId(who.userId, random());
  const tr = state.tr;
  if (!existing) {
    const first: ClauseAlternative = { set: setId, id: setId, ...mine };
    tr.setNodeAttribute(clause.pos, CLAUSE_ALTERNATIVE_ATTRIBUTE, first);
  }
  // After the set's last wording.
  let end = clause.pos + clause.node.nodeSize;
  forEachClause(tr.doc, (node, pos) => {
    if (clauseAlternativeOf(node.attrs[CLAUSE_ALTERNATIVE_ATTRIBUTE])?.set === setId) end = pos + node.nodeSize;
  });
  const copy = wordsAsTheyStand(clause.node);
  if (!copy) return null;
  const wording: ClauseAlternative = { set: setId, id: newSuggestionId(who.userId, random()), ...mine };
  const proposed = copy.type.create(
    { ...copy.attrs, status: 'open', statusBy: null, statusAt: null, [CLAUSE_ALTERNATIVE_ATTRIBUTE]: wording },
    copy.content,
  );
  tr.insert(end, proposed);
  tr.setSelection(TextSelection.create(tr.doc, end + 1 + (proposed.firstChild?.nodeSize ?? 2) - 1));
  return final(tr.scrollIntoView());
}
