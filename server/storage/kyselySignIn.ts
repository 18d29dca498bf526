import type { Kysely } from 'kysely';
import type { Database } from './database';
import type { SignInStorage } from './SignInStorage';

/** {@link SignInStorage} over Kysely (`db` speaks camelCase, see `withCamelCase`). */
export function kyselySignIn(db: Kysely<Database>): SignInStorage {
  return {
    async getLoginAttempts(key) {
      return db.selectFrom('loginAttempts').selectAll().where('key', '=', key).executeTakeFirst();
    },

    async swapLoginAttempts(key, expected, next) {
      if (!expected) {
        if (!next) return (await this.getLoginAttempts(key)) === undefined;
        const inserted = await db
          .insertInto('loginAttempts')
          .values({ ...next, key })
          .onConflict((conflict) => conflict.column('key').doNothing())
          .executeTakeFirst();
        return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
      }
      if (!next) {
        const deleted = await db
          .deleteFrom('loginAttempts')
          .where('key', '=', key)
          .where('attempts', '=', expected.attempts)
          .where('lastAttemptAt', '=', expected.lastAttemptAt)
          .executeTakeFirst();
        return Number(deleted.numDeletedRows) > 0;
      }
      const updated = await db
        .updateTable('loginAttempts')
        .set({ attempts: next.attempts, lastAttemptAt: next.lastAttemptAt })
        .where('key', '=', key)
        .where('attempts', '=', expected.attempts)
        .where('lastAttemptAt', '=', expected.lastAttemptAt)
        .executeTakeFirst();
      return Number(updated.numUpdatedRows) > 0;
    },

    async deleteLoginAttempts(key) {
      await db.deleteFrom('loginAttempts').where('key', '=', key).execute();
    },

    async createLoginDevice(device) {
      await db.insertInto('loginDevices').values(device).execute();
    },

    async getLoginDeviceByTokenHash(tokenHash) {
      return db.selectFrom('loginDevices').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst();
    },

    async pruneSignIns(attemptsBefore, devicesBefore) {
      await db.deleteFrom('loginAttempts').where('lastAttemptAt', '<', attemptsBefore.toISOString()).execute();
      await db.deleteFrom('loginDevices').where('expiresAt', '<', devicesBefore.toISOString()).execute();
    },
  };
}
