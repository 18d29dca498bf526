/**
 * The phases of one round of the periodic review, in order. A cycle only moves forward, one
 * phase at a time; `closed` is final. Who may move it is the policy's (`review:move-phase` in
 * shared/roles.ts).
 */
export const REVIEW_PHASES = ['submission', 'comment', 'deliberation', 'decision', 'closed'] as const;
export type ReviewPhase = (typeof REVIEW_PHASES)[number];

export const REVIEW_PHASE_LABELS: Record<ReviewPhase, string> = {
  submission: 'Submission of amendments',
  comment: 'Comment period',
  deliberation: 'Deliberation',
  decision: 'Decisions',
  closed: 'Closed',
};

/** A move of the phase machine, or the reason it is not allowed. */
export type PhaseMove = { ok: true; to: ReviewPhase } | { ok: false; reason: string };

/** The phase after `phase`, or null for the last one. */
export function nextPhase(phase: ReviewPhase): ReviewPhase | null {
  return REVIEW_PHASES[REVIEW_PHASES.indexOf(phase) + 1] ?? null;
}

/** Whether a cycle may move from `from` to `to`: to the next phase only, never out of `closed`. */
export function movePhase(from: ReviewPhase, to: ReviewPhase): PhaseMove {
  if (from === 'closed') return { ok: false, reason: 'This review cycle is closed.' };
  if (to !== nextPhase(from)) {
    return {
      ok: false,
      reason: `From "${REVIEW_PHASE_LABELS[from]}" a review cycle can only move to "${REVIEW_PHASE_LABELS[nextPhase(from)!]}".`,
    };
  }
  return { ok: true, to };
}
