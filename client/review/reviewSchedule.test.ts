import { describe, expect, it } from 'vitest';
import { defaultSchedule, scheduleProblem } from './reviewSchedule';

describe('review schedule', () => {
  it('suggests each phase two weeks after the previous one', () => {
    expect(defaultSchedule(new Date(2027, 0, 4))).toEqual({
      submission: '2027-01-18',
      comment: '2027-02-01',
      deliberation: '2027-02-15',
      decision: '2027-03-01',
    });
  });

  it('refuses a missing date and a phase that ends before the previous one', () => {
    const plan = defaultSchedule(new Date(2027, 0, 4));
    expect(scheduleProblem(plan)).toBeNull();
    expect(scheduleProblem({ ...plan, comment: '' })).toContain('Comment period');
    expect(scheduleProblem({ ...plan, deliberation: '2027-01-20' })).toBe(
      '“Deliberation” cannot end before “Comment period”.',
    );
  });
});
