import { TaxonomyProvider, useTaxonomyOf } from './pillars/DraftPillars';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { ApiError } from './api/ApiError';
import { publicExportUrl } from './api/exportLinks';
import { getPublicVersion, type PublicVersion } from './api/publicVersionsApi';
import { AppHeader } from './components/AppHeader';
import { StateMessage, LoadFailed } from './components/StateMessage';
import { ExportMenu } from './versions/ExportMenu';
import { ReadOnlyDraftText } from './versions/ReadOnlyDraftText';
import { VersionBanner } from './versions/VersionBanner';

type PublicState =
  | { kind: 'loading' }
  | { kind: 'ready'; published: PublicVersion }
  | { kind: 'missing' }
  | { kind: 'error'; message: string };

/**
 * `/public/versions/:versionId`: a version the chair published, for anyone with the link, signed
 * in or not: the title, the version, its text read-only and its exports. A version that does not
 * exist or is not (or no longer) published is the same "not published" page, as the API's 404
 * is the same for both.
 */
export function PublicVersionPage() {
  const { versionId = '' } = useParams();
  const [attempt, setAttempt] = useState(0);
  const [answer, setAnswer] = useState<{ request: string; state: PublicState } | null>(null);
  const request = `${versionId}#${attempt}`;
  const state: PublicState = answer?.request === request ? answer.state : { kind: 'loading' };

  useEffect(() => {
    const controller = new AbortController();
    getPublicVersion(request.slice(0, request.lastIndexOf('#')), controller.signal)
      .then((published) => setAnswer({ request, state: { kind: 'ready', published } }))
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        if (caught instanceof ApiError && caught.status === 404) setAnswer({ request, state: { kind: 'missing' } });
        else
          setAnswer({
            request,
            state: {
              kind: 'error',
              message: caught instanceof ApiError ? caught.message : 'The text could not be loaded.',
            },
          });
      });
    return () => controller.abort();
  }, [request]);

  const title = state.kind === 'ready' ? state.published.title || 'Untitled draft' : 'Published text';
  const taxonomy = useTaxonomyOf(state.kind === 'ready' ? state.published.pillars : null);
  return (
    <div className="app">
      <title>
        {state.kind === 'ready' ? `${title}, ${state.published.version.label} · Accord` : 'Published text · Accord'}
      </title>
      <AppHeader context={<span className="app-header__draft-title">{title}</span>} />
      <main className="version-page">
        {state.kind === 'loading' && <p className="muted">Opening the published text…</p>}
        {state.kind === 'missing' && (
          <div data-testid="public-version-missing">
            <StateMessage tone="error" title="This text is not published">
              There is no published version at this address. The chair may have withdrawn it, or the link may be
              incomplete; ask whoever sent it to you.
            </StateMessage>
          </div>
        )}
        {state.kind === 'error' && (
          <LoadFailed
            title="The text could not be loaded"
            message={state.message}
            onRetry={() => setAttempt((n) => n + 1)}
          />
        )}
        {state.kind === 'ready' && (
          <>
            <VersionBanner
              version={state.published.version}
              lede={<>Published text of “{title}”: fixed as it was saved.</>}
              actions={
                <ExportMenu
                  subject={state.published.version.label}
                  hrefFor={(format, options) => publicExportUrl(versionId, format, options)}
                  file={{ title: state.published.title, versionLabel: state.published.version.label }}
                />
              }
            />
            <article
              className="draft-paper version-page__paper"
              aria-label={`Text of ${state.published.version.label}`}
            >
              <TaxonomyProvider taxonomy={taxonomy}>
                <ReadOnlyDraftText
                  document={state.published.document}
                  label={`Text of ${state.published.version.label}`}
                />
              </TaxonomyProvider>
            </article>
          </>
        )}
      </main>
    </div>
  );
}
