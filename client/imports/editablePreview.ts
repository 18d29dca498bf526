import { pillarDrafts, pillarInputs, type PillarDraft } from '../pillars/PillarsEditor';
import type { ClauseKind } from '../../shared/clauses';
import { entryNumberer, numberPreview, specFromPreview } from '../../shared/importPreview';
import { annexLabel } from '../../shared/structure';
import type { ImportedAnnex, ImportedClause, ImportedEntry, ImportPreview, ImportSpec } from '../api/importsApi';

/**
 * An import preview as the person corrects it before creating the draft: the title, where the
 * preamble ends (the clauses keep their order, so only the boundary can move), and what to leave
 * out (a stray paragraph read as a clause, a heading, the opening formula).
 */
export interface EditablePreview {
  title: string;
  formula: string | null;
  /** The preambular clauses, then the operative part's clauses and headings, in file order. */
  entries: readonly ImportedEntry[];
  /** How many of `entries` are preambular. */
  boundary: number;
  annexes: readonly ImportedAnnex[];
  /** Keys ({@link PreviewRow.key}) of what is left out; `formula` for the opening formula. */
  excluded: ReadonlySet<string>;
  warnings: readonly string[];
  /** The new draft's pillars: those the file names to begin with, as the person edits them. */
  pillars: readonly PillarDraft[];
}

/** A clause or heading as the corrected preview shows it, with the number it will get, or null when left out. */
export interface PreviewRow {
  /** Stable across corrections: `m3` (the fourth entry of the preamble and operative part), `a1.2` (an annex's). */
  key: string;
  /** Its place in `entries`, or in its annex's entries. */
  index: number;
  entry: ImportedEntry;
  kind: ClauseKind;
  number: string | null;
  /** Whether it can cross the boundary: the last preambular clause or the first operative entry, if a clause. */
  movable: boolean;
  /** The number of its first footnote among the whole draft's (footnotes count only in what is kept). */
  firstNote: number;
}

/** An annex as the corrected preview shows it. */
export interface PreviewAnnex {
  label: string;
  sourceLabel: string | null;
  title: string;
  rows: PreviewRow[];
}

/** The formula key in `excluded`. */
export const FORMULA_KEY = 'formula';

const INLINE_NOTE = /\^\[(?:[^[\]]|\[[^[\]]*\])*\]/g;

/** How many footnotes an entry holds. */
function notesIn(entry: ImportedEntry): number {
  if (entry.type === 'division') return 0;
  return [entry.text, ...entry.blocks.map((block) => block.text)].reduce(
    (sum, text) => sum + (text.match(INLINE_NOTE)?.length ?? 0),
    0,
  );
}

/** The server's preview, as yet uncorrected. */
export function editablePreview(preview: ImportPreview): EditablePreview {
  return {
    title: preview.title,
    formula: preview.formula,
    entries: [...preview.preamble, ...preview.operative],
    boundary: preview.preamble.length,
    annexes: preview.annexes,
    excluded: new Set(),
    warnings: preview.warnings,
    pillars: pillarDrafts(preview.pillars),
  };
}

/** Every clause and heading with its kind, place and number, counting only what is kept, as the draft will. */
function allRows(preview: EditablePreview): { main: PreviewRow[]; annexes: PreviewAnnex[] } {
  let notes = 1;
  const rowsOf = (
    entries: readonly ImportedEntry[],
    key: (index: number) => string,
    kindAt: (index: number) => ClauseKind,
    annexIndex = 0,
  ) => {
    const numberers: Partial<Record<ClauseKind, (entry: ImportedEntry) => string>> = {};
    return entries.map((entry, index): PreviewRow => {
      const kind = kindAt(index);
      const kept = !preview.excluded.has(key(index));
      const next = (numberers[kind] ??= entryNumberer(kind, annexIndex));
      const row: PreviewRow = {
        key: key(index),
        index,
        entry,
        kind,
        number: kept ? next(entry) : null,
        movable:
          kind !== 'annex' && entry.type === 'clause' && (index === preview.boundary - 1 || index === preview.boundary),
        firstNote: notes,
      };
      if (kept) notes += notesIn(entry);
      return row;
    });
  };
  const main = rowsOf(
    preview.entries,
    (index) => `m${index}`,
    (index) => (index < preview.boundary ? 'preambular' : 'operative'),
  );
  const annexes = preview.annexes.map((annex, annexIndex) => ({
    label: annexLabel(annexIndex, preview.annexes.length),
    sourceLabel: annex.sourceLabel,
    title: annex.title,
    rows: rowsOf(
      annex.entries,
      (index) => `a${annexIndex}.${index}`,
      () => 'annex',
      annexIndex,
    ),
  }));
  return { main, annexes };
}

/** The preamble's and operative part's clauses and headings, with their kinds and the numbers they will have. */
export function previewRows(preview: EditablePreview): PreviewRow[] {
  return allRows(preview).main;
}

/** The annexes, with their labels and their paragraphs' numbers. */
export function previewAnnexes(preview: EditablePreview): PreviewAnnex[] {
  return allRows(preview).annexes;
}

/** Moves the clause at `index` across the boundary (preambular ↔ operative), if it is next to it. */
export function moveAcrossBoundary(preview: EditablePreview, index: number): EditablePreview {
  if (preview.entries[index]?.type !== 'clause') return preview;
  if (index === preview.boundary - 1) return { ...preview, boundary: preview.boundary - 1 };
  if (index === preview.boundary) return { ...preview, boundary: preview.boundary + 1 };
  return preview;
}

/** Leaves out what `key` names (a row's key, or {@link FORMULA_KEY}), or takes it back in. */
export function toggleExcluded(preview: EditablePreview, key: string): EditablePreview {
  const excluded = new Set(preview.excluded);
  if (!excluded.delete(key)) excluded.add(key);
  return { ...preview, excluded };
}

/** How many clauses of each kind the draft will have. */
export function keptCounts(preview: EditablePreview): Record<ClauseKind, number> {
  const counts: Record<ClauseKind, number> = { preambular: 0, operative: 0, annex: 0 };
  const { main, annexes } = allRows(preview);
  for (const row of [...main, ...annexes.flatMap((annex) => annex.rows)])
    if (row.number !== null && row.entry.type === 'clause') counts[row.kind]++;
  return counts;
}

/** The preview of what will be created once the corrections are made: what is kept, numbered as the draft will be. */
export function keptPreview(preview: EditablePreview): ImportPreview {
  const kept = <T extends ImportedEntry>(entries: readonly T[], key: (index: number) => string) =>
    entries.filter((_, index) => !preview.excluded.has(key(index)));
  const main = kept(preview.entries, (index) => `m${index}`);
  const preambular = preview.entries
    .slice(0, preview.boundary)
    .filter((_, index) => !preview.excluded.has(`m${index}`));
  return numberPreview({
    title: preview.title.trim(),
    formula: preview.formula !== null && !preview.excluded.has(FORMULA_KEY) ? preview.formula : null,
    preamble: preambular.filter((entry): entry is ImportedClause => entry.type === 'clause'),
    operative: main.slice(preambular.length),
    annexes: preview.annexes.map((annex, annexIndex) => ({
      ...annex,
      entries: kept(annex.entries, (index) => `a${annexIndex}.${index}`),
    })),
    warnings: [...preview.warnings],
    pillars: [],
  });
}

/**
 * What `POST /api/imports` is sent: the kept draft, with the (trimmed) title, and its pillars;
 * a clause keeps only the tags of pillars still in the list.
 */
export function importSpec(preview: EditablePreview): ImportSpec {
  const spec = specFromPreview(keptPreview(preview));
  const keys = new Set(preview.pillars.flatMap((pillar) => (pillar.key === undefined ? [] : [pillar.key])));
  const kept = <T>(entry: T): T =>
    typeof entry === 'object' && entry !== null && 'pillars' in entry && Array.isArray(entry.pillars)
      ? { ...entry, pillars: entry.pillars.filter((key: string) => keys.has(key)) }
      : entry;
  return {
    ...spec,
    preamble: spec.preamble.map(kept),
    operative: spec.operative.map(kept),
    ...(spec.annexes && { annexes: spec.annexes.map((annex) => ({ ...annex, clauses: annex.clauses.map(kept) })) }),
    pillars: pillarInputs(preview.pillars),
  };
}
