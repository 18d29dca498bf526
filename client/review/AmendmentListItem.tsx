import type { Amendment } from '../../shared/review/types';
import { PillarTags } from '../components/PillarTags';
import { AmendmentStatusBadge, NewMarker } from './AmendmentStatusBadge';
import { describeAmendment, sponsorNames } from './describeAmendment';

/** Props of {@link AmendmentListItem}. */
export interface AmendmentListItemProps {
  amendment: Amendment;
  selected: boolean;
  isNew: boolean;
  onSelect: (amendmentId: string) => void;
}

/**
 * One amendment in the list: its number, what it does to which clause, its sponsors, status,
 * pillars and the tally of statements, flagged when it is new to the reader or its clause has
 * changed in the live text since the base version.
 */
export function AmendmentListItem({ amendment, selected, isNew, onSelect }: AmendmentListItemProps) {
  const supports = amendment.statements.filter((statement) => statement.stance === 'support').length;
  const objections = amendment.statements.length - supports;
  return (
    <li
      className={`amendment-item${selected ? ' amendment-item--selected' : ''}`}
      data-testid="amendment-item"
      data-amendment-id={amendment.id}
      data-label={amendment.label}
      data-status={amendment.status}
      data-new={isNew}
    >
      <button
        type="button"
        className="amendment-item__button"
        aria-current={selected || undefined}
        onClick={() => onSelect(amendment.id)}
      >
        <span className="amendment-item__top">
          <span className="amendment-item__label" data-testid="amendment-label">
            {amendment.label}
          </span>
          <span className="amendment-item__what">{describeAmendment(amendment)}</span>
          {isNew && <NewMarker />}
        </span>
        <span className="amendment-item__sponsors">{sponsorNames(amendment)}</span>
        <span className="amendment-item__bottom">
          <AmendmentStatusBadge status={amendment.status} />
          {amendment.liveChange !== null && (
            <span className="needs-review-tag" data-testid="needs-review-tag">
              Needs review
            </span>
          )}
          <PillarTags pillars={amendment.pillars} />
          {(supports > 0 || objections > 0) && (
            <span className="amendment-item__tally" title={`${supports} in support, ${objections} objecting`}>
              <span className="amendment-item__support">▲ {supports}</span>
              <span className="amendment-item__objection">▼ {objections}</span>
            </span>
          )}
        </span>
      </button>
    </li>
  );
}
