import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { DraftSummary } from '../shared/api';
import type { Pillar } from '../shared/pillars';
import { TaxonomyProvider, useLivePillars } from './pillars/DraftPillars';
import { DRAFT_ID_PATTERN } from '../shared/collab';
import { can, type Role } from '../shared/roles';
import { ApiError } from './api/ApiError';
import { draftExportUrl } from './api/exportLinks';
import { getDraft } from './api/draftsApi';
import { currentUserStore } from './auth/CurrentUserStore';
import { useSignedInUser } from './auth/signedInUser';
import { useCollabSession, useCollabStatus } from './collab/useCollabSession';
import { useEditRefusal } from './collab/useEditRefusal';
import { useKeptPlace } from './collab/useKeptPlace';
import { useWarnBeforeLeaving } from './collab/useWarnBeforeLeaving';
import { useLiveRole } from './collab/useLiveRole';
import { usePresence } from './collab/usePresence';
import { AppHeader } from './components/AppHeader';
import { CommentsMargin } from './components/CommentsMargin';
import { ConnectionStatus } from './components/ConnectionStatus';
import { DraftUnreadable } from './components/DraftUnreadable';
import { DraftWorkbench } from './components/DraftWorkbench';
import { EditRefusedBanner } from './components/EditRefusedBanner';
import { StorageUnavailableBanner } from './components/StorageUnavailableBanner';
import { UnsyncedChangesBanner } from './components/UnsyncedChangesBanner';
import { PresenceList } from './components/PresenceList';
import { SkipLink } from './components/SkipLink';
import { ReadOnlyNotice } from './components/ReadOnlyNotice';
import { BackToDrafts, StateMessage } from './components/StateMessage';
import { DRAFT_TEXT_ID, type CaretUser } from './editor/useDraftEditor';
import { reviewPath } from './review/reviewPaths';
import { ExportMenu } from './versions/ExportMenu';

type SummaryState =
  | { kind: 'loading' }
  | { kind: 'found'; draft: DraftSummary }
  | { kind: 'missing' }
  | { kind: 'forbidden'; message: string }
  | { kind: 'unavailable' };

/** How long to wait before asking again for a draft's summary the server could not give. */
const SUMMARY_RETRY_MS = 5000;

/**
 * The caret colour this page announces. The server stamps each person's own colour on their
 * presence before anyone sees it, so this one is never shown to anybody.
 */
const ANNOUNCED_CARET_COLOR = '#1d4ed8';

/**
 * `/drafts/:id`. The draft's summary from the API says whether the person may open it and with
 * which role; only then does the live connection open (a non-member gets a page saying so, not
 * a socket the server refuses). When the API cannot be reached the text still opens, from this
 * device's copy and the live connection, read-only until the role is known.
 */
export function DraftPage() {
  const { id = '' } = useParams();
  const validId = DRAFT_ID_PATTERN.test(id);
  const [attempt, setAttempt] = useState(0);
  const [answer, setAnswer] = useState<{ id: string; state: SummaryState } | null>(null);
  const summary: SummaryState = answer?.id === id ? answer.state : { kind: 'loading' };
  // A retry asks again without forgetting the last answer, so the page does not flicker.
  const request = `${id}#${attempt}`;

  useEffect(() => {
    if (!validId) return;
    const requestedId = request.slice(0, request.lastIndexOf('#'));
    const controller = new AbortController();
    getDraft(requestedId, controller.signal)
      .then((draft) => setAnswer({ id: requestedId, state: { kind: 'found', draft } }))
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        let state: SummaryState = { kind: 'unavailable' };
        if (caught instanceof ApiError && caught.status === 404) state = { kind: 'missing' };
        if (caught instanceof ApiError && caught.status === 403) state = { kind: 'forbidden', message: caught.message };
        setAnswer({ id: requestedId, state });
      });
    return () => controller.abort();
  }, [request, validId]);

  useEffect(() => {
    if (answer?.state.kind !== 'unavailable') return;
    const timer = setTimeout(() => setAttempt((n) => n + 1), SUMMARY_RETRY_MS);
    return () => clearTimeout(timer);
  }, [answer]);

  if (!validId || summary.kind === 'missing') return <MissingDraft />;
  if (summary.kind === 'forbidden') return <NotAMember message={summary.message} />;
  if (summary.kind === 'loading') return <OpeningDraft />;
  const draft = summary.kind === 'found' ? summary.draft : null;
  return (
    <DraftWorkspace
      key={id}
      draftId={id}
      title={draft ? draft.title || 'Untitled draft' : null}
      role={draft?.role ?? null}
      pillars={draft?.pillars ?? null}
    />
  );
}

function MissingDraft() {
  return (
    <div className="app">
      <title>Draft not found · Accord</title>
      <AppHeader context="Draft not found" />
      <main className="page">
        <StateMessage tone="error" title="This draft does not exist or has been archived" action={<BackToDrafts />}>
          Check the link you were sent. Archived drafts can be restored from the drafts list.
        </StateMessage>
      </main>
    </div>
  );
}

function NotAMember({ message }: { message: string }) {
  return (
    <div className="app">
      <title>Not a member · Accord</title>
      <AppHeader context="Draft" />
      <main className="page">
        <StateMessage
          tone="error"
          title="You are not a member of this draft"
          action={
            <Link to="/" className="button button--secondary">
              Back to your drafts
            </Link>
          }
        >
          <span data-testid="not-a-member">{message}</span>
        </StateMessage>
      </main>
    </div>
  );
}

function OpeningDraft() {
  return (
    <div className="app app--draft" aria-busy="true">
      <title>Draft · Accord</title>
      <AppHeader context={<span className="app-header__draft-title">Draft</span>} />
      <main className="draft-layout">
        <div className="draft-sidebar draft-sidebar--placeholder" aria-hidden="true" />
        <div className="draft-sheet">
          <article className="draft-paper" aria-label="Draft text">
            <p className="draft-paper__loading">Opening the draft…</p>
          </article>
        </div>
      </main>
    </div>
  );
}

function DraftWorkspace({
  draftId,
  title: summaryTitle,
  role: summaryRole,
  pillars: summaryPillars,
}: {
  draftId: string;
  title: string | null;
  role: Role | null;
  pillars: readonly Pillar[] | null;
}) {
  const me = useSignedInUser();
  const [generation, setGeneration] = useState(0);
  const session = useCollabSession(draftId, generation);
  const refusal = useEditRefusal(session);
  // The local copy was discarded after a refused change: start again from the server's text.
  if (refusal.generation !== generation) setGeneration(refusal.generation);
  const role = useLiveRole(session, summaryRole);
  const taxonomy = useLivePillars(session, summaryPillars);
  // Once the text is open the header follows its title node, live, as anyone edits it.
  const [liveTitle, setLiveTitle] = useState<string | null>(null);
  const title = liveTitle !== null && liveTitle.trim() !== '' ? liveTitle.trim() : summaryTitle;
  const status = useCollabStatus(session);
  useWarnBeforeLeaving(status.unsyncedChanges > 0);
  const people = usePresence(session);
  const mayEdit = can(role ?? undefined, 'draft:edit-text');
  const editable = mayEdit && status.hasContent && status.fatalError === null && status.unreadable === null;
  const caretUser = useMemo<CaretUser>(() => ({ name: me.name, color: ANNOUNCED_CARET_COLOR }), [me.name]);
  // The editor binds to the document once it has content (this device's copy, or the server's) and
  // only while it holds nothing unknown; once bound it stays (unbound and read-only) if unknown
  // content arrives later, so the text stays readable. A text the server says it cannot read is
  // never bound: the editor goes, and the page says why.
  const [editorShown, setEditorShown] = useState<typeof session>(null);
  const editorAllowed = session !== null && status.hasContent && !status.contentRejected && status.unreadable === null;
  if (editorAllowed && editorShown !== session) setEditorShown(session);
  const workbenchShown = editorShown !== null && editorShown === session && status.unreadable === null;
  useKeptPlace(generation, refusal.place, workbenchShown);

  // A session that ends for good may mean the person was signed out: if so, sign-in takes over.
  useEffect(() => {
    if (status.fatalError !== null) void currentUserStore.load(true);
  }, [status.fatalError]);

  return (
    <TaxonomyProvider taxonomy={taxonomy}>
      <div className="app app--draft">
        <title>{`${title ?? 'Draft'} · Accord`}</title>
        <SkipLink targetId={DRAFT_TEXT_ID}>Skip to the text</SkipLink>
        <AppHeader
          context={<span className="app-header__draft-title">{title ?? 'Draft'}</span>}
          status={
            <>
              <ConnectionStatus status={status} />
              <PresenceList people={people} />
              <Link
                to={reviewPath(draftId)}
                className="button button--secondary app-header__review"
                data-testid="open-review"
              >
                Periodic review
              </Link>
              <ExportMenu
                offerNegotiation
                subject="the live text"
                hrefFor={(format, options) => draftExportUrl(draftId, format, options)}
                file={{ title: title ?? '', versionLabel: null }}
              />
            </>
          }
          role={role}
        />
        {status.fatalError !== null && (
          <div className="banner banner--error" role="alert" data-testid="fatal-error">
            {status.fatalError}
          </div>
        )}
        {status.fatalError === null && status.notice !== null && (
          <div className="banner banner--notice" role="status">
            {status.notice}
          </div>
        )}
        {status.fatalError === null && !mayEdit && <ReadOnlyNotice role={role} affiliation={me.affiliation} />}
        {status.fatalError === null && status.cannotSave && <StorageUnavailableBanner />}
        {status.fatalError === null && <UnsyncedChangesBanner status={status} />}
        {refusal.refusal !== null && <EditRefusedBanner refusal={refusal.refusal} onDismiss={refusal.dismiss} />}
        <main className="draft-layout">
          {workbenchShown ? (
            <DraftWorkbench
              session={session}
              identity={caretUser}
              role={role}
              editable={editable}
              onTitleChange={setLiveTitle}
            />
          ) : (
            <>
              <div className="draft-sidebar draft-sidebar--placeholder" aria-hidden="true" />
              <div className="draft-sheet">
                <article className="draft-paper" aria-label="Draft text">
                  {status.unreadable !== null && (
                    <DraftUnreadable
                      draftId={draftId}
                      reason={status.unreadable}
                      mayRestore={can(role ?? undefined, 'version:manage')}
                    />
                  )}
                  {status.unreadable === null && !status.hasContent && status.fatalError === null && (
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
    </TaxonomyProvider>
  );
}
