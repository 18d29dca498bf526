import type { ClauseKind } from '../../shared/clauses';
import { clauseNumber, isClauseStatus } from '../../shared/clauses';
import type { ClauseBlockSpec, ClauseSpec, PointSpec } from '../../shared/draftText';
import { MAX_POINT_LEVELS } from '../../shared/limits';
import type { PillarKey } from '../../shared/pillars';
import { PILLAR_KEY_PATTERN } from '../../shared/pillars';
import { pointLabel } from '../../shared/structure';
import type { AknReading } from './aknReading';
import { inlineText, nextClauseNumber, takeId, tidySpace, warn } from './aknReading';
import type { XmlElement } from './xmlTree';
import { childNamed, elementsOf } from './xmlTree';

/** A point as the file has it, before it is fitted to Accord's three levels. */
interface PointDraft {
  text: string;
  /** Paragraphs of the point after its first sub-point (a point in Accord has one paragraph). */
  extra: string[];
  points: PointDraft[];
  /** Its number in the file ("(a)", "1.", "—"), '' when it has none. */
  num: string;
  id?: string;
}

/** A block of a clause as the file has it: a paragraph, or a point with the points within it. */
export type BlockDraft = { paragraph: string } | { point: PointDraft };

/** Elements that are points whether numbered or not. */
const POINT_ELEMENTS = new Set(['point', 'item', 'indent', 'li']);

/** Akoma Ntoso's hierarchical elements: inside a clause, a point when numbered; otherwise its text continues the clause. */
export const HIER_ELEMENTS = new Set([
  'article',
  'book',
  'chapter',
  'clause',
  'division',
  'hcontainer',
  'indent',
  'level',
  'list',
  'paragraph',
  'part',
  'point',
  'proviso',
  'rule',
  'section',
  'subchapter',
  'subclause',
  'subdivision',
  'sublist',
  'subparagraph',
  'subpart',
  'subrule',
  'subsection',
  'subtitle',
  'title',
  'tome',
  'transitional',
  'alinea',
]);

/** Elements whose children are blocks at the level of the element holding them. */
const BLOCK_CONTAINERS = new Set([
  'content',
  'intro',
  'wrapUp',
  'blockContainer',
  'container',
  'tblock',
  'list',
  'sublist',
  'blockList',
  'ul',
  'ol',
  'subFlow',
  'embeddedStructure',
  'quotedStructure',
]);

/** Elements holding one paragraph's inline text. */
const INLINE_BLOCKS = new Set(['p', 'listIntroduction', 'listWrapUp', 'block', 'longTitle']);

/** Elements read elsewhere (numbers are derived, headings are read by the caller) or that hold no text of the clause. */
const SKIPPED = new Set(['num', 'heading', 'subheading', 'componentRef', 'documentRef', 'toc', 'img']);

function readTable(reading: AknReading, table: XmlElement, where: string, out: BlockDraft[]): void {
  warn(reading, `A table in ${where} was imported as one paragraph per row.`);
  const rows = (element: XmlElement): XmlElement[] =>
    elementsOf(element).flatMap((child) => (child.name === 'tr' ? [child] : rows(child)));
  for (const row of rows(table)) {
    const cells = elementsOf(row).map((cell) => inlineText(reading, cell, { notes: true, where }));
    out.push({ paragraph: cells.join(' | ') });
  }
}

/** Reads the blocks within `element` into `out`: paragraphs, and points at `level` (1 for a clause's own points). */
function collect(reading: AknReading, element: XmlElement, level: number, where: string, out: BlockDraft[]): void {
  for (const child of element.children) {
    if (typeof child === 'string') {
      const text = tidySpace(child);
      if (text) out.push({ paragraph: text });
      continue;
    }
    const name = child.name;
    if (SKIPPED.has(name)) continue;
    if (INLINE_BLOCKS.has(name)) out.push({ paragraph: inlineText(reading, child, { notes: true, where }) });
    else if (BLOCK_CONTAINERS.has(name)) collect(reading, child, level, where, out);
    else if (POINT_ELEMENTS.has(name) || (HIER_ELEMENTS.has(name) && childNamed(child, 'num')))
      out.push({ point: readPoint(reading, child, level, where) });
    else if (HIER_ELEMENTS.has(name)) collect(reading, child, level, where, out);
    else if (name === 'table') readTable(reading, child, where, out);
    else {
      const text = inlineText(reading, child, { notes: true, where });
      if (!text) continue;
      warn(reading, `The <${name}> element in ${where} was imported as a plain paragraph.`);
      out.push({ paragraph: text });
    }
  }
}

function readPoint(reading: AknReading, element: XmlElement, level: number, where: string): PointDraft {
  const num = childNamed(element, 'num');
  const heading = childNamed(element, 'heading');
  if (heading) {
    const text = inlineText(reading, heading, { notes: false, where });
    if (text) warn(reading, `The heading of a point in ${where} was left out, as points have none: “${text}”.`);
  }
  const point: PointDraft = {
    text: '',
    extra: [],
    points: [],
    num: num ? inlineText(reading, num, { notes: false, where }) : '',
    ...takeId(reading, element),
  };
  const blocks: BlockDraft[] = [];
  collect(reading, element, level + 1, where, blocks);
  const own: string[] = [];
  for (const block of blocks) {
    if ('point' in block) point.points.push(block.point);
    else if (point.points.length === 0) own.push(block.paragraph);
    else point.extra.push(block.paragraph);
  }
  point.text = own.join(' ');
  return point;
}

/** The blocks of `element` (a clause, or a part of one), its points at the first level. */
export function readBlocks(reading: AknReading, element: XmlElement, where: string): BlockDraft[] {
  const out: BlockDraft[] = [];
  collect(reading, element, 1, where, out);
  return out;
}

/** What fitting one clause's points to Accord's levels found: labels the file numbered otherwise. */
interface Fitting {
  reading: AknReading;
  where: string;
  renumbered: [string, string][];
}

function checkLabel(fitting: Fitting, point: PointDraft, level: number, index: number): void {
  const label = pointLabel(level, index);
  const token = (value: string) => value.replace(/[^\p{L}\p{N}]/gu, '');
  if (point.num && token(point.num) !== token(label)) fitting.renumbered.push([point.num, label]);
}

/** A point at `level` as a spec; at the last level, the points within it follow it as points of that level. */
function fitPoint(fitting: Fitting, point: PointDraft, level: number): PointSpec[] {
  let text = point.text;
  if (point.extra.length > 0 && level > 1) {
    text = [text, ...point.extra].join(' ');
    warn(
      fitting.reading,
      `${fitting.where}: a point had paragraphs after its own points; they were joined to the point's words.`,
    );
  }
  const base = { text, ...(point.id ? { id: point.id } : {}) };
  if (level >= MAX_POINT_LEVELS) {
    if (point.points.length > 0)
      warn(
        fitting.reading,
        `${fitting.where}: points nested more than ${MAX_POINT_LEVELS} levels deep were brought up to the third level ((A), (B) …).`,
      );
    return [base, ...point.points.flatMap((child) => fitPoint(fitting, child, MAX_POINT_LEVELS))];
  }
  point.points.forEach((child, index) => checkLabel(fitting, child, level + 1, index));
  const points = point.points.flatMap((child) => fitPoint(fitting, child, level + 1));
  return [points.length > 0 ? { ...base, points } : base];
}

/**
 * A clause's text from its blocks: the first paragraph is its opening text, then its points
 * (fitted to three levels) or, when paragraphs and points interleave, its blocks in order.
 */
export function clauseFromBlocks(
  reading: AknReading,
  blocks: readonly BlockDraft[],
  where: string,
): Pick<ClauseSpec, 'text' | 'points' | 'blocks'> {
  const fitting: Fitting = { reading, where, renumbered: [] };
  const fitted: ({ paragraph: string } | { point: PointSpec })[] = [];
  let index = 0;
  for (const block of blocks) {
    if ('paragraph' in block) {
      fitted.push(block);
      continue;
    }
    checkLabel(fitting, block.point, 1, index++);
    for (const point of fitPoint(fitting, { ...block.point, extra: [] }, 1)) fitted.push({ point });
    if (block.point.extra.length > 0) {
      warn(
        reading,
        `${where}: a point had paragraphs after its own points; they follow the point as paragraphs of the clause.`,
      );
      for (const paragraph of block.point.extra) fitted.push({ paragraph });
    }
  }
  if (fitting.renumbered.length > 0) {
    const shown = fitting.renumbered.slice(0, 4);
    const more = fitting.renumbered.length > shown.length ? ' …' : '';
    warn(
      reading,
      `${where}: the points numbered ${shown.map(([num]) => num).join(', ')}${more} in the file are labelled ` +
        `${shown.map(([, label]) => label).join(', ')}${more}, as Accord labels points by their level.`,
    );
  }
  const [first, ...rest] = fitted;
  const text = first && 'paragraph' in first ? first.paragraph : '';
  const after = first && 'paragraph' in first ? rest : fitted;
  if (after.length === 0) return { text };
  if (after.every((block) => 'point' in block)) return { text, points: after.map((block) => block.point) };
  return {
    text,
    blocks: after.map((block): ClauseBlockSpec => ('paragraph' in block ? block : block.point)),
  };
}

/** A clause's id, pillars and status, as Accord's export writes them (`GUID`, `refersTo="#pillar-…"`, `class="status-…"`). */
function clauseAttributes(reading: AknReading, element: XmlElement): Pick<ClauseSpec, 'id' | 'pillars' | 'status'> {
  const pillars: PillarKey[] = [];
  for (const token of (element.attrs.refersTo ?? '').split(/\s+/)) {
    const key = token.replace(/^#pillar-/, '');
    if (token.startsWith('#pillar-') && PILLAR_KEY_PATTERN.test(key) && !pillars.includes(key)) pillars.push(key);
  }
  const status = (element.attrs.class ?? '')
    .split(/\s+/)
    .map((token) => token.replace(/^status-/, ''))
    .find(isClauseStatus);
  return { ...takeId(reading, element), ...(pillars.length > 0 ? { pillars } : {}), ...(status ? { status } : {}) };
}

/** One clause from an element that is one (a `paragraph`, an `article`, a `recital` …): its blocks, id, pillars and status. */
export function readClause(reading: AknReading, element: XmlElement, kind: ClauseKind): ClauseSpec {
  const where = nextClauseNumber(reading, kind);
  const attributes = clauseAttributes(reading, element);
  return { ...clauseFromBlocks(reading, readBlocks(reading, element, where), where), ...attributes };
}

/**
 * Clauses from blocks that stand loose in a container (the `p`s of a preamble, a division's
 * `intro`): each paragraph starts a clause, points belong to the paragraph before them.
 */
export function readLooseClauses(reading: AknReading, element: XmlElement, kind: ClauseKind): ClauseSpec[] {
  const where = clauseNumber(kind, reading.counters[kind], reading.annexIndex);
  const groups: BlockDraft[][] = [];
  const holder: XmlElement = { name: 'loose', attrs: {}, children: [element] };
  for (const block of readBlocks(reading, holder, where)) {
    const last = groups.at(-1);
    if ('paragraph' in block || !last) groups.push([block]);
    else last.push(block);
  }
  return groups.map((blocks) => clauseFromBlocks(reading, blocks, nextClauseNumber(reading, kind)));
}
