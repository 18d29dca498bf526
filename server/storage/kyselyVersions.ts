import type { Kysely } from 'kysely';
import { type Database, toBytes } from './database';
import type { VersionRecord, VersionStorage } from './VersionStorage';

/** {@link VersionStorage} over Kysely (`db` speaks camelCase, see `withCamelCase`). */
export function kyselyVersions(db: Kysely<Database>): VersionStorage {
  return {
    async createVersion(version) {
      await db
        .insertInto('versions')
        .values({
          ...version,
          document: JSON.stringify(version.document),
          pillars: version.pillars && JSON.stringify(version.pillars),
        })
        .execute();
      return version;
    },

    async getVersion(id) {
      const row = await db.selectFrom('versions').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) return undefined;
      return {
        ...row,
        state: toBytes(row.state),
        document: JSON.parse(row.document) as VersionRecord['document'],
        pillars: row.pillars === null ? null : (JSON.parse(row.pillars) as VersionRecord['pillars']),
      };
    },

    async listVersions(draftId) {
      return db
        .selectFrom('versions')
        .select(['id', 'draftId', 'label', 'note', 'createdBy', 'createdAt', 'publishedAt', 'publishedBy'])
        .where('draftId', '=', draftId)
        .orderBy('createdAt')
        .orderBy('id')
        .execute();
    },

    async setVersionPublished(id, by, at) {
      await db
        .updateTable('versions')
        .set({ publishedAt: at?.toISOString() ?? null, publishedBy: by })
        .where('id', '=', id)
        .execute();
    },
  };
}
