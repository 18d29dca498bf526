import type { Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';
import type { EditorState } from '@tiptap/pm/state';
import { isAgreedStatus } from '../../shared/clauses';
import { moveClause, toggleSubparagraph } from './clauseEditing';
import { clauseAround, findClauseById } from './findClause';
import { refusedNow } from './lockedChanges';
import type { TextPermissions } from './textPermissions';

/** Which of a clause's structural operations the person's role would have refused right now. */
export interface LockedOperations {
  moveUp: boolean;
  moveDown: boolean;
  subparagraph: boolean;
}

const NONE_LOCKED: LockedOperations = { moveUp: false, moveDown: false, subparagraph: false };

/**
 * Whether the clause or a neighbour of it is agreed: only then can moving it or indenting it touch
 * agreed text, so the operations are tried only then (this runs on every transaction, others' too).
 */
function nearAgreedClause(state: EditorState, clauseId: string | undefined): boolean {
  const clause = clauseId === undefined ? clauseAround(state.selection.$head) : findClauseById(state.doc, clauseId);
  if (clause === null) return false;
  const { section, childIndex: index } = clause;
  return [index - 1, index, index + 1].some(
    (at) => at >= 0 && at < section.childCount && isAgreedStatus(section.child(at).attrs.status),
  );
}

/**
 * For the toolbar and the clause menu: which of moving the clause (`clauseId`, or the one with
 * the caret) up or down and toggling a sub-paragraph would touch an agreed clause the person may
 * not change, so the control is disabled instead of doing nothing. Judged by the same rule the
 * editor applies to the change itself, on every transaction (another person may agree a
 * neighbouring clause meanwhile). Nothing is locked for someone who may edit agreed text.
 */
export function useLockedOperations(editor: Editor, permissions: TextPermissions, clauseId?: string): LockedOperations {
  return useEditorState({
    editor,
    selector: ({ editor: current }) => {
      if (permissions.editAgreed || current.isDestroyed) return NONE_LOCKED;
      const state = current.state;
      if (!nearAgreedClause(state, clauseId)) return NONE_LOCKED;
      return {
        moveUp: refusedNow(state, (tr) => moveClause(tr, 'up', clauseId), permissions),
        moveDown: refusedNow(state, (tr) => moveClause(tr, 'down', clauseId), permissions),
        subparagraph: refusedNow(state, (tr) => toggleSubparagraph(tr, clauseId), permissions),
      };
    },
  });
}
