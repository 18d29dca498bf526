import { clauseNumber, type ClauseKind } from '../../shared/clauses';
import type { ImportedClause, ImportPreview, ImportSpec } from '../api/importsApi';

/**
 * An import preview as the person corrects it before creating the draft: the title, where the
 * preamble ends (the clauses keep their order, so only the boundary can move) and which clauses
 * to leave out (a stray paragraph read as a clause).
 */
export interface EditablePreview {
  title: string;
  /** Every recognised clause in file order: the preambular ones, then the operative ones. */
  clauses: readonly ImportedClause[];
  /** How many of `clauses` are preambular. */
  boundary: number;
  /** Indexes into `clauses` of those left out. */
  excluded: ReadonlySet<number>;
  warnings: readonly string[];
}

/** A clause as the corrected preview shows it: its kind and the number it will get, or null when left out. */
export interface PreviewRow {
  index: number;
  clause: ImportedClause;
  kind: ClauseKind;
  number: string | null;
  /** Whether it can cross the boundary: the last preambular clause or the first operative one. */
  movable: boolean;
}

/** The server's preview, as yet uncorrected. */
export function editablePreview(preview: ImportPreview): EditablePreview {
  return {
    title: preview.title,
    clauses: [...preview.preamble, ...preview.operative],
    boundary: preview.preamble.length,
    excluded: new Set(),
    warnings: preview.warnings,
  };
}

/** Every clause with its kind and the number it will have, counting only those kept. */
export function previewRows(preview: EditablePreview): PreviewRow[] {
  const counters: Record<ClauseKind, number> = { preambular: 0, operative: 0, annex: 0 };
  return preview.clauses.map((clause, index) => {
    const kind: ClauseKind = index < preview.boundary ? 'preambular' : 'operative';
    const kept = !preview.excluded.has(index);
    return {
      index,
      clause,
      kind,
      number: kept ? clauseNumber(kind, counters[kind]++) : null,
      movable: index === preview.boundary - 1 || index === preview.boundary,
    };
  });
}

/** Moves the clause at `index` across the boundary (preambular ↔ operative), if it is next to it. */
export function moveAcrossBoundary(preview: EditablePreview, index: number): EditablePreview {
  if (index === preview.boundary - 1) return { ...preview, boundary: preview.boundary - 1 };
  if (index === preview.boundary) return { ...preview, boundary: preview.boundary + 1 };
  return preview;
}

/** Leaves the clause at `index` out, or takes it back in. */
export function toggleExcluded(preview: EditablePreview, index: number): EditablePreview {
  const excluded = new Set(preview.excluded);
  if (!excluded.delete(index)) excluded.add(index);
  return { ...preview, excluded };
}

/** How many clauses of each kind the draft will have. */
export function keptCounts(preview: EditablePreview): Record<ClauseKind, number> {
  const counts: Record<ClauseKind, number> = { preambular: 0, operative: 0, annex: 0 };
  for (const row of previewRows(preview)) if (row.number !== null) counts[row.kind]++;
  return counts;
}

/** What `POST /api/imports` is sent: the kept clauses by section, with the (trimmed) title. */
export function importSpec(preview: EditablePreview): ImportSpec {
  const spec: ImportSpec = { title: preview.title.trim(), preamble: [], operative: [] };
  for (const row of previewRows(preview)) {
    if (row.number === null) continue;
    const { text, blocks, pillars } = row.clause;
    (row.kind === 'preambular' ? spec.preamble : spec.operative).push({ text, blocks, pillars });
  }
  return spec;
}
