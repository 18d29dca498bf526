import { describe, expect, it } from 'vitest';
import type { AmendmentStatus } from '../shared/review/amendmentStatus';
import { REVIEW_PHASES } from '../shared/review/reviewPhases';
import type { LiveEvent } from './collab/peers';
import { shapeLiveEvent } from './liveEvents';
import { testAccess } from './testing/connectionAccess';
import type { AmendmentRecord, ReviewCycleRecord } from './storage/ReviewStorage';

const reader = (userId: string, affiliationId: string) => testAccess(userId, 'delegate', affiliationId);

const at = '2026-12-06T00:00:00.000Z';
const amendment = (id: string, sponsorId: string, status: AmendmentStatus): AmendmentRecord => ({
  id,
  cycleId: 'cycle',
  draftId: 'draft',
  number: null,
  kind: 'modify',
  clauseId: 'clause',
  proposed: null,
  justification: '',
  pillars: [],
  sponsorId,
  createdBy: sponsorId,
  createdAt: at,
  submittedAt: null,
  updatedAt: at,
  status,
  revised: null,
  transitions: [],
});

const cycle: ReviewCycleRecord = {
  id: 'cycle',
  draftId: 'draft',
  name: 'First review',
  baseVersionId: 'v1',
  phase: 'submission',
  schedule: Object.fromEntries(
    REVIEW_PHASES.filter((phase) => phase !== 'closed').map((phase) => [phase, at]),
  ) as ReviewCycleRecord['schedule'],
  openedBy: 'chair',
  createdAt: at,
  phaseChangedAt: at,
  consolidatedVersionId: null,
  consolidatedBy: null,
  consolidatedAt: null,
};

describe('shapeLiveEvent', () => {
  it('counts a review cycle for each delegation once: readers of one delegation get the same event, others their own', () => {
    const live: LiveEvent = {
      kind: 'review-cycle',
      record: cycle,
      refs: { baseVersion: { id: 'v1', label: 'v1' }, openedBy: { id: 'chair', name: 'Chair' }, consolidated: null },
      amendments: [amendment('a1', 'valdoria', 'draft'), amendment('a2', 'norland', 'submitted')],
    };
    const first = shapeLiveEvent(live, reader('v1', 'valdoria'));
    const second = shapeLiveEvent(live, reader('v2', 'valdoria'));
    const norland = shapeLiveEvent(live, reader('n1', 'norland'));
    expect(second).toBe(first);
    expect(first).toMatchObject({ type: 'review-cycle', cycle: { counts: { draft: 1, submitted: 1 } } });
    expect(norland).toMatchObject({ type: 'review-cycle', cycle: { counts: { submitted: 1 } } });
    expect(norland).not.toHaveProperty('cycle.counts.draft');
    // Another event of the same cycle (its amendments changed) is counted afresh.
    const later: LiveEvent = { ...live, amendments: [amendment('a1', 'valdoria', 'submitted')] };
    expect(shapeLiveEvent(later, reader('v1', 'valdoria'))).toMatchObject({ cycle: { counts: { submitted: 1 } } });
  });
});
