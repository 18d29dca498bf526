import { describe, expect, it } from 'vitest';
import { amendmentBadgeText, amendmentBadgeTitle, clauseAmendmentBadges } from './clauseAmendmentBadges';
import { testAmendment } from './testAmendment';

const norland = { id: 'af_nor', kind: 'delegation', name: 'Kingdom of Norland', code: 'XNO' } as const;
const rights = { id: 'af_drw', kind: 'organisation', name: 'Digital Rights Watch', code: null } as const;
const hrefFor = (clauseId: string) => `/drafts/dr_1/review/cy_1?clause=${clauseId}`;

describe('the amendment badges in the clause gutters', () => {
  it('spells out one or two labels and counts three or more', () => {
    expect(amendmentBadgeText(['A-1'])).toBe('A-1');
    expect(amendmentBadgeText(['A-1', 'A-3'])).toBe('A-1 A-3');
    expect(amendmentBadgeText(['A-1', 'A-3', 'A-4'])).toBe('3 amendments');
  });

  it('lists each amendment with its sponsors and status in the tooltip', () => {
    const a1 = testAmendment({
      coSponsors: [
        {
          affiliation: norland,
          status: 'accepted',
          requestedBy: { id: 'u_nor', name: 'Erik Holm' },
          requestedAt: '2027-01-11T00:00:00Z',
          acceptedAt: '2027-01-11T01:00:00Z',
        },
      ],
    });
    const a2 = testAmendment({
      id: 'am_2',
      number: 2,
      label: 'A-2',
      status: 'under-consideration',
      sponsor: norland,
      coSponsors: [
        {
          affiliation: rights,
          status: 'requested',
          requestedBy: { id: 'u_drw', name: 'Ada Obi' },
          requestedAt: '2027-01-11T00:00:00Z',
          acceptedAt: null,
        },
      ],
    });
    expect(amendmentBadgeTitle([a1, a2])).toBe(
      [
        'A-1 · Republic of Valdoria (XVA), Kingdom of Norland (XNO) · Submitted',
        'A-2 · Kingdom of Norland (XNO) · Under consideration',
      ].join('\n'),
    );
  });

  it('gives each clause with tabled amendments one badge, in number order, leaving drafts and withdrawn ones out', () => {
    const amendments = [
      testAmendment({ id: 'am_3', number: 3, label: 'A-3', status: 'adopted' }),
      testAmendment({ id: 'am_1', number: 1, label: 'A-1' }),
      testAmendment({
        id: 'am_2',
        number: 2,
        label: 'A-2',
        clauseId: 'c_op2',
        clauseNumber: 'OP2',
        status: 'withdrawn',
      }),
      testAmendment({
        id: 'am_d',
        number: null,
        label: 'Draft',
        clauseId: 'c_op3',
        clauseNumber: 'OP3',
        status: 'draft',
      }),
      testAmendment({
        id: 'am_4',
        number: 4,
        label: 'A-4',
        clauseId: 'c_pp1',
        clauseNumber: 'PP1',
        sponsor: norland,
        status: 'rejected',
      }),
    ];
    const badges = clauseAmendmentBadges(amendments, hrefFor);
    expect([...badges.keys()]).toEqual(['c_op1', 'c_pp1']);
    expect(badges.get('c_op1')).toEqual({
      labels: ['A-1', 'A-3'],
      text: 'A-1 A-3',
      title: 'A-1 · Republic of Valdoria (XVA) · Submitted\nA-3 · Republic of Valdoria (XVA) · Adopted',
      href: '/drafts/dr_1/review/cy_1?clause=c_op1',
    });
    expect(badges.get('c_pp1')?.text).toBe('A-4');
    expect(badges.get('c_pp1')?.title).toBe('A-4 · Kingdom of Norland (XNO) · Rejected');
  });

  it('gives no badge at all when nothing is tabled', () => {
    expect(
      clauseAmendmentBadges([testAmendment({ status: 'draft', number: null, label: 'Draft' })], hrefFor).size,
    ).toBe(0);
  });
});
