import * as Y from 'yjs';
import type { AnchorState, CommentAnchor, PointAnchor } from '../../shared/comments';
import { isPointAnchor, isSpanAnchor } from '../../shared/comments';
import { findClauseElement, findPointElement } from '../drafts/documentOutline';

/**
 * A clause's text flattened to one string (blocks separated by line breaks, as the editor's
 * `textBetween` separates them, at every level of points), with where each
 * Yjs text and each child boundary of an element starts in it: the bridge between Yjs positions
 * and the words a person sees.
 */
interface FlatClause {
  text: string;
  textStarts: Map<Y.XmlText, number>;
  childStarts: Map<Y.XmlElement, number[]>;
}

function plain(text: Y.XmlText): string {
  return text
    .toDelta()
    .map((op: { insert?: unknown }) => (typeof op.insert === 'string' ? op.insert : ''))
    .join('');
}

function flatten(clause: Y.XmlElement): FlatClause {
  const flat: FlatClause = { text: '', textStarts: new Map(), childStarts: new Map() };
  const walk = (element: Y.XmlElement): void => {
    const starts: number[] = [];
    element.toArray().forEach((child, index) => {
      starts.push(flat.text.length);
      if (child instanceof Y.XmlText) {
        flat.textStarts.set(child, flat.text.length);
        flat.text += plain(child);
      } else if (child instanceof Y.XmlElement) {
        if (child.nodeName === 'hardBreak') {
          flat.text += '\n';
          return;
        }
        // A block after another in the clause or in a point starts a line; inline atoms (footnotes) add nothing.
        if (index > 0 && element.nodeName !== 'paragraph') flat.text += '\n';
        starts[index] = flat.text.length;
        walk(child);
      }
    });
    starts.push(flat.text.length);
    flat.childStarts.set(element, starts);
  };
  walk(clause);
  return flat;
}

function decode(position: string): Y.RelativePosition | null {
  try {
    return Y.decodeRelativePosition(Buffer.from(position, 'base64'));
  } catch {
    return null;
  }
}

/** Encodes a relative position as stored in an anchor (base64). */
export function encodePosition(position: Y.RelativePosition): string {
  return Buffer.from(Y.encodeRelativePosition(position)).toString('base64');
}

/** The offset in the flattened clause of a stored position, or null if it is not inside that clause (deleted, moved away). */
function offsetOf(doc: Y.Doc, flat: FlatClause, position: string): number | null {
  const relative = decode(position);
  if (!relative) return null;
  const absolute = Y.createAbsolutePositionFromRelativePosition(relative, doc);
  if (!absolute) return null;
  const type = absolute.type;
  if (type._item?.deleted) return null;
  if (type instanceof Y.XmlText) {
    const start = flat.textStarts.get(type);
    return start === undefined ? null : start + absolute.index;
  }
  if (type instanceof Y.XmlElement) return flat.childStarts.get(type)?.[absolute.index] ?? null;
  return null;
}

/** A relative position at a flattened offset: inside the text that holds it (start: the character after; end: the one before). */
function positionAt(flat: FlatClause, clause: Y.XmlElement, offset: number, side: 'start' | 'end'): string {
  for (const [text, start] of flat.textStarts) {
    const end = start + text.length;
    const inside = side === 'start' ? start <= offset && offset < end : start < offset && offset <= end;
    if (inside)
      return encodePosition(Y.createRelativePositionFromTypeIndex(text, offset - start, side === 'start' ? 0 : -1));
  }
  return encodePosition(
    Y.createRelativePositionFromTypeIndex(clause, side === 'start' ? 0 : clause.length, side === 'start' ? 0 : -1),
  );
}

/** Where an anchor is in the live text now. `reanchored` is set when its positions had to be found again. */
export interface ResolvedAnchor {
  state: AnchorState;
  /** The words under a span now; null for a whole-clause anchor. */
  currentText: string | null;
  /** The span's offsets in the clause's flattened text (for tests and exports). */
  range: { from: number; to: number } | null;
  reanchored?: CommentAnchor;
}

/**
 * Resolves an anchor against the live text. A span whose positions point into text that was
 * moved (a moved clause is a deletion and a copy in Yjs) is found again in the clause with the
 * same id, by its words as last seen (`lastText`) or as quoted, and re-anchored there; a span whose words were all deleted is
 * "text removed"; an anchor on a clause that no longer exists is "clause removed".
 */
export function resolveAnchor(doc: Y.Doc, anchor: CommentAnchor, lastText: string | null = null): ResolvedAnchor {
  if (isPointAnchor(anchor)) return resolvePoint(doc, anchor);
  const clause = findClauseElement(doc, anchor.clauseId);
  if (!clause) return { state: 'clause-removed', currentText: isSpanAnchor(anchor) ? '' : null, range: null };
  if (!isSpanAnchor(anchor)) return { state: 'attached', currentText: null, range: null };
  const flat = flatten(clause);
  const from = offsetOf(doc, flat, anchor.from);
  const to = offsetOf(doc, flat, anchor.to);
  if (from !== null && to !== null) {
    const text = flat.text.slice(from, Math.max(from, to));
    return {
      state: text.length > 0 ? 'attached' : 'text-removed',
      currentText: text,
      range: { from, to: Math.max(from, to) },
    };
  }
  // The positions are gone (the clause was moved): find the words again, as last seen, else as quoted.
  const words = [lastText, anchor.quote].find((candidate) => candidate && flat.text.includes(candidate));
  if (!words) return { state: 'text-removed', currentText: '', range: null };
  const found = flat.text.indexOf(words);
  const end = found + words.length;
  return {
    state: 'attached',
    currentText: words,
    range: { from: found, to: end },
    reanchored: {
      clauseId: anchor.clauseId,
      from: positionAt(flat, clause, found, 'start'),
      to: positionAt(flat, clause, end, 'end'),
      quote: anchor.quote,
    },
  };
}

/**
 * A whole-point anchor now: on its point wherever the point is (re-anchored to the clause that
 * holds it, if it moved to another), "text removed" once the point is gone from a clause that is
 * still there, "clause removed" once the clause is gone too.
 */
function resolvePoint(doc: Y.Doc, anchor: PointAnchor): ResolvedAnchor {
  const found = findPointElement(doc, anchor.pointId);
  if (!found) {
    const state = findClauseElement(doc, anchor.clauseId) ? 'text-removed' : 'clause-removed';
    return { state, currentText: null, range: null };
  }
  const clauseId = found.clause.getAttribute('id');
  const moved = typeof clauseId === 'string' && clauseId !== anchor.clauseId;
  return {
    state: 'attached',
    currentText: null,
    range: null,
    ...(moved ? { reanchored: { clauseId, pointId: anchor.pointId } } : {}),
  };
}

/** Why a new anchor cannot be used: the API's status and error id, and the sentence. */
export interface AnchorProblem {
  status: 400 | 404;
  error: 'clause_not_found' | 'point_not_found' | 'invalid_anchor';
  message: string;
}

/**
 * Checks a new anchor: its clause exists; a point is in that clause; a span's positions both
 * decode and lie inside the clause, in order. Returns what is wrong, or null when it is good.
 */
export function checkNewAnchor(doc: Y.Doc, anchor: CommentAnchor): AnchorProblem | null {
  const clause = findClauseElement(doc, anchor.clauseId);
  if (!clause)
    return {
      status: 404,
      error: 'clause_not_found',
      message: `The draft has no clause with the id ${anchor.clauseId}.`,
    };
  if (isPointAnchor(anchor)) {
    if (findPointElement(doc, anchor.pointId)?.clause === clause) return null;
    return {
      status: 404,
      error: 'point_not_found',
      message: `That clause has no point with the id ${anchor.pointId}. Put the caret in the point again.`,
    };
  }
  if (!isSpanAnchor(anchor)) return null;
  const invalid = (message: string): AnchorProblem => ({ status: 400, error: 'invalid_anchor', message });
  const flat = flatten(clause);
  const from = offsetOf(doc, flat, anchor.from);
  const to = offsetOf(doc, flat, anchor.to);
  if (from === null || to === null)
    return invalid('The selected text is not inside that clause. Select the words again.');
  if (to <= from) return invalid('The selection is empty. Select the words the comment is about.');
  return null;
}

/** A span anchor on `[from, to)` of a clause's flattened text (used by tests and by the server when it re-anchors). */
export function spanAnchor(doc: Y.Doc, clauseId: string, from: number, to: number): CommentAnchor {
  const clause = findClauseElement(doc, clauseId);
  if (!clause) throw new Error(`no clause ${clauseId}`);
  const flat = flatten(clause);
  return {
    clauseId,
    from: positionAt(flat, clause, from, 'start'),
    to: positionAt(flat, clause, to, 'end'),
    quote: flat.text.slice(from, to),
  };
}
