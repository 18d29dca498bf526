import type { SuggestionDecisionRecord } from '../storage/Storage';

const VERBS: Record<SuggestionDecisionRecord['decision'], string> = {
  accepted: 'Accepted',
  rejected: 'Rejected',
  withdrawn: 'Withdrew',
};
const PROPOSALS: Record<SuggestionDecisionRecord['kind'], string> = { insert: 'to insert', delete: 'to delete' };

/** Words quoted in a history line: enough to recognise them, never a whole paragraph. */
const QUOTED_WORDS = 60;

/**
 * The line a decision on a suggestion reads as in the draft's history, for example "Accepted
 * Republic of Valdoria’s suggestion to insert “and clinics” in OP3": the edit it made is already
 * there as the decider's change to the clause; this says what the edit was.
 */
export function decisionSummary(
  record: Pick<SuggestionDecisionRecord, 'decision' | 'kind' | 'text'>,
  delegation: string,
  clauseNumber: string | null,
): string {
  const words = record.text.trim();
  const quoted = words.length > QUOTED_WORDS ? `${words.slice(0, QUOTED_WORDS - 1).trimEnd()}…` : words;
  const where = clauseNumber === null ? '' : ` in ${clauseNumber}`;
  return `${VERBS[record.decision]} ${delegation}’s suggestion ${PROPOSALS[record.kind]} “${quoted}”${where}`;
}
