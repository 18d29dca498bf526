import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { DraftSummary } from '../shared/api';
import { DRAFT_ID_PATTERN } from '../shared/collab';
import { ApiError } from './api/ApiError';
import { getDraft } from './api/draftsApi';
import { useCollabSession, useCollabStatus } from './collab/useCollabSession';
import { usePresence } from './collab/usePresence';
import { AppHeader } from './components/AppHeader';
import { CommentsMargin } from './components/CommentsMargin';
import { ConnectionStatus } from './components/ConnectionStatus';
import { DraftWorkbench } from './components/DraftWorkbench';
import { PresenceList } from './components/PresenceList';
import { StateMessage } from './components/StateMessage';
import { useIdentity } from './identity/useIdentity';

type SummaryState = { kind: 'loading' } | { kind: 'found'; draft: DraftSummary } | { kind: 'missing' } | { kind: 'unavailable' };

/**
 * `/drafts/:id`. The text opens from this device's copy and the live connection at once; the
 * summary from the API only names the draft in the header. Only a definite "no such draft"
 * replaces the editor, so a reload while offline still opens the text.
 */
export function DraftPage() {
  const { id = '' } = useParams();
  const validId = DRAFT_ID_PATTERN.test(id);
  const [answer, setAnswer] = useState<{ id: string; state: SummaryState } | null>(null);
  const summary: SummaryState = answer?.id === id ? answer.state : { kind: 'loading' };

  useEffect(() => {
    if (!validId) return;
    const controller = new AbortController();
    getDraft(id, controller.signal)
      .then((draft) => setAnswer({ id, state: { kind: 'found', draft } }))
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        const missing = caught instanceof ApiError && caught.status === 404;
        setAnswer({ id, state: missing ? { kind: 'missing' } : { kind: 'unavailable' } });
      });
    return () => controller.abort();
  }, [id, validId]);

  if (!validId || summary.kind === 'missing') return <MissingDraft />;
  const title = summary.kind === 'found' ? summary.draft.title || 'Untitled draft' : null;
  return <DraftWorkspace key={id} draftId={id} title={title} />;
}

function MissingDraft() {
  return (
    <div className="app">
      <title>Draft not found · Accord</title>
      <AppHeader context="Draft not found" />
      <main className="page">
        <StateMessage
          tone="error"
          title="This draft does not exist or has been archived"
          action={
            <Link to="/" className="button button--secondary">
              Back to drafts
            </Link>
          }
        >
          Check the link you were sent. Archived drafts can be restored from the drafts list.
        </StateMessage>
      </main>
    </div>
  );
}

function DraftWorkspace({ draftId, title: summaryTitle }: { draftId: string; title: string | null }) {
  const session = useCollabSession(draftId);
  // Once the text is open the header follows its title node, live, as anyone edits it.
  const [liveTitle, setLiveTitle] = useState<string | null>(null);
  const title = liveTitle !== null && liveTitle.trim() !== '' ? liveTitle.trim() : summaryTitle;
  const status = useCollabStatus(session);
  const [identity] = useIdentity();
  const people = usePresence(session);
  const editable = status.hasContent && status.fatalError === null;
  // The editor may bind to the document only while it holds nothing unknown; once bound it stays
  // (unbound and read-only) if unknown content arrives later, so the text stays readable.
  const [editorShown, setEditorShown] = useState(false);
  const editorAllowed = session !== null && identity !== null && !status.contentRejected;
  if (editorAllowed && !editorShown) setEditorShown(true);

  return (
    <div className="app app--draft">
      <title>{`${title ?? 'Draft'} · Accord`}</title>
      <AppHeader
        context={<span className="app-header__draft-title">{title ?? 'Draft'}</span>}
        status={
          <>
            <ConnectionStatus status={status} />
            <PresenceList people={people} />
          </>
        }
        requireName
      />
      {status.fatalError !== null && (
        <div className="banner banner--error" role="alert">
          {status.fatalError}
        </div>
      )}
      {status.fatalError === null && status.notice !== null && (
        <div className="banner banner--notice" role="status">
          {status.notice}
        </div>
      )}
      <main className="draft-layout">
        {editorShown && session !== null && identity !== null ? (
          <DraftWorkbench session={session} identity={identity} editable={editable} onTitleChange={setLiveTitle} />
        ) : (
          <>
            <div className="draft-sidebar draft-sidebar--placeholder" aria-hidden="true" />
            <div className="draft-sheet">
              <article className="draft-paper" aria-label="Draft text">
                {!status.hasContent && status.fatalError === null && (
                  <p className="draft-paper__loading">
                    {status.connection === 'offline'
                      ? 'This draft is not on this device yet. It opens as soon as you are back online.'
                      : 'Opening the draft…'}
                  </p>
                )}
                {status.contentRejected && (
                  <p className="draft-paper__loading">The text cannot be shown in this version of Accord.</p>
                )}
              </article>
            </div>
            <CommentsMargin />
          </>
        )}
      </main>
    </div>
  );
}
