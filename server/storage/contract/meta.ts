import { beforeEach, describe, expect, it } from 'vitest';
import type { Storage } from '../Storage';

/** The contract of `MetaStorage`: the server's bookkeeping values, one of which several servers may race to claim. */
export function metaContract(current: () => Storage): void {
  describe('meta', () => {
    let storage: Storage;
    beforeEach(() => {
      storage = current();
    });

    it('stores server bookkeeping values', async () => {
      expect(await storage.getMeta('k')).toBeUndefined();
      await storage.setMeta('k', 'one');
      await storage.setMeta('k', 'two');
      expect(await storage.getMeta('k')).toBe('two');
    });

    it('lets one of several callers claim a key at the same moment, and none claim a key already set', async () => {
      const claims = await Promise.all(Array.from({ length: 8 }, (_, k) => storage.claimMeta('seeded', `server ${k}`)));
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await storage.getMeta('seeded')).toBe(`server ${claims.indexOf(true)}`);
      expect(await storage.claimMeta('seeded', 'later')).toBe(false);
      await storage.setMeta('set', 'one');
      expect(await storage.claimMeta('set', 'two')).toBe(false);
      expect(await storage.getMeta('set')).toBe('one');
    });
  });
}
