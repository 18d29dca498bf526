import { describe, expect, it } from 'vitest';
import type { OnAmendment, Role } from './roles';
import { ROLES, can, decide, roleMay, whoMay } from './roles';

const delegation = { id: 'af_valdoria', kind: 'delegation' } as const;
const organisation = { id: 'af_rights', kind: 'organisation' } as const;

function onAmendment(role: Role, changes: Partial<OnAmendment> = {}): OnAmendment {
  return {
    role,
    affiliation: delegation,
    phase: 'comment',
    amendment: { sponsorId: 'af_norland', status: 'submitted', label: 'A-3' },
    ...changes,
  };
}

describe('the policy', () => {
  it('keeps the text to its rules: the chair agrees, renames and edits agreed clauses; delegates type and tag', () => {
    const allowed = (action: Parameters<typeof can>[1]) => ROLES.filter((role) => can(role, action));
    expect(allowed('draft:edit-text')).toEqual(['chair', 'delegate']);
    expect(allowed('clause:tag')).toEqual(['chair', 'delegate']);
    expect(allowed('clause:set-status')).toEqual(['chair']);
    expect(allowed('clause:edit-agreed')).toEqual(['chair']);
    expect(allowed('draft:rename')).toEqual(['chair']);
    expect(allowed('draft:edit-formula')).toEqual(['chair']);
    expect(allowed('draft:edit-pillars')).toEqual(['chair']);
    expect(allowed('suggestion:take-stance')).toEqual(['delegate']);
    expect(can(undefined, 'draft:read')).toBe(false);
    // `can` answers only what the role alone decides; a rule that needs more asks for it.
    // @ts-expect-error amendment:edit depends on who sponsors the amendment
    can('delegate', 'amendment:edit');
  });

  it('explains a refusal of the role with the rule’s sentence, or a general one', () => {
    expect(roleMay('delegate', 'clause:set-status')).toMatchObject({
      ok: false,
      refusal: 'forbidden',
      reason: expect.stringContaining('Only the chair sets the status of a clause'),
    });
    expect(roleMay('observer', 'version:manage')).toMatchObject({
      ok: false,
      reason: 'As an observer of this draft you cannot do this.',
    });
  });

  it('answers who may, before anything the request names is known, with the role and the conditions about who alone', () => {
    // The secretariat chairs, but proposes nothing: it is no State's delegation.
    expect(whoMay('amendment:propose', { role: 'chair', affiliation: organisation })).toMatchObject({
      ok: false,
      refusal: 'forbidden',
      error: 'not_a_delegation',
    });
    expect(whoMay('amendment:propose', { role: 'observer', affiliation: organisation })).toMatchObject({
      error: 'forbidden',
    });
    expect(whoMay('amendment:propose', { role: 'delegate', affiliation: delegation })).toEqual({ ok: true });
    // Conditions about the amendment or the phase wait until those are read.
    expect(whoMay('amendment:edit', { role: 'delegate', affiliation: delegation })).toEqual({ ok: true });
    expect(whoMay('review:consolidate', { role: 'chair', affiliation: organisation })).toEqual({ ok: true });
    // Whatever whoMay refuses, decide refuses the same way once everything is known.
    for (const role of ROLES)
      for (const affiliation of [delegation, organisation]) {
        const early = whoMay('amendment:co-sponsor', { role, affiliation });
        if (!early.ok) expect(decide('amendment:co-sponsor', onAmendment(role, { affiliation }))).toEqual(early);
      }
  });

  it('asks the role first, then who the person speaks for, then when', () => {
    // An observer asking to rewrite a submitted amendment hears it is the sponsor's, not that it was submitted.
    expect(decide('amendment:edit', onAmendment('observer'))).toMatchObject({ refusal: 'forbidden' });
    expect(decide('amendment:edit', onAmendment('delegate', { phase: 'submission' }))).toMatchObject({
      refusal: 'forbidden',
      reason: 'Only the sponsoring delegation can change an amendment.',
    });
    const sponsor = onAmendment('delegate', { affiliation: { id: 'af_norland', kind: 'delegation' } });
    expect(decide('amendment:edit', sponsor)).toMatchObject({
      refusal: 'conflict',
      error: 'amendment_not_draft',
      reason: expect.stringMatching(/^A-3 has been submitted/),
    });
    expect(
      decide('amendment:edit', {
        ...sponsor,
        phase: 'submission',
        amendment: { ...sponsor.amendment, status: 'draft' },
      }),
    ).toEqual({ ok: true });
  });

  it('lets delegations of States, not organisations, propose, during submission only', () => {
    const asking = (affiliation: OnAmendment['affiliation'], phase: OnAmendment['phase']) =>
      decide('amendment:propose', { role: 'delegate', affiliation, phase });
    expect(asking(delegation, 'submission')).toEqual({ ok: true });
    expect(asking(organisation, 'submission')).toMatchObject({ refusal: 'forbidden', error: 'not_a_delegation' });
    expect(asking(delegation, 'comment')).toMatchObject({
      refusal: 'conflict',
      error: 'wrong_phase',
      reason: 'Amendments are proposed during "Submission of amendments"; this review cycle is in "Comment period".',
    });
  });

  it('opens co-sponsoring and statements to other delegations while the amendment is tabled and undecided', () => {
    expect(decide('amendment:co-sponsor', onAmendment('delegate'))).toEqual({ ok: true });
    expect(decide('amendment:state-position', onAmendment('delegate', { phase: 'decision' }))).toMatchObject({
      refusal: 'conflict',
      error: 'wrong_phase',
    });
    const adopted = onAmendment('delegate', {
      amendment: { sponsorId: 'af_norland', status: 'adopted', label: 'A-3' },
    });
    expect(decide('amendment:co-sponsor', adopted)).toMatchObject({
      error: 'amendment_not_open',
      reason: 'A-3 is adopted; only submitted amendments and those under consideration can be co-sponsored.',
    });
  });

  it('shows a draft amendment to its sponsor alone', () => {
    const draft = { sponsorId: 'af_norland', status: 'draft' } as const;
    expect(decide('amendment:read', { role: 'chair', affiliation: { id: 'af_sec' }, amendment: draft })).toMatchObject({
      refusal: 'hidden',
    });
    expect(decide('amendment:read', { role: 'delegate', affiliation: { id: 'af_norland' }, amendment: draft })).toEqual(
      { ok: true },
    );
  });

  it('lets observers comment on amendments in a comment period, everyone while the cycle is open', () => {
    const comment = (role: Role, phase: OnAmendment['phase'], commentPeriodOpen = false) =>
      decide('amendment:comment', { role, phase, commentPeriodOpen });
    expect(comment('observer', 'deliberation')).toMatchObject({ refusal: 'forbidden', error: 'no_comment_period' });
    expect(comment('observer', 'comment')).toEqual({ ok: true });
    expect(comment('observer', 'deliberation', true)).toEqual({ ok: true });
    expect(comment('delegate', 'deliberation')).toEqual({ ok: true });
    expect(comment('delegate', 'closed')).toMatchObject({ refusal: 'conflict', error: 'cycle_closed' });
  });
});
