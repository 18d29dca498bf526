import { AMENDMENT_STATUS_LABELS } from '../../../shared/review/amendmentStatus';
import { pointChangeText } from '../../../shared/review/pointChanges';
import type { Amendment, ReviewCycle } from '../../../shared/review/types';
import { csvDocument } from '../../exports/csv';
import { acceptedCoSponsors, affiliationName, amendmentDecision, decisionLabel, proposedText } from './amendmentModel';

/** The columns, in order; names are stable (scripts read them). */
export const AMENDMENTS_CSV_COLUMNS = [
  'label',
  'status',
  'kind',
  'word_action',
  'clause_number',
  'clause_id',
  'sponsor',
  'co_sponsors',
  'pillars',
  'supporting_delegations',
  'objecting_delegations',
  'proposed_text',
  'revised_text',
  'justification',
  'decision',
  'decided_at',
  'submitted_at',
  'cycle',
  'base_version',
  'id',
  'point_changes',
] as const;

/** Several names in one cell. */
function list(values: readonly string[]): string {
  return values.join('; ');
}

function row(cycle: ReviewCycle, amendment: Amendment): string[] {
  const decision = amendmentDecision(amendment);
  const delegations = (stance: 'support' | 'objection') =>
    list(amendment.statements.filter((s) => s.stance === stance).map((s) => affiliationName(s.affiliation)));
  return [
    amendment.label,
    AMENDMENT_STATUS_LABELS[amendment.status],
    amendment.kind,
    amendment.kind === 'modify' ? amendment.wordAction : '',
    amendment.clauseNumber,
    amendment.clauseId,
    affiliationName(amendment.sponsor),
    list(acceptedCoSponsors(amendment).map(affiliationName)),
    list(amendment.pillars),
    delegations('support'),
    delegations('objection'),
    proposedText(amendment.redline),
    amendment.revised ? proposedText(amendment.revised.redline) : '',
    amendment.justification,
    decision ? decisionLabel(decision.decision) : '',
    decision?.at ?? '',
    amendment.submittedAt ?? '',
    cycle.name,
    cycle.baseVersion.label,
    amendment.id,
    amendment.pointChanges.map(pointChangeText).join('; '),
  ];
}

/**
 * A review cycle's amendments as CSV (RFC 4180, UTF-8, one row per amendment in the order
 * given): label, status as people read it, what it does, the clause, sponsor and accepted
 * co-sponsors, pillar keys, the delegations that stated support or objection, the proposed
 * wording as plain text (empty for a deletion), the justification, the decision, and last (so
 * scripts reading the earlier columns by position are not thrown) the points a change touches,
 * by reference ("OP1(b)(ii): point added"). Cells that a spreadsheet would run as a formula are
 * defused.
 */
export function renderAmendmentsCsv(cycle: ReviewCycle, amendments: readonly Amendment[]): string {
  return csvDocument(
    AMENDMENTS_CSV_COLUMNS,
    amendments.map((amendment) => row(cycle, amendment)),
  );
}
