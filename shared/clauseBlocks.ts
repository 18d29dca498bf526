import type { DocumentNodeJSON } from './documentJSON';
import { plainText } from './outline';
import { pointLabel, pointReference } from './structure';

/**
 * One block of a clause, in document order: a paragraph of the clause itself (its opening words,
 * or a later paragraph between points), or a point at any level with its own words (the points
 * within it are blocks of their own, after it). Compare, amendments and consolidation align
 * clauses block by block, by the points' ids, so they read a clause through this one function.
 */
export interface ClauseBlock {
  kind: 'paragraph' | 'point';
  /** The point's stable id; '' for a paragraph, and for a point saved before points had ids. */
  id: string;
  /** 0 for a paragraph of the clause; 1 for (a), 2 for (i), 3 for (A). */
  level: number;
  /** "(b)", derived from level and position; '' for a paragraph. */
  label: string;
  /** "OP1(b)(ii)" for a point; the clause's number for a paragraph. */
  reference: string;
  /** Its own words as plain text (footnotes as `^[note]`), without its label and inner points. */
  text: string;
  /** Its own paragraph node (words with their marks and footnotes). */
  paragraph: DocumentNodeJSON;
  /** The node's attributes (a point's id), kept so a clause rebuilt from blocks keeps them. */
  attrs: Record<string, unknown>;
}

const EMPTY_PARAGRAPH: DocumentNodeJSON = { type: 'paragraph' };

/** The blocks of a `clause` node in document order, each point after the one that holds it, labelled under `number`. */
export function clauseBlocks(clause: DocumentNodeJSON, number: string): ClauseBlock[] {
  const blocks: ClauseBlock[] = [];
  const read = (children: readonly DocumentNodeJSON[], level: number, labels: readonly string[]): void => {
    let index = 0;
    for (const child of children) {
      if (child.type !== 'subparagraph') {
        // A paragraph of the clause (or, in a malformed text, any other block) reads as a paragraph.
        blocks.push({
          kind: 'paragraph',
          id: '',
          level: 0,
          label: '',
          reference: number,
          text: plainText(child),
          paragraph: child,
          attrs: {},
        });
        continue;
      }
      const label = pointLabel(level, index++);
      const [own, ...inner] = child.content ?? [];
      const paragraph = own?.type === 'paragraph' ? own : EMPTY_PARAGRAPH;
      const id = child.attrs?.id;
      blocks.push({
        kind: 'point',
        id: typeof id === 'string' ? id : '',
        level,
        label,
        reference: pointReference(number, [...labels, label]),
        text: plainText(paragraph),
        paragraph,
        attrs: { ...child.attrs },
      });
      read(own?.type === 'paragraph' ? inner : (child.content ?? []), level + 1, [...labels, label]);
    }
  };
  read(clause.content ?? [], 1, []);
  return blocks;
}

/**
 * Whether a run of blocks makes a well-formed clause: it opens with a paragraph, and each point
 * sits at most one level below the block before it (a point of the second level only after a
 * point), never deeper than `maxLevel`.
 */
export function blocksFitClause(blocks: readonly Pick<ClauseBlock, 'kind' | 'level'>[], maxLevel: number): boolean {
  if (blocks[0]?.kind !== 'paragraph') return false;
  let previous = 0;
  for (const block of blocks) {
    if (block.kind === 'paragraph') {
      previous = 0;
      continue;
    }
    if (block.level < 1 || block.level > maxLevel || block.level > previous + 1) return false;
    previous = block.level;
  }
  return true;
}

/** A `clause` node built from blocks (which must fit a clause, see {@link blocksFitClause}), with the clause's attributes. */
export function clauseFromBlocks(
  blocks: readonly Pick<ClauseBlock, 'kind' | 'level' | 'paragraph' | 'attrs'>[],
  attrs: Record<string, unknown>,
): DocumentNodeJSON {
  const clause: DocumentNodeJSON = { type: 'clause', attrs, content: [] };
  // The open containers: the clause, then the point of each level below it.
  const open: DocumentNodeJSON[] = [clause];
  for (const block of blocks) {
    const depth = block.kind === 'paragraph' ? 0 : block.level - 1;
    open.length = Math.min(open.length, depth + 1);
    const parent = open[open.length - 1]!;
    if (block.kind === 'paragraph') {
      parent.content!.push(block.paragraph);
      continue;
    }
    const point: DocumentNodeJSON = { type: 'subparagraph', attrs: { ...block.attrs }, content: [block.paragraph] };
    parent.content!.push(point);
    open.push(point);
  }
  return clause;
}

/**
 * Every clause node of a document by id, wherever it stands: the preamble, the operative part
 * (under divisions or not) and the annexes. The first clause with an id wins.
 */
export function clauseNodesById(document: DocumentNodeJSON): Map<string, DocumentNodeJSON> {
  const clauses = new Map<string, DocumentNodeJSON>();
  for (const container of document.content ?? []) {
    if (container.type !== 'preamble' && container.type !== 'operative' && container.type !== 'annex') continue;
    for (const node of container.content ?? []) {
      const id = node.attrs?.id;
      if (node.type === 'clause' && typeof id === 'string' && !clauses.has(id)) clauses.set(id, node);
    }
  }
  return clauses;
}
