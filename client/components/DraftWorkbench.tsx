import { EditorContent } from '@tiptap/react';
import { useCallback, useEffect, useMemo, useState, type CSSProperties } from 'react';
import { useNavigate } from 'react-router';
import type { PillarKey } from '../../shared/pillars';
import { useTaxonomy } from '../pillars/DraftPillars';
import type { Role } from '../../shared/roles';
import { useSignedInUser } from '../auth/signedInUser';
import type { CollabSession } from '../collab/CollabSession';
import { CommentPeriodBanner } from '../comments/CommentPeriodBanner';
import { useCommentStore, useCommentsState } from '../comments/useCommentStore';
import { usePresence } from '../collab/usePresence';
import { DraftOutlineStore } from '../editor/DraftOutlineStore';
import { textPermissionsOf } from '../editor/textPermissions';
import type { ClauseAmendmentsBadge } from '../editor/renderClauseGutter';
import { useDraftEditor, type CaretUser } from '../editor/useDraftEditor';
import { useCurrentClauseId, useDraftOutline } from '../editor/useDraftOutline';
import { clauseAmendmentBadges } from '../review/clauseAmendmentBadges';
import { proposeAction } from '../review/amendmentActions';
import { cyclePath } from '../review/reviewPaths';
import { useFollowedReview } from '../review/useFollowedReview';
import { ClauseMenu, anchorOf, type MenuAnchor } from './ClauseMenu';
import { MarkersPanel } from '../suggestions/MarkersPanel';
import { SuggestionsPanel } from '../suggestions/SuggestionsPanel';
import { bracketsByDelegation, markerTitles, useMarkers } from '../suggestions/useMarkers';
import { useSuggestions } from '../suggestions/useSuggestions';
import { ClauseToolbar } from './ClauseToolbar';
import { CommentsMargin } from './CommentsMargin';
import { DraftSidebar } from './DraftSidebar';
import { FootnoteEditor } from './FootnoteEditor';
import { FootnoteList } from './FootnoteList';
import { LiveAnnouncer } from './LiveAnnouncer';
import { OutlineProblems } from './OutlineProblems';

/** Props of {@link DraftWorkbench}. */
export interface DraftWorkbenchProps {
  session: CollabSession;
  identity: CaretUser;
  /** The person's role on the draft (null while unknown), for the panels that depend on it. */
  role: Role | null;
  /** Whether the person may type now (their role allows it, content has arrived, the session is not halted). */
  editable: boolean;
  /** Called with the text of the title node whenever it changes, for the header. */
  onTitleChange: (title: string) => void;
}

const NO_BADGES: ReadonlyMap<string, ClauseAmendmentsBadge> = new Map();

/**
 * An open draft laid out for work: the outline and pillar panels, the clause toolbar and the
 * live text with its numbered gutter and its footnotes' notes (with the footnote form), and the
 * comments margin. The panels, toolbar, notes and header all read one outline derived from the
 * editor at most once per frame; the Review tab and the gutter's amendment badges read one live
 * periodic review.
 */
export function DraftWorkbench({ session, identity, role, editable, onTitleChange }: DraftWorkbenchProps) {
  const permissions = useMemo(() => textPermissionsOf(role), [role]);
  const [suggestRefusal, setSuggestRefusal] = useState<string | null>(null);
  const taxonomy = useTaxonomy();
  const editor = useDraftEditor(session, identity, editable, permissions, taxonomy, setSuggestRefusal);
  const store = useMemo(() => new DraftOutlineStore(editor), [editor]);
  const outline = useDraftOutline(store);
  const currentClauseId = useCurrentClauseId(store);
  const comments = useCommentStore(session);
  const commentsState = useCommentsState(comments);
  const people = usePresence(session);
  const me = useSignedInUser();
  const liveSnapshot = useMemo(
    () =>
      commentsState.phase === 'ready'
        ? { people: people.map((person) => person.name), comments: commentsState.comments, clauses: outline.clauses }
        : null,
    [people, commentsState, outline.clauses],
  );
  const review = useFollowedReview(session, me.affiliation.id);
  // Readers see suggestions and brackets in the text, live; only those who act on them keep the lists fresh while others type.
  const suggestions = useSuggestions(session, permissions.editText);
  const markers = useMarkers(session, permissions.editText);
  useEffect(() => {
    if (!editor.isDestroyed) editor.commands.setMarkerTitles(markerTitles(markers));
  }, [editor, markers]);

  useEffect(() => {
    if (!editor.isDestroyed) editor.commands.setSuggester({ userId: me.id, affiliationId: me.affiliation.id });
  }, [editor, me.id, me.affiliation.id]);
  useEffect(() => {
    if (!editor.isDestroyed) editor.commands.setFacilitatorMode(suggestions.facilitatorMode);
  }, [editor, suggestions.facilitatorMode]);
  useEffect(() => {
    if (suggestRefusal === null) return;
    const timer = setTimeout(() => setSuggestRefusal(null), 6000);
    return () => clearTimeout(timer);
  }, [suggestRefusal]);
  const navigate = useNavigate();
  const [filter, setFilter] = useState<PillarKey | null>(null);
  const [menu, setMenu] = useState<{ clauseId: string; anchor: MenuAnchor } | null>(null);

  useEffect(() => {
    if (!editor.isDestroyed) editor.commands.setPillarFilter(filter);
  }, [editor, filter]);

  useEffect(() => onTitleChange(outline.title), [outline.title, onTitleChange]);

  // Each clause's gutter shows the amendments tabled against it in the review under way, linking
  // to them; once the review is closed they are history (the Review tab still lists them).
  const draftId = session.draftId;
  const cycleId = review.cycle?.id ?? null;
  const followedReview = review.review?.phase === 'ready' ? review.review : null;
  const amendments =
    followedReview !== null && followedReview.cycle?.phase !== 'closed' ? followedReview.amendments : null;
  // A delegation starts an amendment from a clause's menu while the review takes submissions.
  const reviewCycle = review.cycle;
  const proposing =
    reviewCycle !== null &&
    proposeAction(reviewCycle, { role, affiliation: { id: me.affiliation.id, kind: me.affiliation.kind } })?.enabled
      ? reviewCycle.id
      : null;
  const badges = useMemo(
    () =>
      cycleId === null || amendments === null
        ? NO_BADGES
        : clauseAmendmentBadges(amendments, (clauseId) => cyclePath(draftId, cycleId, { clause: clauseId })),
    [draftId, cycleId, amendments],
  );
  useEffect(() => {
    if (!editor.isDestroyed) editor.commands.setClauseAmendments(badges);
  }, [editor, badges]);

  // The gutter is drawn by ProseMirror, outside React: its number buttons open the menu, its
  // amendment badges go to the review within the app (a modified click is left to the browser).
  useEffect(() => {
    const dom = editor.view.dom;
    const onClick = (event: MouseEvent) => {
      const target = event.target instanceof Element ? event.target : null;
      const link = target?.closest<HTMLAnchorElement>('a[data-clause-amendments]');
      if (link) {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        void navigate(link.getAttribute('href') ?? '');
        return;
      }
      const button = target?.closest<HTMLElement>('[data-clause-menu]');
      const clauseId = button?.dataset.clauseMenu;
      if (!button || !clauseId) return;
      event.preventDefault();
      setMenu({ clauseId, anchor: anchorOf(button) });
    };
    dom.addEventListener('click', onClick);
    return () => dom.removeEventListener('click', onClick);
  }, [editor, navigate]);

  const selectClause = useCallback((clauseId: string) => editor.commands.focusClause(clauseId), [editor]);
  const selectFootnote = useCallback((number: number) => editor.commands.focusFootnote(number), [editor]);
  const openMenu = useCallback((clauseId: string, anchor: MenuAnchor) => setMenu({ clauseId, anchor }), []);
  const closeMenu = useCallback(
    (returnFocus: boolean) => {
      setMenu(null);
      if (returnFocus && !editor.isDestroyed) editor.commands.focus();
    },
    [editor],
  );

  const current =
    currentClauseId === null ? null : (outline.clauses.find((clause) => clause.id === currentClauseId) ?? null);
  const menuClause = menu === null ? undefined : outline.clauses.find((clause) => clause.id === menu.clauseId);

  return (
    <>
      <LiveAnnouncer snapshot={liveSnapshot} readerId={me.id} />
      <CommentPeriodBanner store={comments} />
      <DraftSidebar
        outline={outline}
        currentClauseId={currentClauseId}
        filter={filter}
        onFilterChange={setFilter}
        onSelectClause={selectClause}
        session={session}
        role={role}
        review={review}
        openBrackets={markers.counts.byPillar}
        bracketsByDelegation={bracketsByDelegation(markers)}
      />
      <div className="draft-sheet">
        <OutlineProblems problems={outline.problems} />
        <article className="draft-paper" aria-label="Draft text">
          <ClauseToolbar
            editor={editor}
            clause={current}
            editable={editable}
            permissions={permissions}
            onOpenMenu={openMenu}
          />
          <SuggestionsPanel
            editor={editor}
            draftId={draftId}
            role={role}
            me={{ id: me.id, affiliationId: me.affiliation.id }}
            clause={current === null ? null : { id: current.id, number: current.number }}
            suggestions={suggestions}
            refusal={suggestRefusal}
          />
          <MarkersPanel
            editor={editor}
            draftId={draftId}
            role={role}
            me={{ id: me.id, affiliationId: me.affiliation.id }}
            clause={current === null ? null : { id: current.id, number: current.number }}
            markers={markers}
          />
          <EditorContent
            editor={editor}
            className="draft-editor"
            data-testid="editor"
            data-pillar-filter={filter ?? undefined}
            style={filter ? ({ '--filter-color': taxonomy.pillar(filter)?.color } as CSSProperties) : undefined}
          />
          <FootnoteList footnotes={outline.footnotes} onSelect={selectFootnote} />
        </article>
      </div>
      <CommentsMargin comments={{ store: comments, editor, outline }} />
      <FootnoteEditor editor={editor} editable={editable} permissions={permissions} />
      {menu !== null && menuClause !== undefined && (
        <ClauseMenu
          key={menu.clauseId}
          editor={editor}
          clause={menuClause}
          anchor={menu.anchor}
          editable={editable}
          permissions={permissions}
          proposeAmendmentPath={
            proposing !== null ? cyclePath(draftId, proposing, { clause: menuClause.id, propose: true }) : null
          }
          onClose={closeMenu}
        />
      )}
    </>
  );
}
