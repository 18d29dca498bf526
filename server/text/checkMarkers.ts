import * as Y from 'yjs';
import { isAgreedStatus } from '../../shared/clauses';
import { RefusalCode as Code } from '../../shared/closeCodes';
import {
  ALTERNATIVE_NODE,
  BRACKET_NODE,
  CLAUSE_ALTERNATIVE_ATTRIBUTE,
  MARKER_NODES,
  clauseAlternativeOf,
  isFurtherWordingBy,
  isMarkerIdOf,
} from '../../shared/negotiation';
import type { Refusal } from './checkChange';
import type { Author } from './checkSuggestions';
import type { ChangeDescription } from './describeChange';
import { attributeBefore, attributeEvenIfDeleted, closestElement, createdIn } from './yjsTree';

const isMarker = (type: unknown): type is Y.XmlElement =>
  type instanceof Y.XmlElement && MARKER_NODES.has(type.nodeName);

/** Whether an element is in a clause that was there, agreed (or agreed ad ref), before the change. */
function inAgreedClause(element: Y.XmlElement, transaction: Y.Transaction): boolean {
  const clause = closestElement(element, 'clause');
  if (clause === undefined || (clause._item !== null && createdIn(clause._item, transaction))) return false;
  return isAgreedStatus(attributeBefore(clause, 'status', transaction) ?? 'open');
}

const NOT_YOURS: Refusal = {
  code: Code.NotAllowed,
  reason:
    'A bracket or an alternative wording can only be placed in your own name and your delegation’s; the change was not applied.',
};

/** Whether a new marker is its author's: their name and delegation, an id of theirs (a new wording of others' alternatives keeps their id). */
function placedBy(marker: Y.XmlElement, author: Author): boolean {
  const attributes = marker.getAttributes() as Record<string, unknown>;
  if (attributes.author !== author.userId || attributes.delegation !== author.affiliationId) return false;
  if (marker.nodeName === BRACKET_NODE) return isMarkerIdOf(attributes.id, author.userId);
  if (marker.nodeName === ALTERNATIVE_NODE) {
    if (attributes.side === 'close') return true;
    const ownOption = isMarkerIdOf(attributes.option, author.userId);
    return attributes.side === 'next' ? ownOption : ownOption && isMarkerIdOf(attributes.id, author.userId);
  }
  return false;
}

/**
 * Whether a clause is a further wording of a whole clause (Alt 2 …) proposed by `userId`: its
 * author writes it as they wish, in facilitator mode too, as they write the words of their own
 * wording between markers. The first wording (the clause the set began from) is nobody's own.
 */
export function isOwnFurtherWording(clause: Y.XmlElement, userId: string): boolean {
  return isFurtherWordingBy(attributeEvenIfDeleted(clause, CLAUSE_ALTERNATIVE_ATTRIBUTE), userId);
}

/**
 * The rules of wordings of a whole clause, as those of markers: a clause's `alternative` is set
 * only in one's own name, with a wording id of one's own (forming a set: its id one's own too, the
 * first wording's id the set's), and only the chair changes or removes one, or deletes a clause
 * holding one.
 */
function checkClauseWordings(change: ChangeDescription, author: Author): Refusal | null {
  const { transaction } = change;
  for (const touch of change.clauses.values()) {
    const { clause } = touch;
    const before = touch.isNew
      ? null
      : clauseAlternativeOf(attributeBefore(clause, CLAUSE_ALTERNATIVE_ATTRIBUTE, transaction));
    const after = touch.deleted ? null : clauseAlternativeOf(clause.getAttribute(CLAUSE_ALTERNATIVE_ATTRIBUTE));
    const raw = touch.deleted ? null : clause.getAttribute(CLAUSE_ALTERNATIVE_ATTRIBUTE);
    if (raw != null && after === null) continue; // malformed: the schema check names it
    if (JSON.stringify(before) === JSON.stringify(after)) continue;
    if (before !== null && !author.editsEverything) {
      return {
        code: Code.NotAllowed,
        reason: 'Only the chair settles or removes wordings of a whole clause; the change was not applied.',
      };
    }
    if (after === null) continue;
    const own =
      after.author === author.userId &&
      after.delegation === author.affiliationId &&
      isMarkerIdOf(after.id, author.userId) &&
      (after.id !== after.set || isMarkerIdOf(after.set, author.userId));
    if (!own) return NOT_YOURS;
  }
  return null;
}

/**
 * The rules of square brackets and alternatives (docs/brackets-and-alternatives.md): a marker
 * someone places carries their own name and delegation; only the chair removes or changes one
 * (lifting a bracket, selecting a wording), so nobody else deletes a marker, or the words, clause
 * or annex that hold it. The server's own changes are not judged here.
 */
export function checkMarkers(change: ChangeDescription, author: Author | null): Refusal | null {
  if (author === null) return null;
  for (const type of change.newTypes) if (isMarker(type) && !placedBy(type, author)) return NOT_YOURS;
  const wordings = checkClauseWordings(change, author);
  if (wordings !== null || author.editsEverything) return wordings;
  for (const type of change.newTypes) {
    if (isMarker(type) && inAgreedClause(type, change.transaction)) {
      return {
        code: Code.AgreedClause,
        reason: 'Agreed text cannot be bracketed or given alternative wordings; only the chair reopens a clause.',
      };
    }
  }
  const removed = change.deletedElements.some(isMarker);
  const changed = [...change.attributesChanged].some(isMarker);
  if (!removed && !changed) return null;
  return {
    code: Code.NotAllowed,
    reason: 'Only the chair removes a bracket or settles alternative wordings; the change was not applied.',
  };
}
