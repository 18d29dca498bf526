/**
 * The editing operations on clauses that a drafter expects from a numbered norms text: Enter
 * starts or splits a clause, Tab makes a paragraph a lettered sub-paragraph, clauses move up and
 * down, pillars and status are set on the clause as a whole.
 *
 * Each operation takes the transaction being built, changes it only when it applies and says
 * whether it did, so the same function serves a key binding, a menu item and a unit test on a
 * plain `EditorState` without a view. Ids follow one rule everywhere: the clause that keeps the
 * text keeps its id; a clause that is new (a split-off second half, a new empty clause) gets a
 * fresh one.
 */
import { Fragment, type Node as ProseMirrorNode, type Schema } from '@tiptap/pm/model';
import { Selection, TextSelection, type Transaction } from '@tiptap/pm/state';
import { liftTarget } from '@tiptap/pm/transform';
import type { ClauseStatus } from '../../shared/clauses';
import { newClauseId } from '../../shared/clauseId';
import { PILLAR_KEYS } from '../../shared/pillars';
import { clauseAround, clausePillars, findClauseById, forEachClause, type ClauseLocation } from './findClause';

/** Which way {@link moveClause} moves a clause. */
export type MoveDirection = 'up' | 'down';

/** A new clause holding one empty paragraph, with a fresh id. */
export function createEmptyClause(schema: Schema, pillars: readonly string[] = []): ProseMirrorNode {
  return schema.nodes.clause!.create(
    { id: newClauseId(), pillars: [...pillars], status: 'open' },
    schema.nodes.paragraph!.create(),
  );
}

function isEmptyClause(clause: ProseMirrorNode): boolean {
  return clause.childCount === 1 && clause.firstChild!.content.size === 0;
}

/** The clause the operation targets: the one with `clauseId`, or the one holding the caret. */
function targetClause(tr: Transaction, clauseId?: string): ClauseLocation | null {
  return clauseId === undefined ? clauseAround(tr.selection.$head) : findClauseById(tr.doc, clauseId);
}

/** The caret's block inside its clause: a direct child of the clause (paragraph or sub-paragraph). */
function blockOfCaret(
  tr: Transaction,
  clause: ClauseLocation,
): { node: ProseMirrorNode; index: number; pos: number } | null {
  const { $from } = tr.selection;
  if ($from.depth <= clause.depth) return null;
  return { node: $from.node(clause.depth + 1), index: $from.index(clause.depth), pos: $from.before(clause.depth + 1) };
}

/**
 * Enter, as a drafter expects it:
 * - in the title, the caret moves to the first clause;
 * - at the end of a clause, a new empty clause follows with the caret in it;
 * - inside a clause, the clause splits in two at the caret: the first half keeps its id, the
 *   second gets a fresh one and the same pillars;
 * - at the very start of a clause, a new empty clause is inserted before it and the caret stays
 *   with the text, so the text keeps its id;
 * - in a sub-paragraph, the next sub-paragraph starts; Enter in an empty last sub-paragraph ends
 *   the list with a new clause, in an empty middle one makes it a plain paragraph.
 */
export function enterInClause(tr: Transaction): boolean {
  const schema = tr.doc.type.schema;
  if (!tr.selection.empty) {
    if (clauseAround(tr.selection.$from) === null && tr.selection.$from.parent.type.name !== 'title') return false;
    tr.deleteSelection();
  }
  const { $from } = tr.selection;
  if ($from.parent.type.name === 'title') {
    const first = Selection.findFrom(tr.doc.resolve($from.after()), 1, true);
    if (first) tr.setSelection(first).scrollIntoView();
    return true;
  }
  const clause = clauseAround($from);
  if (!clause || !$from.parent.isTextblock) return false;
  const block = blockOfCaret(tr, clause);
  if (!block) return false;
  const textblock = $from.parent;
  const isLastBlock = block.index === clause.node.childCount - 1;

  if (block.node.type.name === 'subparagraph') {
    if (textblock.content.size > 0) {
      tr.split($from.pos, 2).scrollIntoView();
      return true;
    }
    if (!isLastBlock) return liftSubparagraph(tr);
    // An empty last sub-paragraph ends the list: it goes, and a new clause follows.
    tr.delete(block.pos, block.pos + block.node.nodeSize);
    const after = tr.mapping.map(clause.pos + clause.node.nodeSize);
    tr.insert(after, createEmptyClause(schema));
    tr.setSelection(TextSelection.create(tr.doc, after + 2)).scrollIntoView();
    return true;
  }

  const atStart = $from.parentOffset === 0;
  const atEnd = $from.parentOffset === textblock.content.size;
  if (block.index === 0 && atStart && textblock.content.size > 0) {
    tr.insert(clause.pos, createEmptyClause(schema)).scrollIntoView();
    return true;
  }
  if (atEnd && !isLastBlock && clause.node.child(block.index + 1).type.name === 'subparagraph') {
    const after = block.pos + block.node.nodeSize;
    tr.insert(after, schema.nodes.subparagraph!.create(null, schema.nodes.paragraph!.create()));
    tr.setSelection(TextSelection.create(tr.doc, after + 2)).scrollIntoView();
    return true;
  }
  const startsEmptyClause = atEnd && isLastBlock;
  const attrs = {
    id: newClauseId(),
    pillars: startsEmptyClause ? [] : clausePillars(clause.node),
    status: 'open' satisfies ClauseStatus,
  };
  tr.split($from.pos, 2, [{ type: schema.nodes.clause!, attrs }]).scrollIntoView();
  return true;
}

/** Whether the empty selection sits at the very start of a clause's first paragraph. */
function atStartOfClause(tr: Transaction): ClauseLocation | null {
  const { selection } = tr;
  if (!selection.empty || selection.$from.parentOffset !== 0) return null;
  const clause = clauseAround(selection.$from);
  if (!clause || selection.$from.depth !== clause.depth + 1 || selection.$from.index(clause.depth) !== 0) return null;
  return clause;
}

/** Whether the empty selection sits at the very end of a clause's last text. */
function atEndOfClause(tr: Transaction): ClauseLocation | null {
  const { selection } = tr;
  if (!selection.empty || selection.$from.parentOffset !== selection.$from.parent.content.size) return null;
  const clause = clauseAround(selection.$from);
  if (!clause) return null;
  const lastText = Selection.findFrom(tr.doc.resolve(clause.pos + clause.node.nodeSize - 1), -1, true);
  return lastText !== null && lastText.from === selection.from ? clause : null;
}

/**
 * Joins `clause` into the clause before it in the same section: its first paragraph's text
 * continues the previous clause's last line and its other blocks follow. The previous clause
 * keeps its id; the joined one ends. An empty clause is simply removed.
 */
function joinIntoPrevious(tr: Transaction, clause: ClauseLocation): void {
  const endOfPrevious = Selection.findFrom(tr.doc.resolve(clause.pos), -1, true);
  if (!endOfPrevious) return;
  if (isEmptyClause(clause.node)) {
    tr.delete(clause.pos, clause.pos + clause.node.nodeSize);
  } else {
    tr.delete(endOfPrevious.from, clause.pos + 2);
  }
  tr.setSelection(TextSelection.create(tr.doc, endOfPrevious.from)).scrollIntoView();
}

/**
 * Backspace at the start of a clause joins it into the previous clause (an empty clause is
 * removed). At the start of a section it never merges across sections or into the title; it
 * only removes an empty clause that is not the section's last.
 */
export function backspaceAtClauseStart(tr: Transaction): boolean {
  const clause = atStartOfClause(tr);
  if (!clause) {
    const { $from } = tr.selection;
    const inSubparagraph =
      tr.selection.empty &&
      $from.parentOffset === 0 &&
      $from.depth >= 2 &&
      $from.node($from.depth - 1).type.name === 'subparagraph';
    return inSubparagraph ? liftSubparagraph(tr) : false;
  }
  if (clause.index > 0) {
    joinIntoPrevious(tr, clause);
    return true;
  }
  if (isEmptyClause(clause.node) && clause.section.childCount > 1) {
    tr.delete(clause.pos, clause.pos + clause.node.nodeSize);
    tr.setSelection(Selection.near(tr.doc.resolve(clause.pos), 1)).scrollIntoView();
  }
  return true;
}

/** Delete at the end of a clause joins the next clause of the section into it; never across sections. */
export function deleteAtClauseEnd(tr: Transaction): boolean {
  const clause = atEndOfClause(tr);
  if (!clause) return false;
  if (clause.index === clause.section.childCount - 1) return true;
  const next = clauseAround(tr.doc.resolve(clause.pos + clause.node.nodeSize + 1));
  if (next) joinIntoPrevious(tr, next);
  return true;
}

/** Turns the caret's sub-paragraph back into a plain paragraph of its clause. */
function liftSubparagraph(tr: Transaction): boolean {
  const range = tr.selection.$from.blockRange();
  if (!range || range.parent.type.name !== 'subparagraph') return false;
  const target = liftTarget(range);
  if (target === null) return false;
  tr.lift(range, target).scrollIntoView();
  return true;
}

/**
 * Tab: the caret's paragraph becomes a lettered sub-paragraph. A non-first paragraph is wrapped
 * in place; the first paragraph of a clause takes the whole clause into the previous clause as
 * its next sub-paragraph (as a numbered list item becomes a sub-item), which ends that clause.
 * Returns false only outside clauses, so Tab still leaves the editor from the title.
 */
export function indentInClause(tr: Transaction): boolean {
  const clause = clauseAround(tr.selection.$from);
  if (!clause) return false;
  const block = blockOfCaret(tr, clause);
  if (!block || block.node.type.name !== 'paragraph') return true;
  const schema = tr.doc.type.schema;
  if (block.index > 0) {
    const range = tr.selection.$from.blockRange();
    if (range && range.parent === clause.node) tr.wrap(range, [{ type: schema.nodes.subparagraph! }]).scrollIntoView();
    return true;
  }
  if (clause.index === 0) return true;
  const caretOffset = tr.selection.from - (clause.pos + 2);
  const blocks: ProseMirrorNode[] = [schema.nodes.subparagraph!.create(null, clause.node.firstChild!)];
  clause.node.forEach((child, _offset, index) => {
    if (index > 0) blocks.push(child);
  });
  tr.delete(clause.pos, clause.pos + clause.node.nodeSize);
  // `clause.pos - 1` is the end of the previous clause's content, untouched by the deletion.
  tr.insert(clause.pos - 1, blocks);
  tr.setSelection(TextSelection.create(tr.doc, clause.pos + 1 + Math.max(0, caretOffset))).scrollIntoView();
  return true;
}

/**
 * Shift-Tab: a sub-paragraph becomes a plain paragraph again; a non-first paragraph starts a new
 * clause (fresh id, same pillars) with the blocks that follow it.
 */
export function outdentInClause(tr: Transaction): boolean {
  const clause = clauseAround(tr.selection.$from);
  if (!clause) return false;
  const block = blockOfCaret(tr, clause);
  if (!block) return true;
  if (block.node.type.name === 'subparagraph') return liftSubparagraph(tr) || true;
  if (block.index === 0) return true;
  const attrs = { id: newClauseId(), pillars: clausePillars(clause.node), status: 'open' satisfies ClauseStatus };
  tr.split(block.pos, 1, [{ type: tr.doc.type.schema.nodes.clause!, attrs }]).scrollIntoView();
  return true;
}

/**
 * The menu's "sub-paragraph" toggle: Shift-Tab on a sub-paragraph, Tab otherwise. With a
 * `clauseId` that does not hold the caret, it applies to that clause's first paragraph.
 */
export function toggleSubparagraph(tr: Transaction, clauseId?: string): boolean {
  if (clauseId !== undefined) {
    const clause = findClauseById(tr.doc, clauseId);
    if (!clause) return false;
    const caretClause = clauseAround(tr.selection.$from);
    if (caretClause?.node.attrs.id !== clauseId) tr.setSelection(TextSelection.create(tr.doc, clause.pos + 2));
  }
  const $from = tr.selection.$from;
  const inSubparagraph = $from.depth >= 2 && $from.node($from.depth - 1).type.name === 'subparagraph';
  return inSubparagraph ? liftSubparagraph(tr) : indentInClause(tr);
}

/**
 * Moves a clause one place up or down within its section, keeping its id, its attributes and,
 * when the caret is in it, the caret where it was in the text. Numbers follow from the new order.
 */
export function moveClause(tr: Transaction, direction: MoveDirection, clauseId?: string): boolean {
  const clause = targetClause(tr, clauseId);
  if (!clause) return false;
  const targetIndex = clause.index + (direction === 'up' ? -1 : 1);
  if (targetIndex < 0 || targetIndex >= clause.section.childCount) return false;
  const neighbour = clause.section.child(targetIndex);
  const end = clause.pos + clause.node.nodeSize;
  const { anchor, head } = tr.selection;
  const caretInside = tr.selection.from > clause.pos && tr.selection.to < end;
  let newPos: number;
  if (direction === 'up') {
    newPos = clause.pos - neighbour.nodeSize;
    tr.replaceWith(newPos, end, Fragment.fromArray([clause.node, neighbour]));
  } else {
    newPos = clause.pos + neighbour.nodeSize;
    tr.replaceWith(clause.pos, end + neighbour.nodeSize, Fragment.fromArray([neighbour, clause.node]));
  }
  if (caretInside) {
    tr.setSelection(TextSelection.create(tr.doc, newPos + (anchor - clause.pos), newPos + (head - clause.pos)));
  }
  tr.scrollIntoView();
  return true;
}

/** Pillar keys in taxonomy order, unknown keys kept after them as they were (they are reported, not dropped). */
export function orderPillars(keys: readonly string[]): string[] {
  const unique = [...new Set(keys)];
  const known = PILLAR_KEYS.filter((key) => unique.includes(key));
  const unknown = unique.filter((key) => !(PILLAR_KEYS as readonly string[]).includes(key));
  return [...known, ...unknown];
}

/** Sets a clause's pillar keys (in taxonomy order). */
export function setClausePillars(tr: Transaction, pillars: readonly string[], clauseId?: string): boolean {
  const clause = targetClause(tr, clauseId);
  if (!clause) return false;
  tr.setNodeAttribute(clause.pos, 'pillars', orderPillars(pillars));
  return true;
}

/** Tags a clause with a pillar, or untags it when it already has it. */
export function toggleClausePillar(tr: Transaction, pillar: string, clauseId?: string): boolean {
  const clause = targetClause(tr, clauseId);
  if (!clause) return false;
  const current = clausePillars(clause.node);
  const next = current.includes(pillar) ? current.filter((key) => key !== pillar) : [...current, pillar];
  tr.setNodeAttribute(clause.pos, 'pillars', orderPillars(next));
  return true;
}

/** Sets how far a clause is agreed. */
export function setClauseStatus(tr: Transaction, status: ClauseStatus, clauseId?: string): boolean {
  const clause = targetClause(tr, clauseId);
  if (!clause) return false;
  tr.setNodeAttribute(clause.pos, 'status', status);
  return true;
}

/** Puts the caret at the start of the clause with `clauseId`'s text; false when there is no such clause. */
export function selectClause(tr: Transaction, clauseId: string): boolean {
  const clause = findClauseById(tr.doc, clauseId);
  if (!clause) return false;
  tr.setSelection(TextSelection.create(tr.doc, clause.pos + 2));
  return true;
}

/** The id of every clause in document order (for tests and checks). */
export function clauseIds(doc: ProseMirrorNode): (string | null)[] {
  const ids: (string | null)[] = [];
  forEachClause(doc, (node) => ids.push(typeof node.attrs.id === 'string' ? node.attrs.id : null));
  return ids;
}
