import type { ClauseKind, ClauseStatus, ClauseSummary } from './clauses';
import { isClauseStatus } from './clauses';
import type { DocumentNodeJSON } from './documentJSON';
import { ALTERNATIVE_NODE, BRACKET_NODE, alternativeLabel } from './negotiation';
import { NUMBERING_ATTRIBUTE, displayNumbers, isFrozenNumbering } from './numbering';
import { MAX_POINT_LEVELS } from './limits';
import type { PillarKey } from './pillars';
import type { Taxonomy } from './pillars';
import { followingClauses } from './clauseFollowers';
import { isProposedClause } from './suggestions';
import type { DivisionLevel } from './structure';
import { annexLabel, divisionNumber, isDivisionLevel, pointLabel, pointReference } from './structure';

/** What can be wrong with a stored document, each with a stable code for clients and logs. */
export type OutlineProblemCode =
  | 'unknown-node'
  | 'clause-without-id'
  | 'duplicate-clause-id'
  | 'point-without-id'
  | 'point-too-deep'
  | 'unknown-pillar'
  | 'invalid-status'
  | 'invalid-structure';

/** A problem found while reading a document; nothing is dropped, it is reported. */
export interface OutlineProblem {
  code: OutlineProblemCode;
  message: string;
  /** The clause it concerns, when there is one: its number, and its id if it has one. */
  number?: string;
  clauseId?: string;
}

/** A point of a clause, at any level: its stable id, its label and the reference that names it. */
export interface OutlinePoint {
  /** Empty string for a point that has no id yet (reported as a problem). */
  id: string;
  /** 1 for (a), 2 for (i), 3 for (A). */
  level: number;
  /** "(b)", "(ii)", "(A)": derived from the level and the position, never stored. */
  label: string;
  /** "OP1(b)(ii)": the clause's number, then the labels from level 1 down. */
  reference: string;
  /** The point's own words (its first paragraph), without the points within it. */
  text: string;
}

/** A clause in the outline: its summary plus the problems found in it (absent when none). */
export interface OutlineClause extends Omit<ClauseSummary, 'id'> {
  /** Empty string for a clause that has no id (reported as a problem). */
  id: string;
  /** Number of points at the first level ((a), (b) …). */
  subparagraphs: number;
  /** Every point of the clause in document order, each level after the point that holds it. */
  points: OutlinePoint[];
  /** The annex the clause belongs to (annex paragraphs only). */
  annexId?: string;
  /** The innermost division (part or section) the clause falls under, if any. */
  divisionId?: string;
  /** Present when the whole clause is only proposed (shared/suggestions.ts `isProposedClause`): its proposed words. */
  proposedText?: string;
  problems?: OutlineProblemCode[];
}

/** A heading of the operative part or of an annex. */
export interface OutlineDivision {
  id: string;
  level: DivisionLevel;
  /** "Part II", "Section A": derived, never stored; sections count again in each part. */
  number: string;
  title: string;
  /** The annex it belongs to, absent in the operative part. */
  annexId?: string;
}

/** An annex: its id, its derived label ("Annex", "Annex II") and its title. */
export interface OutlineAnnex {
  id: string;
  label: string;
  title: string;
}

/** A footnote, numbered by its position among all the draft's footnotes (1, 2 …). */
export interface OutlineFootnote {
  number: number;
  note: string;
  /** The clause it stands in ('' in none), and the clause or point reference ("OP1(b)"). */
  clauseId: string;
  reference: string;
}

/** The structure of a draft in order, as the outline API, the outline sidebar and every export read it. */
export interface Outline {
  title: string;
  /** The opening formula ("The General Assembly,"), or '' when the draft has none. */
  formula: string;
  clauses: OutlineClause[];
  divisions: OutlineDivision[];
  annexes: OutlineAnnex[];
  footnotes: OutlineFootnote[];
  problems: OutlineProblem[];
  /**
   * Whether the chair froze the numbering (docs/numbering.md), and the frozen numbers whose
   * clauses are gone ("OP6 [deleted]"), each before the clause it stood before (null: at the end).
   */
  numbering: { frozen: boolean; deleted: { number: string; before: string | null }[] };
}

const SECTIONS: Record<string, ClauseKind> = { preamble: 'preambular', operative: 'operative' };
const INLINE = new Set(['text', 'hardBreak', 'footnote', BRACKET_NODE, ALTERNATIVE_NODE]);

/** What reading one container (a section or an annex) needs to know and to add to. */
interface Reading {
  outline: Outline;
  seenIds: Set<string>;
  counters: Record<ClauseKind, number>;
  /** The draft's pillars, when known: a tag outside them is a problem. Without them any key is read. */
  taxonomy: Taxonomy | undefined;
}

/**
 * Reads the outline of a draft from its document JSON: the clauses in order with derived
 * numbers, points with labels and references, divisions, annexes, footnotes, pillars, status and
 * plain text. A document that does not fit the model (unknown nodes, a clause or point without
 * an id, duplicate ids, pillar keys `taxonomy` lacks, points nested too deep) is still read in full and
 * every problem is listed, on the clause it concerns and in `problems`.
 */
export function readOutline(doc: DocumentNodeJSON, taxonomy?: Taxonomy): Outline {
  const outline: Outline = {
    title: '',
    formula: '',
    clauses: [],
    divisions: [],
    annexes: [],
    footnotes: [],
    problems: [],
    numbering: { frozen: false, deleted: [] },
  };
  const reading: Reading = {
    outline,
    seenIds: new Set(),
    counters: { preambular: 0, operative: 0, annex: 0 },
    taxonomy,
  };
  const annexes = (doc.content ?? []).filter((child) => child.type === 'annex');

  if (doc.type !== 'doc')
    outline.problems.push({ code: 'invalid-structure', message: `The document root is "${doc.type}", not "doc".` });
  for (const child of doc.content ?? []) {
    if (child.type === 'title') outline.title = plainText(child);
    else if (child.type === 'formula') outline.formula = plainText(child);
    else if (child.type === 'annex') {
      const index = outline.annexes.length;
      const id = stringAttr(child, 'id');
      const titleNode = child.content?.find((node) => node.type === 'annexTitle');
      outline.annexes.push({
        id,
        label: annexLabel(index, annexes.length),
        title: titleNode ? plainText(titleNode) : '',
      });
      reading.counters.annex = 0;
      readContainer(child, 'annex', reading, { annexId: id, annexIndex: index });
    } else {
      const kind = SECTIONS[child.type];
      if (kind) readContainer(child, kind, reading, { annexIndex: 0 });
      else
        outline.problems.push({
          code: 'unknown-node',
          message: `Unknown element "${child.type}" at the top level of the draft.`,
        });
    }
  }
  return outline;
}

function stringAttr(node: DocumentNodeJSON, name: string): string {
  const value = node.attrs?.[name];
  return typeof value === 'string' ? value : '';
}

/** Reads the clauses and divisions of a section or an annex, in order. */
function readContainer(
  container: DocumentNodeJSON,
  kind: ClauseKind,
  reading: Reading,
  place: { annexId?: string; annexIndex: number },
): void {
  const { outline } = reading;
  let parts = 0;
  let sections = 0;
  let divisionId: string | undefined;
  // Numbers come from the container's frozen numbering when the chair froze it (shared/numbering.ts).
  const frozen = isFrozenNumbering(container.attrs?.[NUMBERING_ATTRIBUTE])
    ? container.attrs[NUMBERING_ATTRIBUTE]
    : null;
  const ids = (container.content ?? []).filter((node) => node.type === 'clause').map((node) => stringAttr(node, 'id'));
  const shown = displayNumbers(kind, place.annexIndex, ids, frozen, followingClauses(container.content ?? []));
  if (frozen) {
    outline.numbering.frozen = true;
    outline.numbering.deleted.push(...shown.deleted);
  }
  let index = 0;
  for (const node of container.content ?? []) {
    if (node.type === 'annexTitle') continue;
    if (node.type === 'division' && kind !== 'preambular') {
      const level: DivisionLevel = isDivisionLevel(node.attrs?.level) ? node.attrs.level : 'part';
      if (level === 'part') sections = 0;
      const number = divisionNumber(level, level === 'part' ? parts++ : sections++);
      divisionId = stringAttr(node, 'id');
      outline.divisions.push({
        id: divisionId,
        level,
        number,
        title: plainText(node),
        ...(place.annexId !== undefined ? { annexId: place.annexId } : {}),
      });
      continue;
    }
    if (node.type !== 'clause') {
      outline.problems.push({
        code: 'unknown-node',
        message: `Unknown element "${node.type}" in the ${container.type} section.`,
      });
      continue;
    }
    reading.counters[kind]++;
    const number = shown.numbers[index++]!;
    const clause = readClause(node, kind, number, reading);
    if (place.annexId !== undefined) clause.annexId = place.annexId;
    if (divisionId !== undefined) clause.divisionId = divisionId;
    if (isProposedClause(node)) clause.proposedText = proposedWords(node);
    outline.clauses.push(clause);
  }
}

/** Every word of a clause, suggested ones included, for a clause that is only proposed. */
function proposedWords(node: DocumentNodeJSON): string {
  if (node.type === 'text') return node.text ?? '';
  return (node.content ?? []).map(proposedWords).join(node.type === 'clause' ? ' ' : '');
}

function readClause(node: DocumentNodeJSON, kind: ClauseKind, number: string, reading: Reading): OutlineClause {
  const { outline, seenIds } = reading;
  const clauseProblems = new Set<OutlineProblemCode>();
  const report = (code: OutlineProblemCode, message: string, clauseId?: string): void => {
    clauseProblems.add(code);
    outline.problems.push({ code, message, number, ...(clauseId ? { clauseId } : {}) });
  };

  const id = stringAttr(node, 'id');
  if (!id) report('clause-without-id', `${number} has no id.`);
  else if (seenIds.has(id))
    report('duplicate-clause-id', `${number} has the same id as an earlier clause (${id}).`, id);
  if (id) seenIds.add(id);

  const pillars: PillarKey[] = [];
  const rawPillars = node.attrs?.pillars;
  for (const key of Array.isArray(rawPillars) ? rawPillars : []) {
    if (typeof key === 'string' && (reading.taxonomy?.has(key) ?? key !== '')) {
      if (!pillars.includes(key)) pillars.push(key);
    } else
      report('unknown-pillar', `${number} is tagged with "${String(key)}", which is not a pillar of this draft.`, id);
  }

  let status: ClauseStatus = 'open';
  const rawStatus = node.attrs?.status ?? 'open';
  if (isClauseStatus(rawStatus)) status = rawStatus;
  else report('invalid-status', `${number} has the status "${String(rawStatus)}", which does not exist.`, id);

  const blocks: string[] = [];
  const points: OutlinePoint[] = [];
  const footnotesIn = (block: DocumentNodeJSON, reference: string): void => {
    forEachFootnote(block, (note) =>
      outline.footnotes.push({ number: outline.footnotes.length + 1, note, clauseId: id, reference }),
    );
  };
  // The blocks of the clause (level 1) or of a point after its own paragraph (levels 2 and 3), in
  // order; points are counted among their siblings, so a paragraph between them does not restart (a).
  const readBlocks = (children: readonly DocumentNodeJSON[], level: number, labels: readonly string[]): void => {
    let index = 0;
    for (const child of children) {
      if (child.type === 'paragraph' && level === 1) {
        blocks.push(plainText(child));
        footnotesIn(child, number);
        continue;
      }
      if (child.type !== 'subparagraph') {
        report('unknown-node', `${number} contains an unknown element "${child.type}".`, id);
        blocks.push(plainText(child));
        continue;
      }
      const label = pointLabel(level, index++);
      const reference = pointReference(number, [...labels, label]);
      const pointId = stringAttr(child, 'id');
      if (level > MAX_POINT_LEVELS)
        report(
          'point-too-deep',
          `${reference} is nested ${level} levels deep; points go ${MAX_POINT_LEVELS} deep.`,
          id,
        );
      if (!pointId) report('point-without-id', `${reference} has no id.`, id);
      else if (seenIds.has(pointId))
        report('duplicate-clause-id', `${reference} has the same id as an earlier clause or point (${pointId}).`, id);
      if (pointId) seenIds.add(pointId);
      const [own, ...rest] = child.content ?? [];
      const text = own?.type === 'paragraph' ? plainText(own) : '';
      if (own?.type !== 'paragraph') report('invalid-structure', `${reference} does not start with a paragraph.`, id);
      points.push({ id: pointId, level, label, reference, text });
      blocks.push(`${label} ${text}`);
      if (own) footnotesIn(own, reference);
      readBlocks(rest, level + 1, [...labels, label]);
    }
  };
  readBlocks(node.content ?? [], 1, []);
  if (node.content?.[0]?.type !== 'paragraph')
    report('invalid-structure', `${number} does not start with a paragraph.`, id);

  return {
    id,
    number,
    kind,
    pillars,
    status,
    text: blocks.join('\n'),
    subparagraphs: points.filter((point) => point.level === 1).length,
    points,
    ...(clauseProblems.size > 0 ? { problems: [...clauseProblems] } : {}),
  };
}

/** Calls `visit` with the note of every footnote in a block, in order. */
function forEachFootnote(block: DocumentNodeJSON, visit: (note: string) => void): void {
  for (const child of block.content ?? []) {
    if (child.type === 'footnote') visit(typeof child.attrs?.note === 'string' ? child.attrs.note : '');
  }
}

/**
 * The plain text of one `clause` node exactly as the outline reads it (paragraphs on their own
 * lines, points with their labels), so amendment redlines compare what version redlines do.
 */
export function clauseText(clause: DocumentNodeJSON): string {
  return (
    readOutline({
      type: 'doc',
      content: [{ type: 'title' }, { type: 'preamble', content: [] }, { type: 'operative', content: [clause] }],
    }).clauses[0]?.text ?? ''
  );
}

/** How a footnote reads in plain text: its note in Pandoc's inline-note form, `^[A/70/174]`. */
export function footnoteText(note: string): string {
  return `^[${note}]`;
}

/**
 * The plain text of a node as it stands: its text, hard breaks as line breaks, footnotes in their
 * inline form (see {@link footnoteText}), brackets as `[` and `]`, alternative wordings as
 * `[Alt 1: … / Alt 2: …]`, blocks one per line. Words only suggested for insertion are not in it
 * yet; words suggested for deletion still are (docs/suggestions.md).
 */
export function plainText(node: DocumentNodeJSON): string {
  if (node.type === 'text') return node.marks?.some((mark) => mark.type === 'insertion') ? '' : (node.text ?? '');
  if (node.type === 'hardBreak') return '\n';
  if (node.type === 'footnote') return footnoteText(typeof node.attrs?.note === 'string' ? node.attrs.note : '');
  if (node.type === BRACKET_NODE) return node.attrs?.side === 'close' ? ']' : '[';
  const children = node.content ?? [];
  const inline = children.every((child) => INLINE.has(child.type));
  if (!inline) return children.map(plainText).join('\n');
  return inlineText(children);
}

/**
 * The plain text of inline content (see {@link plainText}). Alternatives are labelled Alt 1,
 * Alt 2 … in order within their set; `options` carries the count on when a paragraph is read in
 * pieces (between footnotes, say).
 */
export function inlineText(children: readonly DocumentNodeJSON[], options = new Map<unknown, number>()): string {
  return children
    .map((child) => {
      if (child.type !== ALTERNATIVE_NODE) return plainText(child);
      if (child.attrs?.side === 'close') return ']';
      const index = (options.get(child.attrs?.id) ?? 0) + 1;
      options.set(child.attrs?.id, index);
      return `${index === 1 ? '[' : ' / '}${alternativeLabel(index - 1)}: `;
    })
    .join('');
}
