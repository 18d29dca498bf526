import { Link } from 'react-router';
import { CLAUSE_STATUS_LABELS } from '../../shared/clauses';
import { AMENDMENT_STATUSES, AMENDMENT_STATUS_LABELS } from '../../shared/review/amendmentStatus';
import type {
  ConsolidationRecord,
  LiveChange,
  RecordedAddedClause,
  RecordedAmendment,
  ReviewCycle,
} from '../../shared/review/types';
import { formatAbsolute } from '../components/formatTimestamp';
import { versionPath } from '../versions/versionPaths';
import { LiveChangeSummary } from './LiveChanges';
import { PreviewClauses } from './PreviewClauses';
import { ResolutionSummary } from './ResolutionSummary';

/** Props of {@link ConsolidationRecordView}. */
export interface ConsolidationRecordViewProps {
  /** A consolidated cycle. */
  cycle: ReviewCycle & { consolidated: NonNullable<ReviewCycle['consolidated']> };
  /** Null for a cycle consolidated before Accord kept such records. */
  record: ConsolidationRecord | null;
}

/** "A-1 (OP2)", "A-4 (OP3, as orally revised)". */
function amendmentReference(amendment: RecordedAmendment): string {
  return `${amendment.label} (${amendment.clauseNumber}${amendment.status === 'adopted-as-revised' ? ', as orally revised' : ''})`;
}

/** The amendments grouped as the record reads them: those applied first, then the others by final status. */
function amendmentGroups(
  amendments: readonly RecordedAmendment[],
): { key: string; title: string; items: RecordedAmendment[] }[] {
  const applied = amendments.filter((amendment) => amendment.applied);
  return [
    { key: 'applied', title: 'Applied', items: applied },
    ...AMENDMENT_STATUSES.map((status) => ({
      key: status,
      title: AMENDMENT_STATUS_LABELS[status],
      items: amendments.filter((amendment) => !amendment.applied && amendment.status === status),
    })),
  ].filter((group) => group.items.length > 0);
}

function LiveChangeRecord({
  title,
  testId,
  changes,
}: {
  title: string;
  testId: string;
  changes: readonly LiveChange[];
}) {
  return (
    <section className="review-block" aria-label={title} data-testid={testId} data-count={changes.length}>
      <h3 className="review-block__title">
        {title} <span className="outline__count">{changes.length}</span>
      </h3>
      {changes.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul className="live-change-list">
          {changes.map((change) => (
            <li key={change.id} className="live-change" data-testid="live-change" data-clause-id={change.id}>
              <LiveChangeSummary change={change} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The clauses adopted amendments added, each with its number in the version and the status the chair gave it. */
function AddedClauseRecord({ clauses }: { clauses: readonly RecordedAddedClause[] }) {
  return (
    <section className="review-block" aria-label="Clauses added" data-testid="record-added" data-count={clauses.length}>
      <h3 className="review-block__title">
        Clauses added by adopted amendments <span className="outline__count">{clauses.length}</span>
      </h3>
      <ul className="live-change-list">
        {clauses.map((clause) => (
          <li
            key={clause.id}
            className="added-clause"
            data-testid="record-added-clause"
            data-amendment={clause.amendment}
            data-clause-id={clause.id}
            data-status={clause.status}
          >
            <p className="live-change__head">
              <span className="live-change__number">{clause.number}</span>
              <span className="added-clause__place">
                added by {clause.amendment} after {clause.afterNumber}
              </span>
              <span className="added-clause__status" data-testid="record-added-status">
                {CLAUSE_STATUS_LABELS[clause.status]}
              </span>
            </p>
            <p className="added-clause__words">{clause.text}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * What consolidating the cycle did, read-only: the version it made, who made it and when, the
 * amendments applied and those not (by final status), the clauses they added with the status the
 * chair gave each, the chair's resolutions, the live changes kept and discarded with their
 * redlines as shown then, and the clauses the version changed. Nothing here acts: the cycle is
 * closed and its text is that version.
 */
export function ConsolidationRecordView({ cycle, record }: ConsolidationRecordViewProps) {
  const { consolidated } = cycle;
  return (
    <div className="consolidation-tab" data-testid="consolidation-record">
      <div className="consolidated" data-testid="consolidated">
        <p>
          Consolidated by {consolidated.by.name},{' '}
          <time dateTime={consolidated.at}>{formatAbsolute(consolidated.at)}</time>, as the version{' '}
          <Link to={versionPath(cycle.draftId, consolidated.versionId)} data-testid="consolidated-version-link">
            {consolidated.label}
          </Link>
          : {cycle.baseVersion.label} with the decisions of this review.
        </p>
      </div>
      {record === null ? (
        <p className="muted" data-testid="consolidation-record-missing">
          This cycle was consolidated before Accord kept a record of what each consolidation applied; the version holds
          its text.
        </p>
      ) : (
        <>
          <section className="review-block" aria-label="Amendments">
            <h3 className="review-block__title">Amendments</h3>
            {record.amendments.length === 0 && <p className="muted">No amendment was tabled.</p>}
            <dl className="consolidation-record__amendments">
              {amendmentGroups(record.amendments).map((group) => (
                <div key={group.key} data-testid="record-amendments" data-group={group.key}>
                  <dt>{group.title}</dt>
                  <dd>{group.items.map(amendmentReference).join(', ')}</dd>
                </div>
              ))}
            </dl>
          </section>
          {(record.added ?? []).length > 0 && <AddedClauseRecord clauses={record.added ?? []} />}
          {record.resolutions.length > 0 && (
            <section className="review-block" aria-label="Resolutions">
              <h3 className="review-block__title">Resolutions</h3>
              <ul className="conflict-list">
                {record.resolutions.map((resolution) => (
                  <li
                    key={resolution.clauseId}
                    className="conflict conflict--resolved"
                    data-testid="resolution"
                    data-clause-id={resolution.clauseId}
                  >
                    <p className="conflict__head">
                      <span className="conflict__number">{resolution.clauseNumber}</span>
                    </p>
                    <ResolutionSummary resolution={resolution} />
                  </li>
                ))}
              </ul>
            </section>
          )}
          <LiveChangeRecord title="Live changes kept" testId="record-kept" changes={record.kept} />
          <LiveChangeRecord title="Live changes discarded" testId="record-discarded" changes={record.discarded} />
          <section className="review-block" aria-label="Clauses changed">
            <h3 className="review-block__title">
              Clauses changed in {consolidated.label} <span className="outline__count">{record.changed.length}</span>
            </h3>
            {record.changed.length === 0 && <p className="muted">No clause changed.</p>}
            <PreviewClauses clauses={record.changed} keptLive={record.kept.map((change) => change.id)} />
          </section>
        </>
      )}
    </div>
  );
}
