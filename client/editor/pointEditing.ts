/**
 * The editing operations on points ((a) → (i) → (A)) that a drafter expects from a numbered
 * list: Enter starts the next point, indent (Mod-]) makes a point a sub-point of the one before it,
 * outdent (Mod-[) brings it back a level (at the first level it becomes a paragraph of its clause),
 * and an empty point outdents on Enter.
 *
 * Like `clauseEditing.ts`, each operation takes the transaction being built, changes it only when
 * it applies and says whether it handled the key, so a key binding, a toolbar button and a unit
 * test share it. The point that keeps the text keeps its id; a new point gets a fresh one. Labels
 * are never written: they follow from the new structure.
 */
import { Fragment, type Node as ProseMirrorNode } from '@tiptap/pm/model';
import { TextSelection, type Selection, type Transaction } from '@tiptap/pm/state';
import { newClauseId } from '../../shared/clauseId';
import { MAX_POINT_LEVELS } from '../../shared/limits';
import { clauseAround } from './findClause';
import { pointAround, pointDepthBelow, type PointLocation } from './findStructure';
import { createEmptyClause, createPoint } from './newNodes';

/** The children of a node from `from` (inclusive) to `to` (exclusive) as an array. */
function childrenOf(node: ProseMirrorNode, from = 0, to = node.childCount): ProseMirrorNode[] {
  const children: ProseMirrorNode[] = [];
  for (let i = from; i < to; i++) children.push(node.child(i));
  return children;
}

/** The point whose own paragraph holds the caret (the selection's start), or null. */
export function pointOfCaret(target: { selection: Selection }): PointLocation | null {
  const { $from } = target.selection;
  const point = pointAround($from);
  // The caret's textblock must be the point's own paragraph, directly inside it.
  return point !== null && $from.depth === point.depth + 1 ? point : null;
}

/** Whether `point` could go one level deeper (itself and every point within it stay within the limit). */
export function canIndentPoint(point: PointLocation): boolean {
  return point.level + 1 + pointDepthBelow(point.node) <= MAX_POINT_LEVELS;
}

/** Moves the selection by `delta`, as the text it was in moved. */
function keepCaret(tr: Transaction, anchor: number, head: number, delta: number): void {
  tr.setSelection(TextSelection.create(tr.doc, anchor + delta, head + delta)).scrollIntoView();
}

/**
 * Indent in a point: it becomes the last sub-point of the point before it, with the points within it
 * (so "(c)" after "(b)" becomes "(b)(i)"). Nothing happens for the first point of a list, or when
 * it or a point within it would go deeper than {@link MAX_POINT_LEVELS}. Returns false when the
 * caret is not in a point's own paragraph.
 */
export function indentPoint(tr: Transaction): boolean {
  const point = pointOfCaret(tr);
  if (!point) return false;
  const { $from, anchor, head } = tr.selection;
  const parent = $from.node(point.depth - 1);
  const childIndex = $from.index(point.depth - 1);
  const previous = childIndex > 0 ? parent.child(childIndex - 1) : null;
  if (previous?.type.name !== 'subparagraph' || !canIndentPoint(point)) return true;
  const previousPos = point.pos - previous.nodeSize;
  const merged = previous.copy(previous.content.append(Fragment.from(point.node)));
  tr.replaceWith(previousPos, point.pos + point.node.nodeSize, merged);
  // The point now ends the previous point's content: one position further in (past its opening).
  const newPointPos = previousPos + 1 + previous.content.size;
  keepCaret(tr, anchor, head, newPointPos - point.pos);
  return true;
}

/**
 * Outdent in a point: it goes up one level, after the point that held it; the points that
 * followed it there become its own, so the text keeps its order. At the first level it becomes a
 * paragraph of its clause and its sub-points become points of the clause. Returns false when the
 * caret is not in a point's own paragraph.
 */
export function outdentPoint(tr: Transaction): boolean {
  const point = pointOfCaret(tr);
  if (!point) return false;
  const { $from, anchor, head } = tr.selection;
  if (point.level === 1) {
    const [paragraph, ...points] = childrenOf(point.node);
    tr.replaceWith(point.pos, point.pos + point.node.nodeSize, [paragraph!, ...points]);
    keepCaret(tr, anchor, head, -1);
    return true;
  }
  const holder = $from.node(point.depth - 1);
  const holderPos = $from.before(point.depth - 1);
  const childIndex = $from.index(point.depth - 1);
  const kept = holder.copy(Fragment.fromArray(childrenOf(holder, 0, childIndex)));
  const following = childrenOf(holder, childIndex + 1);
  const lifted = point.node.copy(point.node.content.append(Fragment.fromArray(following)));
  tr.replaceWith(holderPos, holderPos + holder.nodeSize, [kept, lifted]);
  keepCaret(tr, anchor, head, holderPos + kept.nodeSize - point.pos);
  return true;
}

/**
 * Enter in a point's own paragraph:
 * - in an empty point, the point outdents (see {@link outdentPoint}); an empty first-level point
 *   that ends its clause ends the list instead: it goes, and a new clause follows;
 * - at the end of its text, a new empty point follows it at the same level (after the points
 *   within it), with the caret in it;
 * - at the very start of its text, a new empty point is inserted before it and the text keeps its id;
 * - inside its text, the point splits in two: the first half keeps the id, the second gets a fresh
 *   one and the points within it (they follow the text they followed).
 */
export function enterInPoint(tr: Transaction): boolean {
  const point = pointOfCaret(tr);
  if (!point) return false;
  const { $from } = tr.selection;
  const schema = tr.doc.type.schema;
  const textblock = $from.parent;
  if (textblock.content.size === 0) {
    const { clause } = point;
    const endsClause = point.pos + point.node.nodeSize === clause.pos + clause.node.nodeSize - 1;
    if (point.level > 1 || point.node.childCount > 1 || !endsClause) return outdentPoint(tr);
    tr.delete(point.pos, point.pos + point.node.nodeSize);
    const after = tr.mapping.map(clause.pos + clause.node.nodeSize);
    tr.insert(after, createEmptyClause(schema));
    tr.setSelection(TextSelection.create(tr.doc, after + 2)).scrollIntoView();
    return true;
  }
  if ($from.parentOffset === 0) {
    tr.insert(point.pos, createPoint(schema)).scrollIntoView();
    return true;
  }
  if ($from.parentOffset === textblock.content.size) return insertPointAfter(tr, point.pos + point.node.nodeSize);
  tr.split($from.pos, 2, [{ type: schema.nodes.subparagraph!, attrs: { id: newClauseId() } }]).scrollIntoView();
  return true;
}

/** Inserts an empty point at `pos` and puts the caret in it. */
function insertPointAfter(tr: Transaction, pos: number): boolean {
  tr.insert(pos, createPoint(tr.doc.type.schema));
  tr.setSelection(TextSelection.create(tr.doc, pos + 2)).scrollIntoView();
  return true;
}

/**
 * "New point": in a point, an empty point follows it at the same level; in a paragraph of a
 * clause, an empty first-level point follows that paragraph. The caret goes into the new point.
 * False outside clauses.
 */
export function insertPoint(tr: Transaction): boolean {
  const point = pointOfCaret(tr);
  if (point) return insertPointAfter(tr, point.pos + point.node.nodeSize);
  const { $from } = tr.selection;
  const clause = clauseAround($from);
  if (!clause || $from.depth !== clause.depth + 1 || !$from.parent.isTextblock) return false;
  return insertPointAfter(tr, $from.after());
}

/**
 * Delete at the end of a text inside a clause when the next text is a point's own paragraph and
 * that point holds no points: the point's words join this text and the point goes. A point with
 * points within it is left as it is. False when it does not apply.
 */
export function joinNextPoint(tr: Transaction): boolean {
  const { selection } = tr;
  const { $from } = selection;
  if (!selection.empty || !$from.parent.isTextblock || $from.parentOffset !== $from.parent.content.size) return false;
  const clause = clauseAround($from);
  if (!clause) return false;
  const clauseEnd = clause.pos + clause.node.nodeSize;
  const next = $from.after() < clauseEnd - 1 ? pointAround(tr.doc.resolve($from.after() + 2)) : null;
  if (!next || next.clause.pos !== clause.pos || next.pos < $from.after() - 1 || next.pos > $from.after() + 1)
    return false;
  if (next.node.childCount > 1) return true;
  tr.delete(next.pos, next.pos + next.node.nodeSize);
  tr.insert($from.pos, next.node.firstChild!.content);
  tr.setSelection(TextSelection.create(tr.doc, $from.pos)).scrollIntoView();
  return true;
}
