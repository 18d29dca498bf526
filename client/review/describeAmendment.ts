import { pointChangeText, touchesPoints } from '../../shared/review/pointChanges';
import type { Amendment, AmendmentKind, WordAction } from '../../shared/review/types';
import { affiliationLabel } from '../auth/affiliationLabel';

const WORD_ACTIONS: Record<WordAction, string> = {
  replace: 'Replaces words in',
  insert: 'Inserts words in',
  delete: 'Deletes words from',
  none: 'Leaves unchanged the words of',
};

/** What kinds of amendment a delegate may propose, as the form offers them. */
export const AMENDMENT_KIND_LABELS: Record<AmendmentKind, string> = {
  modify: 'Change a clause (its words or its points)',
  add: 'Add a new clause after a clause',
  delete: 'Delete a clause',
};

/**
 * What an amendment does, in a few words: "Replaces words in OP3", "Adds a clause after PP2",
 * "Deletes OP5"; when it reaches into points, it names them by reference: "Amends OP1 —
 * OP1(b)(ii): point added; OP1(c): replaced words".
 */
export function describeAmendment(
  amendment: Pick<Amendment, 'kind' | 'wordAction' | 'clauseNumber' | 'pointChanges'>,
): string {
  if (amendment.kind === 'add') return `Adds a clause after ${amendment.clauseNumber}`;
  if (amendment.kind === 'delete') return `Deletes ${amendment.clauseNumber}`;
  if (touchesPoints(amendment.pointChanges, amendment.clauseNumber))
    return `Amends ${amendment.clauseNumber} — ${amendment.pointChanges.map(pointChangeText).join('; ')}`;
  return `${WORD_ACTIONS[amendment.wordAction]} ${amendment.clauseNumber}`;
}

/** The sponsor and the accepted co-sponsors, as a list of names ("Valdoria (XVA), Norland (XNO)"). */
export function sponsorNames(amendment: Pick<Amendment, 'sponsor' | 'coSponsors'>): string {
  return [
    amendment.sponsor,
    ...amendment.coSponsors.filter((co) => co.status === 'accepted').map((co) => co.affiliation),
  ]
    .map(affiliationLabel)
    .join(', ');
}
