import { newClauseId } from '../../shared/clauseId';
import type { DraftJSON, DraftSpec } from '../../shared/draftText';
import { draftFromSpec } from '../../shared/draftText';

/**
 * The text of a new draft from an import, in the shared document model, built by `draftFromSpec`
 * as every other new draft is: every clause, point, heading and annex gets a fresh id, every
 * clause starts open, and `^[note]` becomes a footnote. Labels and numbers in the file are not
 * kept: Accord derives them from the places of things. An empty part gets one empty clause, as
 * a new draft has.
 */
export function importedDraft(spec: DraftSpec): DraftJSON {
  return draftFromSpec(spec, newClauseId);
}
