import type { PillarKey } from './pillars';
import { annexClauseNumber, pointLabel } from './structure';

/**
 * Preambular clauses ("Recognizing that …") come first and are numbered PP1, PP2 …; operative ones
 * OP1, OP2 …; the paragraphs of annexes A1.1, A1.2 … (see `shared/structure.ts`).
 */
export const CLAUSE_KINDS = ['preambular', 'operative', 'annex'] as const;
export type ClauseKind = (typeof CLAUSE_KINDS)[number];

/** How far a clause is agreed. `agreed-ad-ref`: provisionally agreed, pending confirmation from capitals. */
export const CLAUSE_STATUSES = ['open', 'agreed-ad-ref', 'agreed'] as const;
export type ClauseStatus = (typeof CLAUSE_STATUSES)[number];

/** Labels for people, in the order a clause moves through them. */
export const CLAUSE_STATUS_LABELS: Record<ClauseStatus, string> = {
  open: 'Open',
  'agreed-ad-ref': 'Agreed ad ref',
  agreed: 'Agreed',
};

/** Whether `value` is a clause status. */
export function isClauseStatus(value: unknown): value is ClauseStatus {
  return typeof value === 'string' && (CLAUSE_STATUSES as readonly string[]).includes(value);
}

/**
 * A clause as every later feature sees it (comments, amendments, versions, exports): its stable
 * id, its derived number, and what it says.
 */
export interface ClauseSummary {
  /** Stable for the clause's whole life; never derived from its position. */
  id: string;
  /** Derived from position, never stored: "PP2", "OP7", "A1.3". */
  number: string;
  kind: ClauseKind;
  pillars: PillarKey[];
  status: ClauseStatus;
  /** Plain text of the clause, points included with their labels, one block per line. */
  text: string;
}

/**
 * The number of the `index`-th (0-based) clause of a kind: PP1, PP2 …, OP1, OP2 …, or, for the
 * `annexIndex`-th annex, A1.1, A1.2 …
 */
export function clauseNumber(kind: ClauseKind, index: number, annexIndex = 0): string {
  if (kind === 'annex') return annexClauseNumber(annexIndex, index);
  return `${kind === 'preambular' ? 'PP' : 'OP'}${index + 1}`;
}

/** The label of the `index`-th (0-based) point of the first level: (a) … (z), then (aa), (bb) … */
export function subparagraphLetter(index: number): string {
  return pointLabel(1, index);
}

/** The statuses that lock a clause's text: only a role that may `clause:edit-agreed` changes it. */
export const AGREED_STATUSES: readonly ClauseStatus[] = ['agreed-ad-ref', 'agreed'];

/** Whether a clause with this status is agreed (or agreed ad ref), so its text is locked for delegates. */
export function isAgreedStatus(status: unknown): boolean {
  return typeof status === 'string' && (AGREED_STATUSES as readonly string[]).includes(status);
}
