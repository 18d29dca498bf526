/**
 * The editing operations on clauses that a drafter expects from a numbered norms text: Enter
 * starts or splits a clause, Mod-] makes a paragraph a point (see `pointEditing.ts` for points),
 * clauses move up and down, pillars and status are set on the clause as a whole. Clauses live in
 * three kinds of container (the preamble, the operative part, each annex), beside division
 * headings; no operation ever joins or moves a clause across a container or into a heading.
 *
 * Each operation takes the transaction being built, changes it only when it applies and says
 * whether it did, so the same function serves a key binding, a menu item and a unit test on a
 * plain `EditorState` without a view. Ids follow one rule everywhere: the clause that keeps the
 * text keeps its id; a clause that is new (a split-off second half, a new empty clause) gets a
 * fresh one.
 */
import { Fragment, type Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Selection, TextSelection, type Transaction } from '@tiptap/pm/state';
import type { ClauseStatus } from '../../shared/clauses';
import { newClauseId } from '../../shared/clauseId';
import { MAX_POINT_LEVELS } from '../../shared/limits';
import type { Taxonomy } from '../../shared/pillars';
import { clauseAround, clausePillars, findClauseById, forEachClause, type ClauseLocation } from './findClause';
import { pointDepthBelow } from './findStructure';
import { createEmptyClause, createPoint } from './newNodes';
import { enterInPoint, indentPoint, joinNextPoint, outdentPoint, pointOfCaret } from './pointEditing';

export { createEmptyClause };

/** Which way {@link moveClause} moves a clause. */
export type MoveDirection = 'up' | 'down';

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

/** Text blocks that stand outside clauses: the title, the opening formula, an annex's title, a division's title. */
const HEADINGS: ReadonlySet<string> = new Set(['title', 'formula', 'annexTitle', 'division']);

/** Whether the selection's start is in the title, the formula, an annex title or a division title. */
export function inHeading(tr: Transaction): boolean {
  return HEADINGS.has(tr.selection.$from.parent.type.name);
}

/**
 * Enter, as a drafter expects it:
 * - in the title, the formula or a heading, the caret moves to the next text (the first clause);
 * - at the end of a clause, a new empty clause follows with the caret in it;
 * - inside a clause, the clause splits in two at the caret: the first half keeps its id, the
 *   second gets a fresh one and the same pillars;
 * - at the very start of a clause, a new empty clause is inserted before it and the caret stays
 *   with the text, so the text keeps its id;
 * - at the end of a paragraph followed by points, a new first-level point starts;
 * - in an empty last paragraph (where outdenting an empty point leaves it), the paragraph goes and
 *   a new clause follows: Enter on an empty point, again and again, ends the list;
 * - in a point, see `enterInPoint`.
 */
export function enterInClause(tr: Transaction): boolean {
  const schema = tr.doc.type.schema;
  if (!tr.selection.empty) {
    if (clauseAround(tr.selection.$from) === null && !inHeading(tr)) return false;
    tr.deleteSelection();
  }
  const { $from } = tr.selection;
  if (HEADINGS.has($from.parent.type.name)) {
    const next = Selection.findFrom(tr.doc.resolve($from.after()), 1, true);
    if (next) tr.setSelection(next).scrollIntoView();
    return true;
  }
  if (pointOfCaret(tr)) return enterInPoint(tr);
  const clause = clauseAround($from);
  if (!clause || !$from.parent.isTextblock) return false;
  const block = blockOfCaret(tr, clause);
  if (!block) return false;
  const textblock = $from.parent;
  const isLastBlock = block.index === clause.node.childCount - 1;

  const atStart = $from.parentOffset === 0;
  const atEnd = $from.parentOffset === textblock.content.size;
  if (block.index === 0 && atStart && textblock.content.size > 0) {
    tr.insert(clause.pos, createEmptyClause(schema)).scrollIntoView();
    return true;
  }
  if (atEnd && !isLastBlock && clause.node.child(block.index + 1).type.name === 'subparagraph') {
    const after = block.pos + block.node.nodeSize;
    tr.insert(after, createPoint(schema));
    tr.setSelection(TextSelection.create(tr.doc, after + 2)).scrollIntoView();
    return true;
  }
  if (block.index > 0 && isLastBlock && textblock.content.size === 0) {
    tr.delete(block.pos, block.pos + block.node.nodeSize);
    const after = tr.mapping.map(clause.pos + clause.node.nodeSize);
    tr.insert(after, createEmptyClause(schema));
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

/** The clause right before `clause` in its container, or null when a heading (or nothing) comes first. */
function previousClause(tr: Transaction, clause: ClauseLocation): ClauseLocation | null {
  if (clause.childIndex === 0 || clause.section.child(clause.childIndex - 1).type.name !== 'clause') return null;
  return clauseAround(tr.doc.resolve(clause.pos - 1));
}

/** The clause right after `clause` in its container, or null when a heading (or nothing) follows. */
function nextClause(tr: Transaction, clause: ClauseLocation): ClauseLocation | null {
  const next = clause.childIndex + 1;
  if (next >= clause.section.childCount || clause.section.child(next).type.name !== 'clause') return null;
  return clauseAround(tr.doc.resolve(clause.pos + clause.node.nodeSize + 1));
}

/** How many clauses a container holds: it must keep one. */
function clauseCount(section: ProseMirrorNode): number {
  let count = 0;
  section.forEach((child) => {
    if (child.type.name === 'clause') count++;
  });
  return count;
}

/**
 * Joins `clause` into the clause before it in the same container: its first paragraph's text
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
 * removed). It never merges across containers, into a heading or into the title: there it only
 * removes an empty clause that is not its container's last. At the start of a point the point
 * outdents; in an empty division title the division goes; at the start of another heading nothing
 * happens (a heading is never joined into the text).
 */
export function backspaceAtClauseStart(tr: Transaction): boolean {
  const { selection } = tr;
  const { $from } = selection;
  if (selection.empty && $from.parentOffset === 0 && HEADINGS.has($from.parent.type.name)) {
    if ($from.parent.type.name === 'division' && $from.parent.content.size === 0) {
      const pos = $from.before();
      tr.delete(pos, pos + $from.parent.nodeSize);
      tr.setSelection(Selection.near(tr.doc.resolve(Math.min(pos, tr.doc.content.size)), 1)).scrollIntoView();
    }
    return true;
  }
  const clause = atStartOfClause(tr);
  if (!clause) {
    const atPointStart = selection.empty && $from.parentOffset === 0 && pointOfCaret(tr) !== null;
    return atPointStart ? outdentPoint(tr) : false;
  }
  if (previousClause(tr, clause)) {
    joinIntoPrevious(tr, clause);
    return true;
  }
  if (isEmptyClause(clause.node) && clauseCount(clause.section) > 1) {
    tr.delete(clause.pos, clause.pos + clause.node.nodeSize);
    tr.setSelection(Selection.near(tr.doc.resolve(clause.pos), 1)).scrollIntoView();
  }
  return true;
}

/**
 * Delete at the end of a clause joins the next clause of the container into it; never across
 * containers or headings. Before a point without points, the point's words join the text (see
 * `joinNextPoint`). At the end of a heading nothing happens.
 */
export function deleteAtClauseEnd(tr: Transaction): boolean {
  const { selection } = tr;
  const { $from } = selection;
  if (selection.empty && HEADINGS.has($from.parent.type.name) && $from.parentOffset === $from.parent.content.size)
    return true;
  const clause = atEndOfClause(tr);
  if (!clause) return joinNextPoint(tr);
  const next = nextClause(tr, clause);
  if (next) joinIntoPrevious(tr, next);
  return true;
}

/**
 * Indent (Mod-]): in a point, the point goes one level deeper (see `indentPoint`). In a paragraph, the
 * paragraph becomes a point: a non-first paragraph is wrapped in place as a first-level point; the
 * first paragraph of a clause takes the whole clause into the previous clause as its next point
 * (as a numbered list item becomes a sub-item), which ends that clause: its points come along as
 * the new point's own when they fit within the levels, its other paragraphs follow it.
 * Returns false only outside clauses.
 */
export function indentInClause(tr: Transaction): boolean {
  if (pointOfCaret(tr)) return indentPoint(tr);
  const clause = clauseAround(tr.selection.$from);
  if (!clause) return false;
  const block = blockOfCaret(tr, clause);
  if (!block || block.node.type.name !== 'paragraph') return true;
  const schema = tr.doc.type.schema;
  if (block.index > 0) {
    const range = tr.selection.$from.blockRange();
    if (range && range.parent === clause.node)
      tr.wrap(range, [{ type: schema.nodes.subparagraph!, attrs: { id: newClauseId() } }]).scrollIntoView();
    return true;
  }
  if (!previousClause(tr, clause)) return true;
  const caretOffset = tr.selection.from - (clause.pos + 2);
  const [first, ...rest] = childrenOf(clause.node);
  const nest =
    rest.length > 0 &&
    rest.every((child) => child.type.name === 'subparagraph' && 2 + pointDepthBelow(child) <= MAX_POINT_LEVELS);
  const blocks = nest ? [createPoint(schema, first, rest)] : [createPoint(schema, first), ...rest];
  tr.delete(clause.pos, clause.pos + clause.node.nodeSize);
  // `clause.pos - 1` is the end of the previous clause's content, untouched by the deletion.
  tr.insert(clause.pos - 1, blocks);
  tr.setSelection(TextSelection.create(tr.doc, clause.pos + 1 + Math.max(0, caretOffset))).scrollIntoView();
  return true;
}

function childrenOf(node: ProseMirrorNode): ProseMirrorNode[] {
  const children: ProseMirrorNode[] = [];
  node.forEach((child) => children.push(child));
  return children;
}

/**
 * Outdent (Mod-[): a point goes up a level (at the first level it becomes a plain paragraph again, see
 * `outdentPoint`); a non-first paragraph starts a new clause (fresh id, same pillars) with the
 * blocks that follow it.
 */
export function outdentInClause(tr: Transaction): boolean {
  if (pointOfCaret(tr)) return outdentPoint(tr);
  const clause = clauseAround(tr.selection.$from);
  if (!clause) return false;
  const block = blockOfCaret(tr, clause);
  if (!block || block.index === 0 || block.node.type.name !== 'paragraph') return true;
  const attrs = { id: newClauseId(), pillars: clausePillars(clause.node), status: 'open' satisfies ClauseStatus };
  tr.split(block.pos, 1, [{ type: tr.doc.type.schema.nodes.clause!, attrs }]).scrollIntoView();
  return true;
}

/**
 * The "point" toggle of the toolbar and the menu: outdent in a point, indent otherwise. With a
 * `clauseId` that does not hold the caret, it applies to that clause's first paragraph.
 */
export function toggleSubparagraph(tr: Transaction, clauseId?: string): boolean {
  if (clauseId !== undefined) {
    const clause = findClauseById(tr.doc, clauseId);
    if (!clause) return false;
    const caretClause = clauseAround(tr.selection.$from);
    if (caretClause?.node.attrs.id !== clauseId) tr.setSelection(TextSelection.create(tr.doc, clause.pos + 2));
  }
  return pointOfCaret(tr) ? outdentPoint(tr) : indentInClause(tr);
}

/** The first child of a container a clause may be moved to: an annex's title stays first. */
function firstMovableIndex(section: ProseMirrorNode): number {
  return section.firstChild?.type.name === 'annexTitle' ? 1 : 0;
}

/**
 * Moves a clause one place up or down within its container, keeping its id, its attributes and,
 * when the caret is in it, the caret where it was in the text. Past a division heading it moves
 * into the group before or after it. Numbers follow from the new order.
 */
export function moveClause(tr: Transaction, direction: MoveDirection, clauseId?: string): boolean {
  const clause = targetClause(tr, clauseId);
  if (!clause) return false;
  const targetIndex = clause.childIndex + (direction === 'up' ? -1 : 1);
  if (targetIndex < firstMovableIndex(clause.section) || targetIndex >= clause.section.childCount) return false;
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

/** Sets a clause's pillar keys (in the draft's taxonomy order, unknown keys kept after them as they were). */
export function setClausePillars(
  tr: Transaction,
  pillars: readonly string[],
  taxonomy: Taxonomy,
  clauseId?: string,
): boolean {
  const clause = targetClause(tr, clauseId);
  if (!clause) return false;
  tr.setNodeAttribute(clause.pos, 'pillars', taxonomy.ordered(pillars));
  return true;
}

/** Tags a clause with a pillar, or untags it when it already has it. */
export function toggleClausePillar(tr: Transaction, pillar: string, taxonomy: Taxonomy, clauseId?: string): boolean {
  const clause = targetClause(tr, clauseId);
  if (!clause) return false;
  const current = clausePillars(clause.node);
  const next = current.includes(pillar) ? current.filter((key) => key !== pillar) : [...current, pillar];
  tr.setNodeAttribute(clause.pos, 'pillars', taxonomy.ordered(next));
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
