import { prosemirrorToYXmlFragment } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../../shared/collab';
import { draftSchema } from '../../shared/schema';

/**
 * The clause id of writer `writer`'s own clause. Same shape as `newClauseId` in shared/ (`c_` and
 * 12 characters of its alphabet), so a server that checks clause ids accepts it.
 */
export function writerClauseId(writer: number): string {
  return `c_bw${String(writer).padStart(10, '0')}`;
}

/** The draft's text as the editor sees it: the XML fragment Tiptap's Collaboration extension binds to. */
export function draftFragment(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment(DOCUMENT_FIELD);
}

function childElement(parent: Y.XmlFragment | Y.XmlElement, nodeName: string): Y.XmlElement | undefined {
  return parent
    .toArray()
    .find((child): child is Y.XmlElement => child instanceof Y.XmlElement && child.nodeName === nodeName);
}

/**
 * Gives the document one operative clause per writer, in one transaction, so that every writer
 * types into its own paragraph the way delegates each edit their own clause. Accord seeds a new
 * draft on the server; the reference server starts from an empty document, so there the smallest
 * valid draft is built first. Both come from the editor's own schema, attributes and defaults
 * included, so the benchmark keeps up with schema changes. Run by one client before any other
 * writer connects, which is why seeding from a client is safe here.
 */
export function prepareBenchDocument(doc: Y.Doc, writers: number): void {
  const schema = draftSchema();
  const fragment = draftFragment(doc);
  doc.transact(() => {
    if (fragment.length === 0) {
      const empty = schema.topNodeType.createAndFill();
      if (!empty) throw new Error('The draft schema cannot build an empty draft.');
      prosemirrorToYXmlFragment(empty, fragment);
    }
    const operative = childElement(fragment, 'operative');
    if (!operative) throw new Error('The draft has no operative section to add writer clauses to.');
    const clauses: Y.XmlElement[] = [];
    for (let writer = 0; writer < writers; writer++) {
      const clause = new Y.XmlElement('clause');
      // Every attribute with the schema's default, as y-prosemirror stores a clause the editor made.
      for (const [name, value] of Object.entries(
        schema.nodes.clause?.create({ id: writerClauseId(writer) }).attrs ?? {},
      )) {
        if (value !== null) clause.setAttribute(name, value);
      }
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(`Writer ${writer} types: `)]);
      clause.insert(0, [paragraph]);
      clauses.push(clause);
    }
    operative.push(clauses);
  });
}

/** The text writer `writer` appends to, once {@link prepareBenchDocument}'s changes have reached `doc`. */
export function findWriterText(doc: Y.Doc, writer: number): Y.XmlText | undefined {
  const operative = childElement(draftFragment(doc), 'operative');
  const clause = operative
    ?.toArray()
    .find(
      (child): child is Y.XmlElement =>
        child instanceof Y.XmlElement && child.getAttribute('id') === writerClauseId(writer),
    );
  const paragraph = clause ? childElement(clause, 'paragraph') : undefined;
  const text = paragraph?.get(0);
  return text instanceof Y.XmlText ? text : undefined;
}
