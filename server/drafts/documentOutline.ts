import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../../shared/collab';
import type { DocumentNodeJSON } from '../../shared/documentJSON';
import type { Outline } from '../../shared/outline';
import type { Taxonomy } from '../../shared/pillars';
import { clauseText, readOutline } from '../../shared/outline';

/** The draft's text as ProseMirror JSON, read without a schema so nothing unknown is lost on the way. */
export function documentJSON(doc: Y.Doc): DocumentNodeJSON {
  return yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(DOCUMENT_FIELD)) as DocumentNodeJSON;
}

/**
 * The outline of the live text: clauses in order with derived numbers, and every problem found
 * (a tag outside `taxonomy` among them, when it is given).
 */
export function documentOutline(doc: Y.Doc, taxonomy?: Taxonomy): Outline {
  return readOutline(documentJSON(doc), taxonomy);
}

/** The clause element with `clauseId`, wherever it is in the text. */
export function findClauseElement(doc: Y.Doc, clauseId: string): Y.XmlElement | undefined {
  return findClauseElements(doc, new Set([clauseId])).get(clauseId);
}

/** The clause elements with these ids, found in one walk of the text (a batch may change every clause of a long draft). */
export function findClauseElements(doc: Y.Doc, clauseIds: ReadonlySet<string>): Map<string, Y.XmlElement> {
  const found = new Map<string, Y.XmlElement>();
  if (clauseIds.size === 0) return found;
  for (const section of doc.getXmlFragment(DOCUMENT_FIELD).toArray()) {
    if (!(section instanceof Y.XmlElement)) continue;
    for (const clause of section.toArray()) {
      if (!(clause instanceof Y.XmlElement) || clause.nodeName !== 'clause') continue;
      const id = clause.getAttribute('id');
      if (id === undefined || !clauseIds.has(id) || found.has(id)) continue;
      found.set(id, clause);
      if (found.size === clauseIds.size) return found;
    }
  }
  return found;
}

/**
 * Reads the plain text of the clauses with these ids: they are found in one walk of the text,
 * then each is read when asked for (null for one that is not there).
 */
export function liveClauseTexts(doc: Y.Doc, clauseIds: ReadonlySet<string>): (clauseId: string) => string | null {
  const elements = findClauseElements(doc, clauseIds);
  return (clauseId) => {
    const element = elements.get(clauseId);
    if (!element) return null;
    // The converter reads any XML type's children; the clause's own node is rebuilt around them.
    const { content } = yXmlFragmentToProsemirrorJSON(element as unknown as Y.XmlFragment) as DocumentNodeJSON;
    return clauseText({ type: 'clause', attrs: element.getAttributes(), content });
  };
}

/** Every clause's plain text (`clauseText`) by id, as the outline reads them. */
export function clauseTexts(doc: Y.Doc): Map<string, string> {
  return new Map(documentOutline(doc).clauses.map((clause) => [clause.id, clause.text]));
}

/**
 * The point (at any level) with `pointId` and the clause that holds it, wherever it is in the
 * text: a comment on a point follows it when it moves to another clause.
 */
export function findPointElement(
  doc: Y.Doc,
  pointId: string,
): { point: Y.XmlElement; clause: Y.XmlElement } | undefined {
  for (const section of doc.getXmlFragment(DOCUMENT_FIELD).toArray()) {
    if (!(section instanceof Y.XmlElement)) continue;
    for (const clause of section.toArray()) {
      if (!(clause instanceof Y.XmlElement) || clause.nodeName !== 'clause') continue;
      const stack = [clause];
      while (stack.length > 0) {
        for (const child of stack.pop()!.toArray()) {
          if (!(child instanceof Y.XmlElement) || child.nodeName !== 'subparagraph') continue;
          if (child.getAttribute('id') === pointId) return { point: child, clause };
          stack.push(child);
        }
      }
    }
  }
  return undefined;
}

/** The text with each clause's tags narrowed to the pillars of `taxonomy`. */
export function keepTags(json: DocumentNodeJSON, taxonomy: Taxonomy): DocumentNodeJSON {
  const pillars = json.attrs?.pillars;
  const attrs =
    json.type === 'clause' && Array.isArray(pillars)
      ? { ...json.attrs, pillars: pillars.filter((key) => taxonomy.has(key)) }
      : json.attrs;
  return {
    ...json,
    ...(attrs && { attrs }),
    ...(json.content && { content: json.content.map((child) => keepTags(child, taxonomy)) }),
  };
}
