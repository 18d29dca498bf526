import type { CommentAnchor } from '../../shared/comments';
import { isPointAnchor } from '../../shared/comments';
import type { Outline } from '../../shared/outline';

/** The names of the places in the live text a comment can be on: clause numbers and point references, by id. */
export interface TextPlaces {
  clauses: ReadonlyMap<string, string>;
  points: ReadonlyMap<string, string>;
}

/** The places of the live text, read once per outline. */
export function textPlaces(outline: Pick<Outline, 'clauses'>): TextPlaces {
  return {
    clauses: new Map(outline.clauses.map((clause) => [clause.id, clause.number])),
    points: new Map(
      outline.clauses.flatMap((clause) => clause.points.map((point) => [point.id, point.reference] as const)),
    ),
  };
}

/**
 * Where a comment is in the live text, as the margin names it: the point's reference for a
 * comment on a point ("OP1(b)(ii)", wherever the point is now), else its clause's number ("OP3");
 * the clause's number when the point is gone; null when the clause is gone too. Read from the
 * live outline, so it changes as the text is edited, before the server says so.
 */
export function livePlace(anchor: CommentAnchor, places: TextPlaces): string | null {
  const reference = isPointAnchor(anchor) ? places.points.get(anchor.pointId) : undefined;
  return reference ?? places.clauses.get(anchor.clauseId) ?? null;
}
