import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { DraftSummary } from '../shared/api';
import { ApiError } from './api/ApiError';
import { listDrafts, setDraftArchived } from './api/draftsApi';
import { useSignedInUser } from './auth/signedInUser';
import { AppHeader } from './components/AppHeader';
import { DraftRow } from './components/DraftRow';
import { NewDraftForm } from './components/NewDraftForm';
import { StateMessage, LoadFailed } from './components/StateMessage';

type ListState = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; drafts: DraftSummary[] };

type View = 'active' | 'archived';

function messageOf(caught: unknown, fallback: string): string {
  return caught instanceof ApiError ? caught.message : fallback;
}

/**
 * The home page: the drafts the person is a member of, with their role on each, a way to start a
 * new one for those allowed to, and the archive.
 */
export function DraftsPage() {
  const me = useSignedInUser();
  const [view, setView] = useState<View>('active');
  const [attempt, setAttempt] = useState(0);
  // The answer is kept with the request it answers, so a new request shows "loading" without
  // resetting state inside the effect.
  const [answer, setAnswer] = useState<{ request: string; state: ListState } | null>(null);
  const [busyIds, setBusyIds] = useState<ReadonlySet<string>>(new Set());
  const [actionError, setActionError] = useState<string | null>(null);
  const request = `${view}#${attempt}`;
  const list: ListState = answer?.request === request ? answer.state : { kind: 'loading' };

  useEffect(() => {
    const controller = new AbortController();
    const archived = request.startsWith('archived');
    listDrafts({ archived, signal: controller.signal })
      .then((drafts) => setAnswer({ request, state: { kind: 'ready', drafts } }))
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        setAnswer({ request, state: { kind: 'error', message: messageOf(caught, 'The drafts could not be loaded.') } });
      });
    return () => controller.abort();
  }, [request]);

  const toggleArchived = useCallback(async (draft: DraftSummary) => {
    setActionError(null);
    setBusyIds((ids) => new Set(ids).add(draft.id));
    try {
      await setDraftArchived(draft.id, draft.archivedAt === null);
      // The draft has moved to the other list.
      setAnswer((current) =>
        current !== null && current.state.kind === 'ready'
          ? { ...current, state: { kind: 'ready', drafts: current.state.drafts.filter((d) => d.id !== draft.id) } }
          : current,
      );
    } catch (caught) {
      setActionError(messageOf(caught, 'That change could not be saved. Try again.'));
    } finally {
      setBusyIds((ids) => {
        const next = new Set(ids);
        next.delete(draft.id);
        return next;
      });
    }
  }, []);

  return (
    <div className="app">
      <title>Drafts · Accord</title>
      <AppHeader />
      <main className="page">
        <div className="page__intro">
          <h1 className="page__title">Drafts</h1>
          <p className="page__lede">Norms texts under negotiation. Open one to draft it together, live.</p>
        </div>

        {me.canCreateDrafts && <NewDraftForm />}
        {me.canCreateDrafts && (
          <p className="drafts-import">
            <Link to="/drafts/import" className="button button--secondary" data-testid="import-draft">
              Import from Word or Markdown
            </Link>
            <span className="muted">Numbered paragraphs become clauses; you check a preview first.</span>
          </p>
        )}

        <div className="tabs" role="tablist" aria-label="Which drafts">
          {(['active', 'archived'] as const).map((tab) => (
            <button
              key={tab}
              type="button"
              role="tab"
              aria-selected={view === tab}
              className={`tabs__tab${view === tab ? ' tabs__tab--selected' : ''}`}
              onClick={() => setView(tab)}
            >
              {tab === 'active' ? 'In negotiation' : 'Archived'}
            </button>
          ))}
        </div>

        {actionError !== null && (
          <StateMessage tone="error" title="Something went wrong">
            {actionError}
          </StateMessage>
        )}

        <section aria-live="polite" aria-busy={list.kind === 'loading'}>
          {list.kind === 'loading' && <p className="muted">Loading drafts…</p>}
          {list.kind === 'error' && (
            <LoadFailed
              title="The drafts could not be loaded"
              message={list.message}
              onRetry={() => setAttempt((n) => n + 1)}
            />
          )}
          {list.kind === 'ready' && list.drafts.length === 0 && (
            <StateMessage title={view === 'active' ? 'No drafts yet' : 'Nothing archived'}>
              {view === 'archived'
                ? 'Archived drafts are kept here, out of the way, and can be restored at any time.'
                : me.canCreateDrafts
                  ? 'Give the first draft a title above; it opens straight away with an empty preamble and operative part.'
                  : 'You are not a member of any draft yet. The chair of a draft adds you by sending you an invitation link.'}
            </StateMessage>
          )}
          {list.kind === 'ready' && list.drafts.length > 0 && (
            <ul className="draft-list">
              {list.drafts.map((draft) => (
                <DraftRow key={draft.id} draft={draft} busy={busyIds.has(draft.id)} onToggleArchived={toggleArchived} />
              ))}
            </ul>
          )}
        </section>
      </main>
    </div>
  );
}
