import type { Taxonomy } from '../../../shared/pillars';
import type { Compilation } from '../../../shared/review/types';
import type { RedlineLine } from '../../exports/redlineLayout';
import { redlineLines } from '../../exports/redlineLayout';
import type { ExportAmendment } from './amendmentModel';
import { exportAmendment } from './amendmentModel';

/** A base clause of the compilation as the Word and PDF exports write it: its lines, then its amendments. */
export interface CompilationClause {
  number: string;
  /** The base text cut into lines, each point at its level (all words `equal`). */
  lines: RedlineLine[];
  amendments: ExportAmendment[];
}

const PART_HEADINGS: Record<Compilation['clauses'][number]['kind'], string> = {
  preambular: 'Preamble',
  operative: 'Operative part',
  annex: 'Annexes',
};

/** One part of the compilation ("Preamble", "Operative part") with its clauses in order. */
export interface CompilationPart {
  heading: string;
  clauses: CompilationClause[];
}

/** The line under the title of every compilation: "Review 2025 — compilation of amendments to Rev.2". */
export function compilationLine(compilation: Compilation): string {
  return `${compilation.cycle.name} — compilation of amendments to ${compilation.cycle.baseVersion.label}`;
}

/** How many amendments the compilation holds, in a sentence. */
export function compilationSummary(compilation: Compilation): string {
  const amendments = compilation.clauses.reduce((sum, clause) => sum + clause.amendments.length, 0);
  const amended = compilation.clauses.filter((clause) => clause.amendments.length > 0).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(amendments, 'amendment')} to ${plural(amended, 'clause')} of ${compilation.cycle.baseVersion.label}.`;
}

/**
 * The compilation cut into its parts, each base clause with its text in lines and its
 * amendments worded for export. The same cut for Word and PDF, so they read alike.
 */
export function compilationParts(compilation: Compilation, taxonomy: Taxonomy): CompilationPart[] {
  const parts: CompilationPart[] = [];
  for (const clause of compilation.clauses) {
    const heading = PART_HEADINGS[clause.kind];
    if (parts[parts.length - 1]?.heading !== heading) parts.push({ heading, clauses: [] });
    parts[parts.length - 1]!.clauses.push({
      number: clause.number,
      lines: redlineLines(clause),
      amendments: clause.amendments.map((amendment) => exportAmendment(amendment, taxonomy)),
    });
  }
  return parts;
}
