import { AMENDMENT_STATUS_LABELS } from '../../shared/review/amendmentStatus';
import type { AmendmentTransition, DecisionMethod } from '../../shared/review/types';
import { formatAbsolute } from '../components/formatTimestamp';

/** How a decision was taken, in words: "By consensus", "By vote: 12 in favour, 3 against, 2 abstaining". */
export function describeDecision(decision: DecisionMethod): string {
  if (decision.method === 'consensus') {
    const over = decision.overridden ?? [];
    return over.length === 0
      ? 'By consensus'
      : `By consensus, over the objection of ${over.map((affiliation) => affiliation.name).join(', ')}`;
  }
  return `By vote: ${decision.inFavour} in favour, ${decision.against} against, ${decision.abstaining} abstaining`;
}

/** The record of an amendment's status changes, oldest first: who, when, and how each decision was taken. */
export function TransitionHistory({ transitions }: { transitions: readonly AmendmentTransition[] }) {
  if (transitions.length === 0) return null;
  return (
    <section className="review-block transitions" aria-label="History">
      <h3 className="review-block__title">History</h3>
      <ol className="transitions__list" data-testid="transitions">
        {transitions.map((transition, index) => (
          <li key={index} className="transition" data-testid="transition" data-to={transition.to}>
            <span className="transition__what">
              <strong>{AMENDMENT_STATUS_LABELS[transition.to]}</strong>
              <span className="muted">
                {' '}
                · {transition.by.name}, <time dateTime={transition.at}>{formatAbsolute(transition.at)}</time>
              </span>
            </span>
            {transition.decision !== null && (
              <span className="transition__decision" data-testid="transition-decision">
                {describeDecision(transition.decision)}
              </span>
            )}
            {transition.note !== '' && <p className="transition__note">{transition.note}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}
