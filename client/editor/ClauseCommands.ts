import { Extension } from '@tiptap/core';
import type { ClauseStatus } from '../../shared/clauses';
import {
  backspaceAtClauseStart,
  deleteAtClauseEnd,
  enterInClause,
  indentInClause,
  moveClause,
  outdentInClause,
  selectClause,
  setClausePillars,
  setClauseStatus,
  toggleClausePillar,
  toggleSubparagraph,
  type MoveDirection,
} from './clauseEditing';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    clauses: {
      /** Enter inside a clause or the title (see `enterInClause`). */
      clauseEnter: () => ReturnType;
      /** Backspace at the start of a clause or sub-paragraph (see `backspaceAtClauseStart`). */
      clauseBackspace: () => ReturnType;
      /** Delete at the end of a clause (see `deleteAtClauseEnd`). */
      clauseDelete: () => ReturnType;
      /** Tab: the caret's paragraph becomes a sub-paragraph. */
      indentClauseBlock: () => ReturnType;
      /** Shift-Tab: a sub-paragraph becomes a paragraph, a later paragraph a clause of its own. */
      outdentClauseBlock: () => ReturnType;
      /** Makes the caret's paragraph (or the clause's first) a sub-paragraph, or a sub-paragraph a paragraph. */
      toggleSubparagraph: (clauseId?: string) => ReturnType;
      /** Moves the clause with the caret (or `clauseId`) one place up or down in its section, keeping its id. */
      moveClause: (direction: MoveDirection, clauseId?: string) => ReturnType;
      /** Sets the pillar keys of the clause with the caret (or `clauseId`). */
      setClausePillars: (pillars: readonly string[], clauseId?: string) => ReturnType;
      /** Tags or untags the clause with the caret (or `clauseId`) with a pillar. */
      toggleClausePillar: (pillar: string, clauseId?: string) => ReturnType;
      /** Sets the status of the clause with the caret (or `clauseId`). */
      setClauseStatus: (status: ClauseStatus, clauseId?: string) => ReturnType;
      /** Puts the caret in the clause, focuses the editor and scrolls the clause to the middle of the window. */
      focusClause: (clauseId: string) => ReturnType;
    };
  }
}

function prefersReducedMotion(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/**
 * The clause operations of `clauseEditing.ts` as Tiptap commands, so key bindings, the clause
 * menu, the toolbar and the outline all go through `editor.commands` / `editor.chain()`.
 */
export const ClauseCommands = Extension.create({
  name: 'clauseCommands',

  addCommands() {
    return {
      clauseEnter:
        () =>
        ({ tr }) =>
          enterInClause(tr),
      clauseBackspace:
        () =>
        ({ tr }) =>
          backspaceAtClauseStart(tr),
      clauseDelete:
        () =>
        ({ tr }) =>
          deleteAtClauseEnd(tr),
      indentClauseBlock:
        () =>
        ({ tr }) =>
          indentInClause(tr),
      outdentClauseBlock:
        () =>
        ({ tr }) =>
          outdentInClause(tr),
      toggleSubparagraph:
        (clauseId) =>
        ({ tr }) =>
          toggleSubparagraph(tr, clauseId),
      moveClause:
        (direction, clauseId) =>
        ({ tr }) =>
          moveClause(tr, direction, clauseId),
      setClausePillars:
        (pillars, clauseId) =>
        ({ tr }) =>
          setClausePillars(tr, pillars, clauseId),
      toggleClausePillar:
        (pillar, clauseId) =>
        ({ tr }) =>
          toggleClausePillar(tr, pillar, clauseId),
      setClauseStatus:
        (status, clauseId) =>
        ({ tr }) =>
          setClauseStatus(tr, status, clauseId),
      focusClause:
        (clauseId) =>
        ({ tr, view, dispatch }) => {
          if (!selectClause(tr, clauseId)) return false;
          if (dispatch) {
            const pos = tr.selection.from;
            requestAnimationFrame(() => {
              if (view.isDestroyed) return;
              view.focus();
              const { node } = view.domAtPos(pos);
              const clause = (node instanceof Element ? node : node.parentElement)?.closest('.clause');
              clause?.scrollIntoView({ block: 'center', behavior: prefersReducedMotion() ? 'auto' : 'smooth' });
            });
          }
          return true;
        },
    };
  },
});
