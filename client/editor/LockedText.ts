import { Extension } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { yUndoPluginKey } from '@tiptap/y-tiptap';
import { changesOnlyText } from './changesOnlyText';
import { forEachClause } from './findClause';
import { formulaOf } from './findStructure';
import { isRemoteChange } from './isRemoteChange';
import { SUGGESTED_META } from './suggesting';
import { isLockedClause, refusesTransaction } from './lockedChanges';
import { undoTouchesLockedText, type UndoStep } from './lockedUndo';
import { clauseLockKey, renderClauseLock } from './renderClauseLock';
import { textPermissionsOf, type TextPermissions } from './textPermissions';

/** The plugin's state: what the person may change, and the locks drawn for what they may not. */
export interface LockedTextState {
  permissions: TextPermissions;
  decorations: DecorationSet;
}

/** Key of the locked-text plugin; other plugins read the permissions from its state. */
export const lockedTextKey = new PluginKey<LockedTextState>('lockedText');

/** Shown under a title the reader may not change. */
export const TITLE_LOCK_HINT = 'Only the chair can rename the draft.';

/** Shown on an opening formula the reader may not change. */
export const FORMULA_LOCK_HINT = 'Only the chair can change the opening formula.';

/** Options of {@link LockedText}. */
export interface LockedTextOptions {
  /** The permissions the editor starts with; `setTextPermissions` changes them. */
  permissions: TextPermissions;
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    lockedText: {
      /** What the person may change from now on (their role changed); the locks follow at once. */
      setTextPermissions: (permissions: TextPermissions) => ReturnType;
    };
  }
}

/** The permissions in force in `state` (none, when the plugin is not there). */
export function textPermissionsIn(state: EditorState): TextPermissions {
  return lockedTextKey.getState(state)?.permissions ?? textPermissionsOf(null);
}

/**
 * The locks a person who edits the text sees: the title and the opening formula marked read-only
 * with a hint, and each agreed clause (its points and footnotes with it) marked locked with a note
 * at its foot (see `renderClauseLock`). Nothing for the chair, who may change everything, nor for
 * a reader, whose whole text is read-only.
 */
export function buildLockDecorations(doc: ProseMirrorNode, permissions: TextPermissions): DecorationSet {
  if (!permissions.editText) return DecorationSet.empty;
  const decorations: Decoration[] = [];
  const title = doc.firstChild;
  if (!permissions.rename && title?.type.name === 'title') {
    decorations.push(
      Decoration.node(0, title.nodeSize, {
        class: 'draft-title--locked',
        'data-locked': 'true',
        'data-lock-hint': TITLE_LOCK_HINT,
        title: TITLE_LOCK_HINT,
      }),
    );
  }
  const formula = formulaOf(doc);
  if (!permissions.editFormula && formula) {
    decorations.push(
      Decoration.node(
        formula.pos,
        formula.pos + formula.node.nodeSize,
        {
          class: 'formula--locked',
          'data-locked': 'true',
          'data-lock-hint': FORMULA_LOCK_HINT,
          title: FORMULA_LOCK_HINT,
        },
        { lock: 'formula' },
      ),
    );
  }
  forEachClause(doc, (clause, pos) => {
    if (!isLockedClause(clause, permissions)) return;
    const status = String(clause.attrs.status);
    decorations.push(Decoration.node(pos, pos + clause.nodeSize, { class: 'clause--locked', 'data-locked': status }));
    const info = {
      clauseId: typeof clause.attrs.id === 'string' ? clause.attrs.id : '',
      status,
      statusBy: typeof clause.attrs.statusBy === 'string' ? clause.attrs.statusBy : null,
      statusAt: typeof clause.attrs.statusAt === 'string' ? clause.attrs.statusAt : null,
    };
    decorations.push(
      Decoration.widget(pos + clause.nodeSize - 1, () => renderClauseLock(info), {
        side: 1,
        key: clauseLockKey(info),
        ignoreSelection: true,
        stopEvent: () => true,
      }),
    );
  });
  return DecorationSet.create(doc, decorations);
}

/**
 * Drops the next undo (or redo) step when running it would change what the person may not change
 * (see `lockedUndo.ts`), and says whether it did: the key press then does nothing, and the next
 * one reaches the step before.
 */
function dropLockedStep(state: EditorState, stack: 'undoStack' | 'redoStack'): boolean {
  const undoManager = yUndoPluginKey.getState(state)?.undoManager as
    { doc: Parameters<typeof undoTouchesLockedText>[0]; undoStack: UndoStep[]; redoStack: UndoStep[] } | undefined;
  const steps = undoManager?.[stack];
  const next = steps?.at(-1);
  if (undoManager === undefined || steps === undefined || next === undefined) return false;
  if (!undoTouchesLockedText(undoManager.doc, next, textPermissionsIn(state))) return false;
  steps.pop();
  return true;
}

/**
 * The rules of the negotiation in the editor, for the person's role (see `lockedChanges.ts`): a local
 * change to an agreed clause, the title or any clause's status that the role may not make is
 * refused before it reaches the text (so nothing is sent), and the agreed clauses and the title
 * look locked. Changes that arrive from others through the binding always pass: the server has
 * accepted them. Undo and redo, which change the shared document without a transaction here, are
 * checked before Collaboration's own keys run them. The role can change while the draft is open
 * (`setTextPermissions`).
 */
export const LockedText = Extension.create<LockedTextOptions>({
  name: 'lockedText',
  // Before Collaboration's undo keys.
  priority: 1100,

  addOptions() {
    return { permissions: textPermissionsOf(null) };
  },

  addCommands() {
    return {
      setTextPermissions:
        (permissions) =>
        ({ tr, dispatch }) => {
          if (dispatch) tr.setMeta(lockedTextKey, permissions).setMeta('addToHistory', false);
          return true;
        },
    };
  },

  addKeyboardShortcuts() {
    return {
      'Mod-z': () => dropLockedStep(this.editor.state, 'undoStack'),
      'Mod-y': () => dropLockedStep(this.editor.state, 'redoStack'),
      'Shift-Mod-z': () => dropLockedStep(this.editor.state, 'redoStack'),
    };
  },

  addProseMirrorPlugins() {
    const initial = this.options.permissions;
    return [
      new Plugin<LockedTextState>({
        key: lockedTextKey,
        state: {
          init: (_config, state) => ({
            permissions: initial,
            decorations: buildLockDecorations(state.doc, initial),
          }),
          apply(tr, value, _oldState, newState) {
            const permissions = (tr.getMeta(lockedTextKey) as TextPermissions | undefined) ?? value.permissions;
            if (permissions !== value.permissions)
              return { permissions, decorations: buildLockDecorations(newState.doc, permissions) };
            if (!tr.docChanged) return value;
            if (changesOnlyText(tr)) return { ...value, decorations: value.decorations.map(tr.mapping, tr.doc) };
            return { permissions, decorations: buildLockDecorations(newState.doc, permissions) };
          },
        },
        filterTransaction(tr, state) {
          // A suggestion changes only words of a paragraph that holds suggestions (never the title or the formula); the server judges it.
          if (!tr.docChanged || isRemoteChange(tr) || tr.getMeta(SUGGESTED_META) === true) return true;
          return !refusesTransaction(tr, textPermissionsIn(state));
        },
        props: {
          decorations(state) {
            return lockedTextKey.getState(state)?.decorations ?? null;
          },
        },
      }),
    ];
  },
});
