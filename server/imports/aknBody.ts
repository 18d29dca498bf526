import type { ClauseKind } from '../../shared/clauses';
import type { ClauseSpec, DivisionSpec } from '../../shared/draftText';
import type { DivisionLevel } from '../../shared/structure';
import { HIER_ELEMENTS, readClause, readLooseClauses } from './aknClauses';
import type { AknReading } from './aknReading';
import { inlineText, takeId, tidySpace, warn } from './aknReading';
import type { XmlElement } from './xmlTree';
import { childNamed, elementsOf } from './xmlTree';

/** Elements that group provisions as a part does: a first-level one is a part, a nested one a section. */
const PART_LIKE = new Set([
  'book',
  'tome',
  'part',
  'subpart',
  'title',
  'subtitle',
  'chapter',
  'subchapter',
  'division',
  'subdivision',
]);

/** Elements that group the provisions after them when they hold no text of their own (an article made of paragraphs). */
const GROUPING = new Set(['section', 'article', 'rule', 'clause', 'level', 'hcontainer']);

/** Grouping elements known by their number when they have no heading ("Article 5"). */
const NAMED_BY_NUMBER = new Set(['article', 'rule', 'clause', 'level']);

/** Elements that are loose text in a container: each paragraph in them becomes a clause. */
const LOOSE = new Set([
  'intro',
  'wrapUp',
  'content',
  'p',
  'blockList',
  'list',
  'blockContainer',
  'container',
  'ul',
  'ol',
]);

/** Elements a container holds that carry no text of the instrument. */
const IGNORED = new Set(['num', 'heading', 'subheading', 'componentRef', 'toc']);

/** Text of the element itself, as opposed to provisions within it: then the element is one clause. */
const OWN_TEXT = new Set([
  'content',
  'intro',
  'wrapUp',
  'p',
  'blockList',
  'list',
  'ul',
  'ol',
  'table',
  'blockContainer',
]);

type Entry = ClauseSpec | DivisionSpec;

/** Where a container stands among divisions: none yet, within a part, or within a section. */
type Depth = 'none' | DivisionLevel;

interface Walk {
  reading: AknReading;
  kind: ClauseKind;
  entries: Entry[];
}

function hasOwnText(element: XmlElement): boolean {
  return elementsOf(element).some((child) => OWN_TEXT.has(child.name));
}

function isDivision(element: XmlElement): boolean {
  const { name } = element;
  if (PART_LIKE.has(name) || name === 'crossHeading') return true;
  if (childNamed(element, 'heading')) return HIER_ELEMENTS.has(name);
  return GROUPING.has(name) && !hasOwnText(element);
}

function divisionTitle(reading: AknReading, element: XmlElement, where: string): string {
  if (element.name === 'crossHeading') return inlineText(reading, element, { notes: false, where });
  const heading = childNamed(element, 'heading') ?? childNamed(element, 'subheading');
  if (heading) return inlineText(reading, heading, { notes: false, where });
  const num = childNamed(element, 'num');
  // An article without a heading is known by its number ("Article 5"); parts and sections are numbered anew.
  return num && NAMED_BY_NUMBER.has(element.name) ? inlineText(reading, num, { notes: false, where }) : '';
}

function readDivision(walk: Walk, element: XmlElement, depth: Depth): void {
  const { reading } = walk;
  const level: DivisionLevel = depth === 'none' && PART_LIKE.has(element.name) ? 'part' : 'section';
  const where = walk.kind === 'annex' ? `annex ${reading.annexIndex + 1}` : 'the body';
  if (depth === 'section')
    warn(
      reading,
      `Divisions in ${where} are nested more than two levels deep (parts and sections); the deeper ones were imported as sections.`,
    );
  const title = divisionTitle(reading, element, `a heading of ${where}`);
  walk.entries.push({ division: level, title, ...takeId(reading, element) });
  if (element.name === 'crossHeading') return;
  if (!PART_LIKE.has(element.name) && hasOwnText(element)) walk.entries.push(readClause(reading, element, walk.kind));
  else walkContainer(walk, element, level);
}

/**
 * Reads the provisions of a container (`body`, `mainBody`, a part …) in order: parts and chapters
 * become parts, sections and headed articles sections (nested divisions are flat headings in
 * Accord, each grouping the clauses after it), articles and paragraphs clauses, loose paragraphs
 * clauses of their own.
 */
function walkContainer(walk: Walk, container: XmlElement, depth: Depth): void {
  const { reading } = walk;
  let afterDivision = false;
  for (const child of container.children) {
    if (typeof child === 'string') {
      const text = tidySpace(child);
      if (text) walk.entries.push(...readLooseClauses(reading, { name: 'p', attrs: {}, children: [text] }, walk.kind));
      continue;
    }
    if (IGNORED.has(child.name)) continue;
    if (isDivision(child)) {
      readDivision(walk, child, depth);
      afterDivision = true;
      continue;
    }
    if (afterDivision)
      warn(
        reading,
        'Some paragraphs follow a part or section inside the same container; in Accord a heading groups every clause after it, so they now fall under it.',
      );
    if (LOOSE.has(child.name)) walk.entries.push(...readLooseClauses(reading, child, walk.kind));
    else if (HIER_ELEMENTS.has(child.name) || child.name === 'recital' || child.name === 'citation')
      walk.entries.push(readClause(reading, child, walk.kind));
    else {
      const text = inlineText(reading, child, { notes: true, where: 'the body' });
      if (text) warn(reading, `The <${child.name}> element in the body was left out: “${text.slice(0, 60)}”.`);
    }
  }
}

/** The clauses and divisions of a `body` or `mainBody`, as the operative part (`kind` 'operative') or an annex reads them. */
export function readEntries(reading: AknReading, container: XmlElement, kind: ClauseKind): Entry[] {
  const walk: Walk = { reading, kind, entries: [] };
  walkContainer(walk, container, 'none');
  return walk.entries;
}
