import { beforeEach, describe, expect, it } from 'vitest';
import type { CommentRecord, Storage } from '../Storage';
import { seedDraft } from './fixtures';

/** A comment by `u` on draft `d`, written at `createdAt`. */
function comment(id: string, createdAt: string, overrides: Partial<CommentRecord> = {}): CommentRecord {
  return {
    id,
    draftId: 'd',
    parentId: null,
    authorId: 'u',
    authorRole: 'delegate',
    body: `Comment ${id}`,
    anchor: { clauseId: 'c1' },
    anchorState: 'attached',
    anchorText: null,
    mentions: [],
    createdAt,
    editedAt: null,
    resolvedAt: null,
    resolvedBy: null,
    hiddenAt: null,
    hiddenBy: null,
    hiddenReason: null,
    ...overrides,
  };
}

/** The contract of `CommentStorage`: comments and replies on a draft, and its comment periods. */
export function commentsContract(current: () => Storage): void {
  describe('comments', () => {
    let storage: Storage;
    beforeEach(async () => {
      storage = current();
      await seedDraft(storage);
    });

    it('keeps comments and replies with their anchors and mentions, a draft’s oldest first', async () => {
      const span = { clauseId: 'c2', from: 'AQID', to: 'BAUG', quote: 'the words' };
      const first = comment('k1', '2026-01-02T00:00:00.000Z', {
        anchor: span,
        anchorText: 'the words',
        mentions: ['aff'],
      });
      expect(await storage.createComment(first)).toEqual(first);
      const reply = comment('k0', '2026-01-03T00:00:00.000Z', { parentId: 'k1', authorRole: 'chair' });
      await storage.createComment(reply);
      const point = comment('k2', '2026-01-01T00:00:00.000Z', { anchor: { clauseId: 'c3', pointId: 'p1' } });
      await storage.createComment(point);
      await storage.createDraft({ id: 'e', title: 'E', createdAt: new Date('2026-01-01T00:00:00Z') }, Uint8Array.of(0));
      await storage.createComment(comment('elsewhere', '2026-01-01T00:00:00.000Z', { draftId: 'e' }));

      expect(await storage.getComment('k1')).toEqual(first);
      expect(await storage.getComment('missing')).toBeUndefined();
      expect(await storage.listComments('d')).toEqual([point, first, reply]);
    });

    it('changes only what a patch names, and nothing of a comment that is not there', async () => {
      const written = comment('k', '2026-01-01T00:00:00.000Z', { anchor: { clauseId: 'c1', amendmentId: 'a1' } });
      await storage.createComment(written);
      const edited = { body: 'Edited', editedAt: '2026-01-02T00:00:00.000Z', anchorState: 'text-removed' as const };
      expect(await storage.updateComment('k', edited)).toEqual({ ...written, ...edited });
      const hidden = { hiddenAt: '2026-01-03T00:00:00.000Z', hiddenBy: 'u', hiddenReason: 'Off topic' };
      await storage.updateComment('k', { ...hidden, resolvedAt: '2026-01-04T00:00:00.000Z', resolvedBy: 'u' });
      expect(await storage.getComment('k')).toEqual({
        ...written,
        ...edited,
        ...hidden,
        resolvedAt: '2026-01-04T00:00:00.000Z',
        resolvedBy: 'u',
      });
      expect(await storage.updateComment('missing', { body: 'x' })).toBeUndefined();
      expect(await storage.getComment('missing')).toBeUndefined();
    });

    it('keeps a draft’s comment periods newest first, and closes one once', async () => {
      const period = (id: string, createdAt: string) => ({
        id,
        draftId: 'd',
        startsAt: '2026-02-01T00:00:00.000Z',
        endsAt: '2026-03-01T00:00:00.000Z',
        openedBy: 'u',
        createdAt,
        closedAt: null,
        closedBy: null,
      });
      const older = period('p1', '2026-01-01T00:00:00.000Z');
      expect(await storage.createCommentPeriod(older)).toEqual(older);
      await storage.createCommentPeriod(period('p2', '2026-01-02T00:00:00.000Z'));
      expect((await storage.listCommentPeriods('d')).map((p) => p.id)).toEqual(['p2', 'p1']);

      await storage.closeCommentPeriod('p1', 'u', new Date('2026-01-05T00:00:00Z'));
      // Closing it again leaves the first closing.
      await storage.closeCommentPeriod('p1', 'u', new Date('2026-01-06T00:00:00Z'));
      expect(await storage.listCommentPeriods('d')).toEqual([
        period('p2', '2026-01-02T00:00:00.000Z'),
        { ...older, closedAt: '2026-01-05T00:00:00.000Z', closedBy: 'u' },
      ]);
      expect(await storage.listCommentPeriods('missing')).toEqual([]);
    });
  });
}
