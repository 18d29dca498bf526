import type { Role } from '../roles';
import type { ReviewPhase } from './reviewPhases';
import { REVIEW_PHASE_LABELS } from './reviewPhases';

/** Where a formal amendment stands. The last four are decisions, or its withdrawal, and are final. */
export const AMENDMENT_STATUSES = [
  'draft',
  'submitted',
  'under-consideration',
  'adopted',
  'adopted-as-revised',
  'rejected',
  'withdrawn',
] as const;
export type AmendmentStatus = (typeof AMENDMENT_STATUSES)[number];

export const AMENDMENT_STATUS_LABELS: Record<AmendmentStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  'under-consideration': 'Under consideration',
  adopted: 'Adopted',
  'adopted-as-revised': 'Adopted as orally revised',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
};

/** Who is asking, relative to the amendment: its sponsor delegation's delegates may do more. */
export type AmendmentActor = { role: Role; isSponsor: boolean };

interface Transition {
  from: readonly AmendmentStatus[];
  to: AmendmentStatus;
  /** Who may make it. */
  who: 'sponsor' | 'chair';
  phases: readonly ReviewPhase[];
}

/** Every allowed transition; anything not listed is refused. */
const TRANSITIONS: readonly Transition[] = [
  { from: ['draft'], to: 'submitted', who: 'sponsor', phases: ['submission'] },
  { from: ['submitted'], to: 'under-consideration', who: 'chair', phases: ['comment', 'deliberation', 'decision'] },
  { from: ['under-consideration'], to: 'adopted', who: 'chair', phases: ['decision'] },
  { from: ['under-consideration'], to: 'adopted-as-revised', who: 'chair', phases: ['decision'] },
  { from: ['under-consideration'], to: 'rejected', who: 'chair', phases: ['decision'] },
  {
    from: ['draft', 'submitted', 'under-consideration'],
    to: 'withdrawn',
    who: 'sponsor',
    phases: ['submission', 'comment', 'deliberation', 'decision'],
  },
];

/** The outcome of asking for a status change: allowed, or a sentence saying why not. */
export type StatusChange = { ok: true } | { ok: false; reason: string };

/**
 * Whether `actor` may move an amendment from `from` to `to` in `phase`. The sponsor's delegates
 * submit and withdraw; the chair puts amendments under consideration and records decisions, in
 * the phase meant for it.
 */
export function changeAmendmentStatus(
  actor: AmendmentActor,
  phase: ReviewPhase,
  from: AmendmentStatus,
  to: AmendmentStatus,
): StatusChange {
  const transition = TRANSITIONS.find((t) => t.to === to && t.from.includes(from));
  if (!transition) {
    return {
      ok: false,
      reason: `An amendment that is ${AMENDMENT_STATUS_LABELS[from].toLowerCase()} cannot become ${AMENDMENT_STATUS_LABELS[to].toLowerCase()}.`,
    };
  }
  const allowed = transition.who === 'chair' ? actor.role === 'chair' : actor.isSponsor && actor.role !== 'observer';
  if (!allowed) {
    return {
      ok: false,
      reason:
        transition.who === 'chair' ? 'Only the chair can do this.' : 'Only the sponsoring delegation can do this.',
    };
  }
  if (!transition.phases.includes(phase)) {
    const when = transition.phases.map((p) => `"${REVIEW_PHASE_LABELS[p]}"`).join(' or ');
    return {
      ok: false,
      reason: `This can only be done during ${when}; the review is in "${REVIEW_PHASE_LABELS[phase]}".`,
    };
  }
  return { ok: true };
}

/** Whether a status is final (a decision or a withdrawal). */
export function isFinalStatus(status: AmendmentStatus): boolean {
  return status === 'adopted' || status === 'adopted-as-revised' || status === 'rejected' || status === 'withdrawn';
}
