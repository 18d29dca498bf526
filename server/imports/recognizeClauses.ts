import type { ClauseKind } from '../../shared/clauses';
import { MAX_IMPORT_BLOCKS_PER_CLAUSE } from '../../shared/importLimits';
import type { ImportLine, ImportList, ImportPreview } from './ImportPreview';
import { assemblePreview } from './recognize/assemblePreview';
import { checkClauseBlocks } from './recognize/checkImportLimits';
import type { HeadingLine } from './recognize/headings';
import { headingLine, isDocumentSymbol, isFormula, isTitleLike, letteredSection } from './recognize/headings';
import type { TypedLabel } from './recognize/labels';
import { labelValue, markerLabel, naturalLevel, typedLabel } from './recognize/labels';
import type { PendingAnnex, PendingClause, PendingDraft, PendingEntry } from './recognize/pending';
import { PointLevels } from './recognize/pointLevels';
import {
  OPERATIVE_HEADING,
  PILLAR_LINE,
  PREAMBLE_HEADING,
  endsWithComma,
  numbered,
  opensLikePreamble,
} from './recognize/wording';

/** A line as the reading sees it once its form is known; what it becomes may still depend on what came before. */
type Item =
  | { kind: 'part'; section: ClauseKind }
  | { kind: 'heading'; heading: HeadingLine }
  | { kind: 'pillars'; list: string; text: string }
  | {
      kind: 'clause';
      sourceNumber: string | null;
      numberedKind: ClauseKind | null;
      text: string;
      list: ImportList | null;
    }
  | { kind: 'point'; label: TypedLabel | null; list: ImportList | null; text: string; line: string }
  | { kind: 'plain'; text: string; heading: boolean };

/** The status Accord's own exports write after an agreed clause's number, "(Agreed ad ref)": not part of its words. */
const STATUS_MARK = /^\((?:Agreed|Agreed ad ref)\)\s*/;

function classify(line: ImportLine): Item | null {
  const { list } = line;
  let text = line.text.replace(/\s+/g, ' ').trim();
  // Word numbering on a heading ("Part %1") is part of the heading's words.
  if (list && !list.typed && line.heading) text = `${list.label} ${text}`.trim();
  if (!text) return null;
  if (PREAMBLE_HEADING.test(text)) return { kind: 'part', section: 'preambular' };
  if (OPERATIVE_HEADING.test(text)) return { kind: 'part', section: 'operative' };
  const heading = headingLine(text);
  if (heading) return { kind: 'heading', heading };
  const pillars = PILLAR_LINE.exec(text);
  if (pillars) return { kind: 'pillars', list: pillars[1]!, text };
  if (list && !(line.heading && !list.typed)) {
    if (list.format === 'decimal' && list.typed && list.level === 0)
      return { kind: 'clause', sourceNumber: list.label, numberedKind: null, text, list };
    const marker = list.typed && list.ordered && list.format !== 'decimal' ? markerLabel(list.label, text) : null;
    const label = list.typed || !list.ordered ? (marker ?? typedLabel(text)) : null;
    const bullet = !list.ordered;
    return { kind: 'point', label, list, text, line: list.typed && !bullet ? `${list.label} ${text}` : text };
  }
  const number = numbered(text);
  if (number)
    return {
      kind: 'clause',
      sourceNumber: number.sourceNumber,
      numberedKind: number.kind,
      text: number.rest.replace(STATUS_MARK, ''),
      list: null,
    };
  const label = typedLabel(text);
  if (label) return { kind: 'point', label, list: null, text, line: text };
  return { kind: 'plain', text, heading: line.heading };
}

/** The pillar names of a "Pillars: …" line, as written; `namePillars` matches them to pillars. */
function pillarsOf(list: string): string[] {
  return list
    .split(/[;·]/)
    .map((part) => part.trim())
    .filter(Boolean);
}

/**
 * The labels of the points that follow item `at` in the same clause, for a point whose level its
 * own label leaves open. Read only then, and no further than a clause may hold blocks.
 */
function* followingLabels(items: readonly (Item | null)[], at: number): Generator<string> {
  const end = Math.min(items.length, at + 1 + MAX_IMPORT_BLOCKS_PER_CLAUSE);
  for (let next = at + 1; next < end; next++) {
    const item = items[next];
    if (!item) continue;
    if (item.kind === 'clause' || item.kind === 'heading' || item.kind === 'part') return;
    if (item.kind === 'point' && item.label) yield item.label.value;
  }
}

/** Reads the items of a file in order into clauses, points, headings and annexes. */
class Reader {
  readonly draft: PendingDraft = { title: '', formula: null, main: [], annexes: [], leftOut: [], warnings: [] };
  private section: ClauseKind | null = null;
  private current: PendingClause | null = null;
  private sawOperativeNumber = false;
  private titleFromHeading = false;
  /** A heading whose title may come on the next line. */
  private awaitingTitle: ((title: string) => void) | null = null;

  constructor(private readonly items: readonly (Item | null)[]) {}

  read(): PendingDraft {
    this.items.forEach((item, at) => {
      if (!item) return;
      const awaiting = this.awaitingTitle;
      this.awaitingTitle = null;
      if (awaiting && item.kind === 'plain' && isTitleLike(item.text)) awaiting(item.text);
      else this.readItem(item, at);
    });
    return this.draft;
  }

  private get annex(): PendingAnnex | null {
    return this.draft.annexes[this.draft.annexes.length - 1] ?? null;
  }

  private get entries(): PendingEntry[] {
    return this.annex?.entries ?? this.draft.main;
  }

  private hasClause(entries: readonly PendingEntry[]): boolean {
    return entries.some((entry) => entry.type === 'clause');
  }

  /** Whether headings group clauses here: in an annex, or once the operative part has begun. */
  private get inOperativeContext(): boolean {
    if (this.annex) return true;
    return this.sawOperativeNumber || this.section === 'operative';
  }

  private readItem(item: Item, at: number): void {
    switch (item.kind) {
      case 'part':
        if (!this.annex) this.section = item.section;
        this.current = null;
        return;
      case 'heading':
        return this.readHeading(item.heading);
      case 'pillars':
        if (this.current) {
          const open = this.current;
          open.pillars.push(...pillarsOf(item.list).filter((name) => !open.pillars.includes(name)));
        } else this.readPlain(item.text, false);
        return;
      case 'clause':
        return this.readClause(item);
      case 'point':
        return this.readPoint(item, at);
      case 'plain':
        return this.readPlain(item.text, item.heading);
    }
  }

  private readHeading(heading: HeadingLine): void {
    this.current = null;
    if (heading.kind === 'annex') {
      if (!this.hasClause(this.draft.main))
        return this.readPlain(heading.sourceNumber + (heading.title ? ` ${heading.title}` : ''), true);
      const annex: PendingAnnex = { sourceNumber: heading.sourceNumber, title: heading.title ?? '', entries: [] };
      this.draft.annexes.push(annex);
      if (heading.title === null) this.awaitingTitle = (title) => (annex.title = title);
      return;
    }
    if (!this.annex) this.section = 'operative';
    const division = {
      type: 'division' as const,
      level: heading.kind,
      sourceNumber: heading.sourceNumber || null,
      text: heading.title ?? '',
    };
    this.entries.push(division);
    if (heading.title === null) this.awaitingTitle = (title) => (division.text = title);
  }

  private start(clause: Pick<PendingClause, 'sourceNumber' | 'numberedKind' | 'numbered' | 'text' | 'list'>): void {
    this.current = {
      type: 'clause',
      ...clause,
      section: this.annex ? 'annex' : this.section,
      blocks: [],
      pillars: [],
      levels: new PointLevels(clause.text),
      listBases: new Map(),
    };
    this.entries.push(this.current);
    // Once the operative part has begun, a recital-like line is no longer taken for an unnumbered preambular paragraph.
    const kind =
      clause.numberedKind ?? this.section ?? (clause.text && !opensLikePreamble(clause.text) ? 'operative' : null);
    if (clause.numbered && kind === 'operative') this.sawOperativeNumber = true;
  }

  private readClause(item: Extract<Item, { kind: 'clause' }>): void {
    this.start({
      sourceNumber: item.sourceNumber,
      numberedKind: item.numberedKind,
      numbered: true,
      text: item.text,
      list: item.list,
    });
  }

  /** The level a list item's nesting gives it below the open clause, or null when its nesting says nothing. */
  private structuralLevel(clause: PendingClause, list: ImportList): number | null {
    if (list.typed) {
      const depth = clause.list?.typed ? clause.list.level : -1;
      return list.level > depth ? list.level - depth : null;
    }
    if (clause.list && !clause.list.typed && clause.list.listId === list.listId)
      return Math.max(1, list.level - clause.list.level);
    let base = clause.listBases.get(list.listId);
    if (base === undefined) {
      base =
        Math.min(naturalLevel(list.format === 'decimal' ? null : list.format), clause.levels.depth + 1) - list.level;
      clause.listBases.set(list.listId, base);
    }
    return base + list.level;
  }

  private readPoint(item: Extract<Item, { kind: 'point' }>, at: number): void {
    const open = this.current;
    const { list } = item;
    const wordClause = list && !list.typed && list.ordered && list.format === 'decimal';
    const sameListDeeper = wordClause && open?.list?.listId === list.listId && list.level > open.list.level;
    if (list && !list.typed && (!open || (wordClause && !sameListDeeper))) {
      if (list.ordered)
        return this.start({ sourceNumber: null, numberedKind: null, numbered: true, text: item.text, list });
    }
    // An unnumbered recital holds no list: a bullet after it is the next recital, or a stray line.
    if (!open || (!open.numbered && !item.label)) return this.readPlain(item.line, false);
    const structural = list ? this.structuralLevel(open, list) : null;
    if (item.label) {
      const placement = open.levels.typed(item.label, followingLabels(this.items, at), structural);
      open.blocks.push({
        level: placement.level,
        written: item.label.written,
        text: item.label.rest,
        doubt: placement.doubt,
      });
      return checkClauseBlocks(open);
    }
    const scheme = list?.format === 'decimal' ? null : (list?.format ?? null);
    const written = list && list.label && /[\w]/.test(list.label) ? list.label : null;
    const placement = open.levels.listed(structural ?? 1, scheme, written ?? '', item.text);
    open.blocks.push({ level: placement.level, written, text: item.text, doubt: placement.doubt });
    checkClauseBlocks(open);
  }

  private readPlain(text: string, heading: boolean): void {
    const { draft } = this;
    const annex = this.annex;
    const open = this.current;
    const beforeClauses = !annex && !this.hasClause(draft.main);
    if (beforeClauses && draft.formula === null && isFormula(text)) {
      draft.formula = text;
      return;
    }
    if (heading) {
      // A title style wins over a plain first line ("United Nations" above the title).
      if (beforeClauses && !this.titleFromHeading && !isDocumentSymbol(text)) {
        if (draft.title) draft.leftOut.push(draft.title);
        draft.title = text;
        this.titleFromHeading = true;
        return;
      }
      if (annex && !annex.title && !this.hasClause(annex.entries)) {
        annex.title = text;
        return;
      }
      if (this.inOperativeContext) return this.readHeading({ kind: 'section', sourceNumber: '', title: text });
    }
    const section = this.inOperativeContext ? letteredSection(text, () => this.nextSectionLetter()) : null;
    if (section) return this.readHeading(section);
    const recital = opensLikePreamble(text) && endsWithComma(text);
    if (recital && (annex || (!this.sawOperativeNumber && this.section !== 'operative'))) {
      return this.start({ sourceNumber: null, numberedKind: null, numbered: false, text, list: null });
    }
    if (open && open.numbered && !heading) {
      if (open.text === '') {
        open.text = text;
        open.levels.lastTextIs(text);
      } else {
        open.blocks.push({ level: 0, written: null, text, doubt: null });
        open.levels.paragraph(text);
        checkClauseBlocks(open);
      }
      return;
    }
    if (beforeClauses && !draft.title && !isDocumentSymbol(text)) draft.title = text;
    else if (annex && !annex.title && !this.hasClause(annex.entries) && isTitleLike(text)) annex.title = text;
    else draft.leftOut.push(text);
  }

  /** The letter the next section heading of the current part would have: "A" after a part heading. */
  private nextSectionLetter(): string {
    let sections = 0;
    for (const entry of this.entries) {
      if (entry.type !== 'division') continue;
      sections = entry.level === 'part' ? 0 : sections + 1;
    }
    return labelValue('upperLetter', sections);
  }
}

/**
 * Recognises the structure of a text read from a file, line by line:
 * - numbered paragraphs ("1.", "(1)", "PP1", "OP 3", "Article 2", "A1.2", a Word or Markdown
 *   numbered list) start clauses; unnumbered recitals before the operative part ("Recalling …,")
 *   are preambular clauses, as UN resolutions do not number their preamble;
 * - points nest by their labels and by the file's list levels (see PointLevels): "(a)", "(i)",
 *   "(A)" under one another, Word's automatic numbering by its levels and number formats,
 *   Markdown lists by indentation; other lines after a clause are further paragraphs of it;
 * - "Part I", "PART ONE", "Chapter II" and "Section A" lines (and "A. Title" lines where a section
 *   is due) are headings of the operative part, with their title on the same or the next line;
 *   "Annex", "Annex I", "ANNEX II" start an annex whose numbered paragraphs are its own;
 * - "The General Assembly,"-like lines before the first clause are the opening formula;
 * - PP/OP numbers fix the kind; otherwise "Preamble" or "Operative part" headings, or else the wording;
 * - "Pillars: …" lines (as Accord's own exports write them) tag the clause before;
 * - the first other line is the title; any further ones are left out, with a warning.
 * Warnings name only what is uncertain or lost. Throws `no_clauses` (422) when nothing is
 * recognised, and a 422 when a limit is passed.
 */
export function recognizeClauses(lines: readonly ImportLine[], options: { fallbackTitle: string }): ImportPreview {
  return assemblePreview(new Reader(lines.map(classify)).read(), options);
}
