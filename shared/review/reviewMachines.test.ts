import { describe, expect, it } from 'vitest';
import type { OnAmendment } from '../roles';
import { ROLES, roleMay } from '../roles';
import type { AmendmentStatus } from './amendmentStatus';
import { AMENDMENT_STATUSES, isFinalStatus } from './amendmentStatus';
import { changeAmendmentStatus } from './amendmentTransitions';
import type { ReviewPhase } from './reviewPhases';
import { REVIEW_PHASES, movePhase, nextPhase } from './reviewPhases';

describe('the review phase machine', () => {
  it('allows exactly: the chair, one phase forward, until closed', () => {
    const allowed: string[] = [];
    for (const role of [...ROLES, undefined]) {
      for (const from of REVIEW_PHASES) {
        for (const to of REVIEW_PHASES) {
          const who = roleMay(role, 'review:move-phase');
          const move = movePhase(from, to);
          if (who.ok && move.ok) allowed.push(`${role}:${from}->${to}`);
          if (!who.ok) expect(who.reason).toBe('Only the chair moves a review cycle from one phase to the next.');
          if (!move.ok) expect(move.reason.length).toBeGreaterThan(10);
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
const ACTORS: Record<Actor, Omit<OnAmendment, 'phase' | 'amendment'>> = {
  chair: { role: 'chair', affiliation: { id: 'af_secretariat', kind: 'organisation' } },
  sponsor: { role: 'delegate', affiliation: { id: 'af_valdoria', kind: 'delegation' } },
  'other-delegate': { role: 'delegate', affiliation: { id: 'af_norland', kind: 'delegation' } },
  observer: { role: 'observer', affiliation: { id: 'af_rights', kind: 'organisation' } },
};

function change(actor: Actor, phase: ReviewPhase, from: AmendmentStatus, to: AmendmentStatus) {
  return changeAmendmentStatus(
    { ...ACTORS[actor], phase, amendment: { sponsorId: 'af_valdoria', status: from, label: 'A-1' } },
    to,
  );
}

describe('the amendment status machine', () => {
  it('allows exactly the listed transitions, per actor and phase, and refuses every other with a sentence', () => {
    const allowed: string[] = [];
    for (const name of Object.keys(ACTORS) as Actor[]) {
      for (const phase of REVIEW_PHASES) {
        for (const from of AMENDMENT_STATUSES) {
          for (const to of AMENDMENT_STATUSES) {
            const answer = change(name, phase, from, to);
            if (answer.ok) allowed.push(`${name} ${phase}: ${from}->${to}`);
            else expect(answer.reason).toMatch(/\.$/);
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
        'chair decision: fallen->under-consideration',
        ...withdrawals(
          ['submission', 'comment', 'deliberation', 'decision'],
          ['draft', 'submitted', 'under-consideration'],
        ),
      ].sort(),
    );
  });

  it('explains a refusal: wrong phase, wrong person, impossible move', () => {
    expect(change('sponsor', 'comment', 'draft', 'submitted')).toMatchObject({
      ok: false,
      refusal: 'conflict',
      reason: expect.stringMatching(/Submission of amendments/),
    });
    expect(change('other-delegate', 'submission', 'draft', 'submitted')).toEqual({
      ok: false,
      refusal: 'forbidden',
      error: 'forbidden',
      reason: 'Only the sponsoring delegation submits an amendment.',
    });
    expect(change('sponsor', 'decision', 'under-consideration', 'adopted')).toMatchObject({
      ok: false,
      refusal: 'forbidden',
      reason: 'Only the chair records a decision on an amendment.',
    });
    expect(change('chair', 'decision', 'adopted', 'rejected')).toEqual({
      ok: false,
      refusal: 'conflict',
      error: 'transition_not_allowed',
      reason: 'An amendment that is adopted cannot become rejected.',
    });
  });

  it('asks who before whether the move exists: anyone but the chair asking for a decision is refused as forbidden', () => {
    for (const actor of ['sponsor', 'other-delegate', 'observer'] as const) {
      for (const from of AMENDMENT_STATUSES) {
        for (const to of ['under-consideration', 'adopted', 'adopted-as-revised', 'rejected'] as const) {
          for (const phase of REVIEW_PHASES) {
            expect(change(actor, phase, from, to)).toMatchObject({ ok: false, refusal: 'forbidden' });
          }
        }
      }
    }
  });

  it('treats decisions, falls and withdrawals as final, and nobody asks for a fall', () => {
    expect(AMENDMENT_STATUSES.filter(isFinalStatus)).toEqual([
      'adopted',
      'adopted-as-revised',
      'rejected',
      'fallen',
      'withdrawn',
    ]);
    for (const phase of REVIEW_PHASES) expect(change('chair', phase, 'under-consideration', 'fallen').ok).toBe(false);
  });
});
