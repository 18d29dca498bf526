import type { Kysely } from 'kysely';
import type { Database } from './database';
import type { DraftRecord, DraftStorage } from './DraftStorage';
import { setMembershipIn } from './kyselyPeople';

/** {@link DraftStorage} over Kysely (`db` speaks camelCase, see `withCamelCase`). */
export function kyselyDrafts(db: Kysely<Database>): DraftStorage {
  const getDraft: DraftStorage['getDraft'] = async (id) => {
    const row = await db.selectFrom('drafts').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toRecord(row);
  };

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
        await tx
          .insertInto('drafts')
          .values({ ...record, pillars: JSON.stringify(draft.pillars ?? []) })
          .execute();
        await tx
          .insertInto('documentStates')
          .values({ draftId: draft.id, data: initialState, upToSeq: 0, compactedAt: at })
          .execute();
        if (draft.chairId) await setMembershipIn(tx, draft.id, draft.chairId, 'chair', draft.createdAt);
      });
      return { ...record, facilitatorSince: null, pillars: [...(draft.pillars ?? [])] };
    },

    getDraft,

    async listDrafts(filter) {
      const rows = await db
        .selectFrom('drafts')
        .selectAll()
        .where('archivedAt', filter.archived ? 'is not' : 'is', null)
        .orderBy('updatedAt', 'desc')
        .orderBy('id')
        .execute();
      return rows.map(toRecord);
    },

    async updateDraft(id, patch) {
      const values = {
        title: patch.title,
        archivedAt: patch.archivedAt === undefined ? undefined : (patch.archivedAt?.toISOString() ?? null),
        updatedAt: patch.updatedAt?.toISOString(),
        facilitatorSince:
          patch.facilitatorSince === undefined ? undefined : (patch.facilitatorSince?.toISOString() ?? null),
        pillars: patch.pillars && JSON.stringify(patch.pillars),
      };
      if (Object.values(values).some((value) => value !== undefined)) {
        await db.updateTable('drafts').set(values).where('id', '=', id).execute();
      }
      return getDraft(id);
    },

    async listDraftsForUser(userId, filter) {
      const rows = await db
        .selectFrom('drafts')
        .innerJoin('memberships', 'memberships.draftId', 'drafts.id')
        .selectAll('drafts')
        .select('memberships.role')
        .where('memberships.userId', '=', userId)
        .where('drafts.archivedAt', filter.archived ? 'is not' : 'is', null)
        .orderBy('drafts.updatedAt', 'desc')
        .orderBy('drafts.id')
        .execute();
      return rows.map((row) => ({ ...toRecord(row), role: row.role }));
    },
  };
}

function toRecord<Row extends Database['drafts']>(row: Row): Omit<Row, 'pillars'> & DraftRecord {
  return { ...row, pillars: JSON.parse(row.pillars) as DraftRecord['pillars'] };
}
