import type { Kysely } from 'kysely';
import type { Database } from './database';
import type { DraftStorage } from './DraftStorage';
import { setMembershipIn } from './kyselyPeople';

/** {@link DraftStorage} over Kysely (`db` speaks camelCase, see `withCamelCase`). */
export function kyselyDrafts(db: Kysely<Database>): DraftStorage {
  const getDraft: DraftStorage['getDraft'] = (id) =>
    db.selectFrom('drafts').selectAll().where('id', '=', id).executeTakeFirst();

  return {
    async createDraft(draft, initialState) {
      const at = draft.createdAt.toISOString();
      const record = {
        id: draft.id,
        title: draft.title,
        createdAt: at,
        updatedAt: at,
        archivedAt: null,
      };
      await db.transaction().execute(async (tx) => {
        await tx.insertInto('drafts').values(record).execute();
        await tx
          .insertInto('documentStates')
          .values({ draftId: draft.id, data: initialState, upToSeq: 0, compactedAt: at })
          .execute();
        if (draft.chairId) await setMembershipIn(tx, draft.id, draft.chairId, 'chair', draft.createdAt);
      });
      return { ...record, facilitatorSince: null };
    },

    getDraft,

    async listDrafts(filter) {
      return db
        .selectFrom('drafts')
        .selectAll()
        .where('archivedAt', filter.archived ? 'is not' : 'is', null)
        .orderBy('updatedAt', 'desc')
        .orderBy('id')
        .execute();
    },

    async updateDraft(id, patch) {
      const values = {
        title: patch.title,
        archivedAt: patch.archivedAt === undefined ? undefined : (patch.archivedAt?.toISOString() ?? null),
        updatedAt: patch.updatedAt?.toISOString(),
        facilitatorSince:
          patch.facilitatorSince === undefined ? undefined : (patch.facilitatorSince?.toISOString() ?? null),
      };
      if (Object.values(values).some((value) => value !== undefined)) {
        await db.updateTable('drafts').set(values).where('id', '=', id).execute();
      }
      return getDraft(id);
    },

    async listDraftsForUser(userId, filter) {
      return db
        .selectFrom('drafts')
        .innerJoin('memberships', 'memberships.draftId', 'drafts.id')
        .selectAll('drafts')
        .select('memberships.role')
        .where('memberships.userId', '=', userId)
        .where('drafts.archivedAt', filter.archived ? 'is not' : 'is', null)
        .orderBy('drafts.updatedAt', 'desc')
        .orderBy('drafts.id')
        .execute();
    },
  };
}
