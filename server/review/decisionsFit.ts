import type { DocumentNodeJSON } from '../../shared/documentJSON';
import type { Conflict } from '../../shared/review/types';
import { amendmentLabel } from '../../shared/review/types';
import type { AmendmentRecord } from '../storage/Storage';
import type { AdoptedChange } from './consolidation';
import { planConsolidation } from './consolidation';

/**
 * An amendment as consolidation applies it: what it does, with its wording as adopted (the
 * revised text for one adopted as orally revised), or as proposed for one not yet decided.
 */
export function asChange(record: AmendmentRecord): AdoptedChange {
  return {
    label: amendmentLabel(record.number),
    number: record.number!,
    kind: record.kind,
    clauseId: record.clauseId,
    clause: record.status === 'adopted-as-revised' ? record.revised : record.proposed,
    pillars: record.pillars,
  };
}

/** Where amendments to one clause, applied together to the base text, get in each other's way. */
export function conflictsAmong(base: DocumentNodeJSON, changes: AdoptedChange[]): Conflict[] {
  return planConsolidation({ base, start: base, adopted: changes, resolutions: new Map() }).conflicts;
}

/**
 * The amendments still awaiting a decision that fall when `adopted` is adopted, each with the
 * reason (the clash, in words): those that cannot stand beside it, because they change the same
 * words, delete what it changes (or change what it deletes), or put other points at the same place.
 */
export function fallingWith(
  base: DocumentNodeJSON,
  adopted: AdoptedChange,
  pending: readonly AmendmentRecord[],
): { record: AmendmentRecord; reason: string }[] {
  return pending.flatMap((record) => {
    if (record.clauseId !== adopted.clauseId || record.number === null) return [];
    const change = asChange(record);
    const clash = conflictsAmong(base, [adopted, change]).find(
      (conflict) => conflict.amendments.includes(change.label) && conflict.amendments.includes(adopted.label),
    );
    return clash ? [{ record, reason: clash.message }] : [];
  });
}
