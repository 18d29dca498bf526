import { Extension } from '@tiptap/core';
import { Fragment, Slice, type Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { newClauseId } from '../../shared/clauseId';
import { planClauseIdRepairs } from '../../shared/clauseIdRepair';
import { forEachClause } from './findClause';
import { isRemoteChange } from './isRemoteChange';
import { isLockedClause } from './lockedChanges';
import { textPermissionsIn } from './LockedText';
import type { TextPermissions } from './textPermissions';

/** Key of the plugin that keeps clause ids present and unique. */
export const clauseIdsPluginKey = new PluginKey('clauseIds');

/**
 * A transaction giving every clause without an id a fresh one and every later duplicate the id
 * `planClauseIdRepairs` derives for it, or null when all ids are present and unique. The rule
 * is the server's too, so every client that repairs the same text writes the same ids.
 *
 * A clause the person may not change (agreed, for anyone but the chair) is left as it is: the
 * server repairs it, with the same id, and a repair written into it here would only be refused.
 */
export function clauseIdRepairTransaction(
  state: EditorState,
  permissions: TextPermissions = textPermissionsIn(state),
): Transaction | null {
  const ids: (string | null)[] = [];
  const clauses: { pos: number; locked: boolean }[] = [];
  forEachClause(state.doc, (node, pos) => {
    ids.push(typeof node.attrs.id === 'string' && node.attrs.id !== '' ? node.attrs.id : null);
    clauses.push({ pos, locked: isLockedClause(node, permissions) });
  });
  const repairs = [...planClauseIdRepairs(ids, newClauseId)].filter(([index]) => !clauses[index]!.locked);
  if (repairs.length === 0) return null;
  const tr = state.tr;
  for (const [index, id] of repairs) tr.setNodeAttribute(clauses[index]!.pos, 'id', id);
  return tr;
}

/**
 * The pasted content with every clause's id removed, so pasted clauses get fresh ids, and their
 * status back at open with nobody recorded as having agreed them: a copy is a new clause, and
 * agreeing it is the chair's (the server records who did and when).
 */
export function asNewClauses(fragment: Fragment): Fragment {
  const children: ProseMirrorNode[] = [];
  fragment.forEach((node) => {
    if (node.type.name === 'clause') {
      const attrs = { ...node.attrs, id: null, status: 'open', statusBy: null, statusAt: null };
      children.push(node.type.create(attrs, node.content, node.marks));
    } else if (!node.isTextblock && node.content.size > 0) {
      children.push(node.copy(asNewClauses(node.content)));
    } else {
      children.push(node);
    }
  });
  return Fragment.fromArray(children);
}

/**
 * Keeps every clause's id present and unique, whatever produced the text:
 * - pasted clauses lose their ids (and so get fresh ones), as a copy is a new clause; a clause
 *   dragged within the editor keeps its id, since it is moved, not copied;
 * - a clause without an id (new, pasted, an old client's) gets a fresh id and a duplicate (a
 *   split by another editor, two people moving the same clause at once) gets the derived id,
 *   in the same transaction for local edits;
 * - after a change from another client the repair is dispatched once the binding has finished
 *   applying it, so it is written back to the shared document (the binding ignores changes
 *   made while it applies a remote one) and converges with the other clients' and the server's.
 *
 * Nothing is repaired while the editor is read-only: a reader's client never writes; nor in a
 * clause the person may not change (see {@link clauseIdRepairTransaction}).
 */
export const ClauseIds = Extension.create({
  name: 'clauseIds',

  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: clauseIdsPluginKey,
        props: {
          transformPasted(slice, view) {
            if (view.dragging?.move) return slice;
            return new Slice(asNewClauses(slice.content), slice.openStart, slice.openEnd);
          },
        },
        appendTransaction(transactions, _oldState, newState) {
          if (!transactions.some((tr) => tr.docChanged) || transactions.some(isRemoteChange)) return null;
          return clauseIdRepairTransaction(newState);
        },
        view(initialView) {
          let scheduled = false;
          let wasEditable = initialView.editable;
          const repairSoon = (): void => {
            if (scheduled) return;
            scheduled = true;
            queueMicrotask(() => {
              scheduled = false;
              if (initialView.isDestroyed || !initialView.editable) return;
              const tr = clauseIdRepairTransaction(initialView.state);
              if (tr) initialView.dispatch(tr.setMeta('addToHistory', false));
            });
          };
          if (initialView.editable) repairSoon();
          return {
            update(view, previous) {
              const becameEditable = view.editable && !wasEditable;
              wasEditable = view.editable;
              if (!view.editable) return;
              if (
                becameEditable ||
                (view.state.doc !== previous.doc && ySyncPluginKey.getState(view.state)?.isChangeOrigin === true)
              ) {
                repairSoon();
              }
            },
          };
        },
      }),
    ];
  },
});
