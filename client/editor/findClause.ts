import type { Node as ProseMirrorNode, ResolvedPos } from '@tiptap/pm/model';
import type { ClauseKind } from '../../shared/clauses';

/** Where a clause sits in the document: everything an editing command needs to act on it. */
export interface ClauseLocation {
  node: ProseMirrorNode;
  /** Position right before the clause node. */
  pos: number;
  kind: ClauseKind;
  /** Its index among the clauses of its section (0-based): the number is derived from it. */
  index: number;
  /** The section node (`preamble` or `operative`) that holds it. */
  section: ProseMirrorNode;
  /** Position right before the section node. */
  sectionPos: number;
  /** Depth of the clause node in any position resolved inside it. */
  depth: number;
}

const KIND_OF_SECTION: Readonly<Record<string, ClauseKind>> = { preamble: 'preambular', operative: 'operative' };

/** The clause kind a section node holds, or undefined for anything that is not a section. */
export function kindOfSection(section: ProseMirrorNode): ClauseKind | undefined {
  return KIND_OF_SECTION[section.type.name];
}

/** The clause that contains `$pos`, or null when it is outside every clause (the title). */
export function clauseAround($pos: ResolvedPos): ClauseLocation | null {
  for (let depth = $pos.depth; depth >= 2; depth--) {
    const node = $pos.node(depth);
    if (node.type.name !== 'clause') continue;
    const section = $pos.node(depth - 1);
    const kind = kindOfSection(section);
    if (!kind) return null;
    return {
      node,
      pos: $pos.before(depth),
      kind,
      index: $pos.index(depth - 1),
      section,
      sectionPos: $pos.before(depth - 1),
      depth,
    };
  }
  return null;
}

/**
 * Calls `visit` for every clause in document order with its position, kind and index within its
 * section. Only the two top-level sections are walked, never the text, so this costs one step
 * per clause however long the clauses are.
 */
export function forEachClause(
  doc: ProseMirrorNode,
  visit: (node: ProseMirrorNode, pos: number, kind: ClauseKind, index: number) => void,
): void {
  doc.forEach((section, sectionOffset) => {
    const kind = kindOfSection(section);
    if (!kind) return;
    section.forEach((clause, offset, index) => {
      if (clause.type.name === 'clause') visit(clause, sectionOffset + 1 + offset, kind, index);
    });
  });
}

/** The clause with `id`, or null when there is none. */
export function findClauseById(doc: ProseMirrorNode, id: string): ClauseLocation | null {
  let found: ClauseLocation | null = null;
  forEachClause(doc, (node, pos, _kind, _index) => {
    if (found === null && node.attrs.id === id) found = clauseAround(doc.resolve(pos + 1));
  });
  return found;
}

/** A clause's pillar keys as stored, unknown ones included (they are reported, never dropped). */
export function clausePillars(node: ProseMirrorNode): string[] {
  const raw: unknown = node.attrs.pillars;
  return Array.isArray(raw) ? raw.filter((key): key is string => typeof key === 'string') : [];
}
