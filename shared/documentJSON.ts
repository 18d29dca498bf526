/** A node of a draft in ProseMirror's JSON form, as read from Yjs without a schema (so unknown nodes survive to be reported). */
export interface DocumentNodeJSON {
  type: string;
  attrs?: Record<string, unknown>;
  content?: DocumentNodeJSON[];
  text?: string;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
}
