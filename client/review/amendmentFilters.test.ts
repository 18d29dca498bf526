import { CYBER_TAXONOMY } from '../../shared/pillars';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_AMENDMENT_FILTER,
  filterFromSearch,
  filterToSearch,
  matchesFilter,
  sortAmendments,
  sponsorsOf,
  statusCounts,
  tabledCountsByClause,
} from './amendmentFilters';
import { testAmendment } from './testAmendment';

const norland = { id: 'af_nor', kind: 'delegation', name: 'Kingdom of Norland', code: 'XNO' } as const;
const meridia = { id: 'af_mer', kind: 'delegation', name: 'Federated States of Meridia', code: 'XME' } as const;

const a1 = testAmendment();
const a2 = testAmendment({
  id: 'am_2',
  number: 2,
  label: 'A-2',
  clauseId: 'c_op2',
  clauseNumber: 'OP2',
  status: 'adopted',
  pillars: ['attribution'],
  sponsor: norland,
  coSponsors: [
    {
      affiliation: meridia,
      status: 'accepted',
      requestedBy: { id: 'u_mer', name: 'Rafael Costa' },
      requestedAt: '2027-01-11T00:00:00Z',
      acceptedAt: '2027-01-11T01:00:00Z',
    },
  ],
});
const a3 = testAmendment({
  id: 'am_3',
  number: 3,
  label: 'A-3',
  status: 'withdrawn',
  coSponsors: [
    {
      affiliation: norland,
      status: 'requested',
      requestedBy: { id: 'u_nor', name: 'Erik Holm' },
      requestedAt: '2027-01-11T00:00:00Z',
      acceptedAt: null,
    },
  ],
});
const draft = testAmendment({
  id: 'am_d',
  number: null,
  label: 'Draft',
  status: 'draft',
  clauseId: 'c_op2',
  createdAt: '2027-01-12T00:00:00Z',
});
const all = [a3, draft, a2, a1];

describe('amendment filters', () => {
  it('narrows by status, pillar, clause and sponsor, where a sponsor includes accepted co-sponsors only', () => {
    expect(all.filter((a) => matchesFilter(a, DEFAULT_AMENDMENT_FILTER))).toHaveLength(4);
    expect(
      all.filter((a) => matchesFilter(a, { ...DEFAULT_AMENDMENT_FILTER, status: 'adopted' })).map((a) => a.id),
    ).toEqual(['am_2']);
    expect(
      all.filter((a) => matchesFilter(a, { ...DEFAULT_AMENDMENT_FILTER, pillar: 'attribution' })).map((a) => a.id),
    ).toEqual(['am_2']);
    expect(
      all.filter((a) => matchesFilter(a, { ...DEFAULT_AMENDMENT_FILTER, clauseId: 'c_op2' })).map((a) => a.id),
    ).toEqual(['am_d', 'am_2']);
    expect(
      all.filter((a) => matchesFilter(a, { ...DEFAULT_AMENDMENT_FILTER, sponsor: 'af_mer' })).map((a) => a.id),
    ).toEqual(['am_2']);
    // Norland only asked to co-sponsor A-3: that is not sponsoring it.
    expect(
      all.filter((a) => matchesFilter(a, { ...DEFAULT_AMENDMENT_FILTER, sponsor: 'af_nor' })).map((a) => a.id),
    ).toEqual(['am_2']);
  });

  it('counts each status among the amendments the other filters let through', () => {
    const counts = statusCounts(all, { ...DEFAULT_AMENDMENT_FILTER, status: 'adopted', clauseId: 'c_op1' });
    expect(counts).toMatchObject({ all: 2, submitted: 1, withdrawn: 1, adopted: 0, draft: 0 });
    expect(statusCounts(all, DEFAULT_AMENDMENT_FILTER)).toMatchObject({
      all: 4,
      submitted: 1,
      adopted: 1,
      withdrawn: 1,
      draft: 1,
    });
  });

  it('lists drafts first, then tabled amendments by number', () => {
    expect(sortAmendments(all).map((a) => a.label)).toEqual(['Draft', 'A-1', 'A-2', 'A-3']);
  });

  it('offers the sponsoring and co-sponsoring delegations by name, each once', () => {
    expect(sponsorsOf(all).map((a) => a.code)).toEqual(['XME', 'XNO', 'XVA']);
  });

  it('reads a filter from the address and writes it back without touching other parameters', () => {
    const search = new URLSearchParams('tab=compilation&status=adopted&pillar=attribution&clause=c_op2&amendment=am_2');
    const filter = filterFromSearch(search, CYBER_TAXONOMY);
    expect(filter).toEqual({ status: 'adopted', pillar: 'attribution', sponsor: null, clauseId: 'c_op2' });
    expect(filterFromSearch(new URLSearchParams('status=nonsense&pillar=nope'), CYBER_TAXONOMY)).toEqual(
      DEFAULT_AMENDMENT_FILTER,
    );
    const written = filterToSearch({ ...filter, status: 'all', sponsor: 'af_nor' }, search);
    expect(written.get('status')).toBeNull();
    expect(written.get('sponsor')).toBe('af_nor');
    expect(written.get('tab')).toBe('compilation');
    expect(written.get('amendment')).toBe('am_2');
  });

  it('counts the amendments tabled against each clause, leaving drafts and withdrawn ones out', () => {
    expect([...tabledCountsByClause(all)]).toEqual([
      ['c_op2', 1],
      ['c_op1', 1],
    ]);
  });
});
