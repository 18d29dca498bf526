import { Extension } from '@tiptap/core';
import { Fragment, Slice, type Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { newClauseId } from '../../shared/clauseId';
import { planClauseIdRepairs } from '../../shared/clauseIdRepair';
import { IDENTIFIED_NODES } from '../../shared/structure';
import { isRemoteChange } from './isRemoteChange';
import { isLockedClause } from './lockedChanges';
import { textPermissionsIn } from './LockedText';
import type { TextPermissions } from './textPermissions';

/** Key of the plugin that keeps clause ids present and unique. */
export const clauseIdsPluginKey = new PluginKey('clauseIds');

/** An element with an id (clause, point, division, annex), where it is, and whether the person may change it. */
interface IdentifiedElement {
  id: string | null;
  pos: number;
  locked: boolean;
}

/**
 * Every element with an id in document order (an element before the elements within it), as the
 * server walks them (`server/drafts/repairClauseIds.ts`), so both plan the same repairs. An agreed
 * clause the person may not change is locked, and so is every point within it.
 */
function identifiedElements(doc: ProseMirrorNode, permissions: TextPermissions): IdentifiedElement[] {
  const found: IdentifiedElement[] = [];
  const walk = (parent: ProseMirrorNode, parentPos: number, lockedAbove: boolean): void => {
    parent.forEach((node, offset) => {
      const pos = parentPos + offset;
      let locked = lockedAbove;
      // A division is an identified text block: counted, then not entered.
      if (IDENTIFIED_NODES.has(node.type.name)) {
        if (node.type.name === 'clause') locked = isLockedClause(node, permissions);
        const raw: unknown = node.attrs.id;
        found.push({ id: typeof raw === 'string' && raw !== '' ? raw : null, pos, locked });
      }
      if (!node.isTextblock) walk(node, pos + 1, locked);
    });
  };
  walk(doc, 0, false);
  return found;
}

/**
 * A transaction giving every clause, point, division and annex without an id a fresh one and
 * every later duplicate the id `planClauseIdRepairs` derives for it (one namespace for all), or
 * null when all ids are present and unique. The rule and the order are the server's too, so every
 * client that repairs the same text writes the same ids.
 *
 * An agreed clause the person may not change (for anyone but the chair), points within it
 * included, is left as it is: the server repairs it, with the same id, and a repair written into
 * it here would only be refused.
 */
export function clauseIdRepairTransaction(
  state: EditorState,
  permissions: TextPermissions = textPermissionsIn(state),
): Transaction | null {
  const elements = identifiedElements(state.doc, permissions);
  const repairs = [
    ...planClauseIdRepairs(
      elements.map((element) => element.id),
      newClauseId,
    ),
  ].filter(([index]) => !elements[index]!.locked);
  if (repairs.length === 0) return null;
  const tr = state.tr;
  for (const [index, id] of repairs) tr.setNodeAttribute(elements[index]!.pos, 'id', id);
  return tr;
}

/**
 * The pasted content with the id of every clause, point, division and annex removed, so pasted
 * elements get fresh ids, and clauses' status back at open with nobody recorded as having agreed
 * them: a copy is a new clause, and agreeing it is the chair's (the server records who did and
 * when). The structure (points within points, headings, footnotes) is kept as it was copied.
 */
export function asNewClauses(fragment: Fragment): Fragment {
  const children: ProseMirrorNode[] = [];
  fragment.forEach((node) => {
    if (node.isTextblock && !IDENTIFIED_NODES.has(node.type.name)) {
      children.push(node);
      return;
    }
    const content = node.isTextblock ? node.content : asNewClauses(node.content);
    if (!IDENTIFIED_NODES.has(node.type.name)) {
      children.push(node.copy(content));
      return;
    }
    const attrs: Record<string, unknown> = { ...node.attrs, id: null };
    if (node.type.name === 'clause') Object.assign(attrs, { status: 'open', statusBy: null, statusAt: null });
    children.push(node.type.create(attrs, content, node.marks));
  });
  return Fragment.fromArray(children);
}

/**
 * Keeps the id of every clause, point, division and annex present and unique, whatever produced
 * the text:
 * - pasted elements lose their ids (and so get fresh ones), as a copy is new; an element dragged
 *   within the editor keeps its id, since it is moved, not copied;
 * - an element without an id (new, pasted, an old client's or an old draft's point) gets a fresh
 *   id and a duplicate (a split by another editor, two people moving the same clause at once) gets the derived id,
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
