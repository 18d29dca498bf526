import type { Editor } from '@tiptap/core';
import { useEffect, useRef, type CSSProperties, type MouseEvent } from 'react';
import { CLAUSE_STATUSES, CLAUSE_STATUS_LABELS, isClauseStatus } from '../../shared/clauses';
import type { OutlineClause } from '../../shared/outline';
import { useTaxonomy } from '../pillars/DraftPillars';
import { useEditorState } from '@tiptap/react';
import { caretStructure } from '../editor/caretStructure';
import { FOCUS_CLAUSE_TOOLBAR_EVENT, INDENT_SHORTCUT, OUTDENT_SHORTCUT } from '../editor/ClauseKeymap';
import type { TextPermissions } from '../editor/textPermissions';
import { useLockedOperations } from '../editor/useLockedOperations';
import { anchorOf, type MenuAnchor } from './ClauseMenu';
import { shortcutLabel } from './shortcutLabel';
import { StructureControls } from './StructureControls';

/** Props of {@link ClauseToolbar}. */
export interface ClauseToolbarProps {
  editor: Editor;
  /** The clause holding the caret, or null (caret in the title). */
  clause: OutlineClause | null;
  editable: boolean;
  /** What the person's role may change: the status control is only for those who may agree text. */
  permissions: TextPermissions;
  onOpenMenu: (clauseId: string, anchor: MenuAnchor) => void;
}

/** Keeps the caret in the text when a toolbar button is pressed with the mouse. */
function keepEditorFocus(event: MouseEvent): void {
  event.preventDefault();
}

/** Why moving or indenting is disabled when it would change an agreed clause. */
const LOCKED_TITLE = 'This would change an agreed clause; only the chair can.';

/**
 * The bar above the text for the clause with the caret: its number (and the point's reference)
 * and pillars in words, the clause menu, its status (a control for those who may agree text, a
 * label for the others), moving it, and, on a second row, the structure around the caret (points,
 * footnotes, headings, the formula, annexes: see `StructureControls`). Alt-F10 in the text moves the focus here; Escape goes back to
 * the text.
 */
export function ClauseToolbar({ editor, clause, editable, permissions, onOpenMenu }: ClauseToolbarProps) {
  const ref = useRef<HTMLDivElement>(null);
  const taxonomy = useTaxonomy();
  const disabled = !editable || clause === null;
  const locked = useLockedOperations(editor, permissions);
  const structure = useEditorState({
    editor,
    selector: ({ editor: current }) => caretStructure(current.state, permissions),
  });
  const status = clause !== null && isClauseStatus(clause.status) ? clause.status : 'open';

  useEffect(() => {
    const dom = editor.view.dom;
    const focusToolbar = () =>
      ref.current?.querySelector<HTMLElement>('button:not(:disabled), select:not(:disabled)')?.focus();
    dom.addEventListener(FOCUS_CLAUSE_TOOLBAR_EVENT, focusToolbar);
    return () => dom.removeEventListener(FOCUS_CLAUSE_TOOLBAR_EVENT, focusToolbar);
  }, [editor]);

  return (
    <div
      ref={ref}
      className="clause-toolbar"
      role="toolbar"
      aria-label={clause ? `Clause ${clause.number}` : 'Clause'}
      data-testid="clause-toolbar"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          editor.commands.focus();
        }
      }}
    >
      {clause === null ? (
        structure.where === 'division' ? (
          <>
            <span className="clause-toolbar__number" data-testid="toolbar-number">
              {structure.reference}
            </span>
            <span className="clause-toolbar__hint">
              Heading: type its title; {shortcutLabel(INDENT_SHORTCUT)} makes it a section,{' '}
              {shortcutLabel(OUTDENT_SHORTCUT)} a part.
            </span>
          </>
        ) : (
          <span className="clause-toolbar__hint">Put the caret in a clause to tag, move or agree it.</span>
        )
      ) : (
        <>
          <span className="clause-toolbar__number" data-testid="toolbar-number">
            {clause.number}
          </span>
          {structure.where === 'point' && (
            <span className="clause-toolbar__point" data-testid="toolbar-point" title="The point with the caret">
              {structure.reference}
            </span>
          )}
          <span className="clause-toolbar__chips">
            {clause.pillars.length === 0 ? (
              <span className="clause-toolbar__none">No pillar yet</span>
            ) : (
              clause.pillars.map((key) => (
                <span
                  key={key}
                  className="label-chip"
                  style={{ '--pillar-color': taxonomy.pillar(key)?.color } as CSSProperties}
                >
                  {taxonomy.label(key)}
                </span>
              ))
            )}
          </span>
        </>
      )}
      <span className="clause-toolbar__controls">
        <button
          type="button"
          className="toolbar-button"
          disabled={disabled}
          aria-haspopup="dialog"
          data-testid="toolbar-menu"
          onMouseDown={keepEditorFocus}
          onClick={(event) => clause && onOpenMenu(clause.id, anchorOf(event.currentTarget))}
        >
          Pillars…
        </button>
        {permissions.setStatus ? (
          <select
            className="toolbar-select"
            aria-label="Status"
            data-testid="toolbar-status-control"
            disabled={disabled}
            value={status}
            onChange={(event) => {
              if (clause && isClauseStatus(event.target.value))
                editor.chain().setClauseStatus(event.target.value, clause.id).focus().run();
            }}
          >
            {CLAUSE_STATUSES.map((option) => (
              <option key={option} value={option}>
                {CLAUSE_STATUS_LABELS[option]}
              </option>
            ))}
          </select>
        ) : (
          clause !== null && (
            <span
              className={`clause-toolbar__status clause-toolbar__status--${status}`}
              data-testid="toolbar-status"
              data-status={status}
              title="Only the chair agrees clauses or reopens them."
            >
              {CLAUSE_STATUS_LABELS[status]}
            </span>
          )
        )}
        <button
          type="button"
          className="toolbar-button toolbar-button--icon"
          disabled={disabled || locked.moveUp}
          aria-label={`Move up (${shortcutLabel('Mod-Alt-ArrowUp')})`}
          title={locked.moveUp ? LOCKED_TITLE : `Move up (${shortcutLabel('Mod-Alt-ArrowUp')})`}
          onMouseDown={keepEditorFocus}
          onClick={() => editor.chain().focus().moveClause('up').run()}
        >
          ↑
        </button>
        <button
          type="button"
          className="toolbar-button toolbar-button--icon"
          disabled={disabled || locked.moveDown}
          aria-label={`Move down (${shortcutLabel('Mod-Alt-ArrowDown')})`}
          title={locked.moveDown ? LOCKED_TITLE : `Move down (${shortcutLabel('Mod-Alt-ArrowDown')})`}
          onMouseDown={keepEditorFocus}
          onClick={() => editor.chain().focus().moveClause('down').run()}
        >
          ↓
        </button>
      </span>
      <StructureControls editor={editor} structure={structure} editable={editable} permissions={permissions} />
    </div>
  );
}
