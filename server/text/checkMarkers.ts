import * as Y from 'yjs';
import { isAgreedStatus } from '../../shared/clauses';
import { RefusalCode as Code } from '../../shared/closeCodes';
import { ALTERNATIVE_NODE, BRACKET_NODE, MARKER_NODES, isMarkerIdOf } from '../../shared/negotiation';
import type { Refusal } from './checkChange';
import type { Author } from './checkSuggestions';
import type { ChangeDescription } from './describeChange';
import { attributeBefore, closestElement, createdIn } from './yjsTree';

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
 * The rules of square brackets and alternatives (docs/brackets-and-alternatives.md): a marker
 * someone places carries their own name and delegation; only the chair removes or changes one
 * (lifting a bracket, selecting a wording), so nobody else deletes a marker, or the words, clause
 * or annex that hold it. The server's own changes are not judged here.
 */
export function checkMarkers(change: ChangeDescription, author: Author | null): Refusal | null {
  if (author === null) return null;
  for (const type of change.newTypes) if (isMarker(type) && !placedBy(type, author)) return NOT_YOURS;
  if (author.editsEverything) return null;
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
