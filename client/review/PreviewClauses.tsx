import type { ConsolidationPlan } from '../../shared/review/types';

const CHANGE_LABELS: Record<ConsolidationPlan['preview'][number]['change'], string | null> = {
  unchanged: null,
  modified: 'Changed',
  added: 'Added',
  removed: 'Removed',
};

/**
 * The clauses of a consolidated text, each with what changed against the base version: the
 * amendments behind it, and whether its live change was kept.
 */
export function PreviewClauses({
  clauses,
  keptLive,
}: {
  clauses: ConsolidationPlan['preview'];
  /** The ids of the live changes kept. */
  keptLive: readonly string[];
}) {
  return (
    <ol className="consolidation-preview" data-testid="consolidation-preview">
      {clauses.map((clause) => (
        <li
          key={clause.id}
          className={`consolidation-preview__clause consolidation-preview__clause--${clause.change}`}
          data-testid="preview-clause"
          data-clause-id={clause.id}
          data-change={clause.change}
        >
          <span className="consolidation-preview__number">
            {clause.change === 'removed' ? <del>{clause.number}</del> : clause.number}
          </span>
          <div className="consolidation-preview__body">
            {CHANGE_LABELS[clause.change] !== null && (
              <p className="redline-clause__badges">
                <span className={`redline-badge redline-badge--${clause.change}`}>{CHANGE_LABELS[clause.change]}</span>
                {clause.amendments.length > 0 && (
                  <span className="consolidation-preview__by">{clause.amendments.join(', ')}</span>
                )}
                {keptLive.includes(clause.id) && <span className="consolidation-preview__by">live change kept</span>}
              </p>
            )}
            <p className="redline-text" data-testid="preview-text">
              {clause.text}
            </p>
          </div>
        </li>
      ))}
    </ol>
  );
}
