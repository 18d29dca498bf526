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

/** A clause to add to a benchmark draft: its id and the text of its one paragraph. */
export interface BenchClause {
  id: string;
  text: string;
}

/**
 * Appends operative clauses, each with one paragraph of plain text, to the draft in one
 * transaction. Accord seeds a new draft on the server; the reference server starts from an empty
 * document, so there the smallest valid draft is built first. Both come from the editor's own
 * schema, attributes and defaults included, so the benchmarks keep up with schema changes. Run by
 * one client before any other client writes, which is why seeding from a client is safe here.
 */
export function appendOperativeClauses(doc: Y.Doc, clauses: readonly BenchClause[]): void {
  const schema = draftSchema();
  const fragment = draftFragment(doc);
  doc.transact(() => {
    if (fragment.length === 0) {
      const empty = schema.topNodeType.createAndFill();
      if (!empty) throw new Error('The draft schema cannot build an empty draft.');
      prosemirrorToYXmlFragment(empty, fragment);
    }
    const operative = childElement(fragment, 'operative');
    if (!operative) throw new Error('The draft has no operative section to add clauses to.');
    const elements = clauses.map(({ id, text }) => {
      const clause = new Y.XmlElement('clause');
      // Every attribute with the schema's default, as y-prosemirror stores a clause the editor made.
      for (const [name, value] of Object.entries(schema.nodes.clause?.create({ id }).attrs ?? {})) {
        if (value !== null) clause.setAttribute(name, value);
      }
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(text)]);
      clause.insert(0, [paragraph]);
      return clause;
    });
    operative.push(elements);
  });
}

/**
 * Gives the document one operative clause per writer, so that every writer types into its own
 * paragraph the way delegates each edit their own clause.
 */
export function prepareBenchDocument(doc: Y.Doc, writers: number): void {
  appendOperativeClauses(
    doc,
    Array.from({ length: writers }, (_, writer) => ({ id: writerClauseId(writer), text: `Writer ${writer} types: ` })),
  );
}

/** The text of the first paragraph of clause `id`, once that clause has reached `doc`. */
export function findClauseText(doc: Y.Doc, id: string): Y.XmlText | undefined {
  const operative = childElement(draftFragment(doc), 'operative');
  const clause = operative
    ?.toArray()
    .find((child): child is Y.XmlElement => child instanceof Y.XmlElement && child.getAttribute('id') === id);
  const paragraph = clause ? childElement(clause, 'paragraph') : undefined;
  const text = paragraph?.get(0);
  return text instanceof Y.XmlText ? text : undefined;
}

/** The text writer `writer` appends to, once {@link prepareBenchDocument}'s changes have reached `doc`. */
export function findWriterText(doc: Y.Doc, writer: number): Y.XmlText | undefined {
  return findClauseText(doc, writerClauseId(writer));
}
