import { REVIEW_PHASES, REVIEW_PHASE_LABELS, type ReviewPhase } from '../../shared/review/reviewPhases';
import type { ReviewSchedule } from '../../shared/review/types';

/** The phases that have a planned end date (every one but `closed`), in order. */
export const SCHEDULED_PHASES = REVIEW_PHASES.filter(
  (phase): phase is Exclude<ReviewPhase, 'closed'> => phase !== 'closed',
);

/** How many weeks the form suggests for each phase. */
const WEEKS_PER_PHASE = 2;

/** `YYYY-MM-DD` of a date, in the reader's own calendar. */
function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A plan to start from: each phase two weeks after the previous, counted from `today`. */
export function defaultSchedule(today: Date): ReviewSchedule {
  const entries = SCHEDULED_PHASES.map((phase, index) => {
    const end = new Date(today.getFullYear(), today.getMonth(), today.getDate() + (index + 1) * WEEKS_PER_PHASE * 7);
    return [phase, isoDay(end)] as const;
  });
  return Object.fromEntries(entries) as ReviewSchedule;
}

/** What is wrong with a plan (a missing date, or a phase ending before the previous one), or null. */
export function scheduleProblem(schedule: ReviewSchedule): string | null {
  let previous: { phase: ReviewPhase; day: string } | null = null;
  for (const phase of SCHEDULED_PHASES) {
    const day = schedule[phase];
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return `Give the planned end of “${REVIEW_PHASE_LABELS[phase]}”.`;
    if (previous !== null && day < previous.day)
      return `“${REVIEW_PHASE_LABELS[phase]}” cannot end before “${REVIEW_PHASE_LABELS[previous.phase]}”.`;
    previous = { phase, day };
  }
  return null;
}

/** A planned date as people read it ("12 March 2027"). */
export function formatPlannedDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  if (!year || !month || !date) return day;
  return new Date(year, month - 1, date).toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
}
