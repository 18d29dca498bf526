import type { ClauseKind } from './clauses';
import { clauseNumber } from './clauses';
import type { AnnexSpec, ClauseBlockSpec, ClauseSpec, DivisionSpec, DraftSpec, PointSpec } from './draftText';
import { MAX_POINT_LEVELS } from './limits';
import type { Pillar, PillarKey } from './pillars';
import type { DivisionLevel } from './structure';
import { annexLabel, divisionNumber, pointLabel } from './structure';

/**
 * A block of an imported clause after its opening paragraph: a point at level 1 to 3 ((a), (i),
 * (A)), or a further paragraph of the clause itself (level 0). Blocks are listed flat, in the
 * order of the file; a point's level says which point it belongs to.
 */
export interface ImportedBlock {
  /** 0 for a further paragraph of the clause, 1 to 3 for a point at that level. */
  level: number;
  /** The label Accord will give the point ("(b)", "(ii)", "(A)"), derived from its place; null for a paragraph. */
  label: string | null;
  /** The point's label in the file when it is not the one Accord gives ("(i)" read at the first level); else null. */
  sourceLabel: string | null;
  text: string;
  /** The level was a guess: a warning names this point, and the preview marks it. */
  unsure?: boolean;
}

/**
 * How a clause's kind was decided, so the preview can say why it is where it is: by its number
 * (PP1, OP2), by a heading ("Operative part", "Part I", "Annex"), by its wording ("Recalling …,"),
 * or by the structure of the file (an Akoma Ntoso preamble).
 */
export type ImportedKindReason = 'numbering' | 'heading' | 'wording' | 'structure';

/** A clause recognised in an imported file. */
export interface ImportedClause {
  type: 'clause';
  /** The number it will have in Accord: "PP1", "OP3", "A1.2". */
  number: string;
  /** Its number in the file ("1.", "OP 3", "Article 2"), or null when it had none or Word numbered it. */
  sourceNumber: string | null;
  /** Its opening paragraph; `^[note]` is a footnote (see shared/draftText.ts). */
  text: string;
  blocks: ImportedBlock[];
  pillars: PillarKey[];
  kindFrom: ImportedKindReason;
}

/** A heading of the operative part or of an annex: a part or a section. */
export interface ImportedDivision {
  type: 'division';
  level: DivisionLevel;
  /** "Part I", "Section A": what Accord will number it. */
  number: string;
  /** Its number in the file ("PART ONE", "Chapter II", "A."), or null when it had none. */
  sourceNumber: string | null;
  /** Its title ('' when it has none). */
  text: string;
}

/** What the operative part and annexes hold: clauses, with headings among them. */
export type ImportedEntry = ImportedClause | ImportedDivision;

/** An annex recognised in an imported file, with its own paragraphs. */
export interface ImportedAnnex {
  /** "Annex" when there is one, else "Annex I", "Annex II". */
  label: string;
  /** Its label in the file ("ANNEX 2") when it is not Accord's, else null. */
  sourceLabel: string | null;
  title: string;
  entries: ImportedEntry[];
}

/** What an import will create, shown to the person before anything is created. */
export interface ImportPreview {
  title: string;
  /** The opening formula ("The General Assembly,"), or null when the file has none. */
  formula: string | null;
  preamble: ImportedClause[];
  operative: ImportedEntry[];
  annexes: ImportedAnnex[];
  /** Things the person should check: text left out, clauses out of order, a point's level guessed. */
  warnings: string[];
  /** The pillars the file names, in the order first met; the clauses' tags are their keys. */
  pillars: Pillar[];
}

/**
 * Numbers the clauses and headings of one container (the preamble, the operative part, an annex)
 * in order, as the outline will: clauses run on across headings, parts count from I, sections
 * from A again in each part. Call it once per entry, in order.
 */
export function entryNumberer(kind: ClauseKind, annexIndex = 0): (entry: ImportedEntry) => string {
  let clauses = 0;
  let parts = 0;
  let sections = 0;
  return (entry) => {
    if (entry.type === 'clause') return clauseNumber(kind, clauses++, annexIndex);
    if (entry.level === 'section') return divisionNumber('section', sections++);
    sections = 0;
    return divisionNumber('part', parts++);
  };
}

/**
 * Gives each block the level it can have and the label Accord will derive from its place: a
 * point goes at most one level below the point before it (never below a paragraph), and points
 * count among their siblings, a paragraph between them not restarting (a), as the outline counts.
 */
export function labelBlocks(blocks: readonly ImportedBlock[]): ImportedBlock[] {
  const counters = Array.from({ length: MAX_POINT_LEVELS + 1 }, () => 0);
  let depth = 0;
  return blocks.map((block) => {
    if (block.level <= 0) {
      depth = 0;
      return { ...block, level: 0, label: null };
    }
    const level = Math.min(block.level, depth + 1, MAX_POINT_LEVELS);
    const label = pointLabel(level, counters[level]!++);
    for (let deeper = level + 1; deeper <= MAX_POINT_LEVELS; deeper++) counters[deeper] = 0;
    depth = level;
    return { ...block, level, label };
  });
}

function numberEntries(entries: readonly ImportedEntry[], kind: ClauseKind, annexIndex = 0): ImportedEntry[] {
  const next = entryNumberer(kind, annexIndex);
  return entries.map((entry) =>
    entry.type === 'clause'
      ? { ...entry, number: next(entry), blocks: labelBlocks(entry.blocks) }
      : { ...entry, number: next(entry) },
  );
}

/** The preview with every number and label as Accord will derive them from the places of things. */
export function numberPreview(preview: ImportPreview): ImportPreview {
  return {
    ...preview,
    preamble: numberEntries(preview.preamble, 'preambular') as ImportedClause[],
    operative: numberEntries(preview.operative, 'operative'),
    annexes: preview.annexes.map((annex, index) => ({
      ...annex,
      label: annexLabel(index, preview.annexes.length),
      entries: numberEntries(annex.entries, 'annex', index),
    })),
  };
}

/** The blocks of a clause as the nested points and paragraphs of a ClauseSpec. */
function blockSpecs(blocks: readonly ImportedBlock[]): ClauseBlockSpec[] {
  const top: ClauseBlockSpec[] = [];
  const open: { text: string; points?: PointSpec[] }[] = [];
  for (const block of labelBlocks(blocks)) {
    if (block.level === 0) {
      open.length = 0;
      top.push({ paragraph: block.text });
      continue;
    }
    const point: { text: string; points?: PointSpec[] } = { text: block.text };
    open.length = block.level - 1;
    if (block.level === 1) top.push(point);
    else (open[block.level - 2]!.points ??= []).push(point);
    open.push(point);
  }
  return top;
}

function clauseSpec(clause: ImportedClause): ClauseSpec {
  return { text: clause.text, blocks: blockSpecs(clause.blocks), pillars: clause.pillars };
}

function entrySpecs(entries: readonly ImportedEntry[]): (ClauseSpec | DivisionSpec)[] {
  return entries.map((entry) =>
    entry.type === 'clause' ? clauseSpec(entry) : { division: entry.level, title: entry.text },
  );
}

/**
 * The draft a preview creates, as a DraftSpec for `draftFromSpec` (which gives every clause,
 * point, heading and annex its id): exactly the clauses, points, headings, footnotes and annexes
 * the preview shows, the labels aside, which Accord derives.
 */
export function specFromPreview(preview: ImportPreview): DraftSpec {
  return {
    title: preview.title,
    ...(preview.formula !== null ? { formula: preview.formula } : {}),
    preamble: preview.preamble.map(clauseSpec),
    operative: entrySpecs(preview.operative),
    annexes: preview.annexes.map((annex): AnnexSpec => ({ title: annex.title, clauses: entrySpecs(annex.entries) })),
  };
}

function pointBlocks(points: readonly PointSpec[], level: number): ImportedBlock[] {
  return points.flatMap((entry) => {
    const point = typeof entry === 'string' ? { text: entry } : entry;
    return [{ level, label: null, sourceLabel: null, text: point.text }, ...pointBlocks(point.points ?? [], level + 1)];
  });
}

function importedClause(entry: ClauseSpec | string): ImportedClause {
  const spec: ClauseSpec = typeof entry === 'string' ? { text: entry } : entry;
  return {
    type: 'clause',
    number: '',
    sourceNumber: null,
    text: spec.text,
    blocks: [
      ...pointBlocks([...(spec.subparagraphs ?? []), ...(spec.points ?? [])], 1),
      ...(spec.blocks ?? []).flatMap((block) =>
        typeof block === 'object' && 'paragraph' in block
          ? [{ level: 0, label: null, sourceLabel: null, text: block.paragraph }]
          : pointBlocks([block], 1),
      ),
    ],
    pillars: [...(spec.pillars ?? [])],
    kindFrom: 'structure',
  };
}

function importedEntries(entries: readonly (ClauseSpec | DivisionSpec | string)[]): ImportedEntry[] {
  return entries.map((entry) =>
    typeof entry === 'object' && 'division' in entry
      ? { type: 'division', level: entry.division, number: '', sourceNumber: null, text: entry.title }
      : importedClause(entry),
  );
}

/**
 * The preview of a draft read whole from a structured file (Akoma Ntoso), where nothing is
 * guessed: every kind comes from the file's structure, every number and label from Accord.
 */
export function previewFromSpec(spec: DraftSpec, warnings: readonly string[] = []): ImportPreview {
  return numberPreview({
    title: spec.title,
    formula: spec.formula ?? null,
    preamble: spec.preamble.map(importedClause),
    operative: importedEntries(spec.operative),
    annexes: (spec.annexes ?? []).map((annex) => ({
      label: '',
      sourceLabel: null,
      title: annex.title,
      entries: importedEntries(annex.clauses),
    })),
    warnings: [...warnings],
    pillars: [],
  });
}
