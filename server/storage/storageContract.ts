import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Storage, StoredUpdate } from './Storage';

/** Opens a fresh, empty storage for one test and says how to dispose of it. */
export type OpenStorage = () => Promise<{ storage: Storage; dispose: () => Promise<void> }>;

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);
/** An update by nobody in particular (the contract is about storage, not attribution). */
const up = (...values: number[]): StoredUpdate => ({ data: bytes(...values), authorId: null });

/**
 * The behaviour every storage backend must have. Each backend's test file calls this with a way
 * to open a fresh instance, so SQLite and PostgreSQL are held to exactly the same contract.
 */
export function storageContractSuite(name: string, open: OpenStorage): void {
  describe(`${name} storage contract`, () => {
    let storage: Storage;
    let dispose: () => Promise<void>;
    beforeEach(async () => {
      ({ storage, dispose } = await open());
    });
    afterEach(async () => {
      await dispose();
    });

    it('creates, reads and lists drafts, newest update first, archived apart', async () => {
      const a = await storage.createDraft({ id: 'a', title: 'Alpha', createdAt: new Date('2026-01-01T00:00:00Z') }, bytes(0, 0));
      await storage.createDraft({ id: 'b', title: 'Bravo', createdAt: new Date('2026-01-02T00:00:00Z') }, bytes(0, 0));
      expect(a).toEqual({ id: 'a', title: 'Alpha', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', archivedAt: null });
      expect(await storage.getDraft('a')).toEqual(a);
      expect(await storage.getDraft('missing')).toBeUndefined();
      expect((await storage.listDrafts({ archived: false })).map((d) => d.id)).toEqual(['b', 'a']);

      await storage.appendUpdates('a', [up(1)], new Date('2026-01-03T00:00:00Z'));
      expect((await storage.listDrafts({ archived: false })).map((d) => d.id)).toEqual(['a', 'b']);

      const archived = await storage.updateDraft('b', { archivedAt: new Date('2026-01-04T00:00:00Z') });
      expect(archived?.archivedAt).toBe('2026-01-04T00:00:00.000Z');
      expect((await storage.listDrafts({ archived: false })).map((d) => d.id)).toEqual(['a']);
      expect((await storage.listDrafts({ archived: true })).map((d) => d.id)).toEqual(['b']);
      expect((await storage.updateDraft('b', { archivedAt: null }))?.archivedAt).toBeNull();
      expect(await storage.updateDraft('missing', { title: 'x' })).toBeUndefined();
    });

    it('returns the initial state, then appended updates in order with increasing sequence numbers', async () => {
      await storage.createDraft({ id: 'd', title: 'D', createdAt: new Date() }, bytes(9, 9));
      const first = await storage.appendUpdates('d', [up(1), up(2)], new Date());
      const second = await storage.appendUpdates('d', [up(3)], new Date(), 'Renamed');
      expect(second).toBeGreaterThan(first);
      const loaded = await storage.loadDocument('d');
      expect(loaded.state).toEqual(bytes(9, 9));
      expect(loaded.updates).toEqual([bytes(1), bytes(2), bytes(3)]);
      expect(loaded.lastSeq).toBe(second);
      expect((await storage.getDraft('d'))?.title).toBe('Renamed');
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

    it('keeps drafts apart: one draft’s log never shows in another', async () => {
      await storage.createDraft({ id: 'x', title: 'X', createdAt: new Date() }, bytes(0));
      await storage.createDraft({ id: 'y', title: 'Y', createdAt: new Date() }, bytes(0));
      await storage.appendUpdates('x', [up(1)], new Date());
      await storage.appendUpdates('y', [up(2)], new Date());
      await storage.compactDocument('x', bytes(5), (await storage.loadDocument('x')).lastSeq);
      expect((await storage.loadDocument('y')).updates).toEqual([bytes(2)]);
    });

    it('stores server bookkeeping values', async () => {
      expect(await storage.getMeta('k')).toBeUndefined();
      await storage.setMeta('k', 'one');
      await storage.setMeta('k', 'two');
      expect(await storage.getMeta('k')).toBe('two');
    });
  });
}
