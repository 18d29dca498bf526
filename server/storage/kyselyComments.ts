import type { Kysely, Selectable } from 'kysely';
import type { Database } from './database';
import type { CommentRecord, CommentStorage } from './CommentStorage';

/** {@link CommentStorage} over Kysely (`db` speaks camelCase, see `withCamelCase`). */
export function kyselyComments(db: Kysely<Database>): CommentStorage {
  const getComment: CommentStorage['getComment'] = async (id) => {
    const row = await db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toComment(row);
  };

  return {
    async createComment(comment) {
      await db.insertInto('comments').values(toRow(comment)).execute();
      return comment;
    },

    getComment,

    async listComments(draftId) {
      const rows = await db
        .selectFrom('comments')
        .selectAll()
        .where('draftId', '=', draftId)
        .orderBy('createdAt')
        .orderBy('id')
        .execute();
      return rows.map(toComment);
    },

    async updateComment(id, patch) {
      const existing = await getComment(id);
      if (!existing) return undefined;
      const updated = { ...existing, ...patch };
      await db.updateTable('comments').set(toRow(updated)).where('id', '=', id).execute();
      return updated;
    },

    async createCommentPeriod(period) {
      await db.insertInto('commentPeriods').values(period).execute();
      return period;
    },

    async listCommentPeriods(draftId) {
      return db
        .selectFrom('commentPeriods')
        .selectAll()
        .where('draftId', '=', draftId)
        .orderBy('createdAt', 'desc')
        .orderBy('id')
        .execute();
    },

    async closeCommentPeriod(id, by, at) {
      await db
        .updateTable('commentPeriods')
        .set({ closedAt: at.toISOString(), closedBy: by })
        .where('id', '=', id)
        .where('closedAt', 'is', null)
        .execute();
    },
  };
}

/** The anchor and the mentions are stored as JSON text. */
function toRow(comment: CommentRecord): Database['comments'] {
  return { ...comment, anchor: JSON.stringify(comment.anchor), mentions: JSON.stringify(comment.mentions) };
}

function toComment(row: Selectable<Database['comments']>): CommentRecord {
  return {
    ...row,
    anchor: JSON.parse(row.anchor) as CommentRecord['anchor'],
    mentions: JSON.parse(row.mentions) as string[],
  };
}
