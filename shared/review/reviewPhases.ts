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

/** The moment a phase's planned end day (`YYYY-MM-DD`) is over: the end of that day, UTC. */
export function phaseDeadline(day: string): Date {
  return new Date(`${day}T23:59:59.999Z`);
}

/** "1 March 2027": a planned day as the server's sentences write it (UTC, English). */
export function plannedDayInWords(day: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/**
 * Why amendments can no longer be submitted, once the submission deadline the chair set is over
 * (the end of that day, UTC), or null while it is open. The server refuses by it and the page says it.
 */
export function submissionClosed(schedule: { submission: string }, now: Date): string | null {
  if (now.getTime() <= phaseDeadline(schedule.submission).getTime()) return null;
  return `Submissions closed at the end of ${plannedDayInWords(schedule.submission)} (UTC), the deadline set for this review.`;
}

/** Whether the current phase's planned end is over (the chair is told to move the review on); never for `closed`. */
export function phaseIsDue(
  phase: ReviewPhase,
  schedule: Record<Exclude<ReviewPhase, 'closed'>, string>,
  now: Date,
): boolean {
  return phase !== 'closed' && now.getTime() > phaseDeadline(schedule[phase]).getTime();
}
