import { changeAmendmentStatus, isFinalStatus, type AmendmentStatus } from '../../shared/review/amendmentStatus';
import {
  REVIEW_PHASES,
  REVIEW_PHASE_LABELS,
  movePhase,
  nextPhase,
  type ReviewPhase,
} from '../../shared/review/reviewPhases';
import type { Amendment, ReviewCycle } from '../../shared/review/types';
import type { AffiliationKind, Role } from '../../shared/roles';

/** Who is looking at the review: their role on the draft and the body they speak for. */
export interface ReviewViewer {
  role: Role | null;
  affiliation: { id: string; kind: AffiliationKind };
}

/** A control the page shows: enabled, or disabled with the sentence that says why (its tooltip). */
export interface OfferedAction<T> {
  value: T;
  label: string;
  enabled: boolean;
  /** Why it cannot be done now; null when it can. */
  reason: string | null;
}

/** Whether the viewer speaks for the amendment's sponsor delegation. */
export function isSponsorOf(amendment: Pick<Amendment, 'sponsor'>, viewer: ReviewViewer): boolean {
  return amendment.sponsor.id === viewer.affiliation.id;
}

/** Whether the viewer is a delegate (or chair) of a State's delegation: the ones who propose, co-sponsor and state positions. */
export function speaksForDelegation(viewer: ReviewViewer): boolean {
  return viewer.affiliation.kind === 'delegation' && (viewer.role === 'delegate' || viewer.role === 'chair');
}

/** The status changes the page offers, in the order it lists them, with what their buttons say. */
const STATUS_ACTIONS: readonly { to: AmendmentStatus; label: string }[] = [
  { to: 'submitted', label: 'Submit' },
  { to: 'under-consideration', label: 'Put under consideration' },
  { to: 'adopted', label: 'Adopt' },
  { to: 'adopted-as-revised', label: 'Adopt as orally revised' },
  { to: 'rejected', label: 'Reject' },
  { to: 'withdrawn', label: 'Withdraw' },
];

/**
 * The status changes the viewer may make to an amendment, as `changeAmendmentStatus` decides
 * them. A change the viewer could never make from this status (someone else's, or not a next
 * step) is left out; one they may make but not in this phase is offered disabled, with the
 * reason, so a chair sees that decisions wait for the decisions phase. A deletion is never
 * offered "adopt as orally revised": there is no wording to revise.
 */
export function statusActions(
  amendment: Pick<Amendment, 'status' | 'sponsor' | 'kind'>,
  phase: ReviewPhase,
  viewer: ReviewViewer,
): OfferedAction<AmendmentStatus>[] {
  if (viewer.role === null) return [];
  const actor = { role: viewer.role, isSponsor: isSponsorOf(amendment, viewer) };
  const offered: OfferedAction<AmendmentStatus>[] = [];
  for (const { to, label } of STATUS_ACTIONS) {
    // A deletion has no wording to revise orally: it is adopted or rejected as it stands.
    if (to === 'adopted-as-revised' && amendment.kind === 'delete') continue;
    const possibleSomeTime = REVIEW_PHASES.some(
      (candidate) => changeAmendmentStatus(actor, candidate, amendment.status, to).ok,
    );
    if (!possibleSomeTime) continue;
    const now = changeAmendmentStatus(actor, phase, amendment.status, to);
    offered.push({ value: to, label, enabled: now.ok, reason: now.ok ? null : now.reason });
  }
  return offered;
}

/** The chair's "move to the next phase" button, or null for anyone else and for a closed cycle. */
export function phaseAction(cycle: Pick<ReviewCycle, 'phase'>, role: Role | null): OfferedAction<ReviewPhase> | null {
  const next = nextPhase(cycle.phase);
  if (next === null || role === null) return null;
  const move = movePhase(role, cycle.phase, next);
  if (!move.ok) return null;
  return { value: next, label: `Move to ${REVIEW_PHASE_LABELS[next].toLowerCase()}`, enabled: true, reason: null };
}

/**
 * Whether the amendment is still open to co-sponsors and statements: tabled, not yet decided or
 * withdrawn, and the cycle not yet at its decisions.
 */
function isOpenForPositions(amendment: Pick<Amendment, 'status'>, phase: ReviewPhase): boolean {
  return amendment.status !== 'draft' && !isFinalStatus(amendment.status) && phase !== 'decision' && phase !== 'closed';
}

/** What the viewer's delegation may do about co-sponsoring an amendment. */
export type CoSponsorOption =
  | { kind: 'none' }
  | { kind: 'ask' }
  | { kind: 'requested' }
  | { kind: 'co-sponsor' }
  /** The sponsor answers requests. */
  | { kind: 'sponsor' };

/** Whether the viewer may ask to co-sponsor, has asked, co-sponsors, or answers as the sponsor. */
export function coSponsorOption(
  amendment: Pick<Amendment, 'status' | 'sponsor' | 'coSponsors'>,
  phase: ReviewPhase,
  viewer: ReviewViewer,
): CoSponsorOption {
  if (isSponsorOf(amendment, viewer)) return { kind: 'sponsor' };
  if (!speaksForDelegation(viewer)) return { kind: 'none' };
  const mine = amendment.coSponsors.find((co) => co.affiliation.id === viewer.affiliation.id);
  if (mine?.status === 'accepted') return { kind: 'co-sponsor' };
  if (mine?.status === 'requested') return { kind: 'requested' };
  return isOpenForPositions(amendment, phase) ? { kind: 'ask' } : { kind: 'none' };
}

/** Whether the viewer's delegation may state (or change, or retract) a position on the amendment. */
export function mayMakeStatement(
  amendment: Pick<Amendment, 'status' | 'sponsor'>,
  phase: ReviewPhase,
  viewer: ReviewViewer,
): boolean {
  return speaksForDelegation(viewer) && !isSponsorOf(amendment, viewer) && isOpenForPositions(amendment, phase);
}

/** Whether the viewer's delegation may propose an amendment in the cycle now, or why not. */
export function proposeAction(
  cycle: Pick<ReviewCycle, 'phase'>,
  viewer: ReviewViewer,
): OfferedAction<'propose'> | null {
  if (!speaksForDelegation(viewer)) return null;
  if (cycle.phase !== 'submission') {
    return {
      value: 'propose',
      label: 'Propose an amendment',
      enabled: false,
      reason: `Amendments are proposed during "${REVIEW_PHASE_LABELS.submission}"; the review is in "${REVIEW_PHASE_LABELS[cycle.phase]}".`,
    };
  }
  return { value: 'propose', label: 'Propose an amendment', enabled: true, reason: null };
}

/** Whether the viewer may still rewrite the amendment: its sponsor's delegation, while it is a draft. */
export function mayEditAmendment(amendment: Pick<Amendment, 'status' | 'sponsor'>, viewer: ReviewViewer): boolean {
  return (
    amendment.status === 'draft' && isSponsorOf(amendment, viewer) && viewer.role !== 'observer' && viewer.role !== null
  );
}

/** The decisions that need the chair's record of how they were taken (and, for one, the revised text). */
export function needsDecision(to: AmendmentStatus): boolean {
  return to === 'adopted' || to === 'adopted-as-revised' || to === 'rejected';
}
