import { newClauseId } from '../../shared/clauseId';
import type { DocumentNodeJSON } from '../../shared/documentJSON';

/** Every id a text holds (clauses, points, divisions and annexes share one namespace). */
export function idsIn(node: DocumentNodeJSON, ids = new Set<string>()): Set<string> {
  const id = node.attrs?.id;
  if (typeof id === 'string' && id) ids.add(id);
  for (const child of node.content ?? []) if (child.type !== 'text') idsIn(child, ids);
  return ids;
}

/**
 * A proposed clause whose points each have an id of their own, so compare and consolidation can
 * align them: a point keeps an id of the clause it amends (`own`), or a new id no other element
 * of the text uses (`taken`); a point without one, or repeating one (a split point, a paste), is
 * given a fresh id. The clause's own id and everything else are left as they are.
 */
export function withPointIds(
  clause: DocumentNodeJSON,
  own: ReadonlySet<string>,
  taken: ReadonlySet<string>,
  makeId: () => string = newClauseId,
): DocumentNodeJSON {
  const seen = new Set<string>();
  const visit = (node: DocumentNodeJSON): DocumentNodeJSON => {
    const content = node.content?.map(visit);
    if (node.type !== 'subparagraph') return content ? { ...node, content } : node;
    const given = node.attrs?.id;
    let id = typeof given === 'string' ? given : '';
    if (!id || seen.has(id) || (taken.has(id) && !own.has(id))) {
      do id = makeId();
      while (taken.has(id) || seen.has(id));
    }
    seen.add(id);
    return { ...node, attrs: { ...node.attrs, id }, ...(content ? { content } : {}) };
  };
  return visit(clause);
}
