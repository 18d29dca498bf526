import type { Kysely } from 'kysely';
import type { Database } from './database';
import type { MetaStorage } from './MetaStorage';
import { upsert } from './upsert';

/** {@link MetaStorage} over Kysely (`db` speaks camelCase, see `withCamelCase`). */
export function kyselyMeta(db: Kysely<Database>): MetaStorage {
  return {
    async getMeta(key) {
      const row = await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
      return row?.value;
    },

    async setMeta(key, value) {
      await upsert(db, 'meta', { key, value }, ['key']);
    },

    async claimMeta(key, value) {
      const result = await db
        .insertInto('meta')
        .values({ key, value })
        .onConflict((conflict) => conflict.column('key').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },
  };
}
