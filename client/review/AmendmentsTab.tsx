import { useTaxonomy } from '../pillars/DraftPillars';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { Amendment, ReviewCycle } from '../../shared/review/types';
import type { QueryState } from '../api/useApiQuery';
import type { DraftVersionText } from '../api/versionsApi';
import type { CommentStore } from '../comments/CommentStore';
import { StateMessage } from '../components/StateMessage';
import { AmendmentDetail } from './AmendmentDetail';
import { AmendmentFilters } from './AmendmentFilters';
import { AmendmentForm } from './AmendmentForm';
import { AmendmentListItem } from './AmendmentListItem';
import {
  filterFromSearch,
  filterToSearch,
  matchesFilter,
  sortAmendments,
  sponsorsOf,
  statusCounts,
  type AmendmentFilter,
} from './amendmentFilters';
import { proposeAction, type ReviewViewer } from './amendmentActions';
import { isNewSince } from './newSince';
import { OfferedButton } from './OfferedButton';
import { AMENDMENT_EXPORT_FORMATS, REVIEW_EXPORT_LABELS, amendmentsExportUrl } from './reviewApi';
import { ReviewExportLinks } from './ReviewExportLinks';
import type { ReviewStore } from './ReviewStore';

/** Props of {@link AmendmentsTab}. */
export interface AmendmentsTabProps {
  cycle: ReviewCycle;
  amendments: readonly Amendment[];
  lastVisitAt: string | null;
  viewer: ReviewViewer;
  store: ReviewStore;
  comments: CommentStore;
  /** The base version's text, for the proposal form and the clause filter. */
  base: QueryState<DraftVersionText>;
}

/** What the right-hand side shows besides an amendment: the form for a new one, or for rewriting a draft. */
type Mode = { kind: 'view' } | { kind: 'propose' } | { kind: 'edit'; amendmentId: string };

/**
 * The amendments of a cycle: the list with its filters (status with counts, pillar, sponsor,
 * clause; kept in the page's address so a link can open the list filtered to one clause) and
 * downloads, and beside it the chosen amendment in full, or the form to propose one.
 */
export function AmendmentsTab({ cycle, amendments, lastVisitAt, viewer, store, comments, base }: AmendmentsTabProps) {
  const [params, setParams] = useSearchParams();
  // Opened from a clause's menu ("Propose an amendment to OP3"): the form, on that clause.
  const [mode, setMode] = useState<Mode>(() => ({ kind: params.get('propose') === '1' ? 'propose' : 'view' }));
  const taxonomy = useTaxonomy();
  const filter = filterFromSearch(params, taxonomy);
  const selectedId = params.get('amendment');
  const sorted = useMemo(() => sortAmendments(amendments), [amendments]);
  const visible = sorted.filter((amendment) => matchesFilter(amendment, filter));
  const counts = statusCounts(amendments, filter);
  const sponsors = useMemo(() => sponsorsOf(amendments), [amendments]);
  const clauses = useMemo(() => {
    if (base.kind === 'ready')
      return base.data.outline.clauses.map((clause) => ({ id: clause.id, number: clause.number }));
    const seen = new Map<string, string>();
    for (const amendment of sorted) seen.set(amendment.clauseId, amendment.clauseNumber);
    return [...seen].map(([id, number]) => ({ id, number }));
  }, [base, sorted]);
  const selected = amendments.find((amendment) => amendment.id === selectedId) ?? null;
  const propose = proposeAction(cycle, viewer);
  const editing =
    mode.kind === 'edit' ? (amendments.find((amendment) => amendment.id === mode.amendmentId) ?? null) : null;

  const setFilter = (next: AmendmentFilter) => setParams(filterToSearch(next, params), { replace: true });
  const select = (amendmentId: string | null) => {
    const next = new URLSearchParams(params);
    if (amendmentId === null) next.delete('amendment');
    else next.set('amendment', amendmentId);
    setParams(next);
    setMode({ kind: 'view' });
  };
  const saved = (amendment: Amendment) => {
    store.keep(amendment);
    select(amendment.id);
  };

  return (
    <div className="amendments-tab" data-testid="amendments-tab">
      <div className="review-toolbar">
        {propose !== null && (
          <OfferedButton
            action={propose}
            tone="primary"
            onClick={() => setMode({ kind: 'propose' })}
            testId="propose-amendment"
          >
            Propose an amendment…
          </OfferedButton>
        )}
        <ReviewExportLinks
          label="Amendments"
          links={AMENDMENT_EXPORT_FORMATS.map((format) => ({
            format,
            label: REVIEW_EXPORT_LABELS[format],
            href: amendmentsExportUrl(cycle.draftId, cycle.id, format),
          }))}
        />
      </div>
      <div className="amendments-tab__body">
        <section className="amendments-list-panel" aria-label="Amendments">
          <AmendmentFilters
            filter={filter}
            onChange={setFilter}
            counts={counts}
            sponsors={sponsors}
            clauses={clauses}
          />
          {amendments.length === 0 && <p className="panel-empty">No amendments yet.</p>}
          {amendments.length > 0 && visible.length === 0 && (
            <p className="panel-empty">No amendments match these filters.</p>
          )}
          {visible.length > 0 && (
            <ol className="amendment-list" data-testid="amendment-list">
              {visible.map((amendment) => (
                <AmendmentListItem
                  key={amendment.id}
                  amendment={amendment}
                  selected={amendment.id === selectedId && mode.kind === 'view'}
                  isNew={isNewSince(amendment, lastVisitAt)}
                  onSelect={select}
                />
              ))}
            </ol>
          )}
        </section>
        <section className="amendments-tab__detail">
          {(mode.kind === 'propose' || editing !== null) && base.kind === 'loading' && (
            <p className="muted">Opening the base version…</p>
          )}
          {(mode.kind === 'propose' || editing !== null) && base.kind === 'error' && (
            <StateMessage tone="error" title="The base version could not be opened">
              {base.message}
            </StateMessage>
          )}
          {mode.kind === 'propose' && base.kind === 'ready' && (
            <AmendmentForm
              draftId={cycle.draftId}
              cycleId={cycle.id}
              base={base.data}
              initialClauseId={filter.clauseId}
              onSaved={saved}
              onCancel={() => setMode({ kind: 'view' })}
            />
          )}
          {editing !== null && base.kind === 'ready' && (
            <AmendmentForm
              key={editing.id}
              draftId={cycle.draftId}
              cycleId={cycle.id}
              base={base.data}
              existing={editing}
              onSaved={saved}
              onCancel={() => setMode({ kind: 'view' })}
            />
          )}
          {mode.kind === 'view' && selected !== null && (
            <AmendmentDetail
              key={selected.id}
              amendment={selected}
              cycle={cycle}
              viewer={viewer}
              isNew={isNewSince(selected, lastVisitAt)}
              store={store}
              comments={comments}
              amendments={amendments}
              baseDocument={base.kind === 'ready' ? base.data.document : null}
              onEdit={() => setMode({ kind: 'edit', amendmentId: selected.id })}
            />
          )}
          {mode.kind === 'view' && selected === null && (
            <div className="amendments-tab__empty">
              <p>
                {amendments.length === 0
                  ? 'Amendments tabled in this cycle will be listed on the left.'
                  : 'Choose an amendment in the list to read it in full, with its redline, sponsors and statements.'}
              </p>
            </div>
          )}
        </section>
      </div>
    </div>
  );
}
