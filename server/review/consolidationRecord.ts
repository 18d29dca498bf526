import type { AmendmentStatus } from '../../shared/review/amendmentStatus';
import type {
  ConsolidationPlan,
  ConsolidationRecord,
  LiveChange,
  LiveChangeDecision,
  PersonRef,
  RecordedAddedClause,
  Resolution,
} from '../../shared/review/types';
import { amendmentLabel } from '../../shared/review/types';
import type { AmendmentRecord } from '../storage/Storage';
import type { PlannedAddition } from './consolidation';

/** Whether an amendment's status puts its text into the consolidated version. */
export function isAdopted(status: AmendmentStatus): boolean {
  return status === 'adopted' || status === 'adopted-as-revised';
}

/** What a consolidation did, as it stood when the chair consolidated. */
export interface ConsolidationFacts {
  /** Every amendment of the cycle (drafts never tabled are left out of the record). */
  amendments: readonly AmendmentRecord[];
  /** Each base clause's number, by id. */
  baseNumbers: ReadonlyMap<string, string>;
  /** Every live change the chair decided on, as the plan showed it. */
  liveChanges: readonly LiveChange[];
  decisions: ReadonlyMap<string, LiveChangeDecision>;
  resolutions: readonly Resolution[];
  /** The plan's preview of the text written. */
  preview: ConsolidationPlan['preview'];
  /** The clauses adopted amendments added, as written: each with its id, number and status. */
  added: readonly PlannedAddition[];
  version: { id: string; label: string };
  by: PersonRef;
  at: string;
}

/**
 * The record kept of a consolidation: every tabled amendment by number with its final status
 * (whatever the statuses are, each listed as it is, the adopted ones marked applied), the chair's
 * resolutions with their clauses' numbers, the live changes kept and those discarded, the
 * clauses the version changed, and the status the chair gave each clause an adopted amendment
 * added. It is what the cycle shows once consolidated, so it is worked out from what was decided
 * then, never again from the live text, which moves on.
 */
export function consolidationRecord(facts: ConsolidationFacts): ConsolidationRecord {
  const numberOf = (clauseId: string) => facts.baseNumbers.get(clauseId) ?? '';
  return {
    version: facts.version,
    by: facts.by,
    at: facts.at,
    amendments: facts.amendments
      .filter((amendment) => amendment.number !== null)
      .toSorted((a, b) => a.number! - b.number!)
      .map((amendment) => ({
        label: amendmentLabel(amendment.number),
        clauseId: amendment.clauseId,
        clauseNumber: numberOf(amendment.clauseId),
        kind: amendment.kind,
        status: amendment.status,
        applied: isAdopted(amendment.status),
      })),
    resolutions: facts.resolutions.map((resolution) => ({
      ...resolution,
      clauseNumber: numberOf(resolution.clauseId),
    })),
    kept: facts.liveChanges.filter((change) => facts.decisions.get(change.id) === 'keep'),
    discarded: facts.liveChanges.filter((change) => facts.decisions.get(change.id) === 'discard'),
    changed: facts.preview.filter((clause) => clause.change !== 'unchanged'),
    added: facts.added.flatMap(({ id, number, ...clause }): RecordedAddedClause[] =>
      id !== null && number !== null ? [{ ...clause, id, number }] : [],
    ),
  };
}
