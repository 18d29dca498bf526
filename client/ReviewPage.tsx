import { TaxonomyProvider, useTaxonomyOf } from './pillars/DraftPillars';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { AMENDMENT_STATUSES, AMENDMENT_STATUS_LABELS } from '../shared/review/amendmentStatus';
import { REVIEW_PHASE_LABELS } from '../shared/review/reviewPhases';
import type { ReviewCycle } from '../shared/review/types';
import { can } from '../shared/roles';
import { getDraft } from './api/draftsApi';
import { useApiQuery } from './api/useApiQuery';
import { listVersions } from './api/versionsApi';
import { AppHeader } from './components/AppHeader';
import { formatAbsolute } from './components/formatTimestamp';
import { DraftUnavailable, StateMessage, LoadFailed } from './components/StateMessage';
import type { OfferedAction } from './review/amendmentActions';
import { OfferedButton } from './review/OfferedButton';
import { OpenCycleForm } from './review/OpenCycleForm';
import { listCycles } from './review/reviewApi';
import { cyclePath } from './review/reviewPaths';
import { formatPlannedDay } from './review/reviewSchedule';
import { draftPath, versionPath } from './versions/versionPaths';

/** The chair's "Open a review cycle", disabled while one is still open: one round at a time. */
function openAction(cycles: readonly ReviewCycle[]): OfferedAction<'open'> {
  const open = cycles.find((cycle) => cycle.phase !== 'closed');
  return open === undefined
    ? { value: 'open', label: 'Open a review cycle…', enabled: true, reason: null }
    : {
        value: 'open',
        label: 'Open a review cycle…',
        enabled: false,
        reason: `The review cycle “${open.name}” is still open; close it before opening another.`,
      };
}

/** One cycle in the list: its name, base version, phase and the amendments by status. */
function CycleRow({ draftId, cycle }: { draftId: string; cycle: ReviewCycle }) {
  const counts = AMENDMENT_STATUSES.filter((status) => (cycle.counts[status] ?? 0) > 0);
  const planned = cycle.phase === 'closed' ? null : cycle.schedule[cycle.phase];
  return (
    <li className="cycle-row" data-testid="cycle-row" data-cycle-id={cycle.id} data-phase={cycle.phase}>
      <div className="cycle-row__main">
        <Link to={cyclePath(draftId, cycle.id)} className="cycle-row__name" data-testid="cycle-link">
          {cycle.name}
        </Link>
        <span className="cycle-row__meta">
          Reviews <Link to={versionPath(draftId, cycle.baseVersion.id)}>{cycle.baseVersion.label}</Link> · opened by{' '}
          {cycle.openedBy.name}, <time dateTime={cycle.createdAt}>{formatAbsolute(cycle.createdAt)}</time>
        </span>
        {counts.length > 0 && (
          <span className="cycle-row__counts">
            {counts.map((status) => (
              <span key={status} className={`cycle-row__count amendment-status amendment-status--${status}`}>
                {AMENDMENT_STATUS_LABELS[status]} {cycle.counts[status]}
              </span>
            ))}
          </span>
        )}
      </div>
      <div className="cycle-row__phase">
        <span className={`phase-pill phase-pill--${cycle.phase}`} data-testid="cycle-phase">
          {REVIEW_PHASE_LABELS[cycle.phase]}
        </span>
        {planned !== null && <span className="cycle-row__until">until {formatPlannedDay(planned)}</span>}
        {cycle.consolidated !== null && (
          <Link to={versionPath(draftId, cycle.consolidated.versionId)} className="cycle-row__until">
            Consolidated as {cycle.consolidated.label}
          </Link>
        )}
      </div>
    </li>
  );
}

/**
 * `/drafts/:id/review`: the draft's rounds of periodic review, newest first, each with its phase
 * and amendments; the chair opens a new round here on a published version.
 */
export function ReviewPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [opening, setOpening] = useState(false);
  const draft = useApiQuery(`draft:${id}`, (signal) => getDraft(id, signal), 'The draft could not be loaded.');
  const taxonomy = useTaxonomyOf(draft.state.kind === 'ready' ? draft.state.data.pillars : null);
  const cycles = useApiQuery(
    `review-cycles:${id}`,
    (signal) => listCycles(id, signal),
    'The review cycles could not be loaded.',
  );
  const role = draft.state.kind === 'ready' ? draft.state.data.role : null;
  const mayOpenCycle = can(role ?? undefined, 'review:open-cycle');
  const versions = useApiQuery(
    `versions:${id}:${mayOpenCycle}`,
    (signal) => (mayOpenCycle ? listVersions(id, signal) : Promise.resolve([])),
    'The versions could not be loaded.',
  );
  const published = versions.state.kind === 'ready' ? versions.state.data.filter((version) => version.published) : [];
  const title = draft.state.kind === 'ready' ? draft.state.data.title || 'Untitled draft' : 'Draft';
  const list =
    cycles.state.kind === 'ready' ? [...cycles.state.data].sort((a, b) => b.createdAt.localeCompare(a.createdAt)) : [];

  return (
    <TaxonomyProvider taxonomy={taxonomy}>
      <div className="app">
        <title>{`Periodic review · ${title} · Accord`}</title>
        <AppHeader
          context={
            <>
              <Link to={draftPath(id)} className="app-header__draft-title app-header__link">
                {title}
              </Link>
              <span className="app-header__separator" aria-hidden="true">
                {' / '}
              </span>
              Periodic review
            </>
          }
          role={role}
        />
        <main className="page review-page">
          <div className="page__intro review-page__intro">
            <div>
              <h1 className="page__title">Periodic review</h1>
              <p className="page__lede">
                Each round reviews a published version: delegations table formal amendments, the chair records decisions
                and consolidates the result as a new version.
              </p>
            </div>
            <Link to={draftPath(id)} className="button button--secondary">
              Back to the live text
            </Link>
          </div>

          {draft.state.kind === 'error' && <DraftUnavailable message={draft.state.message} />}

          {mayOpenCycle && !opening && cycles.state.kind === 'ready' && (
            <div className="review-page__open">
              <OfferedButton
                action={openAction(list)}
                tone="primary"
                onClick={() => setOpening(true)}
                testId="open-cycle"
              >
                Open a review cycle…
              </OfferedButton>
            </div>
          )}
          {mayOpenCycle && opening && versions.state.kind === 'ready' && published.length === 0 && (
            <StateMessage
              title="Publish a version first"
              action={
                <button type="button" className="button button--secondary" onClick={() => setOpening(false)}>
                  Close
                </button>
              }
            >
              A review cycle reviews a published version. Save the text as a named version and publish it from the
              Versions tab of the draft.
            </StateMessage>
          )}
          {mayOpenCycle && opening && published.length > 0 && (
            <OpenCycleForm
              draftId={id}
              versions={published}
              onCancel={() => setOpening(false)}
              onOpened={(cycle) => void navigate(cyclePath(id, cycle.id))}
            />
          )}

          {cycles.state.kind === 'loading' && <p className="muted">Loading the review cycles…</p>}
          {cycles.state.kind === 'error' && draft.state.kind !== 'error' && (
            <LoadFailed
              title="The review cycles could not be loaded"
              message={cycles.state.message}
              onRetry={cycles.reload}
            />
          )}
          {cycles.state.kind === 'ready' && list.length === 0 && (
            <StateMessage title="No review cycles yet">
              {mayOpenCycle
                ? 'Open one on a published version when the text is due for review.'
                : 'The chair opens a review cycle when the text is due for review; it will be listed here.'}
            </StateMessage>
          )}
          {list.length > 0 && (
            <ol className="cycle-list" data-testid="cycles">
              {list.map((cycle) => (
                <CycleRow key={cycle.id} draftId={id} cycle={cycle} />
              ))}
            </ol>
          )}
        </main>
      </div>
    </TaxonomyProvider>
  );
}
