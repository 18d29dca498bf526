import type { DocumentNodeJSON } from '../../shared/documentJSON';

/** The parts of a document that hold clauses: the preamble, the operative part and each annex. */
export function isContainer(node: DocumentNodeJSON): boolean {
  return node.type === 'preamble' || node.type === 'operative' || node.type === 'annex';
}

/** Which container a clause stands in ("preamble", "operative", "annex:<id>" or "annex#<n>" for one without an id). */
export function containerKey(container: DocumentNodeJSON, index: number): string {
  if (container.type !== 'annex') return container.type;
  const id = container.attrs?.id;
  return typeof id === 'string' && id ? `annex:${id}` : `annex#${index}`;
}

/** A clause of a document, with the container it stands in. */
export interface Located {
  node: DocumentNodeJSON;
  container: string;
}

/** Every clause of a document by id, in document order, with the container it stands in; divisions are not clauses. */
export function clausesById(doc: DocumentNodeJSON): Map<string, Located> {
  const map = new Map<string, Located>();
  (doc.content ?? []).forEach((container, index) => {
    if (!isContainer(container)) return;
    for (const node of container.content ?? []) {
      const id = node.attrs?.id;
      if (node.type === 'clause' && typeof id === 'string')
        map.set(id, { node, container: containerKey(container, index) });
    }
  });
  return map;
}
