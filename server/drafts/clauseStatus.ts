import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../../shared/collab';

/** Who set a clause's status, as the clause records it and people read it: "Amina Diallo (Conference Secretariat)". */
export function statusSetBy(name: string, affiliation: string): string {
  return `${name} (${affiliation})`;
}

/**
 * Writes who last changed each clause's status, and when, on the clauses themselves
 * (`statusBy`, `statusAt`), so an agreed clause can say who agreed it. `stamps` maps clause ids to
 * the person's name and delegation as people read them.
 */
export function stampClauseStatus(doc: Y.Doc, stamps: ReadonlyMap<string, string>, at: Date): void {
  const stack: Y.XmlElement[] = [];
  for (const child of doc.getXmlFragment(DOCUMENT_FIELD).toArray())
    if (child instanceof Y.XmlElement) stack.push(child);
  while (stack.length > 0) {
    const element = stack.pop()!;
    if (element.nodeName !== 'clause') {
      for (const child of element.toArray()) if (child instanceof Y.XmlElement) stack.push(child);
      continue;
    }
    const by = stamps.get(String(element.getAttribute('id')));
    if (by === undefined) continue;
    element.setAttribute('statusBy', by);
    element.setAttribute('statusAt', at.toISOString());
  }
}
