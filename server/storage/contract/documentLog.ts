import { beforeEach, describe, expect, it } from 'vitest';
import type { Storage } from '../Storage';
import type { ContractBackend } from './fixtures';
import { bytes, up } from './fixtures';

/**
 * The contract of `DocumentLogStorage`: a draft's text as a log of updates numbered per draft and
 * one compacted state row, and beside it who changed which clauses.
 */
export function documentLogContract(current: () => Storage, backend: ContractBackend): void {
  describe('document log', () => {
    let storage: Storage;
    beforeEach(() => {
      storage = current();
    });

    it('returns the initial state, then appended updates in order, numbered per draft', async () => {
      await storage.createDraft({ id: 'd', title: 'D', createdAt: new Date() }, bytes(9, 9));
      await storage.createDraft({ id: 'e', title: 'E', createdAt: new Date() }, bytes(0));
      expect(await storage.appendUpdates('d', [up(1), up(2)], new Date())).toBe(2);
      expect(await storage.appendUpdates('e', [up(4)], new Date())).toBe(1);
      expect(await storage.appendUpdates('d', [up(3)], new Date())).toBe(3);
      const loaded = await storage.loadDocument('d');
      expect(loaded.state).toEqual(bytes(9, 9));
      expect(loaded.updates).toEqual([bytes(1), bytes(2), bytes(3)]);
      expect(loaded.lastSeq).toBe(3);
    });

    it('writes only the log on an append, and with it a new title when the updates change it', async () => {
      await storage.createDraft({ id: 'b', title: 'Bravo', createdAt: new Date('2026-01-02T00:00:00Z') }, bytes(0, 0));
      // Appending to the log writes the log only.
      await storage.appendUpdates('b', [up(1)], new Date('2026-01-05T00:00:00Z'));
      expect((await storage.getDraft('b'))?.updatedAt).toBe('2026-01-02T00:00:00.000Z');
      // ...but for a new title, written with it.
      await storage.appendUpdates('b', [up(2)], new Date('2026-01-05T00:00:00Z'), 'B renamed');
      expect(await storage.getDraft('b')).toMatchObject({ title: 'B renamed', updatedAt: '2026-01-02T00:00:00.000Z' });
      expect((await storage.loadDocument('b')).updates).toEqual([bytes(1), bytes(2)]);
    });

    if (!backend.appendsNow) {
      it('appends only by waiting for the commit, with no synchronous append to offer', () => {
        expect(storage.appendUpdatesNow).toBeUndefined();
      });
    } else {
      it('appends without waiting where the backend can, in the same numbering, or writes nothing', async () => {
        const appendNow = storage.appendUpdatesNow?.bind(storage);
        if (!appendNow) throw new Error('this backend was said to append without waiting, and has no appendUpdatesNow');
        await storage.createDraft({ id: 'd', title: 'D', createdAt: new Date() }, bytes(0));
        expect(await storage.appendUpdates('d', [up(1)], new Date())).toBe(1);
        const now = appendNow('d', [{ ...up(2), claims: [{ clientId: 5, userId: 'u1' }] }, up(3)], new Date(), 'Now');
        if (now === null) {
          // It could not commit right now: nothing of it is stored.
          expect(await storage.loadDocument('d')).toEqual({ state: bytes(0), updates: [bytes(1)], lastSeq: 1 });
          expect((await storage.getDraft('d'))?.title).toBe('D');
          expect(await storage.loadClientOwners('d')).toEqual(new Map());
          expect(await storage.appendUpdates('d', [up(4)], new Date())).toBe(2);
        } else {
          expect(now).toBe(3);
          expect(await storage.loadDocument('d')).toEqual({
            state: bytes(0),
            updates: [1, 2, 3].map((b) => bytes(b)),
            lastSeq: 3,
          });
          expect((await storage.getDraft('d'))?.title).toBe('Now');
          expect(await storage.loadClientOwners('d')).toEqual(new Map([[5, 'u1']]));
          expect(await storage.appendUpdates('d', [up(4)], new Date())).toBe(4);
        }
      });
    }

    it('keeps numbering after compaction has emptied the log, so later rows are never taken for compacted ones', async () => {
      await storage.createDraft({ id: 'k', title: 'K', createdAt: new Date() }, bytes(0));
      const upTo = await storage.appendUpdates('k', [up(1), up(2), up(3)], new Date());
      await storage.compactDocument('k', bytes(6), upTo);
      const next = await storage.appendUpdates('k', [up(4)], new Date());
      expect(next).toBe(upTo + 1);
      expect(await storage.loadDocument('k')).toEqual({ state: bytes(6), updates: [bytes(4)], lastSeq: next });
    });

    it('compaction replaces the log up to a sequence number with one state row and keeps later rows', async () => {
      await storage.createDraft({ id: 'c', title: 'C', createdAt: new Date() }, bytes(0));
      const upTo = await storage.appendUpdates('c', [up(1), up(2)], new Date());
      const later = await storage.appendUpdates('c', [up(3)], new Date());
      await storage.compactDocument('c', bytes(7, 7, 7), upTo);
      const loaded = await storage.loadDocument('c');
      expect(loaded.state).toEqual(bytes(7, 7, 7));
      expect(loaded.updates).toEqual([bytes(3)]);
      expect(loaded.lastSeq).toBe(later);

      await storage.compactDocument('c', bytes(8), later);
      expect(await storage.loadDocument('c')).toEqual({ state: bytes(8), updates: [], lastSeq: later });
    });

    it('reads only what holds rows after a number: later rows, and the state once a compaction merged some of them', async () => {
      await storage.createDraft({ id: 'r', title: 'R', createdAt: new Date() }, bytes(0));
      const two = await storage.appendUpdates('r', [up(1), up(2)], new Date());
      const three = await storage.appendUpdates('r', [up(3)], new Date());
      expect(await storage.loadDocument('r', two)).toEqual({ state: null, updates: [bytes(3)], lastSeq: three });
      expect(await storage.loadDocument('r', three)).toEqual({ state: null, updates: [], lastSeq: three });
      expect(await storage.compactDocument('r', bytes(7), two)).toBe(true);
      // Rows 1 and 2 now live in the state: a reader holding only row 1 needs it.
      expect(await storage.loadDocument('r', 1)).toEqual({ state: bytes(7), updates: [bytes(3)], lastSeq: three });
      expect(await storage.loadDocument('r', two)).toEqual({ state: null, updates: [bytes(3)], lastSeq: three });
    });

    it('never compacts backwards: a state that covers fewer rows than the stored one is not written', async () => {
      await storage.createDraft({ id: 'b', title: 'B', createdAt: new Date() }, bytes(0));
      const one = await storage.appendUpdates('b', [up(1)], new Date());
      const two = await storage.appendUpdates('b', [up(2)], new Date());
      expect(await storage.compactDocument('b', bytes(8, 8), two)).toBe(true);
      expect(await storage.compactDocument('b', bytes(7), one)).toBe(false);
      expect(await storage.loadDocument('b')).toEqual({ state: bytes(8, 8), updates: [], lastSeq: two });
    });

    it('records whom a draft’s Yjs client ids belong to with the updates written under them, the first owner staying, the largest ids included', async () => {
      await storage.createDraft({ id: 'c', title: 'C', createdAt: new Date() }, bytes(0));
      await storage.createDraft({ id: 'o', title: 'O', createdAt: new Date() }, bytes(0));
      expect(await storage.loadClientOwners('c')).toEqual(new Map());
      const claims = [
        { clientId: 7, userId: 'u1' },
        { clientId: 4_294_967_295, userId: 'u2' },
      ];
      expect(await storage.appendUpdates('c', [{ ...up(1), claims }], new Date())).toBe(1);
      const again = [
        { clientId: 7, userId: 'u3' },
        { clientId: 8, userId: 'u3' },
      ];
      // With a title too (a transaction of its own on PostgreSQL), and beside an update that claims nothing.
      expect(await storage.appendUpdates('c', [up(2), { ...up(3), claims: again }], new Date(), 'C renamed')).toBe(3);
      await storage.appendUpdates('o', [{ ...up(1), claims: [{ clientId: 7, userId: 'u4' }] }], new Date());
      await storage.appendUpdates('c', [{ ...up(4), claims: [] }], new Date());
      expect((await storage.loadDocument('c')).updates).toEqual([1, 2, 3, 4].map((b) => bytes(b)));
      expect(await storage.loadClientOwners('c')).toEqual(
        new Map([
          [7, 'u1'],
          [4_294_967_295, 'u2'],
          [8, 'u3'],
        ]),
      );
      expect(await storage.loadClientOwners('o')).toEqual(new Map([[7, 'u4']]));
    });

    it('records none of the claims of an append that fails, nor any of its rows', async () => {
      await storage.createDraft({ id: 'f', title: 'F', createdAt: new Date() }, bytes(0));
      const claims = [{ clientId: 9, userId: 'u1' }];
      // A row the log cannot take (its data missing) after one that claims.
      const broken = { data: null as unknown as Uint8Array, authorId: null };
      await expect(storage.appendUpdates('f', [{ ...up(1), claims }, broken], new Date())).rejects.toThrow();
      await expect(storage.appendUpdates('f', [{ ...broken, claims }], new Date(), 'F renamed')).rejects.toThrow();
      expect(await storage.loadClientOwners('f')).toEqual(new Map());
      expect(await storage.loadDocument('f')).toEqual({ state: bytes(0), updates: [], lastSeq: 0 });
      expect((await storage.getDraft('f'))?.title).toBe('F');
      // The numbering goes on as if nothing had been tried.
      expect(await storage.appendUpdates('f', [{ ...up(2), claims }], new Date())).toBe(1);
      expect(await storage.loadClientOwners('f')).toEqual(new Map([[9, 'u1']]));
    });

    it('keeps drafts apart: one draft’s log never shows in another', async () => {
      await storage.createDraft({ id: 'x', title: 'X', createdAt: new Date() }, bytes(0));
      await storage.createDraft({ id: 'y', title: 'Y', createdAt: new Date() }, bytes(0));
      await storage.appendUpdates('x', [up(1)], new Date());
      await storage.appendUpdates('y', [up(2)], new Date());
      await storage.compactDocument('x', bytes(5), (await storage.loadDocument('x')).lastSeq);
      expect((await storage.loadDocument('y')).updates).toEqual([bytes(2)]);
    });

    it('keeps the clause history, newest first, with the words of the clauses whose words changed', async () => {
      await storage.createDraft({ id: 'd', title: 'D', createdAt: new Date() }, bytes(0));
      await storage.appendClauseChanges(
        'd',
        [
          { authorId: 'a', clauseIds: ['c1', 'c2'] },
          { authorId: null, clauseIds: [] },
        ],
        new Date('2026-01-01T00:00:00Z'),
      );
      await storage.appendClauseChanges('d', [{ authorId: 'b', clauseIds: ['c3'] }], new Date('2026-01-01T00:00:05Z'));
      const changes = await storage.listClauseChanges('d', { limit: 10 });
      expect(changes.map((c) => [c.authorId, c.clauseIds])).toEqual([
        ['b', ['c3']],
        ['a', ['c1', 'c2']],
      ]);
      const since = await storage.listClauseChanges('d', { since: '2026-01-01T00:00:02.000Z' });
      expect(since.map((c) => [c.authorId, c.clauseIds])).toEqual([['b', ['c3']]]);
      expect(await storage.listClauseChanges('d', { limit: 1 })).toHaveLength(1);

      // The words of the clauses whose words changed, kept beside the entry and read by range.
      const texts = { c4: { before: 'Old words.', after: 'New words.' } };
      await storage.appendClauseChanges('d', [{ authorId: 'b', clauseIds: ['c4', 'c5'], texts }], new Date());
      const [newest] = await storage.listClauseChanges('d', { limit: 1 });
      expect(await storage.listClauseTexts('d', { fromId: 0, toId: newest!.id })).toEqual([{ id: newest!.id, texts }]);
      expect(await storage.listClauseTexts('d', { fromId: 0, toId: newest!.id - 1 })).toEqual([]);
    });
  });
}
