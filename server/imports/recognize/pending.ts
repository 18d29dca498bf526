import type { ClauseKind } from '../../../shared/clauses';
import type { PillarKey } from '../../../shared/pillars';
import type { DivisionLevel } from '../../../shared/structure';
import type { ImportList } from '../ImportPreview';
import type { PointLevels } from './pointLevels';

/** A block of a clause while the file is read: a point (level 1 to 3) or a further paragraph (level 0). */
export interface PendingBlock {
  level: number;
  /** Its label in the file (typed, or Word's generated one), or null. */
  written: string | null;
  text: string;
  /** Why its level is a guess, when it is (see PointLevels). */
  doubt: string | null;
}

/** A clause while the file is being read: its kind is decided once all its lines are in. */
export interface PendingClause {
  type: 'clause';
  sourceNumber: string | null;
  /** Kind given by the number (PP/OP, A1.2) or by being an article. */
  numberedKind: ClauseKind | null;
  /** Numbered in the file (text or Word numbering), as opposed to recognised from wording alone. */
  numbered: boolean;
  /** The part the file's headings placed it in, if any. */
  section: ClauseKind | null;
  text: string;
  blocks: PendingBlock[];
  pillars: PillarKey[];
  levels: PointLevels;
  /** The list item that numbers it (Word numbering, a Markdown list), if one does: its points nest below it. */
  list: ImportList | null;
  /** For each other Word list its points come from, the level its list level 0 stands at. */
  listBases: Map<string, number>;
}

/** A heading among the clauses while the file is read. */
export interface PendingDivision {
  type: 'division';
  level: DivisionLevel;
  sourceNumber: string | null;
  text: string;
}

/** What the operative part and annexes hold while the file is read. */
export type PendingEntry = PendingClause | PendingDivision;

/** An annex while the file is read. */
export interface PendingAnnex {
  sourceNumber: string;
  title: string;
  entries: PendingEntry[];
}

/** Everything read from a file, before kinds are decided and numbers given. */
export interface PendingDraft {
  title: string;
  formula: string | null;
  main: PendingEntry[];
  annexes: PendingAnnex[];
  /** Lines that belong to nothing, left out of the draft. */
  leftOut: string[];
  warnings: string[];
}
