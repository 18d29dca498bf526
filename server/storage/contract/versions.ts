import { beforeEach, describe, expect, it } from 'vitest';
import type { Storage, VersionRecord, VersionSummaryRecord } from '../Storage';
import { bytes, seedDraft } from './fixtures';

/** A version as a list shows it: without its text. */
function summaryOf(version: VersionRecord): VersionSummaryRecord {
  const { id, draftId, label, note, createdBy, createdAt, publishedAt, publishedBy } = version;
  return { id, draftId, label, note, createdBy, createdAt, publishedAt, publishedBy };
}

/** The contract of `VersionStorage`: named, immutable versions of a draft's text, published or not. */
export function versionsContract(current: () => Storage): void {
  describe('versions', () => {
    let storage: Storage;
    beforeEach(async () => {
      storage = current();
      await seedDraft(storage);
    });

    it('keeps versions with their text, lists a draft’s oldest first without it, and publishes and unpublishes them', async () => {
      const version = (id: string, createdAt: string): VersionRecord => ({
        id,
        draftId: 'd',
        label: `Rev.${id}`,
        note: 'As agreed',
        createdBy: 'u',
        createdAt,
        state: bytes(1, 2, 3),
        document: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Words' }] }] },
        pillars: [{ key: 'att', label: 'Attribution', short: 'ATT', description: 'Who did it', color: '#b45309' }],
        publishedAt: null,
        publishedBy: null,
      });
      const [first, second] = [version('1', '2026-01-01T00:00:00.000Z'), version('2', '2026-01-02T00:00:00.000Z')];
      expect(await storage.createVersion(second)).toEqual(second);
      await storage.createVersion(first);
      const stored = await storage.getVersion('2');
      expect(stored).toEqual(second);
      // Given back as Yjs takes it.
      expect(Object.getPrototypeOf(stored!.state)).toBe(Uint8Array.prototype);
      expect(await storage.getVersion('missing')).toBeUndefined();
      expect(await storage.listVersions('d')).toEqual([summaryOf(first), summaryOf(second)]);
      expect(await storage.listVersions('missing')).toEqual([]);

      await storage.setVersionPublished('2', 'u', new Date('2026-01-03T00:00:00Z'));
      expect(await storage.getVersion('2')).toMatchObject({
        publishedAt: '2026-01-03T00:00:00.000Z',
        publishedBy: 'u',
      });
      expect((await storage.listVersions('d')).map((v) => [v.id, v.publishedAt])).toEqual([
        ['1', null],
        ['2', '2026-01-03T00:00:00.000Z'],
      ]);
      await storage.setVersionPublished('2', null, null);
      expect(await storage.getVersion('2')).toEqual(second);

      // One taken before versions kept the pillars.
      const older = { ...version('3', '2026-01-04T00:00:00.000Z'), pillars: null };
      await storage.createVersion(older);
      expect(await storage.getVersion('3')).toEqual(older);
    });
  });
}
