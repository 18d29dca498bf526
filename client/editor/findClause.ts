import type { Node as ProseMirrorNode, ResolvedPos } from '@tiptap/pm/model';
import { clauseNumber, type ClauseKind } from '../../shared/clauses';
import type { DisplayedNumbers } from '../../shared/numbering';
import { NUMBERING_ATTRIBUTE, displayNumbers, isFrozenNumbering } from '../../shared/numbering';
import { SUGGESTION_MARKS } from '../../shared/suggestions';
import type { ClauseForNumbering } from '../../shared/clauseFollowers';
import { followerLabels } from '../../shared/clauseFollowers';

/** Where a clause sits in the document: everything an editing command needs to act on it. */
export interface ClauseLocation {
  node: ProseMirrorNode;
  /** Position right before the clause node. */
  pos: number;
  kind: ClauseKind;
  /** Its index among the clauses of its container (0-based), divisions not counted: the number is derived from it. */
  index: number;
  /** Its index among all the children of its container (divisions and an annex's title included). */
  childIndex: number;
  /** Which annex holds it (0-based), 0 outside annexes. */
  annexIndex: number;
  /** Its derived number: "PP2", "OP7", "A1.3", exactly as `shared/outline.ts` gives it. */
  number: string;
  /** The container node (`preamble`, `operative` or an `annex`) that holds it. */
  section: ProseMirrorNode;
  /** Position right before the container node. */
  sectionPos: number;
  /** Depth of the clause node in any position resolved inside it. */
  depth: number;
}

const KIND_OF_SECTION: Readonly<Record<string, ClauseKind>> = {
  preamble: 'preambular',
  operative: 'operative',
  annex: 'annex',
};

/** The clause kind a container node holds (preamble, operative part, annex), or undefined for anything else. */
export function kindOfSection(section: ProseMirrorNode): ClauseKind | undefined {
  return KIND_OF_SECTION[section.type.name];
}

/** How many clauses come before the `childIndex`-th child of a container: a clause's index, divisions not counted. */
function clausesBefore(section: ProseMirrorNode, childIndex: number): number {
  let count = 0;
  for (let i = 0; i < childIndex; i++) if (section.child(i).type.name === 'clause') count++;
  return count;
}

/** How many annexes come before the `topIndex`-th child of the document. */
function annexesBefore(doc: ProseMirrorNode, topIndex: number): number {
  let count = 0;
  for (let i = 0; i < topIndex; i++) if (doc.child(i).type.name === 'annex') count++;
  return count;
}

/**
 * The numbers of a container's clauses as the outline gives them: in order, or, once the chair
 * froze the numbering, the frozen ones ("OP5 bis" for a clause inserted after OP5).
 */
export function containerNumbers(section: ProseMirrorNode, kind: ClauseKind, annexIndex: number): string[] {
  return shownNumbers(section, kind, annexIndex).numbers;
}

/** The frozen numbers of a container whose clauses are gone, each with the clause it stood before (null: at the end). */
export function deletedNumbers(
  section: ProseMirrorNode,
  kind: ClauseKind,
  annexIndex: number,
): DisplayedNumbers['deleted'] {
  return shownNumbers(section, kind, annexIndex).deleted;
}

/**
 * The numbers shown for each container, kept as long as its node lives: nodes never change, so
 * the numbers are read once per change of the container however often they are asked for (the
 * clause toolbar dry-runs half a dozen commands on every keystroke, each finding the clause at the
 * caret and its number).
 */
const numbersOf = new WeakMap<ProseMirrorNode, { kind: ClauseKind; annexIndex: number; numbers: DisplayedNumbers }>();

function shownNumbers(section: ProseMirrorNode, kind: ClauseKind, annexIndex: number): DisplayedNumbers {
  const kept = numbersOf.get(section);
  if (kept?.kind === kind && kept.annexIndex === annexIndex) return kept.numbers;
  const clauses: ClauseForNumbering[] = [];
  section.forEach((child) => {
    if (child.type.name !== 'clause') return;
    const id = typeof child.attrs.id === 'string' ? child.attrs.id : '';
    clauses.push({ id, alternative: child.attrs.alternative, proposed: () => isProposedClause(child) });
  });
  const ids = clauses.map((clause) => clause.id);
  const followers = followerLabels(clauses);
  const frozen: unknown = section.attrs[NUMBERING_ATTRIBUTE];
  const numbers = displayNumbers(kind, annexIndex, ids, isFrozenNumbering(frozen) ? frozen : null, followers);
  numbersOf.set(section, { kind, annexIndex, numbers });
  return numbers;
}

/** {@link isProposedClause} of each clause node, kept as long as the node lives: a keystroke changes one clause, not all. */
const proposedClauses = new WeakMap<ProseMirrorNode, boolean>();

/** Whether a clause is a paragraph proposed as a whole: it has words, all in insertions (`isProposedClause` in shared/suggestions.ts). */
function isProposedClause(clause: ProseMirrorNode): boolean {
  let proposed = proposedClauses.get(clause);
  if (proposed === undefined) {
    proposed = readProposedClause(clause);
    proposedClauses.set(clause, proposed);
  }
  return proposed;
}

function readProposedClause(clause: ProseMirrorNode): boolean {
  let words = 0;
  let proposed = true;
  clause.descendants((node) => {
    if (!proposed) return false;
    if (node.isText) {
      if (!node.marks.some((mark) => mark.type.name === SUGGESTION_MARKS.insert)) proposed = false;
      words += node.text?.length ?? 0;
    }
    return true;
  });
  return proposed && words > 0;
}

/** The clause that contains `$pos`, or null when it is outside every clause (the title, a heading). */
export function clauseAround($pos: ResolvedPos): ClauseLocation | null {
  for (let depth = $pos.depth; depth >= 2; depth--) {
    const node = $pos.node(depth);
    if (node.type.name !== 'clause') continue;
    const section = $pos.node(depth - 1);
    const kind = kindOfSection(section);
    if (!kind) return null;
    const childIndex = $pos.index(depth - 1);
    const index = clausesBefore(section, childIndex);
    const annexIndex = kind === 'annex' ? annexesBefore($pos.doc, $pos.index(0)) : 0;
    return {
      node,
      pos: $pos.before(depth),
      kind,
      index,
      childIndex,
      annexIndex,
      number: containerNumbers(section, kind, annexIndex)[index] ?? clauseNumber(kind, index, annexIndex),
      section,
      sectionPos: $pos.before(depth - 1),
      depth,
    };
  }
  return null;
}

/** One container of clauses (the preamble, the operative part, an annex) as {@link forEachContainer} visits it. */
export interface ContainerInfo {
  node: ProseMirrorNode;
  /** Position right before the container. */
  pos: number;
  kind: ClauseKind;
  /** Which annex it is (0-based), 0 for the preamble and the operative part. */
  annexIndex: number;
}

/** Calls `visit` for the preamble, the operative part and each annex, in document order. */
export function forEachContainer(doc: ProseMirrorNode, visit: (container: ContainerInfo) => void): void {
  let annexIndex = 0;
  doc.forEach((node, pos) => {
    const kind = kindOfSection(node);
    if (!kind) return;
    visit({ node, pos, kind, annexIndex: kind === 'annex' ? annexIndex++ : 0 });
  });
}

/**
 * Calls `visit` for every clause in document order with its position, kind, index among the
 * clauses of its container (divisions are not counted), in annexes the annex's index, and the
 * number the outline gives it (frozen numbers included). Only the containers are
 * walked, never the text, so this costs one step per clause (and division) however long they are.
 */
export function forEachClause(
  doc: ProseMirrorNode,
  visit: (
    node: ProseMirrorNode,
    pos: number,
    kind: ClauseKind,
    index: number,
    annexIndex: number,
    /** Its number as the outline gives it (see `containerNumbers`). */
    number: string,
  ) => void,
): void {
  forEachContainer(doc, ({ node: section, pos: sectionPos, kind, annexIndex }) => {
    const numbers = containerNumbers(section, kind, annexIndex);
    let index = 0;
    section.forEach((clause, offset) => {
      if (clause.type.name !== 'clause') return;
      visit(clause, sectionPos + 1 + offset, kind, index, annexIndex, numbers[index]!);
      index++;
    });
  });
}

/** The clause with `id`, or null when there is none. */
export function findClauseById(doc: ProseMirrorNode, id: string): ClauseLocation | null {
  let found: number | null = null;
  forEachClause(doc, (node, pos) => {
    if (found === null && node.attrs.id === id) found = pos;
  });
  return found === null ? null : clauseAround(doc.resolve(found + 1));
}

/** A clause's pillar keys as stored, unknown ones included (they are reported, never dropped). */
export function clausePillars(node: ProseMirrorNode): string[] {
  const raw: unknown = node.attrs.pillars;
  return Array.isArray(raw) ? raw.filter((key): key is string => typeof key === 'string') : [];
}
