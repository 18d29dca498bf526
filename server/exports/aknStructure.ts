import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import type { DocumentNodeJSON } from '../../shared/documentJSON';
import type { Outline, OutlineClause } from '../../shared/outline';
import { inlineText, plainText } from '../../shared/outline';
import { CLAUSE_ID_PATTERN } from '../../shared/schema/attributes';
import { isProposedClause } from '../../shared/suggestions';
import { aknClauseEId, aknPillarEId, aknText } from './aknCommon';

/**
 * Where the writing of one text stands: the outline is read in document order (clauses, their
 * points, divisions), so every number and label comes from the same shared functions as the editor
 * and the outline API; footnotes are numbered across the whole text, as the outline numbers them.
 */
export interface AknCursor {
  outline: Outline;
  clauses: number;
  divisions: number;
  footnotes: number;
  /** Ids already written as a GUID: the schema wants them unique in the whole document. */
  guids: Set<string>;
  /** In a negotiation export, how a suggestion's author is named ("Name (Delegation)"); null for the clean text. */
  nameOf: ((author: string, delegation: string) => string) | null;
}

/** A fresh cursor at the start of a text. */
export function aknCursor(outline: Outline, nameOf: AknCursor['nameOf'] = null): AknCursor {
  return { outline, clauses: 0, divisions: 0, footnotes: 0, guids: new Set(), nameOf };
}

/** The element that footnotes are counted in for their eIds (`para_3__authorialNote_1`). */
interface NoteScope {
  eId: string;
  notes: number;
}

/**
 * Accord's stable id of a clause, point, division or annex as the `GUID` attribute, so an import of
 * this export can restore it; nothing for a missing, malformed or repeated id.
 */
export function aknGuid(cursor: AknCursor, node: DocumentNodeJSON): { GUID?: string } {
  const id = node.attrs?.id;
  if (typeof id !== 'string' || !CLAUSE_ID_PATTERN.test(id) || cursor.guids.has(id)) return {};
  cursor.guids.add(id);
  return { GUID: id };
}

const MARK_ELEMENTS: Record<string, string> = { bold: 'b', italic: 'i' };

/**
 * Writes the inline content of a paragraph into `p`: text (bold and italic as `b`/`i`), line
 * breaks, footnotes as `authorialNote`, brackets and alternatives as the text reads them; in a
 * negotiation export, suggestions as `ins` / `del` with who made them in `title`.
 */
function writeInline(p: XMLBuilder, paragraph: DocumentNodeJSON, scope: NoteScope, cursor: AknCursor): void {
  const options = new Map<unknown, number>();
  for (const child of paragraph.content ?? []) {
    const suggestion = cursor.nameOf
      ? child.marks?.find((m) => m.type === 'insertion' || m.type === 'deletion')
      : undefined;
    if (suggestion && cursor.nameOf) {
      const by = cursor.nameOf(String(suggestion.attrs?.author ?? ''), String(suggestion.attrs?.delegation ?? ''));
      p.ele(suggestion.type === 'insertion' ? 'ins' : 'del', {
        class: 'suggestion',
        title: `${by}, ${String(suggestion.attrs?.at ?? '')}`,
      }).txt(aknText(child.text ?? ''));
      continue;
    }
    if (child.type === 'hardBreak') p.ele('br');
    else if (child.type === 'footnote') {
      cursor.footnotes += 1;
      scope.notes += 1;
      const note = typeof child.attrs?.note === 'string' ? child.attrs.note : '';
      p.ele('authorialNote', {
        eId: `${scope.eId}__authorialNote_${scope.notes}`,
        marker: String(cursor.footnotes),
        placement: 'bottom',
      })
        .ele('p')
        .txt(aknText(note));
    } else {
      let target = p;
      for (const mark of child.marks ?? []) {
        const element = MARK_ELEMENTS[mark.type];
        if (element) target = target.ele(element);
      }
      target.txt(aknText(inlineText([child], options)));
    }
  }
}

/** Writes one block of a clause or point as a `p`. */
function writeP(parent: XMLBuilder, block: DocumentNodeJSON, scope: NoteScope, cursor: AknCursor): void {
  const p = parent.ele('p');
  if (block.type === 'paragraph') writeInline(p, block, scope, cursor);
  else p.txt(aknText(plainText(block)));
}

/** A clause's blocks cut where points start: paragraphs that introduce each run of points, then the paragraphs after the last. */
interface ClauseRuns {
  runs: { intro: DocumentNodeJSON[]; points: DocumentNodeJSON[] }[];
  after: DocumentNodeJSON[];
}

function runsOf(blocks: readonly DocumentNodeJSON[]): ClauseRuns {
  const runs: ClauseRuns['runs'] = [];
  let pending: DocumentNodeJSON[] = [];
  for (const block of blocks) {
    if (block.type !== 'subparagraph') {
      pending.push(block);
      continue;
    }
    const last = runs.at(-1);
    if (last && pending.length === 0) last.points.push(block);
    else runs.push({ intro: pending, points: [block] });
    pending = [];
  }
  return { runs, after: pending };
}

/** Reads a clause's next point from the outline (points come in document order, each level after the point holding it). */
function pointCounter(summary: OutlineClause): () => string {
  let next = 0;
  return () => summary.points[next++]?.label ?? '';
}

/** The pillars and status of a clause as attributes: pillars refer to their `classification/keyword`, status goes in `class`. */
function clauseAttributes(summary: OutlineClause): Record<string, string> {
  return {
    ...(summary.pillars.length > 0
      ? { refersTo: summary.pillars.map((key) => `#${aknPillarEId(key)}`).join(' ') }
      : {}),
    // AKN's own `status` is about editorial state; how far a clause is agreed goes in `class`.
    class: `status-${summary.status}`,
  };
}

/** `(b)` → `b`, as eIds name points. */
function labelToken(label: string): string {
  return label.replace(/[()]/g, '') || 'x';
}

/** Writes a point of an operative or annex paragraph: `point` with its `num`, then `content`, or `intro` and a `list` of the next level. */
function writePoint(
  list: XMLBuilder,
  listEId: string,
  node: DocumentNodeJSON,
  nextLabel: () => string,
  cursor: AknCursor,
): void {
  const label = nextLabel();
  const eId = `${listEId}__point_${labelToken(label)}`;
  const point = list.ele('point', { eId, ...aknGuid(cursor, node) });
  point.ele('num').txt(label);
  const [own, ...rest] = node.content ?? [];
  const inner = rest.filter((child) => child.type === 'subparagraph');
  const scope = { eId, notes: 0 };
  const text = point.ele(inner.length > 0 ? 'intro' : 'content');
  if (own) writeP(text, own, scope, cursor);
  else text.ele('p');
  if (inner.length === 0) return;
  const innerList = point.ele('list', { eId: `${eId}__list_1` });
  for (const child of inner) writePoint(innerList, `${eId}__list_1`, child, nextLabel, cursor);
}

/**
 * Where a clause is written: in its container, except a paragraph only proposed in the clean text
 * (it is not in the text as it stands), which is written aside so every count still moves on.
 */
function placeFor(container: XMLBuilder, node: DocumentNodeJSON, cursor: AknCursor): XMLBuilder {
  return cursor.nameOf === null && isProposedClause(node) ? create().ele('aside') : container;
}

/**
 * Writes an operative or annex clause as a numbered `paragraph`: its text in `content` when it
 * has no points; otherwise the paragraphs before the points in `intro`, each run of points in a
 * `list` (paragraphs between two runs as that list's `intro`), and the paragraphs after in `wrapUp`.
 */
export function writeParagraph(container: XMLBuilder, node: DocumentNodeJSON, cursor: AknCursor): void {
  const summary = cursor.outline.clauses[cursor.clauses++];
  if (!summary) return;
  const eId = aknClauseEId(summary.number);
  const paragraph = placeFor(container, node, cursor).ele('paragraph', {
    eId,
    ...aknGuid(cursor, node),
    ...clauseAttributes(summary),
  });
  paragraph.ele('num').txt(summary.number);
  const scope = { eId, notes: 0 };
  const blocks = node.content ?? [];
  const { runs, after } = runsOf(blocks);
  if (runs.length === 0) {
    const content = paragraph.ele('content');
    for (const block of blocks) writeP(content, block, scope, cursor);
    if (blocks.length === 0) content.ele('p');
    return;
  }
  const nextLabel = pointCounter(summary);
  runs.forEach((run, index) => {
    if (index === 0 && run.intro.length > 0) {
      const intro = paragraph.ele('intro');
      for (const block of run.intro) writeP(intro, block, scope, cursor);
    }
    const listEId = `${eId}__list_${index + 1}`;
    const list = paragraph.ele('list', { eId: listEId });
    if (index > 0 && run.intro.length > 0) {
      const intro = list.ele('intro');
      for (const block of run.intro) writeP(intro, block, scope, cursor);
    }
    for (const point of run.points) writePoint(list, listEId, point, nextLabel, cursor);
  });
  if (after.length > 0) {
    const wrapUp = paragraph.ele('wrapUp');
    for (const block of after) writeP(wrapUp, block, scope, cursor);
  }
}

/** Writes a point of a recital as a `blockList` `item` (recitals hold blocks, not a hierarchy). */
function writeItem(
  blockList: XMLBuilder,
  listEId: string,
  node: DocumentNodeJSON,
  nextLabel: () => string,
  cursor: AknCursor,
): void {
  const label = nextLabel();
  const eId = `${listEId}__item_${labelToken(label)}`;
  const item = blockList.ele('item', { eId, ...aknGuid(cursor, node) });
  item.ele('num').txt(label);
  const [own, ...rest] = node.content ?? [];
  const scope = { eId, notes: 0 };
  if (own) writeP(item, own, scope, cursor);
  else item.ele('p');
  const inner = rest.filter((child) => child.type === 'subparagraph');
  if (inner.length === 0) return;
  const innerList = item.ele('blockList', { eId: `${eId}__list_1` });
  for (const child of inner) writeItem(innerList, `${eId}__list_1`, child, nextLabel, cursor);
}

/** Writes a preambular clause as a `recital`: its paragraphs as `p`, each run of points as a `blockList` of numbered `item`s. */
export function writeRecital(recitals: XMLBuilder, node: DocumentNodeJSON, cursor: AknCursor): void {
  const summary = cursor.outline.clauses[cursor.clauses++];
  if (!summary) return;
  const eId = aknClauseEId(summary.number);
  const recital = placeFor(recitals, node, cursor).ele('recital', {
    eId,
    ...aknGuid(cursor, node),
    ...clauseAttributes(summary),
  });
  recital.ele('num').txt(summary.number);
  const scope = { eId, notes: 0 };
  const nextLabel = pointCounter(summary);
  const { runs, after } = runsOf(node.content ?? []);
  runs.forEach((run, index) => {
    for (const block of run.intro) writeP(recital, block, scope, cursor);
    const listEId = `${eId}__list_${index + 1}`;
    const blockList = recital.ele('blockList', { eId: listEId });
    for (const point of run.points) writeItem(blockList, listEId, point, nextLabel, cursor);
  });
  for (const block of after) writeP(recital, block, scope, cursor);
  if ((node.content ?? []).length === 0) recital.ele('p');
}

/** The token a division's number gives its eId: "Part IV" → "IV", "Section B" → "B". */
function divisionToken(number: string): string {
  return number.split(' ').at(-1) ?? 'x';
}

/**
 * Writes the clauses and divisions of the operative part or of an annex. Divisions are flat
 * headings in the text; here each part becomes a `part` holding the sections and clauses after it,
 * each section a `section` holding the clauses after it; clauses before the first division stand
 * directly in `container`. `prefix` starts every eId (`att_1__` in an annex).
 */
export function writeEntries(
  container: XMLBuilder,
  nodes: readonly DocumentNodeJSON[],
  cursor: AknCursor,
  prefix: string,
): void {
  let part: { element: XMLBuilder; eId: string } | null = null;
  let section: XMLBuilder | null = null;
  for (const node of nodes) {
    if (node.type === 'clause') {
      writeParagraph(section ?? part?.element ?? container, node, cursor);
      continue;
    }
    if (node.type !== 'division') continue;
    const division = cursor.outline.divisions[cursor.divisions++];
    if (!division) continue;
    const token = divisionToken(division.number);
    if (division.level === 'part') {
      const eId = `${prefix}part_${token}`;
      part = { element: container.ele('part', { eId, ...aknGuid(cursor, node) }), eId };
      section = null;
      writeHeading(part.element, division.number, division.title);
    } else {
      const eId = part ? `${part.eId}__sec_${token}` : `${prefix}sec_${token}`;
      section = (part?.element ?? container).ele('section', { eId, ...aknGuid(cursor, node) });
      writeHeading(section, division.number, division.title);
    }
  }
}

function writeHeading(element: XMLBuilder, number: string, title: string): void {
  element.ele('num').txt(number);
  if (title) element.ele('heading').txt(aknText(title));
}
