import type { Kysely } from 'kysely';
import type { Database } from './database';
import { kyselyAudit } from './kyselyAudit';
import type { NegotiationStorage } from './NegotiationStorage';
import { upsert } from './upsert';

/** {@link NegotiationStorage} over Kysely (`db` speaks camelCase, see `withCamelCase`). */
export function kyselyNegotiation(db: Kysely<Database>): NegotiationStorage {
  return {
    async setBracketHolding(record) {
      await db
        .insertInto('bracketHoldings')
        .values(record)
        .onConflict((oc) =>
          oc.columns(['draftId', 'bracketId', 'affiliationId']).doUpdateSet({
            holding: record.holding,
            userId: record.userId,
            at: record.at,
          }),
        )
        .execute();
    },
    listBracketHoldings: (draftId) =>
      db
        .selectFrom('bracketHoldings')
        .selectAll()
        .where('draftId', '=', draftId)
        .orderBy('at')
        .orderBy('bracketId')
        .orderBy('affiliationId')
        .execute(),

    async setAlternativeSupport(record) {
      await db
        .insertInto('alternativeSupport')
        .values(record)
        .onConflict((oc) =>
          oc.columns(['draftId', 'alternativeId', 'affiliationId']).doUpdateSet({
            optionId: record.optionId,
            userId: record.userId,
            at: record.at,
          }),
        )
        .execute();
    },
    listAlternativeSupport: (draftId) =>
      db
        .selectFrom('alternativeSupport')
        .selectAll()
        .where('draftId', '=', draftId)
        .orderBy('at')
        .orderBy('alternativeId')
        .orderBy('affiliationId')
        .execute(),

    async recordSettlement(record) {
      await db.insertInto('markerSettlements').values(record).execute();
    },
    listSettlements: (draftId) =>
      db
        .selectFrom('markerSettlements')
        .selectAll()
        .where('draftId', '=', draftId)
        .orderBy('decidedAt')
        .orderBy('markerId')
        .execute(),

    async recordSuggestionDecisions(records, entry) {
      await db.transaction().execute(async (tx) => {
        for (const record of records) await upsert(tx, 'suggestionDecisions', record, ['draftId', 'suggestionId']);
        await kyselyAudit(tx).appendAudit(entry);
      });
    },
    listSuggestionDecisions: (draftId) =>
      db
        .selectFrom('suggestionDecisions')
        .selectAll()
        .where('draftId', '=', draftId)
        .orderBy('decidedAt')
        .orderBy('suggestionId')
        .execute(),

    async setSuggestionStance({ stance, ...record }) {
      if (stance === null) {
        await db
          .deleteFrom('suggestionStances')
          .where('draftId', '=', record.draftId)
          .where('suggestionId', '=', record.suggestionId)
          .where('affiliationId', '=', record.affiliationId)
          .execute();
        return;
      }
      await db
        .insertInto('suggestionStances')
        .values({ ...record, stance })
        .onConflict((oc) =>
          oc
            .columns(['draftId', 'suggestionId', 'affiliationId'])
            .doUpdateSet({ stance, userId: record.userId, at: record.at }),
        )
        .execute();
    },
    listSuggestionStances: async (draftId) =>
      db
        .selectFrom('suggestionStances')
        .selectAll()
        .where('draftId', '=', draftId)
        .orderBy('at')
        .orderBy('suggestionId')
        .orderBy('affiliationId')
        .execute(),
  };
}
