import * as Y from 'yjs';
import { newClauseId } from '../../shared/clauseId';
import { planClauseIdRepairs } from '../../shared/clauseIdRepair';
import { DOCUMENT_FIELD } from '../../shared/collab';
import { IDENTIFIED_NODES } from '../../shared/structure';

/**
 * Every element of the text that has a stable id (clauses, points, divisions, annexes), in
 * document order, read without recursion. Their ids share one namespace.
 */
function identifiedElements(doc: Y.Doc): Y.XmlElement[] {
  const found: Y.XmlElement[] = [];
  const stack: Y.XmlElement[] = [];
  const push = (parent: Y.XmlFragment | Y.XmlElement): void => {
    const children = parent.toArray();
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child instanceof Y.XmlElement) stack.push(child);
    }
  };
  push(doc.getXmlFragment(DOCUMENT_FIELD));
  while (stack.length > 0) {
    const element = stack.pop()!;
    if (IDENTIFIED_NODES.has(element.nodeName)) found.push(element);
    // Text blocks hold no identified elements; only containers are walked.
    if (element.nodeName !== 'paragraph') push(element);
  }
  return found;
}

/**
 * Gives every clause, point, division and annex a unique id, by the same rule the editors apply
 * (`planClauseIdRepairs`): the first element keeps a duplicated id, later ones get an id derived
 * deterministically, so the server and every client that repair the same text write the same
 * values. Runs `write` (a server transaction) only when something needs repairing; returns how
 * many elements changed. Points written before they had ids get theirs here, on first load.
 */
export function repairClauseIds(doc: Y.Doc, write: (change: () => void) => void): number {
  const elements = identifiedElements(doc);
  const ids = elements.map((element) => {
    const id = element.getAttribute('id');
    return typeof id === 'string' ? id : null;
  });
  const repairs = planClauseIdRepairs(ids, newClauseId);
  if (repairs.size === 0) return 0;
  write(() => {
    for (const [index, id] of repairs) elements[index]!.setAttribute('id', id);
  });
  return repairs.size;
}
