import type { Decision, OnAmendment, PolicyAction } from '../roles';
import { decide } from '../roles';
import type { AmendmentStatus } from './amendmentStatus';
import { AMENDMENT_STATUS_LABELS } from './amendmentStatus';
import type { ReviewPhase } from './reviewPhases';
import { REVIEW_PHASE_LABELS } from './reviewPhases';

/** The policy rows that say who makes each kind of status change (see `POLICY` in shared/roles.ts). */
type StatusAction = Extract<
  PolicyAction,
  'amendment:submit' | 'amendment:consider' | 'amendment:decide' | 'amendment:withdraw'
>;

interface Transition {
  from: readonly AmendmentStatus[];
  to: AmendmentStatus;
  /** The action it is, whose rule in the policy says who may make it. */
  action: StatusAction;
  phases: readonly ReviewPhase[];
}

/** Every allowed transition; anything not listed is refused. All transitions to one status are one action. */
const TRANSITIONS: readonly Transition[] = [
  { from: ['draft'], to: 'submitted', action: 'amendment:submit', phases: ['submission'] },
  {
    from: ['submitted'],
    to: 'under-consideration',
    action: 'amendment:consider',
    phases: ['comment', 'deliberation', 'decision'],
  },
  { from: ['under-consideration'], to: 'adopted', action: 'amendment:decide', phases: ['decision'] },
  { from: ['under-consideration'], to: 'adopted-as-revised', action: 'amendment:decide', phases: ['decision'] },
  { from: ['under-consideration'], to: 'rejected', action: 'amendment:decide', phases: ['decision'] },
  // The chair reinstates an amendment that fell (the server alone marks one fallen, when another is adopted).
  { from: ['fallen'], to: 'under-consideration', action: 'amendment:consider', phases: ['decision'] },
  {
    from: ['draft', 'submitted', 'under-consideration'],
    to: 'withdrawn',
    action: 'amendment:withdraw',
    phases: ['submission', 'comment', 'deliberation', 'decision'],
  },
];

/** The policy rows of every status change: whoever may make none of them may change no status. */
export const STATUS_ACTIONS: readonly StatusAction[] = [...new Set(TRANSITIONS.map((t) => t.action))];

/** The policy row that says who may move an amendment to `to`; undefined when no transition leads there. */
export function statusAction(to: AmendmentStatus): StatusAction | undefined {
  return TRANSITIONS.find((t) => t.to === to)?.action;
}

/** The outcome of asking for a status change: allowed, or how (forbidden, conflict) and why not. */
export type StatusChange = Decision;

/**
 * Whether the person in `context` may move the amendment from its status to `to` in the cycle's
 * phase. Who may is the policy's, and is asked first: someone who may never make this kind of
 * change hears that (403), not that the amendment is in the wrong state. Then the transition
 * must exist from the current status, in the phase meant for it (409).
 */
export function changeAmendmentStatus(context: OnAmendment, to: AmendmentStatus): StatusChange {
  const { status: from } = context.amendment;
  const action = statusAction(to);
  if (action !== undefined) {
    const who = decide(action, context);
    if (!who.ok) return who;
  }
  const transition = TRANSITIONS.find((t) => t.to === to && t.from.includes(from));
  if (!transition) {
    return conflict(
      `An amendment that is ${AMENDMENT_STATUS_LABELS[from].toLowerCase()} ` +
        `cannot become ${AMENDMENT_STATUS_LABELS[to].toLowerCase()}.`,
    );
  }
  if (!transition.phases.includes(context.phase)) {
    const when = transition.phases.map((p) => `"${REVIEW_PHASE_LABELS[p]}"`).join(' or ');
    return conflict(`This can only be done during ${when}; the review is in "${REVIEW_PHASE_LABELS[context.phase]}".`);
  }
  return { ok: true };
}

function conflict(reason: string): StatusChange {
  return { ok: false, refusal: 'conflict', error: 'transition_not_allowed', reason };
}
