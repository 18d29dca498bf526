import type { AffiliationKind, Role } from './roles';

/**
 * Where a comment points: a whole clause, a whole point of a clause, or a span of its text. A span
 * is stored as two Yjs relative positions (base64 of `Y.encodeRelativePosition`) so it stays on
 * its words while others type around them, plus the quoted words at the time, kept for the
 * record; a span may lie inside a point.
 */
export type CommentAnchor =
  { clauseId: string } | { clauseId: string; from: string; to: string; quote: string } | PointAnchor | AmendmentAnchor;

/**
 * A comment on a whole point ((b)(ii) of OP1, at any level), by the point's stable id: it stays on
 * the point when the point is renumbered or moved, within its clause or to another (the server
 * then names the clause it is in now).
 */
export interface PointAnchor {
  clauseId: string;
  pointId: string;
}

/** Whether a comment is about a whole point. */
export function isPointAnchor(anchor: CommentAnchor): anchor is PointAnchor {
  return 'pointId' in anchor;
}

/**
 * A comment on a formal amendment of the periodic review: it belongs to the amendment's thread,
 * not to the live text, and points at the clause the amendment concerns.
 */
export interface AmendmentAnchor {
  clauseId: string;
  amendmentId: string;
}

/** Whether a comment is about an amendment (shown with the amendment, not in the text's margin). */
export function isAmendmentAnchor(anchor: CommentAnchor): anchor is AmendmentAnchor {
  return 'amendmentId' in anchor;
}

/** Whether an anchor is a span (not a whole clause). */
export function isSpanAnchor(anchor: CommentAnchor): anchor is Extract<CommentAnchor, { from: string }> {
  return 'from' in anchor;
}

/**
 * Where the anchor is now: on its words (or its point), on a clause whose quoted words were all
 * deleted or whose point was removed ("text removed"), or on a clause that no longer exists.
 */
export type AnchorState = 'attached' | 'text-removed' | 'clause-removed';

/** A comment as the API and the live channel show it. */
export interface Comment {
  id: string;
  draftId: string;
  /** The thread's first comment; null for a first comment itself. */
  parentId: string | null;
  author: {
    id: string;
    name: string;
    affiliation: { id: string; kind: AffiliationKind; name: string; code: string | null };
  };
  /** The author's role on the draft when they wrote it. */
  authorRole: Role;
  /** Null when the comment is hidden and the reader is neither its author nor the chair. */
  body: string | null;
  /** The thread's anchor (replies carry their thread's). */
  anchor: CommentAnchor;
  anchorState: AnchorState;
  /** The clause's number now ("OP3"), or null if it was deleted. */
  clauseNumber: string | null;
  /** For a whole-point anchor, the point's reference now ("OP1(b)(ii)"); absent otherwise, or once the point is removed. */
  pointReference?: string;
  /** The words under a span anchor now (empty when removed); null for a whole-clause anchor. */
  currentText: string | null;
  /** Delegations or organisations mentioned. */
  mentions: { id: string; name: string; code: string | null }[];
  createdAt: string;
  editedAt: string | null;
  status: 'open' | 'resolved';
  resolvedAt: string | null;
  resolvedBy: string | null;
  hidden: { at: string; by: string; reason: string } | null;
}

/**
 * Where a comment is, as people name it: the point's reference for a comment on a point
 * ("OP1(b)(ii)"), else the clause's number ("OP3"); null when its clause is gone. Every place that
 * shows a comment's place (the margin, the exports) reads it here.
 */
export function commentPlace(comment: Pick<Comment, 'clauseNumber' | 'pointReference'>): string | null {
  return comment.pointReference ?? comment.clauseNumber;
}

/** A public comment period on a draft: while one is open, observers may comment. */
export interface CommentPeriod {
  id: string;
  draftId: string;
  startsAt: string;
  endsAt: string;
  closedAt: string | null;
  openedBy: string;
}

/** Whether a comment period is open at `now`. */
export function isPeriodOpen(
  period: Pick<CommentPeriod, 'startsAt' | 'endsAt' | 'closedAt'>,
  now: Date = new Date(),
): boolean {
  const t = now.getTime();
  return period.closedAt === null && Date.parse(period.startsAt) <= t && t < Date.parse(period.endsAt);
}
