import { beforeEach, describe, expect, it } from 'vitest';
import type { Storage } from '../Storage';

const at = '2026-01-01T00:00:00.000Z';

/**
 * The part of the storage contract where databases differ unless told otherwise, whatever the
 * area: how text compares and sorts (PostgreSQL by the server's locale, SQLite by bytes), in what
 * order rows written at the same moment come back (SQLite in its index's order, PostgreSQL
 * wherever the last write left the row), and what kind of bytes come back. Kept together, so a
 * new backend's author finds in one place what its database must be told.
 */
export function orderContract(current: () => Storage): void {
  describe('where databases differ', () => {
    let storage: Storage;
    beforeEach(() => {
      storage = current();
    });

    it('compares and sorts text by its bytes, as written: case and accents count', async () => {
      const names = ['beta', 'Alpha', 'alpha', 'Zulu', 'Ångland', 'ALPHA2'];
      for (const [index, name] of names.entries())
        await storage.createAffiliation({ id: `a${index}`, kind: 'delegation', name, code: null });
      expect((await storage.listAffiliations()).map((affiliation) => affiliation.name)).toEqual([
        'ALPHA2',
        'Alpha',
        'Zulu',
        'alpha',
        'beta',
        'Ångland',
      ]);
      expect((await storage.findAffiliation('delegation', 'alpha'))?.id).toBe('a2');
      expect(await storage.findAffiliation('delegation', 'ALPHA')).toBeUndefined();
      expect(await storage.findAffiliation('delegation', 'Angland')).toBeUndefined();
      await storage.createUser({
        id: 'u',
        email: 'u@x.example',
        name: 'U',
        passwordHash: 'h',
        affiliationId: 'a0',
        canCreateDrafts: false,
        createdAt: at,
      });
      expect(await storage.getUserByEmail('U@x.example')).toBeUndefined();
    });

    it('lists rows of the same moment in the order of their keys, whichever was written last', async () => {
      await storage.createDraft({ id: 'd', title: 'D', createdAt: new Date(at) }, Uint8Array.of(0));
      await storage.createAffiliation({ id: 'xa', kind: 'delegation', name: 'A', code: null });
      await storage.createAffiliation({ id: 'xb', kind: 'delegation', name: 'B', code: null });
      for (const id of ['u2', 'u1']) {
        await storage.createUser({
          id,
          email: `${id}@x.example`,
          name: id,
          passwordHash: 'h',
          affiliationId: 'xa',
          canCreateDrafts: false,
          createdAt: at,
        });
        await storage.setMembership('d', id, 'delegate', new Date(at));
      }
      // Written in the reverse of their keys' order, and the first written again (at the same moment).
      const holding = { draftId: 'd', bracketId: 'b', userId: 'u1', at };
      await storage.setBracketHolding({ ...holding, affiliationId: 'xb', holding: 1 });
      await storage.setBracketHolding({ ...holding, affiliationId: 'xa', holding: 1 });
      await storage.setBracketHolding({ ...holding, affiliationId: 'xb', holding: 0 });
      const stance = { draftId: 'd', suggestionId: 's', userId: 'u1', at };
      await storage.setSuggestionStance({ ...stance, affiliationId: 'xb', stance: 'support' });
      await storage.setSuggestionStance({ ...stance, affiliationId: 'xa', stance: 'oppose' });
      await storage.setSuggestionStance({ ...stance, affiliationId: 'xb', stance: 'oppose' });
      await storage.setMembership('d', 'u2', 'observer', new Date(at));

      expect((await storage.listBracketHoldings('d')).map((row) => [row.affiliationId, row.holding])).toEqual([
        ['xa', 1],
        ['xb', 0],
      ]);
      expect((await storage.listSuggestionStances('d')).map((row) => [row.affiliationId, row.stance])).toEqual([
        ['xa', 'oppose'],
        ['xb', 'oppose'],
      ]);
      expect((await storage.listMemberships('d')).map((row) => [row.userId, row.role])).toEqual([
        ['u1', 'delegate'],
        ['u2', 'observer'],
      ]);
    });

    it('gives bytes back as plain Uint8Arrays, as Yjs takes them', async () => {
      await storage.createDraft({ id: 'd', title: 'D', createdAt: new Date(at) }, Uint8Array.of(1, 2));
      await storage.appendUpdates('d', [{ data: Uint8Array.of(3), authorId: null }], new Date(at));
      const { state, updates } = await storage.loadDocument('d');
      for (const data of [state!, ...updates]) expect(Object.getPrototypeOf(data)).toBe(Uint8Array.prototype);
      expect([state, ...updates]).toEqual([Uint8Array.of(1, 2), Uint8Array.of(3)]);
    });
  });
}
