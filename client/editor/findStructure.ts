/**
 * Finding the structure around clauses in the editor's document: points and their labels,
 * divisions and their numbers, annexes, footnotes, and any element by its id. Every label comes
 * from `shared/structure.ts`, counted as `shared/outline.ts` counts, so the page, the outline API
 * and every export name the same thing the same way.
 */
import type { Node as ProseMirrorNode, ResolvedPos } from '@tiptap/pm/model';
import { NodeSelection, type Selection } from '@tiptap/pm/state';
import {
  IDENTIFIED_NODES,
  annexLabel,
  divisionNumber,
  isDivisionLevel,
  pointLabel,
  pointReference,
  type DivisionLevel,
} from '../../shared/structure';
import { clauseAround, forEachContainer, type ClauseLocation } from './findClause';

/** A point (node `subparagraph`) around a position: where it is, its level and what it is called. */
export interface PointLocation {
  node: ProseMirrorNode;
  /** Position right before the point node. */
  pos: number;
  /** Depth of the point node in a position resolved inside it. */
  depth: number;
  /** 1 for (a), 2 for (i), 3 for (A). */
  level: number;
  /** Its index among the points beside it (0-based): paragraphs between points are not counted. */
  index: number;
  /** "(b)", "(ii)", "(A)". */
  label: string;
  /** "OP1(b)(ii)": the clause's number, then the labels from level 1 down. */
  reference: string;
  clause: ClauseLocation;
}

/** How many points come before the `childIndex`-th child of `parent` (a clause or a point). */
function pointsBefore(parent: ProseMirrorNode, childIndex: number): number {
  let count = 0;
  for (let i = 0; i < childIndex; i++) if (parent.child(i).type.name === 'subparagraph') count++;
  return count;
}

/** The innermost point that contains `$pos`, or null outside points. */
export function pointAround($pos: ResolvedPos): PointLocation | null {
  const clause = clauseAround($pos);
  if (!clause) return null;
  let innermost = -1;
  for (let depth = clause.depth + 1; depth <= $pos.depth; depth++) {
    if ($pos.node(depth).type.name === 'subparagraph') innermost = depth;
    else break;
  }
  if (innermost < 0) return null;
  const labels: string[] = [];
  let index = 0;
  for (let depth = clause.depth + 1; depth <= innermost; depth++) {
    index = pointsBefore($pos.node(depth - 1), $pos.index(depth - 1));
    labels.push(pointLabel(depth - clause.depth, index));
  }
  return {
    node: $pos.node(innermost),
    pos: $pos.before(innermost),
    depth: innermost,
    level: innermost - clause.depth,
    index,
    label: labels[labels.length - 1]!,
    reference: pointReference(clause.number, labels),
    clause,
  };
}

/**
 * Calls `visit` for every point of a clause in document order (a point before the points within
 * it), with its position, level and label. `clausePos` is the position right before the clause.
 */
export function forEachPoint(
  clause: ProseMirrorNode,
  clausePos: number,
  visit: (node: ProseMirrorNode, pos: number, level: number, label: string) => void,
): void {
  const walk = (parent: ProseMirrorNode, parentPos: number, level: number): void => {
    let index = 0;
    parent.forEach((child, offset) => {
      if (child.type.name !== 'subparagraph') return;
      const pos = parentPos + 1 + offset;
      visit(child, pos, level, pointLabel(level, index++));
      walk(child, pos, level + 1);
    });
  };
  walk(clause, clausePos, 1);
}

/** How deep the points within `point` go below it: 0 for a point without points. */
export function pointDepthBelow(point: ProseMirrorNode): number {
  let deepest = 0;
  point.forEach((child) => {
    if (child.type.name === 'subparagraph') deepest = Math.max(deepest, 1 + pointDepthBelow(child));
  });
  return deepest;
}

/** The level of a division, read safely: an unknown value counts as a part, as the outline reads it. */
export function divisionLevelOf(node: ProseMirrorNode): DivisionLevel {
  const level: unknown = node.attrs.level;
  return isDivisionLevel(level) ? level : 'part';
}

/** The opening formula node and its position, or null when the draft has none. */
export function formulaOf(doc: ProseMirrorNode): { node: ProseMirrorNode; pos: number } | null {
  const title = doc.firstChild;
  const second = doc.childCount > 1 ? doc.child(1) : null;
  return title && second?.type.name === 'formula' ? { node: second, pos: title.nodeSize } : null;
}

/** A division heading and its derived number ("Part II", "Section A"). */
export interface DivisionLocation {
  node: ProseMirrorNode;
  /** Position right before the division node. */
  pos: number;
  level: DivisionLevel;
  number: string;
}

/**
 * Calls `visit` for every division in document order with its number: parts count in their
 * container (the operative part, each annex), sections count again after each part.
 */
export function forEachDivision(doc: ProseMirrorNode, visit: (division: DivisionLocation) => void): void {
  forEachContainer(doc, ({ node: container, pos: containerPos }) => {
    let parts = 0;
    let sections = 0;
    container.forEach((child, offset) => {
      if (child.type.name !== 'division') return;
      const level = divisionLevelOf(child);
      if (level === 'part') sections = 0;
      const number = divisionNumber(level, level === 'part' ? parts++ : sections++);
      visit({ node: child, pos: containerPos + 1 + offset, level, number });
    });
  });
}

/** The division whose title holds `$pos`, with its number, or null. */
export function divisionAround($pos: ResolvedPos): DivisionLocation | null {
  if ($pos.parent.type.name !== 'division') return null;
  const pos = $pos.before();
  let found: DivisionLocation | null = null;
  forEachDivision($pos.doc, (division) => {
    if (division.pos === pos) found = division;
  });
  return found;
}

/** An annex and its derived label ("Annex", "Annex II"). */
export interface AnnexLocation {
  node: ProseMirrorNode;
  /** Position right before the annex node. */
  pos: number;
  index: number;
  label: string;
}

/** Every annex of the document in order, with its label. */
export function annexesOf(doc: ProseMirrorNode): AnnexLocation[] {
  const found: { node: ProseMirrorNode; pos: number }[] = [];
  doc.forEach((node, pos) => {
    if (node.type.name === 'annex') found.push({ node, pos });
  });
  return found.map((annex, index) => ({ ...annex, index, label: annexLabel(index, found.length) }));
}

/** The annex that contains `$pos`, or null. */
export function annexAround($pos: ResolvedPos): AnnexLocation | null {
  if ($pos.depth < 1 || $pos.node(1).type.name !== 'annex') return null;
  const pos = $pos.before(1);
  return annexesOf($pos.doc).find((annex) => annex.pos === pos) ?? null;
}

/** Offsets of the footnotes inside each textblock, kept while the node lives (unchanged nodes are reused). */
const footnoteOffsets = new WeakMap<ProseMirrorNode, number[]>();

function footnotesIn(textblock: ProseMirrorNode): number[] {
  let offsets = footnoteOffsets.get(textblock);
  if (offsets === undefined) {
    offsets = [];
    const found = offsets;
    textblock.forEach((child, offset) => {
      if (child.type.name === 'footnote') found.push(offset);
    });
    footnoteOffsets.set(textblock, offsets);
  }
  return offsets;
}

/**
 * Calls `visit` for every footnote of the draft in document order with its number (1, 2 …), as
 * the outline numbers them. Textblocks are read once while they live, so a long draft is cheap.
 */
export function forEachFootnote(
  doc: ProseMirrorNode,
  visit: (node: ProseMirrorNode, pos: number, number: number) => void,
): void {
  let number = 0;
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    for (const offset of footnotesIn(node)) visit(node.nodeAt(offset)!, pos + 1 + offset, ++number);
    return false;
  });
}

/** The footnote a selection is on: selected as a node, or just before the caret. Null otherwise. */
export function footnoteAtSelection(selection: Selection): { node: ProseMirrorNode; pos: number } | null {
  if (selection instanceof NodeSelection && selection.node.type.name === 'footnote')
    return { node: selection.node, pos: selection.from };
  if (!selection.empty) return null;
  const before = selection.$from.nodeBefore;
  if (before?.type.name === 'footnote') return { node: before, pos: selection.from - before.nodeSize };
  return null;
}

/** The number of the footnote at `pos` (1-based, in document order), or 0 when there is none there. */
export function footnoteNumberAt(doc: ProseMirrorNode, pos: number): number {
  let found = 0;
  forEachFootnote(doc, (_node, at, number) => {
    if (at === pos) found = number;
  });
  return found;
}

/**
 * The position right before the element (clause, point, division or annex) with `id`, or null.
 * Text blocks are not entered: identified elements are never inside them.
 */
export function findIdentifiedNode(doc: ProseMirrorNode, id: string): { node: ProseMirrorNode; pos: number } | null {
  let found: { node: ProseMirrorNode; pos: number } | null = null;
  doc.descendants((node, pos) => {
    if (found !== null) return false;
    if (IDENTIFIED_NODES.has(node.type.name) && node.attrs.id === id) {
      found = { node, pos };
      return false;
    }
    return !node.isTextblock;
  });
  return found;
}
