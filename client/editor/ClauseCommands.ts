import { Extension } from '@tiptap/core';
import type { EditorView } from '@tiptap/pm/view';
import { Selection, type Transaction } from '@tiptap/pm/state';
import type { ClauseStatus } from '../../shared/clauses';
import type { DivisionLevel } from '../../shared/structure';
import {
  backspaceAtClauseStart,
  deleteAtClauseEnd,
  enterInClause,
  indentInClause,
  moveClause,
  outdentInClause,
  setClausePillars,
  setClauseStatus,
  toggleClausePillar,
  toggleSubparagraph,
  type MoveDirection,
} from './clauseEditing';
import { taxonomyOf } from './ClauseNumbering';
import { findIdentifiedNode, forEachFootnote } from './findStructure';
import { insertPoint } from './pointEditing';
import {
  addAnnex,
  addFormula,
  insertDivision,
  insertFootnote,
  removeAnnex,
  removeDivision,
  removeFootnote,
  removeFormula,
  setDivisionLevel,
  setFootnoteNote,
} from './structureEditing';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    clauses: {
      /** Enter inside a clause or the title (see `enterInClause`). */
      clauseEnter: () => ReturnType;
      /** Backspace at the start of a clause or sub-paragraph (see `backspaceAtClauseStart`). */
      clauseBackspace: () => ReturnType;
      /** Delete at the end of a clause (see `deleteAtClauseEnd`). */
      clauseDelete: () => ReturnType;
      /** Mod-]: the caret's paragraph becomes a point, a point goes a level deeper, a part heading becomes a section. */
      indentClauseBlock: () => ReturnType;
      /** Mod-[: a point goes a level up (a paragraph at the first), a later paragraph starts a clause, a section heading becomes a part. */
      outdentClauseBlock: () => ReturnType;
      /** Makes the caret's paragraph (or the clause's first) a point, or a point a level up. */
      toggleSubparagraph: (clauseId?: string) => ReturnType;
      /** A new empty point after the caret's point (or first-level point after its paragraph). */
      insertPoint: () => ReturnType;
      /** An empty division heading before the clause with the caret, the caret in its title. */
      insertDivision: (level: DivisionLevel) => ReturnType;
      /** Makes the division with the caret (or `divisionId`) a part or a section. */
      setDivisionLevel: (level: DivisionLevel, divisionId?: string) => ReturnType;
      /** Removes the division with the caret (or `divisionId`); its clauses stay. */
      removeDivision: (divisionId?: string) => ReturnType;
      /** A footnote with `note` at the caret, in a clause's text. */
      insertFootnote: (note: string) => ReturnType;
      /** Changes the note of the footnote at `pos`. */
      setFootnoteNote: (pos: number, note: string) => ReturnType;
      /** Removes the footnote at `pos`. */
      removeFootnote: (pos: number) => ReturnType;
      /** Adds an empty opening formula after the title, the caret in it. */
      addFormula: () => ReturnType;
      /** Removes the opening formula. */
      removeFormula: () => ReturnType;
      /** Adds an annex at the end: an empty title with the caret in it, and one empty paragraph. */
      addAnnex: () => ReturnType;
      /** Removes an annex that holds no words (the one with the caret, or `annexId`). */
      removeAnnex: (annexId?: string) => ReturnType;
      /** Puts the caret right after footnote `number` (1-based) and scrolls it into view. */
      focusFootnote: (number: number) => ReturnType;
      /** Moves the clause with the caret (or `clauseId`) one place up or down in its section, keeping its id. */
      moveClause: (direction: MoveDirection, clauseId?: string) => ReturnType;
      /** Sets the pillar keys of the clause with the caret (or `clauseId`). */
      setClausePillars: (pillars: readonly string[], clauseId?: string) => ReturnType;
      /** Tags or untags the clause with the caret (or `clauseId`) with a pillar. */
      toggleClausePillar: (pillar: string, clauseId?: string) => ReturnType;
      /** Sets the status of the clause with the caret (or `clauseId`). */
      setClauseStatus: (status: ClauseStatus, clauseId?: string) => ReturnType;
      /**
       * Puts the caret at the start of the clause, point, division or annex with `id`, focuses the
       * editor and scrolls the element to the middle of the window.
       */
      focusClause: (id: string) => ReturnType;
    };
  }
}

function prefersReducedMotion(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** In a division's title: runs `change` and handles the key whether it changed anything or not. */
function inDivision(tr: Transaction, change: () => boolean): boolean {
  if (tr.selection.$from.parent.type.name !== 'division') return false;
  change();
  return true;
}

/** After the view has drawn the change: focuses it and scrolls the element at `pos` to the middle of the window. */
function focusAndScroll(view: EditorView, pos: number): void {
  requestAnimationFrame(() => {
    if (view.isDestroyed) return;
    view.focus();
    const element = view.nodeDOM(pos);
    const target = element instanceof Element ? element : element?.parentElement;
    target?.scrollIntoView({ block: 'center', behavior: prefersReducedMotion() ? 'auto' : 'smooth' });
  });
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
          indentInClause(tr) || inDivision(tr, () => setDivisionLevel(tr, 'section')),
      outdentClauseBlock:
        () =>
        ({ tr }) =>
          outdentInClause(tr) || inDivision(tr, () => setDivisionLevel(tr, 'part')),
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
        ({ tr, state }) =>
          setClausePillars(tr, pillars, taxonomyOf(state), clauseId),
      toggleClausePillar:
        (pillar, clauseId) =>
        ({ tr, state }) =>
          toggleClausePillar(tr, pillar, taxonomyOf(state), clauseId),
      setClauseStatus:
        (status, clauseId) =>
        ({ tr }) =>
          setClauseStatus(tr, status, clauseId),
      insertPoint:
        () =>
        ({ tr }) =>
          insertPoint(tr),
      insertDivision:
        (level) =>
        ({ tr }) =>
          insertDivision(tr, level),
      setDivisionLevel:
        (level, divisionId) =>
        ({ tr }) =>
          setDivisionLevel(tr, level, divisionId),
      removeDivision:
        (divisionId) =>
        ({ tr }) =>
          removeDivision(tr, divisionId),
      insertFootnote:
        (note) =>
        ({ tr }) =>
          insertFootnote(tr, note),
      setFootnoteNote:
        (pos, note) =>
        ({ tr }) =>
          setFootnoteNote(tr, pos, note),
      removeFootnote:
        (pos) =>
        ({ tr }) =>
          removeFootnote(tr, pos),
      addFormula:
        () =>
        ({ tr }) =>
          addFormula(tr),
      removeFormula:
        () =>
        ({ tr }) =>
          removeFormula(tr),
      addAnnex:
        () =>
        ({ tr }) =>
          addAnnex(tr),
      removeAnnex:
        (annexId) =>
        ({ tr }) =>
          removeAnnex(tr, annexId),
      focusFootnote:
        (number) =>
        ({ tr, view, dispatch }) => {
          let at: number | null = null;
          forEachFootnote(tr.doc, (node, pos, n) => {
            if (n === number) at = pos + node.nodeSize;
          });
          if (at === null) return false;
          tr.setSelection(Selection.near(tr.doc.resolve(at)));
          if (dispatch) focusAndScroll(view, tr.selection.$from.before());
          return true;
        },
      focusClause:
        (id) =>
        ({ tr, view, dispatch }) => {
          const found = findIdentifiedNode(tr.doc, id);
          const start = found ? Selection.findFrom(tr.doc.resolve(found.pos + 1), 1, true) : null;
          if (!found || !start) return false;
          tr.setSelection(start);
          if (dispatch) focusAndScroll(view, found.pos);
          return true;
        },
    };
  },
});
