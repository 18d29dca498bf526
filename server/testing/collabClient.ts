import { WebsocketProvider } from 'y-websocket';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../../shared/collab';
import { waitFor } from './waitFor';

/** A y-websocket client in Node, exactly as a browser runs it but with `ws` as the socket. */
export interface CollabClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Resolves once the first sync with the server is complete. */
  synced(): Promise<void>;
  destroy(): void;
}

/** A WebSocket class as the provider uses one: constructed with a URL and protocols. */
export type SocketClass = new (url: string, protocols?: string | string[]) => WebSocket;

/**
 * Connects a real `WebsocketProvider` to `collabUrl/<draftId>`, authenticated with `token` (`?token=`);
 * `socket` replaces `ws`'s WebSocket class (a subclass that also watches the handshake, say).
 */
export function connectClient(
  collabUrl: string,
  draftId: string,
  options: { token?: string; doc?: Y.Doc; connect?: boolean; socket?: SocketClass } = {},
): CollabClient {
  const doc = options.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(collabUrl, draftId, doc, {
    ...(options.token ? { params: { token: options.token } } : {}),
    WebSocketPolyfill: (options.socket ?? WebSocket) as unknown as typeof globalThis.WebSocket,
    connect: options.connect ?? true,
    disableBc: true,
    maxBackoffTime: 200,
  });
  return {
    doc,
    provider,
    synced: () => waitFor(() => provider.synced, { message: 'provider synced' }),
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** The XmlText of the first paragraph of clause `index` in a section. */
export function clauseText(doc: Y.Doc, section: 'preamble' | 'operative', index: number): Y.XmlText {
  const parent = sectionElement(doc, section);
  const clause = parent.get(childIndexOfClause(parent, index)) as Y.XmlElement;
  const paragraph = clause.get(0) as Y.XmlElement;
  let text = paragraph.get(0) as Y.XmlText | undefined;
  if (!text) {
    text = new Y.XmlText();
    paragraph.insert(0, [text]);
  }
  return text;
}

/** The whole text of a draft as a string (all XML, for equality checks). */
export function documentString(doc: Y.Doc): string {
  return doc.getXmlFragment(DOCUMENT_FIELD).toString();
}

/** The section element ('preamble' or 'operative') of a draft's Yjs text, found by name (an opening formula may come first). */
export function sectionElement(doc: Y.Doc, section: 'preamble' | 'operative'): Y.XmlElement {
  const found = doc
    .getXmlFragment(DOCUMENT_FIELD)
    .toArray()
    .find((child) => child instanceof Y.XmlElement && child.nodeName === section);
  if (!found) throw new Error(`the draft has no ${section}`);
  return found as Y.XmlElement;
}

/**
 * Where the `index`-th clause of a section stands among its children (headings count as children,
 * not as clauses), or the end of the section when there are only `index` clauses.
 */
export function childIndexOfClause(section: Y.XmlElement, index: number): number {
  let clauses = 0;
  const children = section.toArray();
  for (let i = 0; i < children.length; i++) {
    const child = children[i];
    if (!(child instanceof Y.XmlElement) || child.nodeName !== 'clause') continue;
    if (clauses++ === index) return i;
  }
  return children.length;
}

/** The `index`-th clause of a section (headings between clauses are not counted). */
export function clauseElement(doc: Y.Doc, section: 'preamble' | 'operative', index: number): Y.XmlElement {
  const parent = sectionElement(doc, section);
  return parent.get(childIndexOfClause(parent, index)) as Y.XmlElement;
}

/** Inserts a clause as the editor would write it: attributes, then one paragraph of text (before the `index`-th clause). */
export function insertClause(
  doc: Y.Doc,
  section: 'preamble' | 'operative',
  index: number,
  clause: { id: string | null; text: string; pillars?: string[]; status?: string },
): void {
  const element = new Y.XmlElement('clause');
  if (clause.id !== null) element.setAttribute('id', clause.id);
  element.setAttribute('pillars', (clause.pillars ?? []) as unknown as string);
  element.setAttribute('status', clause.status ?? 'open');
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(clause.text)]);
  element.insert(0, [paragraph]);
  const parent = sectionElement(doc, section);
  parent.insert(childIndexOfClause(parent, index), [element]);
}

/** Moves the `from`-th clause of a section to be its `to`-th, as the editor does: delete, and insert a copy (same id). */
export function moveClause(doc: Y.Doc, section: 'preamble' | 'operative', from: number, to: number): void {
  const parent = sectionElement(doc, section);
  doc.transact(() => {
    const at = childIndexOfClause(parent, from);
    const copy = (parent.get(at) as Y.XmlElement).clone();
    parent.delete(at, 1);
    parent.insert(childIndexOfClause(parent, to), [copy]);
  });
}

/** A caret as y-prosemirror shares it in presence: anchor and head as Yjs relative positions (JSON). */
export function caretAt(text: Y.XmlText, index: number): { anchor: unknown; head: unknown } {
  const position = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, index));
  return { anchor: position, head: position };
}
