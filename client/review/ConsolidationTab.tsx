import { useState } from 'react';
import type { ClauseStatus } from '../../shared/clauses';
import type { DocumentNodeJSON } from '../../shared/documentJSON';
import type {
  Amendment,
  Conflict,
  ConsolidationPlan,
  LiveChangeDecision,
  Resolution,
  ReviewCycle,
} from '../../shared/review/types';
import type { Role } from '../../shared/roles';
import { roleMay } from '../../shared/roles';
import { ApiError } from '../api/ApiError';
import type { QueryState } from '../api/useApiQuery';
import { useApiQuery } from '../api/useApiQuery';
import type { DraftVersionText } from '../api/versionsApi';
import { LoadFailed } from '../components/StateMessage';
import type { AddedClauseStatuses } from './AddedClauses';
import { AddedClauses, addedStatusOf } from './AddedClauses';
import { findClauseNode } from './clauseWords';
import type { LiveChangeChoices } from './LiveChanges';
import { LiveChanges } from './LiveChanges';
import { ConsolidateAction, whyBlocked } from './ConsolidateAction';
import { ConflictSources } from './ConflictSources';
import { ConsolidationRecordView } from './ConsolidationRecordView';
import { PreviewClauses } from './PreviewClauses';
import { ResolutionSummary } from './ResolutionSummary';
import { ResolutionForm } from './ResolutionForm';
import { resolutionStarts } from './resolutionStarts';
import { deleteResolution, getConsolidation, putLiveChangeDecision, putResolution } from './reviewApi';
import type { ReviewStore } from './ReviewStore';
import { useReloadOnChange } from './useReloadOnChange';

/** Props of {@link ConsolidationTab}. */
export interface ConsolidationTabProps {
  cycle: ReviewCycle;
  amendments: readonly Amendment[];
  role: Role | null;
  /** The base version's text: where a resolution's wording starts when no amendment gives one. */
  base: QueryState<DraftVersionText>;
  store: ReviewStore;
  /** Changes whenever any amendment does: the plan is read again then. */
  revision: string;
}

/** Where the chair's wording of a conflicting clause starts: their resolution, the first adopted amendment's wording, or the base clause. */
function startingWording(
  conflict: Conflict,
  resolution: Resolution | undefined,
  amendments: readonly Amendment[],
  base: QueryState<DraftVersionText>,
): DocumentNodeJSON {
  const resolved = resolution?.clauses[0];
  if (resolved !== undefined) return resolved;
  // The clause as consolidation starts from it (the live one, if its live change is kept): the chair writes the adopted changes into it.
  if (conflict.startingClause !== null) return conflict.startingClause;
  for (const label of conflict.amendments) {
    const amendment = amendments.find((candidate) => candidate.label === label);
    const wording = amendment?.revised?.proposed ?? amendment?.proposed ?? null;
    if (wording !== null) return wording;
  }
  const node = base.kind === 'ready' ? findClauseNode(base.data.document, conflict.clauseId) : null;
  return node ?? { type: 'clause', attrs: { id: conflict.clauseId }, content: [{ type: 'paragraph' }] };
}

/**
 * Consolidation: the text the cycle's decisions give, the base version with the adopted
 * amendments applied (those still awaiting a decision, the conflicts with why each is one, and a
 * preview of the result), the changes made in the live text since the base version with the
 * chair's keep-or-discard choice for each, the chair's resolution of each conflict in the final
 * wording of its clause, the clauses adopted amendments add with the status the chair gives each,
 * and the chair's "Consolidate", which makes that text the live text, saves it as a new named
 * version and links to it. The plan is read again as the choices change.
 */
export function ConsolidationTab({ cycle, amendments, role, base, store, revision }: ConsolidationTabProps) {
  // The choices made on this page, over those the server kept from earlier visits (the last plan read's).
  const [made, setMade] = useState<LiveChangeChoices>({});
  // The chair's status for each added clause, by amendment label; sent when consolidating.
  const [addedStatuses, setAddedStatuses] = useState<AddedClauseStatuses>({});
  const [lastRead, setLastRead] = useState<ConsolidationPlan | null>(null);
  const choices: LiveChangeChoices = { ...lastRead?.decisions, ...made };
  const kept = Object.keys(choices)
    .filter((changeId) => choices[changeId] === 'keep')
    .sort();
  const query = useApiQuery(
    `consolidation:${cycle.draftId}:${cycle.id}:${cycle.consolidated?.versionId ?? 'open'}`,
    (signal) => getConsolidation(cycle.draftId, cycle.id, kept, signal),
    'The consolidation could not be worked out. Try again.',
  );
  const { reload } = query;
  useReloadOnChange(`${revision}:${cycle.phase}:${kept.join(',')}`, reload);
  const loaded = query.state.kind === 'ready' ? query.state.data : null;
  if (loaded !== null && loaded !== lastRead) setLastRead(loaded);
  // The answer to the chair's last resolution, until the plan is read again.
  const [answered, setAnswered] = useState<{ over: ConsolidationPlan | null; plan: ConsolidationPlan } | null>(null);
  const plan = answered !== null && answered.over === loaded ? answered.plan : loaded;
  const [resolving, setResolving] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const resolves = roleMay(role ?? undefined, 'review:resolve-conflict').ok;

  const applyAnswer = (next: ConsolidationPlan) => setAnswered({ over: loaded, plan: next });
  const clear = async (clauseId: string) => {
    setError(null);
    try {
      applyAnswer(await deleteResolution(cycle.draftId, cycle.id, clauseId, kept));
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'The resolution could not be cleared. Try again.');
    }
  };

  if (query.state.kind === 'loading') return <p className="muted">Working out the consolidation…</p>;
  if (query.state.kind === 'error' || plan === null) {
    return (
      <LoadFailed
        title="The consolidation could not be worked out"
        message={query.state.kind === 'error' ? query.state.message : null}
        onRetry={reload}
      />
    );
  }

  if (cycle.consolidated !== null)
    return <ConsolidationRecordView cycle={{ ...cycle, consolidated: cycle.consolidated }} record={plan.record} />;

  const resolutionOf = (clauseId: string) => plan.resolutions.find((resolution) => resolution.clauseId === clauseId);
  const unresolved = plan.conflicts.filter((conflict) => resolutionOf(conflict.clauseId) === undefined);
  const conflictClauses = new Set(plan.conflicts.map((conflict) => conflict.clauseId));
  const otherResolutions = plan.resolutions.filter((resolution) => !conflictClauses.has(resolution.clauseId));
  const changed = plan.preview.filter((clause) => clause.change !== 'unchanged');
  const undecided = plan.liveChanges.filter((change) => choices[change.id] === undefined);
  const consolidates = roleMay(role ?? undefined, 'review:consolidate').ok;
  const choose = (changeId: string, decision: LiveChangeDecision) => {
    setMade((current) => ({ ...current, [changeId]: decision }));
    setError(null);
    putLiveChangeDecision(cycle.draftId, cycle.id, changeId, decision, kept).catch((caught: unknown) =>
      setError(caught instanceof ApiError ? caught.message : 'Your choice could not be kept. Try again.'),
    );
  };

  return (
    <div className="consolidation-tab" data-testid="consolidation-tab">
      <div className="consolidation-summary" data-testid="consolidation-summary">
        <div
          className="consolidation-summary__item"
          data-testid="consolidation-adopted"
          data-count={plan.adopted.length}
        >
          <span className="consolidation-summary__count">{plan.adopted.length}</span> adopted{' '}
          {plan.adopted.length === 1 ? 'amendment' : 'amendments'} to apply
          {plan.adopted.length > 0 && <span className="consolidation-summary__labels">{plan.adopted.join(', ')}</span>}
        </div>
        <div
          className={`consolidation-summary__item${plan.pending.length > 0 ? ' consolidation-summary__item--warn' : ''}`}
          data-testid="consolidation-pending"
          data-count={plan.pending.length}
        >
          <span className="consolidation-summary__count">{plan.pending.length}</span> awaiting a decision
          {plan.pending.length > 0 && <span className="consolidation-summary__labels">{plan.pending.join(', ')}</span>}
        </div>
        <div
          className={`consolidation-summary__item${unresolved.length > 0 ? ' consolidation-summary__item--danger' : ''}`}
          data-testid="consolidation-conflicts"
          data-count={unresolved.length}
        >
          <span className="consolidation-summary__count">{unresolved.length}</span> unresolved{' '}
          {unresolved.length === 1 ? 'conflict' : 'conflicts'}
        </div>
        <div
          className={`consolidation-summary__item${undecided.length > 0 ? ' consolidation-summary__item--warn' : ''}`}
          data-testid="consolidation-live-changes"
          data-count={plan.liveChanges.length}
          data-undecided={undecided.length}
        >
          <span className="consolidation-summary__count">{plan.liveChanges.length}</span>{' '}
          {plan.liveChanges.length === 1 ? 'live change' : 'live changes'} since {cycle.baseVersion.label}
          {undecided.length > 0 && (
            <span className="consolidation-summary__labels">{undecided.length} to keep or discard</span>
          )}
        </div>
      </div>

      {error !== null && (
        <p className="field__hint field__hint--error" role="alert">
          {error}
        </p>
      )}

      {plan.liveChanges.length > 0 && (
        <LiveChanges
          changes={plan.liveChanges}
          choices={choices}
          onChoose={consolidates ? choose : null}
          baseLabel={cycle.baseVersion.label}
        />
      )}

      {plan.conflicts.length > 0 && (
        <section className="review-block" aria-label="Conflicts">
          <h3 className="review-block__title">Conflicts</h3>
          <ul className="conflict-list">
            {plan.conflicts.map((conflict, index) => {
              const resolution = resolutionOf(conflict.clauseId);
              return (
                <li
                  key={`${conflict.clauseId}-${index}`}
                  className={`conflict${resolution ? ' conflict--resolved' : ''}`}
                  data-testid="conflict"
                  data-clause-id={conflict.clauseId}
                  data-reason={conflict.reason}
                  data-resolved={resolution !== undefined}
                >
                  <p className="conflict__head">
                    <span className="conflict__number">{conflict.point?.reference ?? conflict.clauseNumber}</span>
                    <span className="conflict__amendments">{conflict.amendments.join(', ')}</span>
                    {resolution && <span className="conflict__resolved-tag">Resolved</span>}
                  </p>
                  <p className="conflict__message" data-testid="conflict-message">
                    {conflict.message}
                  </p>
                  {resolves && resolving === conflict.clauseId && (
                    <ConflictSources conflict={conflict} amendments={amendments} />
                  )}
                  {resolution && <ResolutionSummary resolution={resolution} />}
                  {resolves && resolving !== conflict.clauseId && (
                    <div className="conflict__actions">
                      <button
                        type="button"
                        className="button button--secondary review-button--small"
                        onClick={() => setResolving(conflict.clauseId)}
                        data-testid="conflict-resolve"
                      >
                        {resolution ? 'Change the resolution' : 'Resolve…'}
                      </button>
                      {resolution && (
                        <button
                          type="button"
                          className="button button--quiet review-button--small"
                          onClick={() => void clear(conflict.clauseId)}
                          data-testid="conflict-clear"
                        >
                          Clear
                        </button>
                      )}
                    </div>
                  )}
                  {resolves && resolving === conflict.clauseId && (
                    <ResolutionForm
                      conflict={conflict}
                      initial={startingWording(conflict, resolution, amendments, base)}
                      initialNote={resolution?.note ?? ''}
                      starts={resolutionStarts({
                        conflict,
                        amendments,
                        baseDocument: base.kind === 'ready' ? base.data.document : null,
                        baseLabel: cycle.baseVersion.label,
                        resolution: resolution?.clauses[0] ?? null,
                      })}
                      onCancel={() => setResolving(null)}
                      onSave={async (clauses, note) => {
                        applyAnswer(
                          await putResolution(cycle.draftId, cycle.id, conflict.clauseId, clauses, note, kept),
                        );
                        setResolving(null);
                      }}
                    />
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      )}

      {otherResolutions.length > 0 && (
        <section className="review-block" aria-label="Other resolutions">
          <h3 className="review-block__title">Other resolutions</h3>
          <ul className="conflict-list">
            {otherResolutions.map((resolution) => (
              <li
                key={resolution.clauseId}
                className="conflict conflict--resolved"
                data-testid="resolution"
                data-clause-id={resolution.clauseId}
              >
                <ResolutionSummary resolution={resolution} />
                {resolves && (
                  <button
                    type="button"
                    className="button button--quiet review-button--small"
                    onClick={() => void clear(resolution.clauseId)}
                  >
                    Clear
                  </button>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}

      {plan.added.length > 0 && (
        <AddedClauses
          clauses={plan.added}
          statuses={addedStatuses}
          onChoose={
            consolidates
              ? (amendment: string, status: ClauseStatus) =>
                  setAddedStatuses((current) => ({ ...current, [amendment]: status }))
              : null
          }
          baseLabel={cycle.baseVersion.label}
        />
      )}

      <ConsolidateAction
        cycle={cycle}
        consolidates={consolidates}
        blockedBecause={whyBlocked(
          unresolved.length,
          undecided.map((change) => change.number),
        )}
        liveChanges={Object.fromEntries(
          plan.liveChanges.flatMap((change) => (choices[change.id] ? [[change.id, choices[change.id]!]] : [])),
        )}
        addedClauses={Object.fromEntries(
          plan.added.map((clause) => [clause.amendment, addedStatusOf(addedStatuses, clause.amendment)]),
        )}
        store={store}
        onRefused={reload}
      />

      <section className="review-block" aria-label="Preview">
        <h3 className="review-block__title">
          The text after consolidation <span className="outline__count">{changed.length} changed</span>
        </h3>
        {changed.length === 0 && (
          <p className="muted">
            {plan.preview.length === 0 && plan.conflicts.length > 0
              ? 'The text after consolidation is shown once every conflict is resolved.'
              : plan.adopted.length === 0
                ? 'No clause changes: no amendment has been adopted yet.'
                : 'No clause changes.'}
          </p>
        )}
        <PreviewClauses clauses={plan.preview} keptLive={kept} />
      </section>
    </div>
  );
}
