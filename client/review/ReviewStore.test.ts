import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CollabEvent } from '../../shared/collab';
import type { CollabSession, CollabStatus } from '../collab/CollabSession';
import type { CycleWithAmendments } from './reviewApi';
import { ReviewStore } from './ReviewStore';
import { testAmendment } from './testAmendment';

const getCycle = vi.fn<(draftId: string, cycleId: string) => Promise<CycleWithAmendments>>();
const markCycleVisited = vi.fn<() => Promise<string>>();
vi.mock('./reviewApi', () => ({
  getCycle: (draftId: string, cycleId: string) => getCycle(draftId, cycleId),
  markCycleVisited: () => markCycleVisited(),
}));

const cycle: CycleWithAmendments['cycle'] = {
  id: 'cy_1',
  draftId: 'dr_1',
  name: '2027 periodic review',
  baseVersion: { id: 'v_1', label: 'Rev.1' },
  phase: 'submission',
  schedule: { submission: '2027-02-01', comment: '2027-03-01', deliberation: '2027-04-01', decision: '2027-05-01' },
  openedBy: { id: 'u_chair', name: 'Amina Diallo' },
  createdAt: '2027-01-01T00:00:00Z',
  phaseChangedAt: '2027-01-01T00:00:00Z',
  consolidated: null,
  counts: {},
};

/** A session stand-in: events are pushed by the test, the connection is always up. */
function fakeSession() {
  const listeners = new Set<(event: CollabEvent) => void>();
  const status = { connection: 'connected' } as CollabStatus;
  const session = {
    draftId: 'dr_1',
    onCollabEvent: (listener: (event: CollabEvent) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    subscribe: () => () => {},
    getStatus: () => status,
  } as unknown as CollabSession;
  return { session, push: (event: CollabEvent) => listeners.forEach((listener) => listener(event)) };
}

async function openStore(amendments = [testAmendment()]) {
  getCycle.mockResolvedValue({ cycle, amendments, lastVisitAt: '2027-01-10T12:00:00Z' });
  const { session, push } = fakeSession();
  const store = new ReviewStore(session, 'cy_1', 'af_val');
  store.start();
  await vi.waitFor(() => expect(store.getState().phase).toBe('ready'));
  return { store, push };
}

afterEach(() => vi.clearAllMocks());

describe('ReviewStore', () => {
  it('adds an amendment tabled elsewhere, and takes its later changes, from the live events', async () => {
    const { store, push } = await openStore();
    const a2 = testAmendment({
      id: 'am_2',
      number: 2,
      label: 'A-2',
      sponsor: { id: 'af_nor', kind: 'delegation', name: 'Norland', code: 'XNO' },
      updatedAt: '2027-01-11T00:00:00Z',
    });
    push({ type: 'amendment', amendment: a2 });
    expect(store.getState().amendments.map((a) => a.label)).toEqual(['A-1', 'A-2']);
    push({ type: 'amendment', amendment: { ...a2, status: 'under-consideration', updatedAt: '2027-01-12T00:00:00Z' } });
    expect(store.getState().amendments.find((a) => a.id === 'am_2')?.status).toBe('under-consideration');
  });

  it('ignores another delegation’s draft, another cycle’s amendments, malformed events and echoes older than what it shows', async () => {
    const { store, push } = await openStore();
    push({
      type: 'amendment',
      amendment: testAmendment({
        id: 'am_x',
        status: 'draft',
        number: null,
        sponsor: { id: 'af_nor', kind: 'delegation', name: 'Norland', code: 'XNO' },
      }),
    });
    push({ type: 'amendment', amendment: testAmendment({ id: 'am_y', cycleId: 'cy_other' }) });
    push({ type: 'amendment', amendment: { id: 'am_z' } as never });
    push({ type: 'amendment', amendment: testAmendment({ status: 'draft', updatedAt: '2027-01-01T00:00:00Z' }) });
    expect(store.getState().amendments.map((a) => `${a.id}:${a.status}`)).toEqual(['am_1:submitted']);
    // The reader's own delegation's draft does show.
    push({ type: 'amendment', amendment: testAmendment({ id: 'am_own', status: 'draft', number: null }) });
    expect(store.getState().amendments.map((a) => a.id)).toEqual(['am_1', 'am_own']);
  });

  it('follows the cycle’s phase live, and marks everything as seen on request', async () => {
    const { store, push } = await openStore();
    push({ type: 'review-cycle', cycle: { ...cycle, phase: 'comment' } });
    expect(store.getState().cycle?.phase).toBe('comment');
    markCycleVisited.mockResolvedValue('2027-01-20T00:00:00Z');
    await store.markSeen();
    expect(store.getState().lastVisitAt).toBe('2027-01-20T00:00:00Z');
  });

  it('reads the amendments again when the draft’s pillars change, since their tags follow', async () => {
    const { store, push } = await openStore([testAmendment({ pillars: ['attribution'] })]);
    getCycle.mockResolvedValue({
      cycle,
      amendments: [testAmendment({ pillars: ['civilian-protection'] })],
      lastVisitAt: '2027-01-10T12:00:00Z',
    });
    push({
      type: 'pillars',
      pillars: [
        { key: 'civilian-protection', label: 'Civilian protection', short: 'CIV', description: '', color: '#1f6f8b' },
      ],
    });
    await vi.waitFor(() => expect(store.getState().amendments[0]?.pillars).toEqual(['civilian-protection']));
    expect(getCycle).toHaveBeenCalledTimes(2);
  });
});
