import type { Kysely, Selectable } from 'kysely';
import type { Database } from './database';
import type { MembershipRecord, PeopleStorage, UserRecord } from './PeopleStorage';
import { upsert } from './upsert';

/** {@link PeopleStorage} over Kysely (`db` speaks camelCase, see `withCamelCase`). */
export function kyselyPeople(db: Kysely<Database>): PeopleStorage {
  const affiliations = () => db.selectFrom('affiliations').select(['id', 'kind', 'name', 'code']);
  const users = () => db.selectFrom('users').selectAll();

  return {
    async createAffiliation(affiliation) {
      await db
        .insertInto('affiliations')
        .values({ ...affiliation, createdAt: new Date().toISOString() })
        .execute();
      return affiliation;
    },

    async getAffiliation(id) {
      return affiliations().where('id', '=', id).executeTakeFirst();
    },

    async findAffiliation(kind, name) {
      return affiliations().where('kind', '=', kind).where('name', '=', name).executeTakeFirst();
    },

    async listAffiliations() {
      return affiliations().orderBy('kind').orderBy('name').execute();
    },

    async createUser(user) {
      await db
        .insertInto('users')
        .values({ ...user, canCreateDrafts: user.canCreateDrafts ? 1 : 0 })
        .execute();
      return user;
    },

    async getUser(id) {
      const row = await users().where('id', '=', id).executeTakeFirst();
      return row && toUser(row);
    },

    async getUserByEmail(email) {
      const row = await users().where('email', '=', email).executeTakeFirst();
      return row && toUser(row);
    },

    async countUsers() {
      const row = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async setPasswordHash(userId, passwordHash) {
      await db.updateTable('users').set({ passwordHash }).where('id', '=', userId).execute();
    },

    async createSession(session) {
      await db.insertInto('sessions').values(session).execute();
      return session;
    },

    async getSessionByTokenHash(tokenHash) {
      return db.selectFrom('sessions').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst();
    },

    async listSessions(userId) {
      return db
        .selectFrom('sessions')
        .selectAll()
        .where('userId', '=', userId)
        .orderBy('createdAt', 'desc')
        .orderBy('id')
        .execute();
    },

    async revokeSession(id, at) {
      await db
        .updateTable('sessions')
        .set({ revokedAt: at.toISOString() })
        .where('id', '=', id)
        .where('revokedAt', 'is', null)
        .execute();
    },

    async touchSession(id, at) {
      await db.updateTable('sessions').set({ lastUsedAt: at.toISOString() }).where('id', '=', id).execute();
    },

    async setMembership(draftId, userId, role, at) {
      await setMembershipIn(db, draftId, userId, role, at);
    },

    async removeMembership(draftId, userId) {
      const result = await db
        .deleteFrom('memberships')
        .where('draftId', '=', draftId)
        .where('userId', '=', userId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async getMembership(draftId, userId) {
      return db
        .selectFrom('memberships')
        .selectAll()
        .where('draftId', '=', draftId)
        .where('userId', '=', userId)
        .executeTakeFirst();
    },

    async listMemberships(draftId) {
      return db
        .selectFrom('memberships')
        .selectAll()
        .where('draftId', '=', draftId)
        .orderBy('createdAt')
        .orderBy('userId')
        .execute();
    },

    async createInvite(invite) {
      await db.insertInto('invites').values(invite).execute();
      return invite;
    },

    async getInviteByTokenHash(tokenHash) {
      return db.selectFrom('invites').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst();
    },

    async listInvites(draftId) {
      return db
        .selectFrom('invites')
        .selectAll()
        .where('draftId', '=', draftId)
        .orderBy('createdAt', 'desc')
        .orderBy('id')
        .execute();
    },

    async acceptInvite({ inviteId, person, at }) {
      try {
        return await db.transaction().execute(async (tx) => {
          const userId = 'newUser' in person ? person.newUser.id : person.userId;
          const now = at.toISOString();
          // The claim: of any number of concurrent acceptances, one finds the row still open.
          const claimed = await tx
            .updateTable('invites')
            .set({ acceptedAt: now, acceptedBy: userId })
            .where('id', '=', inviteId)
            .where('acceptedAt', 'is', null)
            .where('revokedAt', 'is', null)
            .where('expiresAt', '>', now)
            .returning(['draftId', 'role'])
            .executeTakeFirst();
          if (!claimed) throw new Refused('invite_closed');
          if ('newUser' in person) {
            const { newUser } = person;
            // One statement that stands back from a taken email: of two acceptances with one new
            // email at the same moment (of different invites), the second finds it taken.
            const created = await tx
              .insertInto('users')
              .values({ ...newUser, canCreateDrafts: newUser.canCreateDrafts ? 1 : 0 })
              .onConflict((conflict) => conflict.column('email').doNothing())
              .returning('id')
              .executeTakeFirst();
            if (!created) throw new Refused('email_taken');
          }
          const existing = await tx
            .selectFrom('memberships')
            .select('role')
            .where('draftId', '=', claimed.draftId)
            .where('userId', '=', userId)
            .executeTakeFirst();
          const role = existing?.role === 'chair' ? 'chair' : claimed.role;
          if (existing?.role !== 'chair') await setMembershipIn(tx, claimed.draftId, userId, role, at);
          return { ok: true as const, userId, draftId: claimed.draftId, role };
        });
      } catch (error) {
        if (error instanceof Refused) return { ok: false, refusal: error.refusal };
        throw error;
      }
    },

    async revokeInvite(id, at) {
      await db
        .updateTable('invites')
        .set({ revokedAt: at.toISOString() })
        .where('id', '=', id)
        .where('revokedAt', 'is', null)
        .execute();
    },
  };
}

/** Gives a person a role on a draft; a new role keeps the date the person first joined the draft. */
export async function setMembershipIn(
  db: Kysely<Database>,
  draftId: string,
  userId: string,
  role: MembershipRecord['role'],
  at: Date,
): Promise<void> {
  await upsert(
    db,
    'memberships',
    { draftId, userId, role, createdAt: at.toISOString() },
    ['draftId', 'userId'],
    ['role'],
  );
}

/** Thrown inside an acceptance's transaction to roll it back and say why. */
class Refused extends Error {
  constructor(readonly refusal: 'invite_closed' | 'email_taken') {
    super(refusal);
  }
}

/** SQLite has no booleans: the flag is stored as 0 or 1. */
function toUser(row: Selectable<Database['users']>): UserRecord {
  return { ...row, canCreateDrafts: Boolean(row.canCreateDrafts) };
}
