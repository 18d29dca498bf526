import { beforeEach, describe, expect, it } from 'vitest';
import type { Storage } from '../Storage';
import { bytes, person } from './fixtures';

/**
 * The contract of `DraftStorage`: drafts created, read, listed (newest change first, archived
 * apart), changed, and listed for a person with their role.
 */
export function draftsContract(current: () => Storage): void {
  describe('drafts', () => {
    let storage: Storage;
    beforeEach(() => {
      storage = current();
    });

    it('creates, reads and lists drafts, newest update first, archived apart', async () => {
      const a = await storage.createDraft(
        { id: 'a', title: 'Alpha', createdAt: new Date('2026-01-01T00:00:00Z') },
        bytes(0, 0),
      );
      await storage.createDraft({ id: 'b', title: 'Bravo', createdAt: new Date('2026-01-02T00:00:00Z') }, bytes(0, 0));
      expect(a).toEqual({
        id: 'a',
        title: 'Alpha',
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
        archivedAt: null,
        facilitatorSince: null,
        pillars: [],
      });
      expect(await storage.getDraft('a')).toEqual(a);
      expect(await storage.getDraft('missing')).toBeUndefined();
      expect((await storage.listDrafts({ archived: false })).map((d) => d.id)).toEqual(['b', 'a']);

      expect((await storage.updateDraft('a', { updatedAt: new Date('2026-01-03T00:00:00Z') }))?.updatedAt).toBe(
        '2026-01-03T00:00:00.000Z',
      );
      expect((await storage.listDrafts({ archived: false })).map((d) => d.id)).toEqual(['a', 'b']);

      const archived = await storage.updateDraft('b', { archivedAt: new Date('2026-01-04T00:00:00Z') });
      expect(archived?.archivedAt).toBe('2026-01-04T00:00:00.000Z');
      expect((await storage.listDrafts({ archived: false })).map((d) => d.id)).toEqual(['a']);
      expect((await storage.listDrafts({ archived: true })).map((d) => d.id)).toEqual(['b']);
      expect((await storage.updateDraft('b', { archivedAt: null }))?.archivedAt).toBeNull();

      // A draft's own pillars are kept in order, listed with it, and replaced whole.
      const own = [
        { key: 'cable-protection', label: 'Cable protection', short: 'CAB', description: 'Routes.', color: '#0B6FB8' },
        { key: 'repair', label: 'Repair', short: 'REP', description: '', color: '#C77700' },
      ];
      await storage.createDraft(
        { id: 'c', title: 'Cables', createdAt: new Date('2026-01-06T00:00:00Z'), pillars: own },
        bytes(0, 0),
      );
      expect((await storage.getDraft('c'))?.pillars).toEqual(own);
      expect((await storage.listDrafts({ archived: false })).find((d) => d.id === 'c')?.pillars).toEqual(own);
      expect((await storage.updateDraft('c', { pillars: [own[1]!] }))?.pillars).toEqual([own[1]]);
      const since = new Date('2026-01-04T00:00:00Z');
      expect((await storage.updateDraft('a', { facilitatorSince: since }))?.facilitatorSince).toBe(since.toISOString());
      expect((await storage.updateDraft('a', { facilitatorSince: null }))?.facilitatorSince).toBeNull();
      expect(await storage.updateDraft('missing', { title: 'x' })).toBeUndefined();
      expect((await storage.updateDraft('a', { title: 'Renamed' }))?.title).toBe('Renamed');
      expect(await storage.getDraft('a')).toMatchObject({ title: 'Renamed', updatedAt: '2026-01-03T00:00:00.000Z' });
    });

    it('makes the chair it is created with a member, and lists a person’s drafts with their role, archived apart', async () => {
      await storage.createAffiliation({ id: 'aff', kind: 'organisation', name: 'Org', code: null });
      await storage.createUser(person('u', 'aff'));
      await storage.createUser(person('v', 'aff'));
      const chaired = { id: 'd0', title: 'Zero', createdAt: new Date('2026-01-01T00:00:00Z'), chairId: 'v' };
      await storage.createDraft(chaired, bytes(0));
      await storage.createDraft({ id: 'd1', title: 'One', createdAt: new Date('2026-01-02T00:00:00Z') }, bytes(0));
      await storage.createDraft({ id: 'd2', title: 'Two', createdAt: new Date('2026-01-03T00:00:00Z') }, bytes(0));
      expect((await storage.listMemberships('d0')).map((m) => [m.userId, m.role])).toEqual([['v', 'chair']]);

      await storage.setMembership('d1', 'u', 'delegate', new Date());
      await storage.setMembership('d1', 'u', 'observer', new Date());
      expect((await storage.listDraftsForUser('u', { archived: false })).map((d) => [d.id, d.role])).toEqual([
        ['d1', 'observer'],
      ]);
      await storage.setMembership('d2', 'v', 'delegate', new Date());
      const drafts = async (archived: boolean) =>
        (await storage.listDraftsForUser('v', { archived })).map((d) => [d.id, d.role, d.title]);
      expect(await drafts(false)).toEqual([
        ['d2', 'delegate', 'Two'],
        ['d0', 'chair', 'Zero'],
      ]);
      await storage.updateDraft('d2', { archivedAt: new Date('2026-01-04T00:00:00Z') });
      expect(await drafts(false)).toEqual([['d0', 'chair', 'Zero']]);
      expect(await drafts(true)).toEqual([['d2', 'delegate', 'Two']]);
    });
  });
}
