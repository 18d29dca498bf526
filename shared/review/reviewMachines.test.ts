import { describe, expect, it } from 'vitest';
import type { Role } from '../roles';
import { ROLES } from '../roles';
import type { AmendmentStatus } from './amendmentStatus';
import { AMENDMENT_STATUSES, changeAmendmentStatus, isFinalStatus } from './amendmentStatus';
import type { ReviewPhase } from './reviewPhases';
import { REVIEW_PHASES, movePhase, nextPhase } from './reviewPhases';

describe('the review phase machine', () => {
  it('allows exactly: the chair, one phase forward, until closed', () => {
    const allowed: string[] = [];
    for (const role of [...ROLES, undefined]) {
      for (const from of REVIEW_PHASES) {
        for (const to of REVIEW_PHASES) {
          const move = movePhase(role, from, to);
          if (move.ok) allowed.push(`${role}:${from}->${to}`);
          else expect(move.reason.length).toBeGreaterThan(10);
        }
      }
    }
    expect(allowed).toEqual([
      'chair:submission->comment',
      'chair:comment->deliberation',
      'chair:deliberation->decision',
      'chair:decision->closed',
    ]);
    expect(nextPhase('closed')).toBeNull();
  });
});

type Actor = 'chair' | 'sponsor' | 'other-delegate' | 'observer';
const ACTORS: Record<Actor, { role: Role; isSponsor: boolean }> = {
  chair: { role: 'chair', isSponsor: false },
  sponsor: { role: 'delegate', isSponsor: true },
  'other-delegate': { role: 'delegate', isSponsor: false },
  observer: { role: 'observer', isSponsor: false },
};

describe('the amendment status machine', () => {
  it('allows exactly the listed transitions, per actor and phase, and refuses every other with a sentence', () => {
    const allowed: string[] = [];
    for (const [name, actor] of Object.entries(ACTORS)) {
      for (const phase of REVIEW_PHASES) {
        for (const from of AMENDMENT_STATUSES) {
          for (const to of AMENDMENT_STATUSES) {
            const change = changeAmendmentStatus(actor, phase, from, to);
            if (change.ok) allowed.push(`${name} ${phase}: ${from}->${to}`);
            else expect(change.reason).toMatch(/\.$/);
          }
        }
      }
    }
    const withdrawals = (phases: ReviewPhase[], from: AmendmentStatus[]) =>
      phases.flatMap((phase) => from.map((f) => `sponsor ${phase}: ${f}->withdrawn`));
    expect(allowed.sort()).toEqual(
      [
        'sponsor submission: draft->submitted',
        'chair comment: submitted->under-consideration',
        'chair deliberation: submitted->under-consideration',
        'chair decision: submitted->under-consideration',
        'chair decision: under-consideration->adopted',
        'chair decision: under-consideration->adopted-as-revised',
        'chair decision: under-consideration->rejected',
        ...withdrawals(
          ['submission', 'comment', 'deliberation', 'decision'],
          ['draft', 'submitted', 'under-consideration'],
        ),
      ].sort(),
    );
  });

  it('explains a refusal: wrong phase, wrong person, impossible move', () => {
    expect(changeAmendmentStatus(ACTORS.sponsor, 'comment', 'draft', 'submitted')).toEqual({
      ok: false,
      reason: expect.stringMatching(/Submission of amendments/),
    });
    expect(changeAmendmentStatus(ACTORS['other-delegate'], 'submission', 'draft', 'submitted')).toEqual({
      ok: false,
      reason: 'Only the sponsoring delegation can do this.',
    });
    expect(changeAmendmentStatus(ACTORS.sponsor, 'decision', 'under-consideration', 'adopted')).toEqual({
      ok: false,
      reason: 'Only the chair can do this.',
    });
    expect(changeAmendmentStatus(ACTORS.chair, 'decision', 'adopted', 'rejected')).toEqual({
      ok: false,
      reason: 'An amendment that is adopted cannot become rejected.',
    });
  });

  it('treats decisions and withdrawals as final', () => {
    expect(AMENDMENT_STATUSES.filter(isFinalStatus)).toEqual([
      'adopted',
      'adopted-as-revised',
      'rejected',
      'withdrawn',
    ]);
  });
});
