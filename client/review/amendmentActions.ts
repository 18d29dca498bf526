import type { AmendmentStatus } from '../../shared/review/amendmentStatus';
import { changeAmendmentStatus } from '../../shared/review/amendmentTransitions';
import {
  REVIEW_PHASES,
  REVIEW_PHASE_LABELS,
  movePhase,
  nextPhase,
  type ReviewPhase,
} from '../../shared/review/reviewPhases';
import type { Amendment, ReviewCycle } from '../../shared/review/types';
import type { AffiliationKind, Decision, InCycle, OnAmendment, Role } from '../../shared/roles';
import { decide, roleMay } from '../../shared/roles';

/**
 * What the review page offers each reader, read from the policy (shared/roles.ts) and the status
 * and phase machines, the same the server enforces: no rule is decided here. A control refused
 * for who the reader is (forbidden) is left out; one refused for now (a conflict: the phase, the
 * amendment's status) is shown disabled with the policy's sentence.
 */

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

/** The policy's view of the viewer acting in a cycle in `phase`. */
function inCycle(phase: ReviewPhase, viewer: ReviewViewer): InCycle {
  return { role: viewer.role ?? undefined, affiliation: viewer.affiliation, phase };
}

/** The policy's view of the viewer acting on `amendment`. */
function onAmendment(
  amendment: Pick<Amendment, 'status' | 'sponsor' | 'label'>,
  phase: ReviewPhase,
  viewer: ReviewViewer,
): OnAmendment {
  return {
    ...inCycle(phase, viewer),
    amendment: { sponsorId: amendment.sponsor.id, status: amendment.status, label: amendment.label },
  };
}

/** Whether the viewer speaks for the amendment's sponsor delegation. */
export function isSponsorOf(amendment: Pick<Amendment, 'sponsor'>, viewer: ReviewViewer): boolean {
  return amendment.sponsor.id === viewer.affiliation.id;
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
  amendment: Pick<Amendment, 'status' | 'sponsor' | 'kind' | 'label'>,
  phase: ReviewPhase,
  viewer: ReviewViewer,
  /** Why submissions are closed (the deadline is over, `submissionClosed`), or null while open. */
  submissionsClosed: string | null = null,
): OfferedAction<AmendmentStatus>[] {
  if (viewer.role === null) return [];
  const offered: OfferedAction<AmendmentStatus>[] = [];
  for (const { to, label } of STATUS_ACTIONS) {
    // A deletion has no wording to revise orally: it is adopted or rejected as it stands.
    if (to === 'adopted-as-revised' && amendment.kind === 'delete') continue;
    const possibleSomeTime = REVIEW_PHASES.some(
      (candidate) => changeAmendmentStatus(onAmendment(amendment, candidate, viewer), to).ok,
    );
    if (!possibleSomeTime) continue;
    const allowed = changeAmendmentStatus(onAmendment(amendment, phase, viewer), to);
    const closed = to === 'submitted' && allowed.ok && submissionsClosed !== null;
    // Putting a fallen amendment under consideration again reinstates it.
    const named = amendment.status === 'fallen' && to === 'under-consideration' ? 'Reinstate' : label;
    offered.push(
      closed ? { value: to, label: named, enabled: false, reason: submissionsClosed } : offer(to, named, allowed),
    );
  }
  return offered;
}

/** The chair's "move to the next phase" button, or null for anyone else and for a closed cycle. */
export function phaseAction(cycle: Pick<ReviewCycle, 'phase'>, role: Role | null): OfferedAction<ReviewPhase> | null {
  const next = nextPhase(cycle.phase);
  if (next === null || !roleMay(role ?? undefined, 'review:move-phase').ok) return null;
  if (!movePhase(cycle.phase, next).ok) return null;
  return { value: next, label: `Move to ${REVIEW_PHASE_LABELS[next].toLowerCase()}`, enabled: true, reason: null };
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
  amendment: Pick<Amendment, 'status' | 'sponsor' | 'coSponsors' | 'label'>,
  phase: ReviewPhase,
  viewer: ReviewViewer,
): CoSponsorOption {
  if (isSponsorOf(amendment, viewer)) return { kind: 'sponsor' };
  const ask = decide('amendment:co-sponsor', onAmendment(amendment, phase, viewer));
  if (!ask.ok && ask.refusal !== 'conflict') return { kind: 'none' };
  const mine = amendment.coSponsors.find((co) => co.affiliation.id === viewer.affiliation.id);
  if (mine?.status === 'accepted') return { kind: 'co-sponsor' };
  if (mine?.status === 'requested') return { kind: 'requested' };
  return ask.ok ? { kind: 'ask' } : { kind: 'none' };
}

/** Whether the viewer's delegation, as the sponsor, may accept or decline requests to co-sponsor now. */
export function mayAnswerCoSponsors(
  amendment: Pick<Amendment, 'status' | 'sponsor' | 'label'>,
  phase: ReviewPhase,
  viewer: ReviewViewer,
): boolean {
  return decide('amendment:answer-co-sponsor', onAmendment(amendment, phase, viewer)).ok;
}

/** Whether the viewer's delegation may state (or change, or retract) a position on the amendment. */
export function mayMakeStatement(
  amendment: Pick<Amendment, 'status' | 'sponsor' | 'label'>,
  phase: ReviewPhase,
  viewer: ReviewViewer,
): boolean {
  return decide('amendment:state-position', onAmendment(amendment, phase, viewer)).ok;
}

/** Whether the viewer's delegation may propose an amendment in the cycle now, or why not; null once the cycle is closed. */
export function proposeAction(
  cycle: Pick<ReviewCycle, 'phase'>,
  viewer: ReviewViewer,
): OfferedAction<'propose'> | null {
  const decision = decide('amendment:propose', inCycle(cycle.phase, viewer));
  if (!decision.ok && decision.refusal !== 'conflict') return null;
  // A closed cycle is over: nothing is offered, not even a disabled reminder that it once took proposals.
  if (cycle.phase === 'closed') return null;
  return offer('propose', 'Propose an amendment', decision);
}

/** Whether the viewer may still rewrite the amendment: its sponsor's delegation, while it is a draft, during submission. */
export function mayEditAmendment(
  amendment: Pick<Amendment, 'status' | 'sponsor' | 'label'>,
  phase: ReviewPhase,
  viewer: ReviewViewer,
): boolean {
  return decide('amendment:edit', onAmendment(amendment, phase, viewer)).ok;
}

/** The decisions that need the chair's record of how they were taken (and, for one, the revised text). */
export function needsDecision(to: AmendmentStatus): boolean {
  return to === 'adopted' || to === 'adopted-as-revised' || to === 'rejected';
}

function offer<T>(value: T, label: string, decision: Decision): OfferedAction<T> {
  return { value, label, enabled: decision.ok, reason: decision.ok ? null : decision.reason };
}
