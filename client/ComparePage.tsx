import { TaxonomyProvider, useTaxonomyOf } from './pillars/DraftPillars';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { LIVE, getRedline } from './api/compareApi';
import { getDraft } from './api/draftsApi';
import { redlineFileName } from '../shared/exportFileName';
import { REDLINE_EXPORT_FORMATS, REDLINE_EXPORT_LABELS, redlineExportUrl } from './api/exportLinks';
import { useApiQuery } from './api/useApiQuery';
import { listVersions } from './api/versionsApi';
import { AppHeader } from './components/AppHeader';
import { DraftUnavailable, StateMessage, LoadFailed } from './components/StateMessage';
import { CompareControls } from './versions/CompareControls';
import { OpenItemsSection } from './versions/OpenItemsSection';
import type { RedlineLayout } from './versions/RedlineClause';
import { RedlineSummary } from './versions/RedlineSummary';
import { RedlineView } from './versions/RedlineView';
import { draftPath } from './versions/versionPaths';

/** Props of the part of the page that depends on the two texts chosen. */
interface ComparedProps {
  draftId: string;
  from: string;
  to: string;
  layout: RedlineLayout;
  changesOnly: boolean;
}

/** The redline of the two chosen texts, its counts and its downloads, and what is open in each. */
function Compared({ draftId, from, to, layout, changesOnly }: ComparedProps) {
  const compared = useApiQuery(
    `redline:${draftId}:${from}:${to}`,
    (signal) => getRedline(draftId, from, to, signal),
    'The redline could not be made. Try again.',
  );
  if (compared.state.kind === 'loading') return <p className="muted compare-page__loading">Comparing the texts…</p>;
  if (compared.state.kind === 'error') {
    return (
      <LoadFailed title="The texts could not be compared" message={compared.state.message} onRetry={compared.reload} />
    );
  }
  const { redline, open, from: older, to: newer } = compared.state.data;
  const live = from === LIVE || to === LIVE;
  return (
    <>
      <div className="compare-page__result-bar">
        <RedlineSummary summary={redline.summary} />
        <div className="compare-page__downloads" aria-label="Download the redline">
          <span className="compare-page__downloads-label">Download redline</span>
          {REDLINE_EXPORT_FORMATS.map((format) => (
            <a
              key={format}
              className="button button--secondary compare-page__download"
              href={redlineExportUrl(draftId, from, to, format)}
              download={redlineFileName(
                redline.title.to,
                older.versionId === null ? null : older.label,
                newer.versionId === null ? null : newer.label,
                format,
              )}
              data-testid={`redline-export-${format}`}
            >
              {REDLINE_EXPORT_LABELS[format]}
            </a>
          ))}
        </div>
      </div>
      {live && (
        <p className="compare-page__live-note">
          The live text as it was when this page compared it; others may have changed it since.{' '}
          <button type="button" className="link-button" onClick={compared.reload}>
            Compare again
          </button>
        </p>
      )}
      <div className="compare-page__sheet">
        <RedlineView
          redline={redline}
          layout={layout}
          changesOnly={changesOnly}
          fromLabel={older.label}
          toLabel={newer.label}
        />
      </div>
      <OpenItemsSection open={open} fromLabel={older.label} />
    </>
  );
}

/**
 * `/drafts/:id/compare?from=&to=`: the redline between two texts of a draft, each a named
 * version or the live text, aligned clause by clause by clause id. Insertions and deletions are
 * marked word by word, moved clauses say where they came from, renumbered ones are not flagged;
 * inline or side by side (`&view=side-by-side`), with the counts and the redline as HTML, Word
 * or PDF. Under it, the suggestions, brackets and alternatives open in either text: still open,
 * settled since the older one, or new. Without `from`, the latest version is compared with the live text.
 */
export function ComparePage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const [changesOnly, setChangesOnly] = useState(false);
  const draft = useApiQuery(`draft:${id}`, (signal) => getDraft(id, signal), 'The draft could not be loaded.');
  const taxonomy = useTaxonomyOf(draft.state.kind === 'ready' ? draft.state.data.pillars : null);
  const versions = useApiQuery(
    `versions:${id}`,
    (signal) => listVersions(id, signal),
    'The versions could not be loaded.',
  );
  const list = versions.state.kind === 'ready' ? versions.state.data : null;
  const latest = list !== null && list.length > 0 ? list[list.length - 1]!.id : null;
  const from = params.get('from') ?? latest;
  const to = params.get('to') ?? LIVE;
  const layout: RedlineLayout = params.get('view') === 'side-by-side' ? 'side-by-side' : 'inline';
  const title = draft.state.kind === 'ready' ? draft.state.data.title || 'Untitled draft' : 'Draft';

  const choose = (next: { from?: string; to?: string; view?: RedlineLayout }) => {
    const search = new URLSearchParams(params);
    if (next.from !== undefined) search.set('from', next.from);
    if (next.to !== undefined) search.set('to', next.to);
    if (next.view !== undefined) {
      if (next.view === 'inline') search.delete('view');
      else search.set('view', next.view);
    }
    setParams(search);
  };

  return (
    <TaxonomyProvider taxonomy={taxonomy}>
      <div className="app">
        <title>{`Compare · ${title} · Accord`}</title>
        <AppHeader
          context={
            <>
              <Link to={draftPath(id)} className="app-header__draft-title app-header__link">
                {title}
              </Link>
              <span className="app-header__separator" aria-hidden="true">
                {' / '}
              </span>
              Compare
            </>
          }
          role={draft.state.kind === 'ready' ? draft.state.data.role : null}
        />
        <main className="page compare-page">
          <div className="page__intro compare-page__intro">
            <div>
              <h1 className="page__title">Compare texts</h1>
              <p className="page__lede">
                Clause by clause: a renumbered clause is not a change; a moved one says where it came from.
              </p>
            </div>
            <Link to={draftPath(id)} className="button button--secondary">
              Back to the live text
            </Link>
          </div>

          {draft.state.kind === 'error' && <DraftUnavailable message={draft.state.message} />}
          {draft.state.kind !== 'error' && versions.state.kind === 'error' && (
            <StateMessage tone="error" title="The versions could not be loaded">
              {versions.state.message}
            </StateMessage>
          )}
          {draft.state.kind !== 'error' && list !== null && from === null && (
            <StateMessage title="No versions to compare yet">
              A redline compares a named version with another, or with the live text. The chair saves versions from the
              Versions tab of the draft.
            </StateMessage>
          )}
          {draft.state.kind !== 'error' && list !== null && from !== null && (
            <>
              <CompareControls
                versions={list}
                from={from}
                to={to}
                onChange={(nextFrom, nextTo) => choose({ from: nextFrom, to: nextTo })}
                layout={layout}
                onLayoutChange={(view) => choose({ view })}
                changesOnly={changesOnly}
                onChangesOnlyChange={setChangesOnly}
              />
              <Compared draftId={id} from={from} to={to} layout={layout} changesOnly={changesOnly} />
            </>
          )}
          {draft.state.kind !== 'error' && versions.state.kind === 'loading' && (
            <p className="muted">Loading the versions…</p>
          )}
        </main>
      </div>
    </TaxonomyProvider>
  );
}
