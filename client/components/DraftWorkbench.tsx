import { EditorContent } from '@tiptap/react';
import { useCallback, useEffect, useMemo, useState, type CSSProperties } from 'react';
import { pillarByKey, type PillarKey } from '../../shared/pillars';
import type { Role } from '../../shared/roles';
import type { CollabSession } from '../collab/CollabSession';
import { CommentPeriodBanner } from '../comments/CommentPeriodBanner';
import { useCommentStore } from '../comments/useCommentStore';
import { DraftOutlineStore } from '../editor/DraftOutlineStore';
import { useDraftEditor, type CaretUser } from '../editor/useDraftEditor';
import { useCurrentClauseId, useDraftOutline } from '../editor/useDraftOutline';
import { ClauseMenu, anchorOf, type MenuAnchor } from './ClauseMenu';
import { ClauseToolbar } from './ClauseToolbar';
import { CommentsMargin } from './CommentsMargin';
import { DraftSidebar } from './DraftSidebar';
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

/**
 * An open draft laid out for work: the outline and pillar panels, the clause toolbar and the
 * live text with its numbered gutter, and the comments margin. The panels, toolbar and header
 * all read one outline derived from the editor at most once per frame.
 */
export function DraftWorkbench({ session, identity, role, editable, onTitleChange }: DraftWorkbenchProps) {
  const editor = useDraftEditor(session, identity, editable);
  const store = useMemo(() => new DraftOutlineStore(editor), [editor]);
  const outline = useDraftOutline(store);
  const currentClauseId = useCurrentClauseId(store);
  const comments = useCommentStore(session);
  const [filter, setFilter] = useState<PillarKey | null>(null);
  const [menu, setMenu] = useState<{ clauseId: string; anchor: MenuAnchor } | null>(null);

  useEffect(() => {
    if (!editor.isDestroyed) editor.commands.setPillarFilter(filter);
  }, [editor, filter]);

  useEffect(() => onTitleChange(outline.title), [outline.title, onTitleChange]);

  // The gutter is drawn by ProseMirror, outside React: its number buttons open the menu.
  useEffect(() => {
    const dom = editor.view.dom;
    const onClick = (event: MouseEvent) => {
      const button = event.target instanceof Element ? event.target.closest<HTMLElement>('[data-clause-menu]') : null;
      const clauseId = button?.dataset.clauseMenu;
      if (!button || !clauseId) return;
      event.preventDefault();
      setMenu({ clauseId, anchor: anchorOf(button) });
    };
    dom.addEventListener('click', onClick);
    return () => dom.removeEventListener('click', onClick);
  }, [editor]);

  const selectClause = useCallback((clauseId: string) => editor.commands.focusClause(clauseId), [editor]);
  const openMenu = useCallback((clauseId: string, anchor: MenuAnchor) => setMenu({ clauseId, anchor }), []);
  const closeMenu = useCallback(
    (returnFocus: boolean) => {
      setMenu(null);
      if (returnFocus && !editor.isDestroyed) editor.commands.focus();
    },
    [editor],
  );

  const current = currentClauseId === null ? null : (outline.clauses.find((clause) => clause.id === currentClauseId) ?? null);
  const menuClause = menu === null ? undefined : outline.clauses.find((clause) => clause.id === menu.clauseId);

  return (
    <>
      <CommentPeriodBanner store={comments} />
      <DraftSidebar outline={outline} currentClauseId={currentClauseId} filter={filter} onFilterChange={setFilter} onSelectClause={selectClause} session={session} role={role} />
      <div className="draft-sheet">
        <OutlineProblems problems={outline.problems} />
        <article className="draft-paper" aria-label="Draft text">
          <ClauseToolbar editor={editor} clause={current} editable={editable} onOpenMenu={openMenu} />
          <EditorContent
            editor={editor}
            className="draft-editor"
            data-testid="editor"
            data-pillar-filter={filter ?? undefined}
            style={filter ? ({ '--filter-color': pillarByKey(filter)?.color } as CSSProperties) : undefined}
          />
        </article>
      </div>
      <CommentsMargin comments={{ store: comments, editor, outline }} />
      {menu !== null && menuClause !== undefined && (
        <ClauseMenu key={menu.clauseId} editor={editor} clause={menuClause} anchor={menu.anchor} editable={editable} onClose={closeMenu} />
      )}
    </>
  );
}
