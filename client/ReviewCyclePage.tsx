import { TaxonomyProvider, useTaxonomyOf } from './pillars/DraftPillars';
import { useMemo, useState, type ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { Role } from '../shared/roles';
import { getDraft } from './api/draftsApi';
import { useApiQuery } from './api/useApiQuery';
import { getVersion } from './api/versionsApi';
import { useSignedInUser } from './auth/signedInUser';
import type { CollabSession } from './collab/CollabSession';
import { useCollabSession, useCollabStatus } from './collab/useCollabSession';
import { useLiveRole } from './collab/useLiveRole';
import { useCommentStore } from './comments/useCommentStore';
import { AppHeader } from './components/AppHeader';
import { ConnectionStatus } from './components/ConnectionStatus';
import { DraftUnavailable, StateMessage } from './components/StateMessage';
import type { ReviewViewer } from './review/amendmentActions';
import { AmendmentsTab } from './review/AmendmentsTab';
import { CompilationTab } from './review/CompilationTab';
import { ConsolidationTab } from './review/ConsolidationTab';
import { CycleBanner } from './review/CycleBanner';
import { countNewSince } from './review/newSince';
import { CYCLE_TABS, reviewPath, type CycleTab } from './review/reviewPaths';
import { useReviewState, useReviewStore } from './review/useReviewStore';
import { useVisitOnLeave } from './review/useVisitOnLeave';
import { draftPath } from './versions/versionPaths';

const TAB_LABELS: Record<CycleTab, string> = {
  amendments: 'Amendments',
  compilation: 'Compilation',
  consolidation: 'Consolidation',
};

/** The trail in the header: the draft, its periodic review, this cycle. */
function Trail({ draftId, title, cycleName }: { draftId: string; title: string; cycleName: string }) {
  return (
    <>
      <Link to={draftPath(draftId)} className="app-header__draft-title app-header__link">
        {title}
      </Link>
      <span className="app-header__separator" aria-hidden="true">
        {' / '}
      </span>
      <Link to={reviewPath(draftId)} className="app-header__link">
        Periodic review
      </Link>
      <span className="app-header__separator" aria-hidden="true">
        {' / '}
      </span>
      {cycleName}
    </>
  );
}

/**
 * `/drafts/:id/review/:cycleId`: one round of the periodic review, live. Its phases (moved on by
 * the chair), then three tabs: the amendments (list, filters, each in full, the proposal form),
 * the compilation of amendments under the base text, and the consolidation. The page keeps the
 * draft's collab connection open only to hear the review's live events: new amendments, status
 * changes, co-sponsors, statements and phase moves appear at once in every open page, marked
 * "New" until the reader marks them as seen (or leaves the page).
 */
export function ReviewCyclePage() {
  const { id = '', cycleId = '' } = useParams();
  const draft = useApiQuery(`draft:${id}`, (signal) => getDraft(id, signal), 'The draft could not be loaded.');
  const taxonomy = useTaxonomyOf(draft.state.kind === 'ready' ? draft.state.data.pillars : null);
  const title = draft.state.kind === 'ready' ? draft.state.data.title || 'Untitled draft' : 'Draft';

  if (draft.state.kind === 'error') {
    return (
      <div className="app">
        <title>Periodic review · Accord</title>
        <AppHeader context="Periodic review" />
        <main className="page">
          <DraftUnavailable message={draft.state.message} />
        </main>
      </div>
    );
  }
  if (draft.state.kind === 'loading') {
    return (
      <div className="app" aria-busy="true">
        <title>Periodic review · Accord</title>
        <AppHeader context="Periodic review" />
      </div>
    );
  }
  return (
    <TaxonomyProvider taxonomy={taxonomy}>
      <CycleWorkspace
        key={`${id}:${cycleId}`}
        draftId={id}
        cycleId={cycleId}
        title={title}
        summaryRole={draft.state.data.role}
      />
    </TaxonomyProvider>
  );
}

function CycleWorkspace({
  draftId,
  cycleId,
  title,
  summaryRole,
}: {
  draftId: string;
  cycleId: string;
  title: string;
  summaryRole: Role;
}) {
  const session = useCollabSession(draftId);
  const role = useLiveRole(session, summaryRole);
  const status = useCollabStatus(session);
  useVisitOnLeave(draftId, cycleId);
  if (session === null) {
    return (
      <div className="app" aria-busy="true">
        <title>Periodic review · Accord</title>
        <AppHeader context={<Trail draftId={draftId} title={title} cycleName="…" />} role={role} />
      </div>
    );
  }
  return (
    <CycleView
      session={session}
      cycleId={cycleId}
      title={title}
      role={role}
      status={<ConnectionStatus status={status} />}
    />
  );
}

interface CycleViewProps {
  session: CollabSession;
  cycleId: string;
  title: string;
  role: Role | null;
  status: ReactNode;
}

function CycleView({ session, cycleId, title, role, status }: CycleViewProps) {
  const draftId = session.draftId;
  const me = useSignedInUser();
  const store = useReviewStore(session, cycleId, me.affiliation.id);
  const state = useReviewState(store);
  const comments = useCommentStore(session);
  const [params, setParams] = useSearchParams();
  const [seenError, setSeenError] = useState<string | null>(null);
  const tabParam = params.get('tab');
  const tab: CycleTab = CYCLE_TABS.find((candidate) => candidate === tabParam) ?? 'amendments';
  const viewer = useMemo<ReviewViewer>(
    () => ({ role, affiliation: { id: me.affiliation.id, kind: me.affiliation.kind } }),
    [role, me.affiliation.id, me.affiliation.kind],
  );
  const cycle = state.cycle;
  const baseVersionId = cycle?.baseVersion.id ?? null;
  const base = useApiQuery(
    `version:${draftId}:${baseVersionId ?? ''}`,
    (signal) => (baseVersionId === null ? new Promise<never>(() => {}) : getVersion(draftId, baseVersionId, signal)),
    'The base version could not be loaded.',
  );
  // Any change to any amendment, as one string: the server-made views read themselves again when it changes.
  const revision = useMemo(
    () => state.amendments.map((amendment) => `${amendment.id}@${amendment.updatedAt}`).join('|'),
    [state.amendments],
  );
  const newCount = countNewSince(state.amendments, state.lastVisitAt);

  const chooseTab = (next: CycleTab) => {
    const search = new URLSearchParams(params);
    if (next === 'amendments') search.delete('tab');
    else search.set('tab', next);
    setParams(search);
  };
  const markSeen = async () => {
    setSeenError(null);
    try {
      await store.markSeen();
    } catch {
      setSeenError('The amendments could not be marked as seen. Try again.');
    }
  };

  return (
    <div className="app">
      <title>{`${cycle?.name ?? 'Periodic review'} · ${title} · Accord`}</title>
      <AppHeader
        context={<Trail draftId={draftId} title={title} cycleName={cycle?.name ?? '…'} />}
        status={status}
        role={role}
      />
      <main className="page review-cycle-page">
        {state.phase === 'loading' && <p className="muted">Opening the review cycle…</p>}
        {state.phase === 'error' && (
          <StateMessage
            tone="error"
            title="This review cycle cannot be opened"
            action={
              <Link to={reviewPath(draftId)} className="button button--secondary">
                Back to the review cycles
              </Link>
            }
          >
            {state.error}
          </StateMessage>
        )}
        {cycle !== null && (
          <>
            <CycleBanner cycle={cycle} role={role} onMoved={(moved) => store.keepCycle(moved)} />
            <div className="review-tabs-bar">
              <div className="tabs review-tabs" role="tablist" aria-label="Review cycle">
                {CYCLE_TABS.map((candidate) => (
                  <button
                    key={candidate}
                    type="button"
                    role="tab"
                    aria-selected={tab === candidate}
                    className={`tabs__tab${tab === candidate ? ' tabs__tab--selected' : ''}`}
                    onClick={() => chooseTab(candidate)}
                    data-testid={`review-tab-${candidate}`}
                  >
                    {TAB_LABELS[candidate]}
                    {candidate === 'amendments' && <span className="outline__count">{state.amendments.length}</span>}
                  </button>
                ))}
              </div>
              <div className="new-since" data-testid="new-since" data-count={newCount}>
                {newCount > 0 ? (
                  <>
                    <span className="new-marker">New</span>
                    <span>
                      {newCount} {newCount === 1 ? 'amendment' : 'amendments'} changed since{' '}
                      {state.lastVisitAt === null ? 'you first opened this review' : 'your last visit'}
                    </span>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => void markSeen()}
                      data-testid="mark-seen"
                    >
                      Mark all as seen
                    </button>
                  </>
                ) : (
                  <span className="muted">Nothing new since your last visit.</span>
                )}
                {seenError !== null && (
                  <span className="field__hint--error" role="alert">
                    {seenError}
                  </span>
                )}
              </div>
            </div>
            {tab === 'amendments' && (
              <AmendmentsTab
                cycle={cycle}
                amendments={state.amendments}
                lastVisitAt={state.lastVisitAt}
                viewer={viewer}
                store={store}
                comments={comments}
                base={base.state}
              />
            )}
            {tab === 'compilation' && (
              <CompilationTab cycle={cycle} lastVisitAt={state.lastVisitAt} revision={revision} />
            )}
            {tab === 'consolidation' && (
              <ConsolidationTab
                cycle={cycle}
                amendments={state.amendments}
                role={role}
                base={base.state}
                store={store}
                revision={revision}
              />
            )}
          </>
        )}
      </main>
    </div>
  );
}
