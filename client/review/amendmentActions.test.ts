import { describe, expect, it } from 'vitest';
import {
  coSponsorOption,
  mayAnswerCoSponsors,
  mayEditAmendment,
  mayMakeStatement,
  phaseAction,
  proposeAction,
  statusActions,
  type ReviewViewer,
} from './amendmentActions';
import { submissionClosed } from '../../shared/review/reviewPhases';
import { testAmendment } from './testAmendment';

const valdoria: ReviewViewer = { role: 'delegate', affiliation: { id: 'af_val', kind: 'delegation' } };
const norland: ReviewViewer = { role: 'delegate', affiliation: { id: 'af_nor', kind: 'delegation' } };
const chair: ReviewViewer = { role: 'chair', affiliation: { id: 'af_sec', kind: 'organisation' } };
const observer: ReviewViewer = { role: 'observer', affiliation: { id: 'af_rights', kind: 'organisation' } };

function offered(actions: ReturnType<typeof statusActions>) {
  return actions.map((action) => ({ to: action.value, enabled: action.enabled }));
}

describe('what the reader may do to an amendment', () => {
  it('offers the sponsor Submit and Withdraw on a draft during submission, and nothing to others', () => {
    const draft = testAmendment({ status: 'draft', number: null });
    expect(offered(statusActions(draft, 'submission', valdoria))).toEqual([
      { to: 'submitted', enabled: true },
      { to: 'withdrawn', enabled: true },
    ]);
    expect(statusActions(draft, 'submission', norland)).toEqual([]);
    expect(statusActions(draft, 'submission', observer)).toEqual([]);
  });

  it('offers Submit disabled, with the reason, once the submission deadline is over', () => {
    const draft = testAmendment({ status: 'draft', number: null });
    const closed = submissionClosed({ submission: '2026-03-01' }, new Date('2026-03-02T00:00:00Z'));
    expect(closed).toBe('Submissions closed at the end of 1 March 2026 (UTC), the deadline set for this review.');
    expect(submissionClosed({ submission: '2026-03-01' }, new Date('2026-03-01T23:59:59Z'))).toBeNull();
    const submit = statusActions(draft, 'submission', valdoria, closed).find((a) => a.value === 'submitted');
    expect(submit).toMatchObject({ enabled: false, reason: closed });
    expect(statusActions(draft, 'submission', valdoria, closed).find((a) => a.value === 'withdrawn')?.enabled).toBe(
      true,
    );
  });

  it('shows the chair decisions in deliberation as disabled, with the reason, and enabled in the decisions phase', () => {
    const considered = testAmendment({ status: 'under-consideration' });
    const early = statusActions(considered, 'deliberation', chair);
    expect(early.map((action) => action.value)).toEqual(['adopted', 'adopted-as-revised', 'rejected']);
    expect(early.every((action) => !action.enabled && action.reason?.includes('Decisions'))).toBe(true);
    expect(
      statusActions(considered, 'decision', chair).every((action) => action.enabled && action.reason === null),
    ).toBe(true);
  });

  it('offers the chair "under consideration" for a submitted amendment, disabled during submission', () => {
    const [action] = statusActions(testAmendment(), 'submission', chair);
    expect(action).toMatchObject({ value: 'under-consideration', enabled: false });
    expect(statusActions(testAmendment(), 'comment', chair)[0]).toMatchObject({
      value: 'under-consideration',
      enabled: true,
    });
  });

  it('never offers an oral revision of a deletion', () => {
    const deletion = testAmendment({ status: 'under-consideration', kind: 'delete' });
    expect(statusActions(deletion, 'decision', chair).map((action) => action.value)).toEqual(['adopted', 'rejected']);
  });

  it('offers nothing on a final status', () => {
    expect(statusActions(testAmendment({ status: 'adopted' }), 'decision', chair)).toEqual([]);
    expect(statusActions(testAmendment({ status: 'withdrawn' }), 'decision', valdoria)).toEqual([]);
  });

  it('lets another delegation ask to co-sponsor a tabled amendment, shows its pending request, and lets the sponsor answer', () => {
    const amendment = testAmendment();
    expect(coSponsorOption(amendment, 'comment', norland)).toEqual({ kind: 'ask' });
    expect(coSponsorOption(amendment, 'comment', valdoria)).toEqual({ kind: 'sponsor' });
    expect(coSponsorOption(amendment, 'comment', observer)).toEqual({ kind: 'none' });
    expect(coSponsorOption(amendment, 'comment', chair)).toEqual({ kind: 'none' });
    const requested = testAmendment({
      coSponsors: [
        {
          affiliation: { id: 'af_nor', kind: 'delegation', name: 'Norland', code: 'XNO' },
          status: 'requested',
          requestedBy: { id: 'u', name: 'E' },
          requestedAt: '',
          acceptedAt: null,
        },
      ],
    });
    expect(coSponsorOption(requested, 'comment', norland)).toEqual({ kind: 'requested' });
    expect(
      coSponsorOption(
        { ...requested, coSponsors: [{ ...requested.coSponsors[0]!, status: 'accepted' }] },
        'comment',
        norland,
      ),
    ).toEqual({ kind: 'co-sponsor' });
    expect(coSponsorOption(testAmendment({ status: 'rejected' }), 'comment', norland)).toEqual({ kind: 'none' });
    expect(coSponsorOption(amendment, 'decision', norland)).toEqual({ kind: 'none' });
  });

  it('lets delegations other than the sponsor state a position while the amendment is open', () => {
    expect(mayMakeStatement(testAmendment(), 'comment', norland)).toBe(true);
    expect(mayMakeStatement(testAmendment(), 'comment', valdoria)).toBe(false);
    expect(mayMakeStatement(testAmendment(), 'comment', observer)).toBe(false);
    expect(mayMakeStatement(testAmendment({ status: 'adopted' }), 'comment', norland)).toBe(false);
    expect(mayMakeStatement(testAmendment({ status: 'under-consideration' }), 'decision', norland)).toBe(false);
  });

  it('lets only the sponsor rewrite, and only a draft during submission', () => {
    expect(mayEditAmendment(testAmendment({ status: 'draft' }), 'submission', valdoria)).toBe(true);
    expect(mayEditAmendment(testAmendment({ status: 'submitted' }), 'submission', valdoria)).toBe(false);
    expect(mayEditAmendment(testAmendment({ status: 'draft' }), 'submission', norland)).toBe(false);
    expect(mayEditAmendment(testAmendment({ status: 'draft' }), 'comment', valdoria)).toBe(false);
  });

  it('lets the sponsor answer co-sponsorship requests while the amendment is open, and nobody else', () => {
    expect(mayAnswerCoSponsors(testAmendment(), 'comment', valdoria)).toBe(true);
    expect(mayAnswerCoSponsors(testAmendment(), 'comment', norland)).toBe(false);
    expect(mayAnswerCoSponsors(testAmendment(), 'comment', chair)).toBe(false);
    expect(mayAnswerCoSponsors(testAmendment({ status: 'rejected' }), 'comment', valdoria)).toBe(false);
    expect(mayAnswerCoSponsors(testAmendment(), 'decision', valdoria)).toBe(false);
  });

  it('offers proposing to delegations, disabled outside submission, never to observers nor once closed', () => {
    expect(proposeAction({ phase: 'submission' }, valdoria)).toMatchObject({ enabled: true });
    expect(proposeAction({ phase: 'comment' }, valdoria)).toMatchObject({
      enabled: false,
      reason: expect.stringContaining('Submission of amendments'),
    });
    expect(proposeAction({ phase: 'submission' }, observer)).toBeNull();
    expect(proposeAction({ phase: 'closed' }, valdoria)).toBeNull();
  });

  it('gives the chair the next phase, and nobody anything once closed', () => {
    expect(phaseAction({ phase: 'submission' }, 'chair')).toMatchObject({ value: 'comment', enabled: true });
    expect(phaseAction({ phase: 'decision' }, 'chair')).toMatchObject({ value: 'closed' });
    expect(phaseAction({ phase: 'submission' }, 'delegate')).toBeNull();
    expect(phaseAction({ phase: 'closed' }, 'chair')).toBeNull();
  });
});
