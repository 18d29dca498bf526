import type { EditorState } from '@tiptap/pm/state';
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
} from '@tiptap/y-tiptap';
import { fromBase64, toBase64 } from 'lib0/buffer';
import * as Y from 'yjs';
import type { CommentAnchor } from '../../shared/comments';
import { MAX_QUOTE_LENGTH } from '../../shared/limits';
import { clauseAround } from './findClause';

/** A span anchor: a clause, two encoded Yjs relative positions and the words quoted. */
export type SpanAnchor = Extract<CommentAnchor, { from: string }>;

/** What the Yjs binding of the editor offers for translating positions. */
interface SyncBinding {
  doc: Y.Doc;
  type: Y.XmlFragment;
  mapping: Parameters<typeof relativePositionToAbsolutePosition>[3];
}

/** The binding between the editor and the Yjs document, or null before it exists (or once unbound). */
export function syncBinding(state: EditorState): SyncBinding | null {
  const sync: unknown = ySyncPluginKey.getState(state);
  if (typeof sync !== 'object' || sync === null || !('binding' in sync)) return null;
  const binding = sync.binding as Partial<SyncBinding> | null;
  if (!binding?.doc || !binding.type || !binding.mapping) return null;
  return binding as SyncBinding;
}

/** The words of `[from, to)` as the server reads them: blocks and line breaks as "\n". */
export function textOfRange(state: EditorState, from: number, to: number): string {
  return state.doc.textBetween(from, to, '\n', '\n');
}

/** `[from, to)` narrowed to the text inside it, so a span never starts or ends between blocks. */
function tightenToText(state: EditorState, from: number, to: number): { from: number; to: number } | null {
  let start = -1;
  let end = -1;
  state.doc.nodesBetween(from, to, (node, pos) => {
    if (!node.isText) return true;
    const nodeFrom = Math.max(pos, from);
    const nodeTo = Math.min(pos + node.nodeSize, to);
    if (nodeTo > nodeFrom) {
      if (start < 0) start = nodeFrom;
      end = nodeTo;
    }
    return false;
  });
  return start < 0 ? null : { from: start, to: end };
}

/** The outcome of {@link spanAnchorFromSelection}: an anchor, or a sentence saying why there is none. */
export type SpanAnchorResult =
  { ok: true; anchor: SpanAnchor; from: number; to: number } | { ok: false; reason: string };

/**
 * The anchor of a comment on the selected words: the clause that holds them, Yjs relative
 * positions of their first and last character (the start sticks to the first character, the end
 * to the last, so typing just before or after the words stays outside the span, and typing inside
 * it stays inside), and the words as quoted now. Made from the editor's own binding, so it means
 * the same words in every copy of the document, the server's included.
 */
export function spanAnchorFromSelection(state: EditorState): SpanAnchorResult {
  const { from, to, empty } = state.selection;
  if (empty) return { ok: false, reason: 'Select the words your comment is about.' };
  const range = tightenToText(state, from, to);
  if (range === null) return { ok: false, reason: 'Select some words of a clause to comment on them.' };
  const clause = clauseAround(state.doc.resolve(range.from));
  const endClause = clauseAround(state.doc.resolve(range.to));
  if (clause === null) return { ok: false, reason: 'Comments are about clauses: select words in a clause.' };
  if (endClause === null || endClause.pos !== clause.pos) {
    return { ok: false, reason: 'A comment can be about one clause at a time. Select words within one clause.' };
  }
  const clauseId: unknown = clause.node.attrs.id;
  if (typeof clauseId !== 'string' || clauseId === '')
    return { ok: false, reason: 'This clause has no id yet. Try again in a moment.' };
  const quote = textOfRange(state, range.from, range.to);
  if (quote.length > MAX_QUOTE_LENGTH) {
    return { ok: false, reason: `Select at most ${MAX_QUOTE_LENGTH} characters, or comment on the whole clause.` };
  }
  const binding = syncBinding(state);
  if (binding === null) return { ok: false, reason: 'The text is not connected yet. Try again in a moment.' };
  const start = stickToNextCharacter(
    absolutePositionToRelativePosition(range.from, binding.type, binding.mapping) as Y.RelativePosition,
    binding.doc,
  );
  const end = absolutePositionToRelativePosition(range.to, binding.type, binding.mapping) as Y.RelativePosition;
  return {
    ok: true,
    anchor: { clauseId, from: encodePosition(start), to: encodePosition(end), quote },
    from: range.from,
    to: range.to,
  };
}

/** The same place, attached to the character after it (y-tiptap attaches to the one before). */
function stickToNextCharacter(position: Y.RelativePosition, doc: Y.Doc): Y.RelativePosition {
  const absolute = Y.createAbsolutePositionFromRelativePosition(position, doc);
  return absolute ? Y.createRelativePositionFromTypeIndex(absolute.type, absolute.index, 0) : position;
}

/** A relative position as stored in an anchor (base64). */
export function encodePosition(position: Y.RelativePosition): string {
  return toBase64(Y.encodeRelativePosition(position));
}

/** A stored relative position, or null if it cannot be read. */
export function decodePosition(encoded: string): Y.RelativePosition | null {
  try {
    return Y.decodeRelativePosition(fromBase64(encoded));
  } catch {
    return null;
  }
}

/** Whether a position points into text that still exists (not into a deleted paragraph or a moved clause's old copy). */
function pointsIntoLiveText(position: Y.RelativePosition, doc: Y.Doc): boolean {
  const absolute = Y.createAbsolutePositionFromRelativePosition(position, doc);
  if (absolute === null) return false;
  // oxlint-disable-next-line typescript/no-explicit-any -- Yjs types are parameterised by their event type
  let type: Y.AbstractType<any> | null = absolute.type;
  while (type !== null) {
    const item: Y.Item | null = type._item;
    if (item === null) return true;
    if (item.deleted) return false;
    type = item.parent instanceof Y.AbstractType ? item.parent : null;
  }
  return true;
}

/**
 * Where a span is in the editor's document now, or null when it cannot be shown: its words were
 * all deleted, it points into a clause's old copy after a move (until the server re-anchors it),
 * or into words this copy has not received yet. Both ends must lie in the clause named by the
 * anchor, as the server requires.
 */
export function resolveSpan(
  state: EditorState,
  clauseId: string,
  from: Y.RelativePosition,
  to: Y.RelativePosition,
): { from: number; to: number } | null {
  const binding = syncBinding(state);
  if (binding === null) return null;
  if (!pointsIntoLiveText(from, binding.doc) || !pointsIntoLiveText(to, binding.doc)) return null;
  const start = relativePositionToAbsolutePosition(binding.doc, binding.type, from, binding.mapping);
  const end = relativePositionToAbsolutePosition(binding.doc, binding.type, to, binding.mapping);
  const size = state.doc.content.size;
  if (start === null || end === null || start >= end || start < 0 || end > size) return null;
  const inClause = (pos: number) => clauseAround(state.doc.resolve(pos))?.node.attrs.id === clauseId;
  return inClause(start) && inClause(end) ? { from: start, to: end } : null;
}
