import { useId } from 'react';
import type { ClauseStatus } from '../../shared/clauses';
import { CLAUSE_STATUSES, CLAUSE_STATUS_LABELS } from '../../shared/clauses';
import type { AddedClause } from '../../shared/review/types';
import { DEFAULT_ADDED_CLAUSE_STATUS } from '../../shared/review/types';

/** The chair's status for each clause an adopted amendment adds, by the amendment's label (absent: the default). */
export type AddedClauseStatuses = Readonly<Record<string, ClauseStatus>>;

/** The status the clause `amendment` adds takes: the chair's choice, or the default. */
export function addedStatusOf(statuses: AddedClauseStatuses, amendment: string): ClauseStatus {
  return statuses[amendment] ?? DEFAULT_ADDED_CLAUSE_STATUS;
}

/** Props of {@link AddedClauses}. */
export interface AddedClausesProps {
  clauses: readonly AddedClause[];
  statuses: AddedClauseStatuses;
  /** Null for a reader who does not consolidate: the list is shown with the status each would take. */
  onChoose: ((amendment: string, status: ClauseStatus) => void) | null;
  /** The base version's label ("Rev.1"). */
  baseLabel: string;
}

/** "A-3 adds after OP3 · OP4 in the new text". */
function placement(clause: AddedClause): string {
  return `adds after ${clause.afterNumber}${clause.number !== null ? ` · ${clause.number} in the new text` : ''}`;
}

/**
 * The clauses adopted amendments add, each with the status it takes in the consolidated text.
 * The meeting adopted their words, so each is agreed unless the chair chooses otherwise here; an
 * agreed clause is locked for delegates and records the chair as the one who agreed it.
 */
export function AddedClauses({ clauses, statuses, onChoose, baseLabel }: AddedClausesProps) {
  const id = useId();
  const defaultLabel = CLAUSE_STATUS_LABELS[DEFAULT_ADDED_CLAUSE_STATUS].toLowerCase();
  return (
    <section className="review-block" aria-label="Clauses added by adopted amendments" data-testid="added-clauses">
      <h3 className="review-block__title">
        Clauses added by adopted amendments <span className="outline__count">{clauses.length}</span>
      </h3>
      <p className="muted live-changes__lede">
        Each goes into the version after {baseLabel} with the status{' '}
        {onChoose !== null ? 'you give it here' : 'the chair gives it when consolidating'}. The meeting adopted its
        words, so it is {defaultLabel} unless {onChoose !== null ? 'you choose' : 'the chair chooses'} otherwise; an
        agreed clause is locked for delegates.
      </p>
      <ul className="live-change-list">
        {clauses.map((clause) => {
          const status = addedStatusOf(statuses, clause.amendment);
          return (
            <li
              key={clause.amendment}
              className="added-clause"
              data-testid="added-clause"
              data-amendment={clause.amendment}
              data-status={status}
            >
              <p className="live-change__head">
                <span className="live-change__number">{clause.amendment}</span>
                <span className="added-clause__place">{placement(clause)}</span>
                {onChoose === null && <span className="added-clause__status">{CLAUSE_STATUS_LABELS[status]}</span>}
              </p>
              <p className="added-clause__words" data-testid="added-clause-text">
                {clause.text}
              </p>
              {onChoose !== null && (
                <div
                  className="live-change__choices"
                  role="radiogroup"
                  aria-label={`Status of the clause ${clause.amendment} adds`}
                >
                  {CLAUSE_STATUSES.map((value) => (
                    <label key={value} className="live-change__choice">
                      <input
                        type="radio"
                        name={`${id}-${clause.amendment}`}
                        checked={status === value}
                        onChange={() => onChoose(clause.amendment, value)}
                        data-testid={`added-clause-status-${value}`}
                      />
                      {CLAUSE_STATUS_LABELS[value]}
                    </label>
                  ))}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
