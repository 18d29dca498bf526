import type { Kysely } from 'kysely';
import type { Database } from './database';
import type { AuditStorage } from './AuditStorage';

/** {@link AuditStorage} over Kysely (`db` speaks camelCase, see `withCamelCase`). */
export function kyselyAudit(db: Kysely<Database>): AuditStorage {
  return {
    async appendAudit(entry) {
      await db
        .insertInto('auditLog')
        .values({ ...entry, details: JSON.stringify(entry.details) })
        .execute();
    },

    async listAudit(filter) {
      let query = db.selectFrom('auditLog').selectAll().orderBy('id', 'desc').limit(filter.limit);
      if (filter.draftId !== undefined) query = query.where('draftId', '=', filter.draftId);
      const rows = await query.execute();
      return rows.map((row) => ({
        ...row,
        id: Number(row.id),
        details: JSON.parse(row.details) as Record<string, unknown>,
      }));
    },
  };
}
