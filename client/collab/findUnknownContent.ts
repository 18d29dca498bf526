import type { Schema } from '@tiptap/pm/model';
import * as Y from 'yjs';

/** How y-prosemirror names the attribute of a mark that may overlap itself: `<mark>--<8 chars>`. */
const HASHED_MARK_ATTRIBUTE = /^(.*)--[a-zA-Z0-9+/=]{8}$/;

function markNameOf(attribute: string): string {
  return HASHED_MARK_ATTRIBUTE.exec(attribute)?.[1] ?? attribute;
}

/** Any node of a Yjs XML tree. */
type XmlNode = Y.XmlFragment | Y.XmlElement | Y.XmlText | Y.XmlHook;

function isXmlNode(type: unknown): type is XmlNode {
  return (
    type instanceof Y.XmlFragment ||
    type instanceof Y.XmlElement ||
    type instanceof Y.XmlText ||
    type instanceof Y.XmlHook
  );
}

function isWithin(node: XmlNode, root: Y.XmlFragment): boolean {
  for (let current: unknown = node; current !== null; current = (current as XmlNode).parent) {
    if (current === root) return true;
    if (!isXmlNode(current)) return false;
  }
  return false;
}

function inspectText(text: Y.XmlText, schema: Schema): string | null {
  const delta = text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[];
  for (const op of delta) {
    if (typeof op.insert !== 'string') return 'an embedded object inside text';
    for (const attribute of Object.keys(op.attributes ?? {})) {
      const mark = markNameOf(attribute);
      if (!(mark in schema.marks)) return `the text formatting "${mark}"`;
    }
  }
  return null;
}

function inspect(node: XmlNode, schema: Schema): string | null {
  if (node instanceof Y.XmlText) return inspectText(node, schema);
  if (node instanceof Y.XmlHook) return 'a kind of shared data the editor does not use';
  if (node instanceof Y.XmlElement) {
    const nodeType = schema.nodes[node.nodeName];
    if (nodeType === undefined) return `the element "${node.nodeName}"`;
    const known = nodeType.spec.attrs ?? {};
    for (const attribute of Object.keys(node.getAttributes())) {
      if (!(attribute in known)) return `the attribute "${attribute}" on "${node.nodeName}"`;
    }
  }
  for (const child of node.toArray()) {
    const found = inspect(child, schema);
    if (found !== null) return found;
  }
  return null;
}

/**
 * Looks through what `transaction` changed inside `fragment` for anything the schema does not
 * know: an element, attribute or mark this version of the editor has never heard of, as a newer
 * client would write.
 *
 * Why this exists: when the y-prosemirror binding meets such content it deletes it from the
 * shared document (its recovery for broken merges), and that deletion syncs to everyone, so an
 * old tab would silently erase a newer client's work. Tiptap's `enableContentCheck` runs after
 * that deletion and never sees it. Call this from the Yjs `beforeObserverCalls` event, before the
 * binding's observer runs, and stop the binding when it reports something.
 *
 * Known node types in an arrangement the schema forbids are deliberately not reported: concurrent
 * edits can merge into such shapes, and the binding's repair is the right answer for them.
 * Cost is proportional to what changed: each changed type is inspected with what is under it,
 * so typing costs one paragraph's text and only a restructuring of the whole document costs a
 * walk of the whole document.
 *
 * @returns a short description of the first unknown thing found, or null
 */
export function findUnknownContent(transaction: Y.Transaction, fragment: Y.XmlFragment, schema: Schema): string | null {
  for (const type of transaction.changed.keys()) {
    if (!isXmlNode(type) || !isWithin(type, fragment)) continue;
    const found = inspect(type, schema);
    if (found !== null) return found;
  }
  return null;
}
