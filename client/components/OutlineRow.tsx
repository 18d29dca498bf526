import { memo } from 'react';
import { CLAUSE_STATUS_LABELS } from '../../shared/clauses';
import type { OutlineClause } from '../../shared/outline';
import { firstWords } from './firstWords';
import { PillarTags } from './PillarTags';

/** Text without its footnotes' notes (`^[note]` in plain text): the outline shows the words only. */
function withoutNotes(text: string): string {
  return text.replace(/\^\[[^\]]*\]/g, '');
}

/** Props of {@link OutlineRow}. */
export interface OutlineRowProps {
  clause: OutlineClause;
  /** Whether the caret is in this clause. */
  current: boolean;
  /** Whether the pillar filter is on and this clause is not tagged with its pillar. */
  dimmed: boolean;
  /** Goes to the clause or point with this id. */
  onSelect: (id: string) => void;
}

/**
 * One clause in the outline: number, opening words, pillar chips, status and a warning when the
 * clause has problems, then its points by reference (OP1(b)(ii)), each a way to it. Memoised: while someone types, only the row of the edited clause renders.
 */
export const OutlineRow = memo(function OutlineRow({ clause, current, dimmed, onSelect }: OutlineRowProps) {
  const words = firstWords(withoutNotes(clause.text));
  const problems = clause.problems ?? [];
  return (
    <li className={`outline-row${current ? ' outline-row--current' : ''}${dimmed ? ' outline-row--dimmed' : ''}`}>
      <button
        type="button"
        className="outline-row__button"
        data-testid="outline-clause"
        data-clause-id={clause.id}
        data-number={clause.number}
        data-pillars={clause.pillars.join(' ')}
        aria-current={current ? 'location' : undefined}
        onClick={() => onSelect(clause.id)}
        disabled={clause.id === ''}
      >
        <span className="outline-row__number">{clause.number}</span>
        <span className="outline-row__text">
          {clause.proposedText !== undefined ? (
            <em
              className="outline-row__proposed"
              title="A new paragraph proposed; not in the text until the chair accepts it"
            >
              Proposed: {firstWords(clause.proposedText, 60)}
            </em>
          ) : words === '' ? (
            <em className="outline-row__empty">Empty clause</em>
          ) : (
            words
          )}
        </span>
        <span className="outline-row__meta">
          <PillarTags pillars={clause.pillars} />
          {clause.status !== 'open' && (
            <span className={`status-mark status-mark--${clause.status}`} title={CLAUSE_STATUS_LABELS[clause.status]}>
              <span className="visually-hidden">{CLAUSE_STATUS_LABELS[clause.status]}</span>
            </span>
          )}
          {problems.length > 0 && (
            <span
              className="outline-row__problem"
              data-testid="outline-problem"
              title="This clause has a problem: see the message above the text."
            >
              !<span className="visually-hidden"> Has problems</span>
            </span>
          )}
        </span>
      </button>
      {clause.points.length > 0 && (
        <ol className="outline-points" aria-label={`Points of ${clause.number}`}>
          {clause.points.map((point, index) => (
            <li key={point.id || `point-${index}`} className={`outline-point outline-point--level-${point.level}`}>
              <button
                type="button"
                className="outline-point__button"
                data-testid="outline-point"
                data-point-id={point.id}
                data-reference={point.reference}
                disabled={point.id === ''}
                onClick={() => onSelect(point.id)}
              >
                <span className="outline-point__reference">{point.reference}</span>
                <span className="outline-point__text">
                  {point.text === '' ? (
                    <em className="outline-row__empty">Empty point</em>
                  ) : (
                    firstWords(withoutNotes(point.text))
                  )}
                </span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </li>
  );
});
