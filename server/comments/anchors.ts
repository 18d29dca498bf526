import * as Y from 'yjs';
import type { AnchorState, CommentAnchor } from '../../shared/comments';
import { isSpanAnchor } from '../../shared/comments';
import { findClauseElement } from '../drafts/documentOutline';

/**
 * A clause's text flattened to one string (blocks separated by line breaks), with where each
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
        if (index > 0 && element === clause) flat.text += '\n';
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
 * Checks a new span anchor: both positions decode and lie inside the named clause, in order.
 * Returns a sentence saying what is wrong, or null when it is good.
 */
export function checkNewAnchor(doc: Y.Doc, anchor: CommentAnchor): string | null {
  const clause = findClauseElement(doc, anchor.clauseId);
  if (!clause) return `The draft has no clause with the id ${anchor.clauseId}.`;
  if (!isSpanAnchor(anchor)) return null;
  const flat = flatten(clause);
  const from = offsetOf(doc, flat, anchor.from);
  const to = offsetOf(doc, flat, anchor.to);
  if (from === null || to === null) return 'The selected text is not inside that clause. Select the words again.';
  if (to <= from) return 'The selection is empty. Select the words the comment is about.';
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
