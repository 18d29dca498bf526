import { useMemo } from 'react';
import { Link } from 'react-router';
import type { OutlineClause } from '../../shared/outline';
import { REVIEW_PHASE_LABELS } from '../../shared/review/reviewPhases';
import type { Amendment } from '../../shared/review/types';
import type { Role } from '../../shared/roles';
import { can } from '../../shared/roles';
import { firstWords } from '../components/firstWords';
import { tabledCountsByClause } from './amendmentFilters';
import { cyclePath, reviewPath } from './reviewPaths';
import type { FollowedReview } from './useFollowedReview';

/** Props of {@link ReviewPanel}. */
export interface ReviewPanelProps {
  draftId: string;
  /** The review the draft page follows, live (read once for the page: the gutter shows it too). */
  followed: FollowedReview;
  /** The live text's clauses, in order. */
  clauses: readonly OutlineClause[];
  currentClauseId: string | null;
  role: Role | null;
}

const NO_AMENDMENTS: readonly Amendment[] = [];

/** One clause with the amendments tabled against it, for the list. */
interface AmendedClause {
  id: string;
  number: string;
  words: string;
  count: number;
  /** The clause is no longer in the live text (the number is the base version's). */
  removed: boolean;
}

/** The live clauses with tabled amendments, in text order, then those removed since the base version. */
function amendedClauses(clauses: readonly OutlineClause[], amendments: readonly Amendment[]): AmendedClause[] {
  const counts = tabledCountsByClause(amendments);
  const live = clauses
    .filter((clause) => counts.has(clause.id))
    .map((clause) => ({
      id: clause.id,
      number: clause.number,
      words: firstWords(clause.text, 60),
      count: counts.get(clause.id)!,
      removed: false,
    }));
  const liveIds = new Set(clauses.map((clause) => clause.id));
  const gone = new Map<string, AmendedClause>();
  for (const amendment of amendments) {
    if (liveIds.has(amendment.clauseId) || !counts.has(amendment.clauseId)) continue;
    gone.set(amendment.clauseId, {
      id: amendment.clauseId,
      number: amendment.clauseNumber,
      words: firstWords(amendment.baseText, 60),
      count: counts.get(amendment.clauseId)!,
      removed: true,
    });
  }
  return [...live, ...gone.values()];
}

/**
 * The periodic review from the draft's side panel: the round under way, its phase, and which
 * clauses have amendments tabled against them (the one with the caret first), each linking to
 * the review's list filtered to that clause. Follows the review live.
 */
export function ReviewPanel({ draftId, followed, clauses, currentClauseId, role }: ReviewPanelProps) {
  const { cycles, cycle, review } = followed;
  const amendments = review?.phase === 'ready' ? review.amendments : NO_AMENDMENTS;
  const listed = useMemo(() => amendedClauses(clauses, amendments), [clauses, amendments]);
  const current = currentClauseId === null ? null : (clauses.find((clause) => clause.id === currentClauseId) ?? null);
  const currentCount = current === null ? 0 : (listed.find((clause) => clause.id === current.id)?.count ?? 0);

  return (
    <section className="review-panel" aria-label="Periodic review" data-testid="review-panel">
      <h2 className="panel-heading">Periodic review</h2>
      {cycles.kind === 'loading' && <p className="panel-empty">Loading the periodic review…</p>}
      {cycles.kind === 'error' && (
        <p className="panel-empty panel-empty--error" role="alert">
          {cycles.message}
        </p>
      )}
      {cycles.kind === 'ready' && cycle === null && (
        <p className="panel-empty">
          No review cycle yet.{' '}
          {can(role ?? undefined, 'review:open-cycle')
            ? 'Open one on a published version from the review page.'
            : 'When the chair opens one, amendments tabled against each clause are listed here.'}
        </p>
      )}
      {cycle !== null && (
        <div className="review-panel__cycle">
          <Link to={cyclePath(draftId, cycle.id)} className="review-panel__name" data-testid="review-panel-cycle">
            {cycle.name}
          </Link>
          <span className={`phase-pill phase-pill--${cycle.phase}`}>{REVIEW_PHASE_LABELS[cycle.phase]}</span>
          <span className="review-panel__base">
            Reviews {cycle.baseVersion.label}
            {cycle.consolidated !== null && `, consolidated as ${cycle.consolidated.label}`}
          </span>
        </div>
      )}
      {cycle !== null && current !== null && (
        <p className="review-panel__current" data-testid="review-panel-current" data-count={currentCount}>
          <strong>{current.number}</strong>, where your caret is:{' '}
          {currentCount === 0 ? (
            'no amendments tabled.'
          ) : (
            <Link to={cyclePath(draftId, cycle.id, { clause: current.id })}>
              {currentCount} {currentCount === 1 ? 'amendment' : 'amendments'}
            </Link>
          )}
        </p>
      )}
      {cycle !== null && review?.phase === 'error' && (
        <p className="panel-empty panel-empty--error" role="alert">
          {review.error}
        </p>
      )}
      {cycle !== null && review?.phase === 'ready' && (
        <>
          <h3 className="outline__group-label">
            Clauses with amendments <span className="outline__count">{listed.length}</span>
          </h3>
          {listed.length === 0 ? (
            <p className="panel-empty">No amendments tabled yet.</p>
          ) : (
            <ol className="outline__list">
              {listed.map((clause) => (
                <li
                  key={clause.id}
                  className={`outline-row${clause.id === currentClauseId ? ' outline-row--current' : ''}`}
                >
                  <Link
                    to={cyclePath(draftId, cycle.id, { clause: clause.id })}
                    className="outline-row__button review-panel__clause"
                    data-testid="review-panel-clause"
                    data-clause-id={clause.id}
                    data-count={clause.count}
                  >
                    <span className="outline-row__number">
                      {clause.removed ? <del>{clause.number}</del> : clause.number}
                    </span>
                    <span className="outline-row__text">
                      {clause.words || <span className="outline-row__empty">Empty clause</span>}
                    </span>
                    <span
                      className="review-panel__count"
                      title={`${clause.count} ${clause.count === 1 ? 'amendment' : 'amendments'} tabled`}
                    >
                      {clause.count}
                    </span>
                  </Link>
                </li>
              ))}
            </ol>
          )}
        </>
      )}
      <Link to={reviewPath(draftId)} className="review-panel__all" data-testid="review-panel-all">
        All review cycles
      </Link>
    </section>
  );
}
