import type { Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';
import { moveClause, toggleSubparagraph } from './clauseEditing';
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
      return {
        moveUp: refusedNow(state, (tr) => moveClause(tr, 'up', clauseId), permissions),
        moveDown: refusedNow(state, (tr) => moveClause(tr, 'down', clauseId), permissions),
        subparagraph: refusedNow(state, (tr) => toggleSubparagraph(tr, clauseId), permissions),
      };
    },
  });
}
