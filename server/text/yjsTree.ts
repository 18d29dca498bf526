import * as Y from 'yjs';

/** Any Yjs shared type (Yjs types are parameterised by their event type). */
// oxlint-disable-next-line typescript/no-explicit-any -- the event type parameter does not matter here
export type AnyType = Y.AbstractType<any>;

/** How y-prosemirror names the attribute of a mark that may overlap itself: `<mark>--<8 chars>`. */
const HASHED_MARK_ATTRIBUTE = /^(.*)--[a-zA-Z0-9+/=]{8}$/;

/** The mark a y-prosemirror formatting attribute stands for. */
export function markNameOf(attribute: string): string {
  return HASHED_MARK_ATTRIBUTE.exec(attribute)?.[1] ?? attribute;
}

/** The type `type` sits in (null for a root, or when it is not in a type). */
export function parentOf(type: AnyType): AnyType | null {
  const parent: unknown = type._item?.parent;
  return parent instanceof Y.AbstractType ? (parent as AnyType) : null;
}

/** The root a type hangs from (itself for a root). */
export function rootOf(type: AnyType): AnyType {
  let current = type;
  for (let parent = parentOf(current); parent !== null; parent = parentOf(current)) current = parent;
  return current;
}

/** The nearest element named `name` at or above `type`, or undefined. */
export function closestElement(type: AnyType, name: string): Y.XmlElement | undefined {
  for (let current: AnyType | null = type; current !== null; current = parentOf(current)) {
    if (current instanceof Y.XmlElement && current.nodeName === name) return current;
  }
  return undefined;
}

/** Whether a Yjs item was created in `transaction` (it is beyond what the document held before). */
export function createdIn(item: Y.Item | Y.GC, transaction: Y.Transaction): boolean {
  return item.id.clock >= (transaction.beforeState.get(item.id.client) ?? 0);
}

/**
 * The value an element's attribute had before `transaction` (undefined: not set). Setting an
 * attribute adds an item after the one it replaces, so the value before is the newest item that
 * existed before the transaction, unless it was already deleted then. Read it before the
 * transaction's deleted content is collected (in `afterTransaction` or earlier).
 */
export function attributeBefore(element: Y.XmlElement, key: string, transaction: Y.Transaction): unknown {
  let item: Y.Item | null = element._map.get(key) ?? null;
  while (item !== null && createdIn(item, transaction)) item = item.left;
  if (item === null) return undefined;
  if (item.deleted && !Y.isDeleted(transaction.deleteSet, item.id)) return undefined;
  const content = item.content.getContent();
  return content[content.length - 1];
}

/** An attribute of an element even when the element is deleted (its last value before deletion). */
export function attributeEvenIfDeleted(element: Y.XmlElement, key: string): unknown {
  const content = element._map.get(key)?.content.getContent();
  return content?.[content.length - 1];
}

/**
 * Visits the children of an element or fragment that are not deleted, in order, without
 * building an array (a clause with thousands of children costs nothing extra).
 */
export function forEachChild(type: Y.XmlElement | Y.XmlFragment, visit: (child: AnyType) => void): void {
  for (let item = type._start; item !== null; item = item.right) {
    if (!item.deleted && item.content instanceof Y.ContentType) visit(item.content.type as AnyType);
  }
}

/** The number of characters under a type: its text, and the text of everything inside it. Iterative. */
export function charactersUnder(type: AnyType): number {
  let total = 0;
  const stack: AnyType[] = [type];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current instanceof Y.XmlText) total += current.length;
    else if (current instanceof Y.XmlElement || current instanceof Y.XmlFragment)
      forEachChild(current, (child) => stack.push(child));
  }
  return total;
}

/** Visits the clause elements of a text, without descending into them. Iterative. */
export function forEachClause(fragment: Y.XmlFragment, visit: (clause: Y.XmlElement) => void): void {
  const stack: AnyType[] = [fragment];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current instanceof Y.XmlElement && current.nodeName === 'clause') visit(current);
    else if (current instanceof Y.XmlElement || current instanceof Y.XmlFragment) {
      forEachChild(current, (child) => {
        if (child instanceof Y.XmlElement) stack.push(child);
      });
    }
  }
}

/** The number of clause elements of a text. */
export function countClauses(fragment: Y.XmlFragment): number {
  let count = 0;
  forEachClause(fragment, () => count++);
  return count;
}
