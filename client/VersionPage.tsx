import { TaxonomyProvider, useTaxonomyOf } from './pillars/DraftPillars';
import { Link, useParams } from 'react-router';
import { LIVE } from './api/compareApi';
import { getDraft } from './api/draftsApi';
import { draftExportUrl } from './api/exportLinks';
import { useApiQuery } from './api/useApiQuery';
import { getVersion } from './api/versionsApi';
import { AppHeader } from './components/AppHeader';
import { StateMessage } from './components/StateMessage';
import { ExportMenu } from './versions/ExportMenu';
import { ReadOnlyDraftText } from './versions/ReadOnlyDraftText';
import { VersionBanner } from './versions/VersionBanner';
import { comparePath, draftPath } from './versions/versionPaths';

/**
 * `/drafts/:id/versions/:versionId`: one named version of a draft, read-only, with the same
 * numbers, letters, pillar chips and status badges as the live editor; its exports; and a way
 * to compare it with the live text. Any member may open it.
 */
export function VersionPage() {
  const { id = '', versionId = '' } = useParams();
  const draft = useApiQuery(`draft:${id}`, (signal) => getDraft(id, signal), 'The draft could not be loaded.');
  const version = useApiQuery(
    `version:${id}:${versionId}`,
    (signal) => getVersion(id, versionId, signal),
    'The version could not be loaded.',
  );
  // Its tags named as they were when it was taken, whatever became of the pillars since.
  const taxonomy = useTaxonomyOf(version.state.kind === 'ready' ? version.state.data.pillars : null);
  const title = draft.state.kind === 'ready' ? draft.state.data.title || 'Untitled draft' : 'Draft';
  const label = version.state.kind === 'ready' ? version.state.data.version.label : 'Version';

  return (
    <TaxonomyProvider taxonomy={taxonomy}>
      <div className="app">
        <title>{`${label} · ${title} · Accord`}</title>
        <AppHeader
          context={
            <>
              <Link to={draftPath(id)} className="app-header__draft-title app-header__link">
                {title}
              </Link>
              <span className="app-header__separator" aria-hidden="true">
                {' / '}
              </span>
              {label}
            </>
          }
          role={draft.state.kind === 'ready' ? draft.state.data.role : null}
        />
        <main className="version-page">
          {version.state.kind === 'loading' && <p className="muted">Opening the version…</p>}
          {version.state.kind === 'error' && (
            <StateMessage
              tone="error"
              title="This version cannot be opened"
              action={
                <Link to={draftPath(id)} className="button button--secondary">
                  Back to the draft
                </Link>
              }
            >
              {version.state.message}
            </StateMessage>
          )}
          {version.state.kind === 'ready' && (
            <>
              <VersionBanner
                version={version.state.data.version}
                actions={
                  <>
                    <ExportMenu
                      offerNegotiation
                      subject={version.state.data.version.label}
                      hrefFor={(format, options) => draftExportUrl(id, format, { ...options, versionId })}
                      file={{ title: version.state.data.outline.title, versionLabel: version.state.data.version.label }}
                    />
                    <Link
                      to={comparePath(id, versionId, LIVE)}
                      className="button button--secondary"
                      data-testid="version-compare-live"
                    >
                      Compare with live text
                    </Link>
                    <Link to={draftPath(id)} className="button button--quiet">
                      Back to the live text
                    </Link>
                  </>
                }
              />
              <article
                className="draft-paper version-page__paper"
                aria-label={`Text of ${version.state.data.version.label}`}
              >
                <ReadOnlyDraftText
                  document={version.state.data.document}
                  label={`Text of ${version.state.data.version.label}`}
                />
              </article>
            </>
          )}
        </main>
      </div>
    </TaxonomyProvider>
  );
}
