import * as Y from 'yjs';

/** The elements that hold clauses: the preamble, the operative part and each annex. */
const CLAUSE_CONTAINERS = new Set(['preamble', 'operative', 'annex']);

function clauseId(element: Y.XmlElement): string | undefined {
  const id = element.getAttribute('id');
  return typeof id === 'string' ? id : undefined;
}

/** The id a clause had when it was deleted in this transaction (its attributes are deleted with it). */
function deletedClauseId(element: Y.XmlElement): string | undefined {
  const item = element._map.get('id');
  const content = item?.content.getContent();
  const id = content?.[content.length - 1];
  return typeof id === 'string' ? id : undefined;
}

/** The clause a shared type belongs to (itself or its nearest clause ancestor). */
// oxlint-disable-next-line typescript/no-explicit-any -- Yjs types are parameterised by their event type
type AnyType = Y.AbstractType<any>;

function owningClause(type: AnyType): Y.XmlElement | undefined {
  let current: AnyType | null = type;
  while (current) {
    if (current instanceof Y.XmlElement && current.nodeName === 'clause') return current;
    const parent: unknown = current._item?.parent;
    current = parent instanceof Y.AbstractType ? (parent as AnyType) : null;
  }
  return undefined;
}

/**
 * The ids of the clauses a Yjs transaction changed: edited inside, re-tagged, inserted or
 * deleted. This is what the draft's history records against the person who sent the change.
 */
export function touchedClauseIds(transaction: Y.Transaction): string[] {
  const ids = new Set<string>();
  for (const type of transaction.changed.keys()) {
    const clause = owningClause(type);
    if (clause) {
      const id = clauseId(clause);
      if (id) ids.add(id);
      continue;
    }
    // A container's numbering frozen, renumbered or lifted: every clause in it may be numbered anew.
    if (
      type instanceof Y.XmlElement &&
      CLAUSE_CONTAINERS.has(type.nodeName) &&
      transaction.changed.get(type as AnyType)?.has('numbering')
    ) {
      for (const child of type.toArray()) {
        const id = child instanceof Y.XmlElement && child.nodeName === 'clause' ? clauseId(child) : undefined;
        if (id) ids.add(id);
      }
    }
    // A section or an annex whose list of clauses changed: the clauses created in this transaction are new.
    if (type instanceof Y.XmlElement && CLAUSE_CONTAINERS.has(type.nodeName)) {
      for (const child of type.toArray()) {
        const item = child instanceof Y.XmlElement ? child._item : null;
        if (item && item.id.clock >= (transaction.beforeState.get(item.id.client) ?? 0)) {
          const id = clauseId(child as Y.XmlElement);
          if (id) ids.add(id);
        }
      }
    }
  }
  Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
    if (struct instanceof Y.Item && struct.content instanceof Y.ContentType) {
      const type = struct.content.type;
      if (type instanceof Y.XmlElement && type.nodeName === 'clause') {
        const id = deletedClauseId(type);
        if (id) ids.add(id);
      }
    }
  });
  return [...ids];
}

/**
 * Whether a Yjs transaction may have changed the text's structure: which elements there are,
 * where, and their attributes (a clause's id among them). A transaction that only edited the
 * characters or marks inside existing text nodes did not: inserting, deleting or re-tagging any
 * element marks its parent or itself as changed.
 */
export function changesStructure(transaction: Y.Transaction): boolean {
  for (const type of transaction.changed.keys()) if (!(type instanceof Y.XmlText)) return true;
  return false;
}

/**
 * The ids of the existing clauses whose status a Yjs transaction set. The server then records who
 * did it. (A clause created with a status, as when the chair moves an agreed clause, keeps the
 * record it carries.)
 */
export function statusChanges(transaction: Y.Transaction): string[] {
  const ids: string[] = [];
  for (const [type, keys] of transaction.changed) {
    if (!(type instanceof Y.XmlElement) || type.nodeName !== 'clause' || !keys.has('status')) continue;
    const id = clauseId(type);
    if (id) ids.push(id);
  }
  return ids;
}
