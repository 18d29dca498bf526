import { updateYFragment } from '@tiptap/y-tiptap';
import type { Node } from '@tiptap/pm/model';
import type * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../../shared/collab';

/**
 * Makes a draft's Yjs text read `document`, inside the caller's transaction: how a version is
 * restored and how a review cycle's consolidated text is written. Only the nodes that differ
 * change, so untouched clauses keep their identity, their comments and everyone's carets.
 */
export function replaceText(doc: Y.Doc, document: Node): void {
  updateYFragment(doc, doc.getXmlFragment(DOCUMENT_FIELD), document, { mapping: new Map(), isOMark: new Map() });
}
