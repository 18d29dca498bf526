import type { ClauseStatus } from './clauses';
import { footnoteText } from './outline';
import type { PillarKey } from './pillars';
import type { DivisionLevel } from './structure';

/**
 * The plain ProseMirror JSON shape of a draft, used to build documents without an editor
 * (seeding, templates, imports): the title, the opening formula if any, the preamble, the
 * operative part, then any annexes.
 */
export interface DraftJSON {
  type: 'doc';
  content: [TitleJSON, ...(FormulaJSON | SectionJSON<'preamble'> | SectionJSON<'operative'> | AnnexJSON)[]];
}

export interface TitleJSON {
  type: 'title';
  content?: TextJSON[];
}

export interface FormulaJSON {
  type: 'formula';
  content?: TextJSON[];
}

export interface TextJSON {
  type: 'text';
  text: string;
}

export interface FootnoteJSON {
  type: 'footnote';
  attrs: { note: string };
}

export interface ParagraphJSON {
  type: 'paragraph';
  content?: (TextJSON | FootnoteJSON)[];
}

/** A point: its own paragraph, then the points of the next level (the node keeps its first name). */
export interface SubparagraphJSON {
  type: 'subparagraph';
  attrs?: { id: string };
  content: [ParagraphJSON, ...SubparagraphJSON[]];
}

export interface DivisionJSON {
  type: 'division';
  attrs: { id: string; level: DivisionLevel };
  content?: TextJSON[];
}

export interface SectionJSON<T extends 'preamble' | 'operative'> {
  type: T;
  content: (ClauseJSON | DivisionJSON)[];
}

export interface AnnexJSON {
  type: 'annex';
  attrs: { id: string };
  content: [{ type: 'annexTitle'; content?: TextJSON[] }, ...(ClauseJSON | DivisionJSON)[]];
}

export interface ClauseJSON {
  type: 'clause';
  attrs: { id: string; pillars: PillarKey[]; status: ClauseStatus };
  content: [ParagraphJSON, ...(ParagraphJSON | SubparagraphJSON)[]];
}

/**
 * A point written as plain text, with the points of the next level. `id`, when given, is kept
 * (an import of Accord's own Akoma Ntoso export restores its ids); otherwise a fresh one is made.
 */
export type PointSpec = string | { text: string; points?: readonly PointSpec[]; id?: string };

/**
 * A block of a clause after its opening words, in order: a point, or a further paragraph of the
 * clause itself (`{ paragraph }`), as when a clause goes on after its points. Imports need it to
 * keep a clause's blocks in the order the file has them.
 */
export type ClauseBlockSpec = PointSpec | { paragraph: string };

/**
 * A clause written as plain text: its opening words, optional points (nested up to three levels),
 * then any further blocks, pillars and status. `subparagraphs` is the older spelling of one level
 * of points. `id`, when given, is kept as the clause's id.
 */
export interface ClauseSpec {
  text: string;
  points?: readonly PointSpec[];
  subparagraphs?: readonly string[];
  blocks?: readonly ClauseBlockSpec[];
  pillars?: readonly PillarKey[];
  status?: ClauseStatus;
  id?: string;
}

/** A division heading among the clauses: a part or a section, with its title. */
export interface DivisionSpec {
  division: DivisionLevel;
  title: string;
  id?: string;
}

/** An annex: its title and its own paragraphs, optionally under divisions. */
export interface AnnexSpec {
  title: string;
  clauses: readonly (ClauseSpec | DivisionSpec | string)[];
  id?: string;
}

/**
 * A draft written as plain text. In any text, `^[note]` is a footnote (Pandoc's inline-note
 * form, as plain text reads footnotes back; see `footnoteText`).
 */
export interface DraftSpec {
  title: string;
  formula?: string;
  preamble: readonly (ClauseSpec | string)[];
  operative: readonly (ClauseSpec | DivisionSpec | string)[];
  annexes?: readonly AnnexSpec[];
}

/** `^[note]`; the note may hold balanced brackets one level deep ("^[see [A/70/174], para. 3]"), as Pandoc allows. */
const INLINE_NOTE = /\^\[((?:[^[\]]|\[[^[\]]*\])*)\]/g;

/** A paragraph from plain text, each `^[note]` in it made a footnote. */
export function paragraphFromText(text: string): ParagraphJSON {
  const content: (TextJSON | FootnoteJSON)[] = [];
  let at = 0;
  for (const match of text.matchAll(INLINE_NOTE)) {
    if (match.index > at) content.push({ type: 'text', text: text.slice(at, match.index) });
    content.push({ type: 'footnote', attrs: { note: match[1]! } });
    at = match.index + match[0].length;
  }
  if (at < text.length) content.push({ type: 'text', text: text.slice(at) });
  return { type: 'paragraph', ...(content.length ? { content } : {}) };
}

/** The plain text of a paragraph built by {@link paragraphFromText}: the inverse, footnotes included. */
export function textOfParagraph(paragraph: ParagraphJSON): string {
  return (paragraph.content ?? [])
    .map((node) => (node.type === 'text' ? node.text : footnoteText(node.attrs.note)))
    .join('');
}

function textNodes(text: string): { content?: TextJSON[] } {
  return text ? { content: [{ type: 'text', text }] } : {};
}

function isDivision(entry: ClauseSpec | DivisionSpec | string): entry is DivisionSpec {
  return typeof entry === 'object' && 'division' in entry;
}

/**
 * Builds the JSON of a draft from its plain-text spec, giving every clause, point, division and
 * annex the id its spec names, or else a fresh one from `newId`.
 */
export function draftFromSpec(spec: DraftSpec, newId: () => string): DraftJSON {
  const point = (entry: PointSpec): SubparagraphJSON => {
    const p = typeof entry === 'string' ? { text: entry } : entry;
    return {
      type: 'subparagraph',
      attrs: { id: p.id ?? newId() },
      content: [paragraphFromText(p.text), ...(p.points ?? []).map(point)],
    };
  };
  const clause = (entry: ClauseSpec | string): ClauseJSON => {
    const c: ClauseSpec = typeof entry === 'string' ? { text: entry } : entry;
    return {
      type: 'clause',
      attrs: { id: c.id ?? newId(), pillars: [...(c.pillars ?? [])], status: c.status ?? 'open' },
      content: [
        paragraphFromText(c.text),
        ...[...(c.subparagraphs ?? []), ...(c.points ?? [])].map(point),
        ...(c.blocks ?? []).map((block) =>
          typeof block === 'object' && 'paragraph' in block ? paragraphFromText(block.paragraph) : point(block),
        ),
      ],
    };
  };
  const entries = (list: readonly (ClauseSpec | DivisionSpec | string)[]): (ClauseJSON | DivisionJSON)[] => {
    const withClause = list.some((entry) => !isDivision(entry)) ? list : [...list, ''];
    return withClause.map((entry) =>
      isDivision(entry)
        ? { type: 'division', attrs: { id: entry.id ?? newId(), level: entry.division }, ...textNodes(entry.title) }
        : clause(entry),
    );
  };
  return {
    type: 'doc',
    content: [
      { type: 'title', ...textNodes(spec.title) },
      ...(spec.formula !== undefined ? [{ type: 'formula' as const, ...textNodes(spec.formula) }] : []),
      { type: 'preamble', content: (spec.preamble.length ? spec.preamble : ['']).map(clause) },
      { type: 'operative', content: entries(spec.operative) },
      ...(spec.annexes ?? []).map((annex): AnnexJSON => ({
        type: 'annex',
        attrs: { id: annex.id ?? newId() },
        content: [{ type: 'annexTitle', ...textNodes(annex.title) }, ...entries(annex.clauses)],
      })),
    ],
  };
}

/** The preamble or the operative part of a draft built from JSON (the formula, when present, sits before them). */
export function sectionOf<T extends 'preamble' | 'operative'>(draft: DraftJSON, type: T): SectionJSON<T> {
  const section = draft.content.find((node) => node.type === type);
  if (!section) throw new Error(`the draft has no ${type}`);
  return section as SectionJSON<T>;
}
