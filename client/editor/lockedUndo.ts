/**
 * Undo and redo in a shared text do not go through the editor's transactions: the Yjs undo
 * manager reverts this person's earlier changes in the shared document directly, so the rule of
 * `lockedChanges.ts` never sees them. A change made while a clause was open may since have been
 * agreed by the chair; undoing it then would change agreed text, which the server refuses. This
 * judges an undo (or redo) step before it runs, by what it would touch.
 */
import * as Y from 'yjs';
import { isAgreedStatus } from '../../shared/clauses';
import type { TextPermissions } from './textPermissions';

type DeleteSet = ReturnType<typeof Y.createDeleteSet>;

/** One step of the undo manager: what it would delete (its insertions) and restore (its deletions). */
export interface UndoStep {
  insertions: DeleteSet;
  deletions: DeleteSet;
}

/** Attributes of a clause that only a role that may agree text writes. */
const STATUS_ATTRIBUTES = new Set(['status', 'statusBy', 'statusAt']);

/** Every item a set of ids covers, as the document holds them now. */
function* itemsOf(doc: Y.Doc, ids: DeleteSet): Generator<Y.Item> {
  for (const [client, ranges] of ids.clients) {
    const structs = doc.store.clients.get(client);
    if (structs === undefined) continue;
    for (const { clock, len } of ranges) {
      for (let index = Y.findIndexSS(structs, clock); index < structs.length; index++) {
        const struct = structs[index]!;
        if (struct.id.clock >= clock + len) break;
        if (struct instanceof Y.Item) yield struct;
      }
    }
  }
}

function isLockedClauseElement(type: unknown, permissions: TextPermissions): boolean {
  return (
    !permissions.editAgreed &&
    type instanceof Y.XmlElement &&
    type.nodeName === 'clause' &&
    isAgreedStatus(type.getAttribute('status'))
  );
}

function isFormula(type: unknown): boolean {
  return type instanceof Y.XmlElement && type.nodeName === 'formula';
}

/**
 * Whether changing (deleting or restoring) `item` is a change the person may not make. `created`
 * holds the elements the same step created: what is inside them goes or comes back with them.
 */
function touchesLockedText(item: Y.Item, permissions: TextPermissions, created: ReadonlySet<unknown>): boolean {
  // A whole element: deleting or restoring a locked clause.
  if (item.content instanceof Y.ContentType && isLockedClauseElement(item.content.type, permissions)) return true;
  // The whole opening formula: adding or removing it.
  if (item.content instanceof Y.ContentType && isFormula(item.content.type) && !permissions.editFormula) return true;
  let parent = item.parent;
  // Which attribute of `parent` the change is (null: its content).
  let attribute = item.parentSub;
  while (parent instanceof Y.AbstractType) {
    if (created.has(parent)) return false;
    if (parent instanceof Y.XmlElement) {
      if (parent.nodeName === 'title' && !permissions.rename) return true;
      if (parent.nodeName === 'formula' && !permissions.editFormula) return true;
      if (parent.nodeName === 'clause') {
        if (attribute !== null && STATUS_ATTRIBUTES.has(attribute) && !permissions.setStatus) return true;
        if (isLockedClauseElement(parent, permissions) && attribute !== 'pillars') return true;
      }
    }
    const owner: Y.Item | null = parent._item;
    if (owner === null) break;
    attribute = owner.parentSub;
    parent = owner.parent;
  }
  return false;
}

/**
 * Whether undoing (or redoing) `step` now would change something the person may not: text of a
 * clause agreed since, the title, a status. Pillars stay theirs to change on agreed clauses too.
 */
export function undoTouchesLockedText(doc: Y.Doc, step: UndoStep, permissions: TextPermissions): boolean {
  if (permissions.editAgreed && permissions.rename && permissions.setStatus && permissions.editFormula) return false;
  const inserted = [...itemsOf(doc, step.insertions)];
  const created = new Set(
    inserted.flatMap((item) => (item.content instanceof Y.ContentType ? [item.content.type] : [])),
  );
  for (const item of inserted) if (touchesLockedText(item, permissions, created)) return true;
  for (const item of itemsOf(doc, step.deletions)) if (touchesLockedText(item, permissions, created)) return true;
  return false;
}
