import type { Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';
import { useEffect, useLayoutEffect, useRef, useState, type CSSProperties } from 'react';
import { createPortal } from 'react-dom';
import { Link } from 'react-router';
import { CLAUSE_STATUSES, CLAUSE_STATUS_LABELS, clauseNumber, isClauseStatus } from '../../shared/clauses';
import type { OutlineClause } from '../../shared/outline';
import { useTaxonomy } from '../pillars/DraftPillars';
import type { Transaction } from '@tiptap/pm/state';
import { moveClause, toggleSubparagraph } from '../editor/clauseEditing';
import { INDENT_SHORTCUT, OUTDENT_SHORTCUT } from '../editor/ClauseKeymap';
import { clauseAround, clausePillars, findClauseById } from '../editor/findClause';
import { pointOfCaret } from '../editor/pointEditing';
import type { TextPermissions } from '../editor/textPermissions';
import { useLockedOperations } from '../editor/useLockedOperations';
import { firstWords } from './firstWords';
import { shortcutLabel } from './shortcutLabel';

/** Where the menu opens: the rectangle of what opened it, in page coordinates. */
export interface MenuAnchor {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** The page-coordinate rectangle of an element, to anchor the menu on. */
export function anchorOf(element: Element): MenuAnchor {
  const rect = element.getBoundingClientRect();
  return {
    top: rect.top + window.scrollY,
    bottom: rect.bottom + window.scrollY,
    left: rect.left + window.scrollX,
    right: rect.right + window.scrollX,
  };
}

/** Props of {@link ClauseMenu}. */
export interface ClauseMenuProps {
  editor: Editor;
  /** The clause, live from the outline: the menu follows changes made by anyone while it is open. */
  clause: OutlineClause;
  anchor: MenuAnchor;
  /** Whether the text may be changed now. */
  editable: boolean;
  /** What the person's role may change: only those who may agree text get the status choice. */
  permissions: TextPermissions;
  /** Where to propose an amendment to this clause in the review under way, when the person may now; null otherwise. */
  proposeAmendmentPath?: string | null;
  /** Closes the menu; `returnFocus` puts the focus back in the text (Escape, a move). */
  onClose: (returnFocus: boolean) => void;
}

const MENU_WIDTH = 304;
const MARGIN = 8;

/** Why moving or indenting is disabled when it would change an agreed clause. */
const LOCKED_TITLE = 'This would change an agreed clause; only the chair can.';

/**
 * The menu of one clause, opened from its number in the gutter or from the toolbar: its pillars
 * as checkboxes (with their shortcuts), its status (a choice for those who may agree text, a
 * label for the others), moving it up or down, and making it (or the paragraph with the caret) a
 * point. A non-modal dialog: Escape or clicking elsewhere closes it. Pillar keys that are
 * not in the taxonomy are listed too, so they can be removed.
 */
export function ClauseMenu({
  editor,
  clause,
  anchor,
  editable,
  permissions,
  proposeAmendmentPath = null,
  onClose,
}: ClauseMenuProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [position, setPosition] = useState<CSSProperties>({ top: anchor.top, left: anchor.right + MARGIN });
  // Read from the editor on every transaction (not from the once-a-frame outline), so a box
  // ticked here shows ticked at once, and a change by someone else shows while the menu is open.
  const live = useEditorState({
    editor,
    selector: ({ editor: current }) => {
      const { state } = current;
      const located = findClauseById(state.doc, clause.id);
      const caretInClause = clauseAround(state.selection.$head)?.node.attrs.id === clause.id;
      const changes = (operation: (tr: Transaction) => boolean) => {
        const tr = state.tr;
        return operation(tr) && tr.docChanged;
      };
      return {
        pillars: located ? clausePillars(located.node) : [...clause.pillars],
        status: typeof located?.node.attrs.status === 'string' ? (located.node.attrs.status as string) : clause.status,
        previousNumber:
          located && located.index > 0 ? clauseNumber(located.kind, located.index - 1, located.annexIndex) : null,
        canMoveUp: changes((tr) => moveClause(tr, 'up', clause.id)),
        canMoveDown: changes((tr) => moveClause(tr, 'down', clause.id)),
        canToggle: changes((tr) => toggleSubparagraph(tr, clause.id)),
        caretInClause,
        inSubparagraph: caretInClause && pointOfCaret(state) !== null,
      };
    },
  });
  const { pillars: storedPillars, status, previousNumber, canMoveUp, canMoveDown, canToggle } = live;
  const { caretInClause, inSubparagraph } = live;
  const taxonomy = useTaxonomy();
  const unknownPillars = taxonomy.unknown(storedPillars);
  const locked = useLockedOperations(editor, permissions, clause.id);

  // Beside the anchor, kept inside the window.
  useLayoutEffect(() => {
    const menu = ref.current;
    if (!menu) return;
    const height = menu.offsetHeight;
    const viewportRight = window.scrollX + document.documentElement.clientWidth;
    const viewportBottom = window.scrollY + window.innerHeight;
    let left = anchor.right + MARGIN;
    if (left + MENU_WIDTH > viewportRight - MARGIN)
      left = Math.max(window.scrollX + MARGIN, anchor.left - MENU_WIDTH - MARGIN);
    let top = anchor.top - 6;
    if (top + height > viewportBottom - MARGIN)
      top = Math.max(window.scrollY + MARGIN, viewportBottom - height - MARGIN);
    setPosition({ top, left });
  }, [anchor]);

  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('input, button')?.focus({ preventScroll: true });
  }, []);

  useEffect(() => {
    const onPointerDown = (event: PointerEvent) => {
      if (ref.current && !ref.current.contains(event.target as Node)) onClose(false);
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    return () => document.removeEventListener('pointerdown', onPointerDown, true);
  }, [onClose]);

  const run = (command: () => boolean) => {
    if (!editable) return;
    command();
  };

  return createPortal(
    <div
      ref={ref}
      className="clause-menu"
      role="dialog"
      aria-label={`${clause.number}: pillars, status and position`}
      data-testid="clause-menu"
      data-clause-id={clause.id}
      style={{ ...position, width: MENU_WIDTH }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onClose(true);
        }
      }}
      onBlur={(event) => {
        if (event.relatedTarget !== null && !event.currentTarget.contains(event.relatedTarget as Node)) onClose(false);
      }}
    >
      <div className="clause-menu__header">
        <span className="clause-menu__number">{clause.number}</span>
        <span className="clause-menu__words">{firstWords(clause.text, 60) || 'Empty clause'}</span>
      </div>

      <fieldset className="clause-menu__group" disabled={!editable}>
        <legend className="clause-menu__legend">Pillars</legend>
        {taxonomy.pillars.length === 0 && (
          <p className="clause-menu__hint">This draft has no pillars yet; the chair defines them.</p>
        )}
        {taxonomy.pillars.map((pillar, order) => {
          const checked = storedPillars.includes(pillar.key);
          return (
            <label key={pillar.key} className="clause-menu__option" title={pillar.description}>
              <input
                type="checkbox"
                data-testid="menu-pillar"
                data-pillar={pillar.key}
                checked={checked}
                onChange={() => run(() => editor.commands.toggleClausePillar(pillar.key, clause.id))}
              />
              <span className="clause-menu__swatch" style={{ backgroundColor: pillar.color }} aria-hidden="true" />
              <span className="clause-menu__label">{pillar.label}</span>
              {order < 9 && <kbd className="clause-menu__kbd">{shortcutLabel(`Mod-Alt-${order + 1}`)}</kbd>}
            </label>
          );
        })}
        {unknownPillars.map((key) => (
          <label key={key} className="clause-menu__option clause-menu__option--unknown">
            <input
              type="checkbox"
              data-testid="menu-pillar"
              data-pillar={key}
              checked
              onChange={() => run(() => editor.commands.toggleClausePillar(key, clause.id))}
            />
            <span className="clause-menu__swatch clause-menu__swatch--unknown" aria-hidden="true" />
            <span className="clause-menu__label">Unknown pillar “{key}”: untick to remove</span>
          </label>
        ))}
      </fieldset>

      {permissions.setStatus ? (
        <fieldset className="clause-menu__group" disabled={!editable}>
          <legend className="clause-menu__legend">Status</legend>
          <div className="clause-menu__statuses">
            {CLAUSE_STATUSES.map((option) => (
              <label key={option} className={`clause-menu__status clause-menu__status--${option}`}>
                <input
                  type="radio"
                  name={`status-${clause.id}`}
                  value={option}
                  data-testid="menu-status"
                  checked={status === option}
                  onChange={() => run(() => editor.commands.setClauseStatus(option, clause.id))}
                />
                {CLAUSE_STATUS_LABELS[option]}
              </label>
            ))}
          </div>
        </fieldset>
      ) : (
        <div className="clause-menu__group">
          <p className="clause-menu__legend">Status</p>
          <p className="clause-menu__status-label" data-testid="menu-status-label" data-status={status}>
            {isClauseStatus(status) ? CLAUSE_STATUS_LABELS[status] : status}
            <span className="clause-menu__status-note"> · only the chair agrees clauses or reopens them</span>
          </p>
        </div>
      )}

      <div className="clause-menu__actions">
        <button
          type="button"
          className="clause-menu__action"
          disabled={!editable || !canMoveUp || locked.moveUp}
          onClick={() => run(() => editor.commands.moveClause('up', clause.id))}
          title={locked.moveUp ? LOCKED_TITLE : shortcutLabel('Mod-Alt-ArrowUp')}
        >
          ↑ Move up
        </button>
        <button
          type="button"
          className="clause-menu__action"
          disabled={!editable || !canMoveDown || locked.moveDown}
          onClick={() => run(() => editor.commands.moveClause('down', clause.id))}
          title={locked.moveDown ? LOCKED_TITLE : shortcutLabel('Mod-Alt-ArrowDown')}
        >
          ↓ Move down
        </button>
        <button
          type="button"
          className="clause-menu__action clause-menu__action--wide"
          disabled={!editable || !canToggle || locked.subparagraph}
          onClick={() => {
            run(() => editor.chain().focus().toggleSubparagraph(clause.id).run());
            onClose(false);
          }}
          title={
            locked.subparagraph ? LOCKED_TITLE : shortcutLabel(inSubparagraph ? OUTDENT_SHORTCUT : INDENT_SHORTCUT)
          }
        >
          {inSubparagraph
            ? 'Outdent the point one level'
            : caretInClause
              ? 'Make the paragraph a point'
              : `Make it a point of ${previousNumber ?? 'the clause above'}`}
        </button>
      </div>
      {proposeAmendmentPath && (
        <Link
          className="clause-menu__action clause-menu__action--wide clause-menu__propose"
          to={proposeAmendmentPath}
          data-testid="menu-propose-amendment"
        >
          Propose an amendment to {clause.number}
        </Link>
      )}
    </div>,
    document.body,
  );
}
