import { beforeEach, describe, expect, it } from 'vitest';
import type { Storage } from '../Storage';
import { bytes, person, seedDraft } from './fixtures';

/**
 * The contract of `NegotiationStorage`: who holds brackets and supports which wording, what was
 * settled, and what was decided about suggestions (with its audit entry) and who stands where on them.
 */
export function negotiationContract(current: () => Storage): void {
  describe('negotiation', () => {
    let storage: Storage;
    beforeEach(() => {
      storage = current();
    });

    it('records decisions on suggestions with their audit entry, a suggestion decided again replacing its record', async () => {
      await storage.createDraft({ id: 'd', title: 'D', createdAt: new Date() }, bytes(0));
      await storage.createAffiliation({ id: 'xva', kind: 'delegation', name: 'Valdoria', code: 'XVA' });
      const at = '2026-01-01T00:00:00.000Z';
      await storage.createUser(person('u', 'xva', 'u@xva.example'));
      const decision = {
        draftId: 'd',
        suggestionId: 'u:ins001',
        clauseId: 'c1',
        kind: 'insert' as const,
        text: ' and clinics',
        delegationId: 'xva',
        authorId: 'u',
        suggestedAt: at,
        decision: 'accepted' as const,
        decidedBy: 'u',
        decidedAt: at,
      };
      const entry = { at, actorId: 'u', draftId: 'd', action: 'suggestion.accepted', details: { n: 1 } };
      await storage.recordSuggestionDecisions([decision, { ...decision, suggestionId: 'u:ins002' }], entry);
      const later = '2026-01-02T00:00:00.000Z';
      await storage.recordSuggestionDecisions([{ ...decision, decision: 'rejected', decidedAt: later }], {
        ...entry,
        at: later,
        action: 'suggestion.rejected',
      });
      await storage.recordSuggestionDecisions([], { ...entry, action: 'suggestion.accepted-all' });
      expect((await storage.listSuggestionDecisions('d')).map((row) => [row.suggestionId, row.decision])).toEqual([
        ['u:ins002', 'accepted'],
        ['u:ins001', 'rejected'],
      ]);
      expect((await storage.listAudit({ draftId: 'd', limit: 10 })).map((row) => row.action)).toEqual([
        'suggestion.accepted-all',
        'suggestion.rejected',
        'suggestion.accepted',
      ]);
    });

    describe('brackets, alternatives and stances', () => {
      beforeEach(async () => {
        await seedDraft(storage);
        await storage.createAffiliation({ id: 'xa', kind: 'delegation', name: 'A', code: 'XA' });
        await storage.createAffiliation({ id: 'xb', kind: 'delegation', name: 'B', code: 'XB' });
        await storage.createUser(person('a', 'xa'));
        await storage.createUser(person('b', 'xb'));
        await storage.createDraft({ id: 'e', title: 'E', createdAt: new Date() }, bytes(0));
      });

      it('keeps one holding of a bracket per delegation, a draft’s own, oldest first', async () => {
        const holding = { draftId: 'd', bracketId: 'b1', holding: 1 as const };
        await storage.setBracketHolding({ ...holding, affiliationId: 'xa', userId: 'a', at: 't1' });
        await storage.setBracketHolding({ ...holding, affiliationId: 'xb', userId: 'b', at: 't2' });
        await storage.setBracketHolding({ ...holding, draftId: 'e', affiliationId: 'xb', userId: 'b', at: 't' });
        await storage.setBracketHolding({ ...holding, affiliationId: 'xa', holding: 0, userId: 'a', at: 't3' });
        expect(await storage.listBracketHoldings('d')).toEqual([
          { ...holding, affiliationId: 'xb', userId: 'b', at: 't2' },
          { ...holding, affiliationId: 'xa', holding: 0, userId: 'a', at: 't3' },
        ]);
      });

      it('keeps one supported wording of a set per delegation, replaced or withdrawn, oldest first', async () => {
        const support = { draftId: 'd', alternativeId: 'alt' };
        await storage.setAlternativeSupport({ ...support, affiliationId: 'xa', optionId: 'o1', userId: 'a', at: 't1' });
        await storage.setAlternativeSupport({ ...support, affiliationId: 'xb', optionId: 'o1', userId: 'b', at: 't2' });
        await storage.setAlternativeSupport({ ...support, affiliationId: 'xa', optionId: 'o2', userId: 'a', at: 't3' });
        await storage.setAlternativeSupport({ ...support, affiliationId: 'xb', optionId: null, userId: 'b', at: 't4' });
        await storage.setAlternativeSupport({
          ...support,
          draftId: 'e',
          affiliationId: 'xa',
          optionId: 'o9',
          userId: 'a',
          at: 't',
        });
        expect(await storage.listAlternativeSupport('d')).toEqual([
          { ...support, affiliationId: 'xa', optionId: 'o2', userId: 'a', at: 't3' },
          { ...support, affiliationId: 'xb', optionId: null, userId: 'b', at: 't4' },
        ]);
        expect(await storage.listAlternativeSupport('missing')).toEqual([]);
      });

      it('keeps the record of brackets lifted and wordings selected, a draft’s own, oldest first', async () => {
        const lifted = {
          draftId: 'd',
          markerId: 'b1',
          kind: 'bracket' as const,
          clauseId: 'c1',
          details: JSON.stringify({ held: ['xa'] }),
          selectedOption: null,
          decidedBy: 'u',
          decidedAt: '2026-01-02T00:00:00.000Z',
        };
        const selected = {
          ...lifted,
          markerId: 'alt',
          kind: 'alternative' as const,
          clauseId: null,
          details: JSON.stringify({ options: ['o1', 'o2'] }),
          selectedOption: 'o2',
          decidedAt: '2026-01-01T00:00:00.000Z',
        };
        await storage.recordSettlement(lifted);
        await storage.recordSettlement(selected);
        await storage.recordSettlement({ ...lifted, draftId: 'e' });
        expect(await storage.listSettlements('d')).toEqual([selected, lifted]);
      });

      it('takes back a delegation’s stance on a suggestion when it is set to none, and leaves the others', async () => {
        const stance = { draftId: 'd', suggestionId: 's' };
        await storage.setSuggestionStance({ ...stance, affiliationId: 'xa', stance: 'support', userId: 'a', at: 't1' });
        await storage.setSuggestionStance({ ...stance, affiliationId: 'xb', stance: 'oppose', userId: 'b', at: 't2' });
        await storage.setSuggestionStance({ ...stance, affiliationId: 'xa', stance: null, userId: 'a', at: 't3' });
        expect(await storage.listSuggestionStances('d')).toEqual([
          { ...stance, affiliationId: 'xb', stance: 'oppose', userId: 'b', at: 't2' },
        ]);
        // Taking back a stance never taken writes nothing.
        await storage.setSuggestionStance({ ...stance, affiliationId: 'xa', stance: null, userId: 'a', at: 't4' });
        expect(await storage.listSuggestionStances('d')).toHaveLength(1);
        expect(await storage.listSuggestionStances('e')).toEqual([]);
      });
    });
  });
}
