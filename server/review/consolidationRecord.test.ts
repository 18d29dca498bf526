import { describe, expect, it } from 'vitest';
import type { AmendmentStatus } from '../../shared/review/amendmentStatus';
import type { LiveChange } from '../../shared/review/types';
import type { AmendmentRecord } from '../storage/Storage';
import { consolidationRecord } from './consolidationRecord';

function amendment(id: string, number: number | null, clauseId: string, status: AmendmentStatus): AmendmentRecord {
  return {
    id,
    cycleId: 'cy',
    draftId: 'd',
    number,
    kind: 'modify',
    clauseId,
    proposed: null,
    justification: '',
    pillars: [],
    sponsorId: 'xva',
    createdBy: 'u',
    createdAt: '2026-01-01T00:00:00.000Z',
    submittedAt: number === null ? null : '2026-01-02T00:00:00.000Z',
    updatedAt: '2026-01-03T00:00:00.000Z',
    status,
    revised: null,
    transitions: [],
  };
}

const change = (id: string): LiveChange => ({
  part: 'heading',
  id,
  number: 'Part I',
  change: 'modified',
  words: [{ op: 'insert', text: 'Protection' }],
  authors: [],
});

describe('the record of a consolidation', () => {
  const record = consolidationRecord({
    amendments: [
      amendment('a3', 3, 'c5', 'withdrawn'),
      amendment('a1', 1, 'c2', 'adopted'),
      amendment('draft', null, 'c2', 'draft'),
      amendment('a2', 2, 'c3', 'rejected'),
      amendment('a4', 4, 'c3', 'adopted-as-revised'),
    ],
    baseNumbers: new Map([
      ['c2', 'OP2'],
      ['c3', 'OP3'],
      ['c5', 'OP5'],
    ]),
    liveChanges: [change('title'), change('heading:d1'), change('c9')],
    decisions: new Map([
      ['title', 'keep'],
      ['heading:d1', 'discard'],
      ['c9', 'keep'],
    ]),
    resolutions: [{ clauseId: 'c3', clauses: [], note: 'Both', by: { id: 'u', name: 'Chair' }, at: 'then' }],
    preview: [
      { id: 'c2', number: 'OP2', text: 'Amended.', change: 'modified', amendments: ['A-1'] },
      { id: 'c4', number: 'OP4', text: 'As it was.', change: 'unchanged', amendments: [] },
    ],
    added: [
      {
        amendment: 'A-1',
        afterClauseId: 'c2',
        afterNumber: 'OP2',
        number: 'OP3',
        text: 'Added.',
        id: 'n1',
        status: 'agreed-ad-ref',
      },
    ],
    version: { id: 'v2', label: 'Rev.2' },
    by: { id: 'u', name: 'Chair' },
    at: 'now',
  });

  it('lists every tabled amendment by number with its final status, the adopted ones applied, drafts left out', () => {
    expect(record.amendments.map((a) => [a.label, a.clauseNumber, a.status, a.applied])).toEqual([
      ['A-1', 'OP2', 'adopted', true],
      ['A-2', 'OP3', 'rejected', false],
      ['A-3', 'OP5', 'withdrawn', false],
      ['A-4', 'OP3', 'adopted-as-revised', true],
    ]);
  });

  it('splits the live changes into those kept and those discarded, as they were shown', () => {
    expect(record.kept.map((c) => c.id)).toEqual(['title', 'c9']);
    expect(record.discarded).toEqual([change('heading:d1')]);
  });

  it('keeps each clause an adopted amendment added with its number in the version and the status the chair gave it', () => {
    expect(record.added).toEqual([
      {
        amendment: 'A-1',
        afterClauseId: 'c2',
        afterNumber: 'OP2',
        number: 'OP3',
        text: 'Added.',
        id: 'n1',
        status: 'agreed-ad-ref',
      },
    ]);
  });

  it('keeps the resolutions with their clause numbers, the clauses changed, the version, who and when', () => {
    expect(record.resolutions.map((r) => [r.clauseNumber, r.note])).toEqual([['OP3', 'Both']]);
    expect(record.changed.map((c) => c.id)).toEqual(['c2']);
    expect(record).toMatchObject({ version: { id: 'v2', label: 'Rev.2' }, by: { name: 'Chair' }, at: 'now' });
  });
});
