import * as Y from 'yjs';
import { newClauseId } from '../../shared/clauseId';
import { planClauseIdRepairs } from '../../shared/clauseIdRepair';
import { DOCUMENT_FIELD } from '../../shared/collab';

/** Every clause element of the text, in document order. */
function clauseElements(doc: Y.Doc): Y.XmlElement[] {
  const clauses: Y.XmlElement[] = [];
  for (const section of doc.getXmlFragment(DOCUMENT_FIELD).toArray()) {
    if (!(section instanceof Y.XmlElement)) continue;
    for (const node of section.toArray())
      if (node instanceof Y.XmlElement && node.nodeName === 'clause') clauses.push(node);
  }
  return clauses;
}

/**
 * Gives every clause a unique id, by the same rule the editors apply (`planClauseIdRepairs`):
 * the first clause keeps a duplicated id, later ones get an id derived deterministically, so the
 * server and every client that repair the same text write the same values. Runs `write` (a
 * server transaction) only when something needs repairing; returns how many clauses changed.
 */
export function repairClauseIds(doc: Y.Doc, write: (change: () => void) => void): number {
  const clauses = clauseElements(doc);
  const ids = clauses.map((clause) => {
    const id = clause.getAttribute('id');
    return typeof id === 'string' ? id : null;
  });
  const repairs = planClauseIdRepairs(ids, newClauseId);
  if (repairs.size === 0) return 0;
  write(() => {
    for (const [index, id] of repairs) clauses[index]!.setAttribute('id', id);
  });
  return repairs.size;
}
