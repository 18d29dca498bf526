import type { Amendment } from '../../shared/review/types';

/**
 * An amendment for unit tests: A-1 by Valdoria, submitted, modifying OP1; `changes` override any
 * field. Only the fields a test cares about need saying.
 */
export function testAmendment(changes: Partial<Amendment> = {}): Amendment {
  return {
    id: 'am_1',
    cycleId: 'cy_1',
    draftId: 'dr_1',
    number: 1,
    label: 'A-1',
    kind: 'modify',
    wordAction: 'replace',
    clauseId: 'c_op1',
    clauseNumber: 'OP1',
    baseText: 'States should protect hospitals.',
    proposed: null,
    redline: [],
    blocks: [],
    pointChanges: [],
    justification: 'Because.',
    pillars: ['civilian-protection'],
    sponsor: { id: 'af_val', kind: 'delegation', name: 'Republic of Valdoria', code: 'XVA' },
    createdBy: { id: 'u_val', name: 'Lena Varga' },
    coSponsors: [],
    statements: [],
    status: 'submitted',
    revised: null,
    transitions: [],
    liveChange: null,
    createdAt: '2027-01-10T09:00:00.000Z',
    submittedAt: '2027-01-10T09:05:00.000Z',
    updatedAt: '2027-01-10T09:05:00.000Z',
    ...changes,
  };
}
