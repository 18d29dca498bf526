import { beforeEach, describe, expect, it } from 'vitest';
import type { Storage } from '../Storage';
import { bytes } from './fixtures';

/** The contract of `AuditStorage`: who did what to which draft, newest first. */
export function auditContract(current: () => Storage): void {
  describe('audit log', () => {
    let storage: Storage;
    beforeEach(() => {
      storage = current();
    });

    it('keeps the audit log, newest first', async () => {
      await storage.createDraft({ id: 'd', title: 'D', createdAt: new Date() }, bytes(0));
      await storage.appendAudit({
        at: '2026-01-01T00:00:00.000Z',
        actorId: 'a',
        draftId: 'd',
        action: 'first',
        details: { n: 1 },
      });
      await storage.appendAudit({
        at: '2026-01-01T00:00:01.000Z',
        actorId: 'a',
        draftId: null,
        action: 'elsewhere',
        details: {},
      });
      await storage.appendAudit({
        at: '2026-01-01T00:00:02.000Z',
        actorId: 'a',
        draftId: 'd',
        action: 'second',
        details: {},
      });
      expect((await storage.listAudit({ draftId: 'd', limit: 10 })).map((e) => e.action)).toEqual(['second', 'first']);
      expect((await storage.listAudit({ draftId: 'd', limit: 10 }))[1]?.details).toEqual({ n: 1 });
    });

    it('lists the whole log across drafts, and no more entries than asked', async () => {
      await storage.createDraft({ id: 'd', title: 'D', createdAt: new Date() }, bytes(0));
      const entry = { at: '2026-01-01T00:00:00.000Z', actorId: null, details: {} };
      await storage.appendAudit({ ...entry, draftId: 'd', action: 'first' });
      await storage.appendAudit({ ...entry, draftId: null, action: 'server' });
      await storage.appendAudit({
        ...entry,
        actorId: 'a',
        draftId: 'd',
        action: 'last',
        details: { nested: { n: [1] } },
      });
      expect((await storage.listAudit({ limit: 10 })).map((e) => [e.action, e.draftId])).toEqual([
        ['last', 'd'],
        ['server', null],
        ['first', 'd'],
      ]);
      const [newest] = await storage.listAudit({ limit: 1 });
      expect(newest).toMatchObject({ actorId: 'a', action: 'last', details: { nested: { n: [1] } } });
      expect(await storage.listAudit({ limit: 1 })).toHaveLength(1);
      expect((await storage.listAudit({ draftId: 'd', limit: 1 })).map((e) => e.action)).toEqual(['last']);
      expect(await storage.listAudit({ draftId: 'missing', limit: 10 })).toEqual([]);
    });
  });
}
