import { beforeEach, describe, expect, it } from 'vitest';
import type { ConsolidationRecord } from '../../../shared/review/types';
import type { Storage } from '../Storage';
import { bytes, person } from './fixtures';

/** The contract of `ReviewStorage`: review cycles, amendments and all that hangs on them. */
export function reviewContract(current: () => Storage): void {
  describe('review', () => {
    let storage: Storage;
    beforeEach(() => {
      storage = current();
    });

    it('keeps review cycles and amendments (numbered in submission order) and all that hangs on them, consolidation records included', async () => {
      await storage.createAffiliation({ id: 'xva', kind: 'delegation', name: 'Valdoria', code: 'XVA' });
      await storage.createAffiliation({ id: 'xno', kind: 'delegation', name: 'Norland', code: 'XNO' });
      await storage.createUser(person('u', 'xva', 'u@xva.example'));
      await storage.createUser(person('v', 'xno', 'v@xno.example'));
      await storage.createDraft({ id: 'd', title: 'D', createdAt: new Date() }, bytes(0));
      await storage.createVersion({
        id: 'v1',
        draftId: 'd',
        label: 'Rev.1',
        note: '',
        createdBy: 'u',
        createdAt: '2026-01-01T00:00:00.000Z',
        state: bytes(0),
        document: { type: 'doc' },
        pillars: null,
        publishedAt: null,
        publishedBy: null,
      });
      const cycle = {
        id: 'cy',
        draftId: 'd',
        name: 'Review',
        baseVersionId: 'v1',
        phase: 'submission' as const,
        schedule: {
          submission: '2027-01-01',
          comment: '2027-02-01',
          deliberation: '2027-03-01',
          decision: '2027-04-01',
        },
        openedBy: 'u',
        createdAt: '2026-01-01T00:00:00.000Z',
        phaseChangedAt: '2026-01-01T00:00:00.000Z',
        consolidatedVersionId: null,
        consolidatedBy: null,
        consolidatedAt: null,
      };
      expect(await storage.createReviewCycle(cycle)).toEqual(cycle);
      await storage.updateReviewCycle('cy', { phase: 'comment', phaseChangedAt: '2026-01-02T00:00:00.000Z' });
      expect(await storage.getReviewCycle('cy')).toEqual({
        ...cycle,
        phase: 'comment',
        phaseChangedAt: '2026-01-02T00:00:00.000Z',
      });
      expect((await storage.listReviewCycles('d')).map((c) => c.id)).toEqual(['cy']);

      const amendment = (id: string, createdAt: string) => ({
        id,
        cycleId: 'cy',
        draftId: 'd',
        number: null,
        kind: 'modify' as const,
        clauseId: 'c1',
        proposed: { type: 'clause', attrs: { id: 'c1' } },
        justification: 'Why',
        pillars: ['attribution' as const],
        sponsorId: 'xva',
        createdBy: 'u',
        createdAt,
        submittedAt: null,
        updatedAt: createdAt,
        status: 'draft' as const,
        revised: null,
        transitions: [],
      });
      await storage.createAmendment(amendment('a1', '2026-01-01T00:00:01.000Z'));
      await storage.createAmendment(amendment('a2', '2026-01-01T00:00:02.000Z'));
      expect(await storage.getAmendment('a1')).toEqual(amendment('a1', '2026-01-01T00:00:01.000Z'));
      // Numbers follow submission, not creation; numbering twice changes nothing.
      expect(await storage.numberAmendment('a2')).toBe(1);
      expect(await storage.numberAmendment('a1')).toBe(2);
      expect(await storage.numberAmendment('a2')).toBe(1);
      // A later cycle of the same draft goes on from there; another draft starts at 1.
      await storage.createReviewCycle({ ...cycle, id: 'cy2', name: 'Second review' });
      await storage.createAmendment({ ...amendment('a3', '2026-01-01T00:00:03.000Z'), cycleId: 'cy2' });
      expect(await storage.numberAmendment('a3')).toBe(3);
      const transition = {
        from: 'draft' as const,
        to: 'submitted' as const,
        by: 'u',
        at: '2026-01-03T00:00:00.000Z',
        note: '',
        decision: null,
      };
      await storage.updateAmendment('a1', {
        status: 'submitted',
        transitions: [transition],
        revised: { type: 'clause' },
        proposed: null,
      });
      expect(await storage.getAmendment('a1')).toMatchObject({
        number: 2,
        status: 'submitted',
        transitions: [transition],
        revised: { type: 'clause' },
        proposed: null,
      });
      expect((await storage.listAmendments('cy')).map((a) => a.id)).toEqual(['a1', 'a2']);

      await storage.putCoSponsor({
        amendmentId: 'a1',
        affiliationId: 'xno',
        status: 'requested',
        requestedBy: 'v',
        requestedAt: '2026-01-04T00:00:00.000Z',
        acceptedAt: null,
      });
      await storage.putCoSponsor({
        amendmentId: 'a1',
        affiliationId: 'xno',
        status: 'accepted',
        requestedBy: 'v',
        requestedAt: '2026-01-04T00:00:00.000Z',
        acceptedAt: '2026-01-05T00:00:00.000Z',
      });
      expect((await storage.listCoSponsors('cy')).map((c) => [c.amendmentId, c.affiliationId, c.status])).toEqual([
        ['a1', 'xno', 'accepted'],
      ]);
      expect(await storage.deleteCoSponsor('a1', 'xno')).toBe(true);
      expect(await storage.deleteCoSponsor('a1', 'xno')).toBe(false);

      await storage.putStatement({
        amendmentId: 'a1',
        affiliationId: 'xno',
        stance: 'support',
        note: '',
        by: 'v',
        at: '2026-01-04T00:00:00.000Z',
      });
      await storage.putStatement({
        amendmentId: 'a1',
        affiliationId: 'xno',
        stance: 'objection',
        note: 'No',
        by: 'v',
        at: '2026-01-05T00:00:00.000Z',
      });
      expect((await storage.listStatements('cy')).map((st) => [st.affiliationId, st.stance, st.note])).toEqual([
        ['xno', 'objection', 'No'],
      ]);
      expect(await storage.deleteStatement('a1', 'xno')).toBe(true);
      expect(await storage.listStatements('cy')).toEqual([]);

      await storage.putResolution({
        cycleId: 'cy',
        clauseId: 'c1',
        clauses: [],
        note: 'Deleted',
        by: 'u',
        at: '2026-01-06T00:00:00.000Z',
      });
      await storage.putResolution({
        cycleId: 'cy',
        clauseId: 'c1',
        clauses: [{ type: 'clause' }],
        note: 'Kept',
        by: 'u',
        at: '2026-01-07T00:00:00.000Z',
      });
      expect(await storage.listResolutions('cy')).toEqual([
        {
          cycleId: 'cy',
          clauseId: 'c1',
          clauses: [{ type: 'clause' }],
          note: 'Kept',
          by: 'u',
          at: '2026-01-07T00:00:00.000Z',
        },
      ]);
      expect(await storage.deleteResolution('cy', 'c1')).toBe(true);

      expect(await storage.listLiveChangeDecisions('cy')).toEqual([]);
      await storage.putLiveChangeDecision({ cycleId: 'cy', changeId: 'title', decision: 'keep', by: 'u', at: 't1' });
      await storage.putLiveChangeDecision({ cycleId: 'cy', changeId: 'c1', decision: 'keep', by: 'u', at: 't2' });
      await storage.putLiveChangeDecision({ cycleId: 'cy', changeId: 'c1', decision: 'discard', by: 'u', at: 't3' });
      expect(await storage.listLiveChangeDecisions('cy')).toEqual([
        { cycleId: 'cy', changeId: 'c1', decision: 'discard', by: 'u', at: 't3' },
        { cycleId: 'cy', changeId: 'title', decision: 'keep', by: 'u', at: 't1' },
      ]);

      expect(await storage.getConsolidationRecord('cy')).toBeUndefined();
      const record: ConsolidationRecord = {
        version: { id: 'v2', label: 'Rev.2' },
        by: { id: 'u', name: 'Chair' },
        at: '2026-01-07T12:00:00.000Z',
        amendments: [
          { label: 'A-1', clauseId: 'c1', clauseNumber: 'OP1', kind: 'modify', status: 'adopted', applied: true },
        ],
        resolutions: [],
        kept: [{ part: 'title', id: 'title', number: 'Title', change: 'modified', words: [], authors: [] }],
        discarded: [],
        changed: [],
      };
      await storage.putConsolidationRecord('cy', record);
      expect(await storage.getConsolidationRecord('cy')).toEqual(record);
      await storage.putConsolidationRecord('cy', { ...record, at: '2026-01-07T13:00:00.000Z' });
      expect((await storage.getConsolidationRecord('cy'))?.at).toBe('2026-01-07T13:00:00.000Z');

      expect(await storage.getReviewVisit('cy', 'u')).toBeUndefined();
      await storage.setReviewVisit('cy', 'u', new Date('2026-01-08T00:00:00Z'));
      await storage.setReviewVisit('cy', 'u', new Date('2026-01-09T00:00:00Z'));
      expect(await storage.getReviewVisit('cy', 'u')).toBe('2026-01-09T00:00:00.000Z');
    });
  });
}
