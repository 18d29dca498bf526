import type { Node as ProseMirrorNode, ResolvedPos } from '@tiptap/pm/model';
import { Fragment } from '@tiptap/pm/model';
import type { EditorState, Transaction } from '@tiptap/pm/state';
import { TextSelection } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { MAX_POINT_LEVELS } from '../../shared/limits';
import { pointLabel } from '../../shared/structure';

/**
 * The structure commands of the clause editor in which delegates write a proposed clause: Mod-]
 * makes the caret's block a point one level deeper ((a) → (i) → (A)), Mod-[ one level
 * shallower, Enter in a point starts the next point of its level; and the labels of every point,
 * derived from its level and place as everywhere else. Pure functions over an editor state, so
 * they are tested without a browser.
 */

/** A ProseMirror command: checks, and when given `dispatch`, changes. */
export type PointCommand = (state: EditorState, dispatch?: (tr: Transaction) => void) => boolean;

const POINT = 'subparagraph';

/** Where the caret stands: a paragraph of the clause itself (by its index), or the own words of a point (by its depth). */
type Caret = { kind: 'paragraph'; index: number } | { kind: 'point'; depth: number };

function caretOf($from: ResolvedPos): Caret | null {
  if (!$from.parent.isTextblock || $from.depth < 2) return null;
  const holder = $from.node($from.depth - 1);
  if (holder.type.name === POINT && $from.index($from.depth - 1) === 0)
    return { kind: 'point', depth: $from.depth - 1 };
  if (holder.type.name === 'clause') return { kind: 'paragraph', index: $from.index($from.depth - 1) };
  return null;
}

/** The level of the point at `depth` (1 for (a)): how many points hold it, itself included. */
function levelAt($pos: ResolvedPos, depth: number): number {
  let level = 0;
  for (let d = 1; d <= depth; d++) if ($pos.node(d).type.name === POINT) level++;
  return level;
}

/** How many levels of points a point holds below itself (0 when none). */
function levelsBelow(node: ProseMirrorNode): number {
  let deepest = 0;
  node.forEach((child) => {
    if (child.type.name === POINT) deepest = Math.max(deepest, 1 + levelsBelow(child));
  });
  return deepest;
}

/** Moves the selection by `shift` positions, as the text it is in moved. */
function keepSelection(tr: Transaction, state: EditorState, shift: number): Transaction {
  const { from, to } = state.selection;
  return tr.setSelection(TextSelection.create(tr.doc, from + shift, to + shift)).scrollIntoView();
}

/**
 * Indent (Mod-]): a later paragraph of the clause becomes a point (a); a point goes one level deeper, into
 * the point before it, with the points it holds, as long as none would pass the third level.
 * False (the key is left to the browser) where nothing can go deeper.
 */
export const indentPoint: PointCommand = (state, dispatch) => {
  const { $from } = state.selection;
  const caret = caretOf($from);
  if (!caret) return false;
  const point = state.schema.nodes[POINT]!;
  if (caret.kind === 'paragraph') {
    if (caret.index === 0) return false;
    const start = $from.before($from.depth);
    if (dispatch) {
      const wrapped = point.create({ id: null }, $from.parent);
      dispatch(keepSelection(state.tr.replaceWith(start, $from.after($from.depth), wrapped), state, 1));
    }
    return true;
  }
  const { depth } = caret;
  const index = $from.index(depth - 1);
  const before = index > 0 ? $from.node(depth - 1).child(index - 1) : null;
  const node = $from.node(depth);
  if (before?.type.name !== POINT || levelAt($from, depth) + 1 + levelsBelow(node) > MAX_POINT_LEVELS) return false;
  if (dispatch) {
    const start = $from.before(depth);
    // The point goes to the end of the point before it, whose content ends right before `start`.
    const tr = state.tr.delete(start, $from.after(depth)).insert(start - 1, node);
    dispatch(keepSelection(tr, state, -1));
  }
  return true;
};

/**
 * Outdent (Mod-[): a point goes one level shallower. A point of the first level becomes a paragraph of
 * the clause, the points it held becoming points of the first level; a deeper one follows the
 * point that held it, taking the points that came after it there as its own, so the text reads in
 * the same order. False for a paragraph of the clause.
 */
export const outdentPoint: PointCommand = (state, dispatch) => {
  const { $from } = state.selection;
  const caret = caretOf($from);
  if (caret?.kind !== 'point') return false;
  const { depth } = caret;
  const node = $from.node(depth);
  const start = $from.before(depth);
  if ($from.node(depth - 1).type.name !== POINT) {
    if (dispatch) {
      const children: ProseMirrorNode[] = [];
      node.forEach((child) => children.push(child));
      dispatch(keepSelection(state.tr.replaceWith(start, $from.after(depth), Fragment.fromArray(children)), state, -1));
    }
    return true;
  }
  if (dispatch) {
    const holder = $from.node(depth - 1);
    const index = $from.index(depth - 1);
    const kept: ProseMirrorNode[] = [];
    const following: ProseMirrorNode[] = [];
    holder.forEach((child, _offset, at) => {
      if (at < index) kept.push(child);
      else if (at > index) following.push(child);
    });
    const shorter = holder.copy(Fragment.fromArray(kept));
    const lifted = node.copy(node.content.append(Fragment.fromArray(following)));
    const holderStart = $from.before(depth - 1);
    const tr = state.tr.replaceWith(holderStart, $from.after(depth - 1), Fragment.fromArray([shorter, lifted]));
    dispatch(keepSelection(tr, state, holderStart + shorter.nodeSize - start));
  }
  return true;
};

/**
 * Enter in a point: the words after the caret start the next point of the same level (with the
 * points the first held after the caret); in an empty point, it goes one level shallower. False
 * outside points, so Enter splits a paragraph of the clause as usual.
 */
export const splitPoint: PointCommand = (state, dispatch) => {
  const { $from, empty } = state.selection;
  const caret = caretOf($from);
  if (caret?.kind !== 'point' || !empty) return false;
  if ($from.parent.content.size === 0 && $from.node(caret.depth).childCount === 1) return outdentPoint(state, dispatch);
  if (dispatch) {
    const tr = state.tr.split($from.pos, 2, [
      { type: state.schema.nodes[POINT]!, attrs: { id: null } },
      { type: $from.parent.type },
    ]);
    dispatch(tr.scrollIntoView());
  }
  return true;
};

/** The label of every point of a clause ((a), (i), (A) by level and place), as node decorations (`data-letter`). */
export function pointLabelDecorations(doc: ProseMirrorNode): DecorationSet {
  const decorations: Decoration[] = [];
  const label = (node: ProseMirrorNode, pos: number, level: number): void => {
    let index = 0;
    node.forEach((child, offset) => {
      if (child.type.name !== POINT) return;
      const from = pos + 1 + offset;
      decorations.push(Decoration.node(from, from + child.nodeSize, { 'data-letter': pointLabel(level, index++) }));
      label(child, from, level + 1);
    });
  };
  doc.descendants((node, pos) => {
    if (node.type.name !== 'clause') return true;
    label(node, pos, 1);
    return false;
  });
  return DecorationSet.create(doc, decorations);
}
