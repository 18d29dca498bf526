import type { ReviewSchedule } from '../../shared/review/types';

/**
 * A review cycle's plan whose deadlines are all well ahead of today (two years on), so tests that
 * submit amendments never meet a closed submission phase, whatever day they run.
 */
export function futureSchedule(): ReviewSchedule {
  const year = new Date().getUTCFullYear() + 2;
  return {
    submission: `${year}-03-01`,
    comment: `${year}-04-01`,
    deliberation: `${year}-05-01`,
    decision: `${year}-06-01`,
  };
}
