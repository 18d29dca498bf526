import type { Node as ProseMirrorNode, ResolvedPos } from '@tiptap/pm/model';

/** The node name of a point (it keeps the name sub-paragraphs had before points nested). */
const POINT = 'subparagraph';

/** Where a point sits in the document. */
export interface PointLocation {
  node: ProseMirrorNode;
  /** Position right before the point node. */
  pos: number;
  /** Its stable id; '' until the server has given it one. */
  id: string;
}

function idOf(node: ProseMirrorNode): string {
  return typeof node.attrs.id === 'string' ? node.attrs.id : '';
}

/**
 * The innermost point that contains `$pos` ((A) rather than the (i) and (a) that hold it), or
 * null outside every point: what "comment on this point" is about when the caret is in one.
 */
export function pointAround($pos: ResolvedPos): PointLocation | null {
  for (let depth = $pos.depth; depth > 0; depth--) {
    const node = $pos.node(depth);
    if (node.type.name === POINT) return { node, pos: $pos.before(depth), id: idOf(node) };
  }
  return null;
}

/**
 * Where each of the points with these ids is in `doc` (those it has), found in one walk that
 * never enters text blocks: how the text shows the comments on whole points.
 */
export function findPointsById(doc: ProseMirrorNode, ids: ReadonlySet<string>): Map<string, PointLocation> {
  const found = new Map<string, PointLocation>();
  if (ids.size === 0) return found;
  doc.descendants((node, pos) => {
    if (found.size === ids.size || node.isTextblock) return false;
    if (node.type.name === POINT && ids.has(idOf(node))) found.set(idOf(node), { node, pos, id: idOf(node) });
    return true;
  });
  return found;
}
