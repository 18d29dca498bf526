import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { DocumentNodeJSON } from '../../shared/documentJSON';
import type { Amendment, Conflict, ConsolidationPlan, Resolution, ReviewCycle } from '../../shared/review/types';
import type { Role } from '../../shared/roles';
import { roleMay } from '../../shared/roles';
import { ApiError } from '../api/ApiError';
import type { QueryState } from '../api/useApiQuery';
import { useApiQuery } from '../api/useApiQuery';
import type { DraftVersionText } from '../api/versionsApi';
import { formatAbsolute } from '../components/formatTimestamp';
import { LoadFailed } from '../components/StateMessage';
import { versionPath } from '../versions/versionPaths';
import { clauseText } from '../../shared/outline';
import { findClauseNode } from './clauseWords';
import { RedlineLines } from '../versions/RedlineLines';
import { RedlineWordsText } from '../versions/RedlineWordsText';
import { blockLines } from '../versions/redlineSides';
import { ResolutionForm } from './ResolutionForm';
import { consolidateCycle, deleteResolution, getConsolidation, putResolution } from './reviewApi';
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

const PREVIEW_CHANGE_LABELS: Record<ConsolidationPlan['preview'][number]['change'], string | null> = {
  unchanged: null,
  modified: 'Changed',
  added: 'Added',
  removed: 'Removed',
};

/** Where the chair's wording of a conflicting clause starts: their resolution, the first adopted amendment's wording, or the base clause. */
function startingWording(
  conflict: Conflict,
  resolution: Resolution | undefined,
  amendments: readonly Amendment[],
  base: QueryState<DraftVersionText>,
): DocumentNodeJSON {
  const resolved = resolution?.clauses[0];
  if (resolved !== undefined) return resolved;
  // The clause as it reads live: the chair writes the adopted changes into it.
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
 * What the chair's wording has to reconcile: each adopted amendment to the clause (a resolution
 * stands in place of the whole clause, so it settles all of them, not only those in conflict) as
 * a redline against the base clause, and what was changed in the live text since the base.
 */
function ConflictSources({ conflict, amendments }: { conflict: Conflict; amendments: readonly Amendment[] }) {
  const covered = conflict.covers
    .map((label) => amendments.find((amendment) => amendment.label === label))
    .filter((amendment): amendment is Amendment => amendment !== undefined);
  const live = covered.find((amendment) => amendment.liveChange !== null)?.liveChange ?? null;
  return (
    <div className="conflict-sources" data-testid="conflict-sources">
      <p className="conflict-sources__intro">
        Your wording stands in place of {conflict.clauseNumber} as a whole and settles {conflict.covers.join(', ')}. It
        starts from the clause as it reads in the live text now.
      </p>
      <ul className="conflict-sources__list">
        {covered.map((amendment) => (
          <li
            key={amendment.id}
            className="conflict-sources__item"
            data-testid="conflict-source"
            data-label={amendment.label}
          >
            <span className="conflict-sources__label">{amendment.label}</span>{' '}
            <span className="conflict-sources__sponsor">{amendment.sponsor.name}</span>
            <div className="conflict-sources__words">
              <RedlineLines lines={blockLines(amendment.revised?.blocks ?? amendment.blocks)} />
            </div>
          </li>
        ))}
        {live !== null && live.change === 'modified' && (
          <li className="conflict-sources__item" data-testid="conflict-source" data-label="live">
            <span className="conflict-sources__label">Live text</span>{' '}
            <span className="conflict-sources__sponsor">changed since the base version</span>
            <p className="conflict-sources__words">
              <RedlineWordsText words={live.words} />
            </p>
          </li>
        )}
      </ul>
    </div>
  );
}

/**
 * Consolidation: what applying the cycle's decisions to the live text would do (the adopted
 * amendments, those still awaiting a decision, the conflicts with why each is one, and a preview
 * of the result), the chair's resolution of each conflict in the final wording of its clause,
 * and the chair's "Consolidate", which saves the result as a new named version and links to it.
 */
export function ConsolidationTab({ cycle, amendments, role, base, store, revision }: ConsolidationTabProps) {
  const query = useApiQuery(
    `consolidation:${cycle.draftId}:${cycle.id}`,
    (signal) => getConsolidation(cycle.draftId, cycle.id, signal),
    'The consolidation could not be worked out. Try again.',
  );
  const { reload } = query;
  useReloadOnChange(`${revision}:${cycle.phase}`, reload);
  const loaded = query.state.kind === 'ready' ? query.state.data : null;
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
      applyAnswer(await deleteResolution(cycle.draftId, cycle.id, clauseId));
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

  const resolutionOf = (clauseId: string) => plan.resolutions.find((resolution) => resolution.clauseId === clauseId);
  const unresolved = plan.conflicts.filter((conflict) => resolutionOf(conflict.clauseId) === undefined);
  const conflictClauses = new Set(plan.conflicts.map((conflict) => conflict.clauseId));
  const otherResolutions = plan.resolutions.filter((resolution) => !conflictClauses.has(resolution.clauseId));
  const changed = plan.preview.filter((clause) => clause.change !== 'unchanged');

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
      </div>

      {error !== null && (
        <p className="field__hint field__hint--error" role="alert">
          {error}
        </p>
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
                      onCancel={() => setResolving(null)}
                      onSave={async (clauses, note) => {
                        applyAnswer(await putResolution(cycle.draftId, cycle.id, conflict.clauseId, clauses, note));
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

      <ConsolidateAction
        cycle={cycle}
        consolidates={roleMay(role ?? undefined, 'review:consolidate').ok}
        blocked={unresolved.length > 0}
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
        <ol className="consolidation-preview" data-testid="consolidation-preview">
          {plan.preview.map((clause) => (
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
                {PREVIEW_CHANGE_LABELS[clause.change] !== null && (
                  <p className="redline-clause__badges">
                    <span className={`redline-badge redline-badge--${clause.change}`}>
                      {PREVIEW_CHANGE_LABELS[clause.change]}
                    </span>
                    {clause.amendments.length > 0 && (
                      <span className="consolidation-preview__by">{clause.amendments.join(', ')}</span>
                    )}
                  </p>
                )}
                <p className="redline-text" data-testid="preview-text">
                  {clause.text}
                </p>
              </div>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

/** A resolution as recorded: the clause's final wording (or its deletion), the note, who and when. */
function ResolutionSummary({ resolution }: { resolution: Resolution }) {
  return (
    <div className="resolution-summary" data-testid="resolution-summary">
      {resolution.clauses.length === 0 ? (
        <p className="resolution-summary__text">
          <em>The clause is deleted.</em>
        </p>
      ) : (
        resolution.clauses.map((clause, index) => (
          <p key={index} className="resolution-summary__text redline-text">
            {clauseText(clause)}
          </p>
        ))
      )}
      <p className="muted resolution-summary__meta">
        {resolution.by.name}, <time dateTime={resolution.at}>{formatAbsolute(resolution.at)}</time>
        {resolution.note !== '' && <> · {resolution.note}</>}
      </p>
    </div>
  );
}

/** Props of {@link ConsolidateAction}. */
interface ConsolidateActionProps {
  cycle: ReviewCycle;
  /** Whether the reader's role consolidates a cycle (the chair's). */
  consolidates: boolean;
  /** Conflicts are unresolved: the server would refuse. */
  blocked: boolean;
  store: ReviewStore;
  /** Reads the plan again after a refusal (it said why; the plan shows what). */
  onRefused: () => void;
}

/** The chair's "Consolidate": a label and note for the new version; once done, the link to it. */
function ConsolidateAction({ cycle, consolidates, blocked, store, onRefused }: ConsolidateActionProps) {
  const id = useId();
  const [label, setLabel] = useState('');
  const [note, setNote] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (cycle.consolidated !== null) {
    return (
      <div className="consolidated" data-testid="consolidated">
        <p>
          Consolidated by {cycle.consolidated.by.name},{' '}
          <time dateTime={cycle.consolidated.at}>{formatAbsolute(cycle.consolidated.at)}</time>, as the version{' '}
          <Link to={versionPath(cycle.draftId, cycle.consolidated.versionId)} data-testid="consolidated-version-link">
            {cycle.consolidated.label}
          </Link>
          .
        </p>
      </div>
    );
  }
  if (!consolidates) return null;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      const answer = await consolidateCycle(cycle.draftId, cycle.id, {
        ...(label.trim() !== '' ? { label: label.trim() } : {}),
        ...(note.trim() !== '' ? { note: note.trim() } : {}),
      });
      store.keepCycle(answer.cycle);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'The cycle could not be consolidated. Try again.');
      if (caught instanceof ApiError && caught.status === 409) onRefused();
    } finally {
      setPending(false);
    }
  };

  return (
    <form
      className="review-form consolidate-form"
      onSubmit={(event) => void submit(event)}
      aria-label="Consolidate"
      data-testid="consolidate-form"
    >
      <h3 className="review-block__title">Consolidate</h3>
      <p className="review-form__lede">
        Applies the adopted amendments (and your resolutions) to the live text and saves the result as a new named
        version.
      </p>
      <div className="consolidate-form__fields">
        <div>
          <label className="field__label" htmlFor={`${id}-label`}>
            Version label <span className="review-form__optional">(empty: the next Rev. number)</span>
          </label>
          <input
            id={`${id}-label`}
            className="field__input"
            value={label}
            onChange={(event) => setLabel(event.target.value)}
            placeholder={`Rev.N after the ${cycle.name}`}
            maxLength={120}
            disabled={pending}
            data-testid="consolidate-label"
          />
        </div>
        <div>
          <label className="field__label" htmlFor={`${id}-note`}>
            Note <span className="review-form__optional">(optional)</span>
          </label>
          <input
            id={`${id}-note`}
            className="field__input"
            value={note}
            onChange={(event) => setNote(event.target.value)}
            maxLength={2000}
            disabled={pending}
            data-testid="consolidate-note"
          />
        </div>
      </div>
      {error !== null && (
        <p className="field__hint field__hint--error" role="alert" data-testid="consolidate-error">
          {error}
        </p>
      )}
      <div className="review-form__actions">
        <button
          type="submit"
          className={`button button--primary${blocked ? ' review-button--unavailable' : ''}`}
          aria-disabled={blocked || pending || undefined}
          title={
            blocked ? 'Resolve every conflict first: write the final wording of each clause in conflict.' : undefined
          }
          disabled={pending}
          onClick={(event) => {
            if (blocked) event.preventDefault();
          }}
          data-testid="consolidate-submit"
        >
          {pending ? 'Consolidating…' : 'Consolidate'}
        </button>
      </div>
    </form>
  );
}
