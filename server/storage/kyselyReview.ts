import type { Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import type { ConsolidationRecord } from '../../shared/review/types';
import type { Database } from './database';
import { lockDraft } from './lockDraft';
import type {
  AmendmentPatch,
  AmendmentRecord,
  ResolutionRecord,
  ReviewCycleRecord,
  ReviewStorage,
} from './ReviewStorage';
import { upsert } from './upsert';

/**
 * {@link ReviewStorage} over Kysely (`db` speaks camelCase, see `withCamelCase`). With `lockRows`,
 * numbering an amendment holds its draft's row while it counts (`lockDraft`).
 */
export function kyselyReview(db: Kysely<Database>, { lockRows = false }: { lockRows?: boolean } = {}): ReviewStorage {
  const deleted = (result: { numDeletedRows: bigint }) => Number(result.numDeletedRows) > 0;

  return {
    async createReviewCycle(cycle) {
      await db
        .insertInto('reviewCycles')
        .values({ ...cycle, schedule: JSON.stringify(cycle.schedule) })
        .execute();
      return cycle;
    },

    async getReviewCycle(id) {
      const row = await db.selectFrom('reviewCycles').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toReviewCycle(row);
    },

    async listReviewCycles(draftId) {
      const rows = await db
        .selectFrom('reviewCycles')
        .selectAll()
        .where('draftId', '=', draftId)
        .orderBy('createdAt', 'desc')
        .orderBy('id')
        .execute();
      return rows.map(toReviewCycle);
    },

    async updateReviewCycle(id, patch) {
      const { phase, phaseChangedAt, consolidatedVersionId, consolidatedBy, consolidatedAt } = patch;
      const values = { phase, phaseChangedAt, consolidatedVersionId, consolidatedBy, consolidatedAt };
      if (Object.values(values).some((value) => value !== undefined))
        await db.updateTable('reviewCycles').set(values).where('id', '=', id).execute();
    },

    async createAmendment(amendment) {
      await db.insertInto('amendments').values(amendmentRow(amendment)).execute();
      return amendment;
    },

    async getAmendment(id) {
      const row = await db.selectFrom('amendments').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toAmendment(row);
    },

    async listAmendments(cycleId) {
      const rows = await db
        .selectFrom('amendments')
        .selectAll()
        .where('cycleId', '=', cycleId)
        .orderBy('createdAt')
        .orderBy('id')
        .execute();
      return rows.map(toAmendment);
    },

    async updateAmendment(id, patch) {
      const { kind, clauseId, proposed, justification, pillars, submittedAt, updatedAt, status, revised, transitions } =
        patch;
      // Only the fields a patch may change, whatever else the object carries.
      const values = amendmentRow({
        kind,
        clauseId,
        proposed,
        justification,
        pillars,
        submittedAt,
        updatedAt,
        status,
        revised,
        transitions,
      });
      if (Object.values(values).some((value) => value !== undefined))
        await db.updateTable('amendments').set(values).where('id', '=', id).execute();
    },

    async numberAmendment(id) {
      const number = async (tx: Kysely<Database>) => {
        await tx
          .updateTable('amendments')
          .set({
            // Raw SQL, so on the schema's own names.
            // Numbers continue across the draft's review cycles, so "A-3" names one amendment for good.
            number: sql<number>`(select coalesce(max(a.number), 0) + 1 from amendments a where a.draft_id = amendments.draft_id)`,
          })
          .where('id', '=', id)
          .where('number', 'is', null)
          .execute();
        const row = await tx.selectFrom('amendments').select('number').where('id', '=', id).executeTakeFirstOrThrow();
        return row.number!;
      };
      if (!lockRows) return number(db);
      return db.transaction().execute(async (tx) => {
        const amendment = await tx.selectFrom('amendments').select('draftId').where('id', '=', id).executeTakeFirst();
        if (amendment) await lockDraft(tx, amendment.draftId);
        return number(tx);
      });
    },

    async putCoSponsor(coSponsor) {
      await upsert(db, 'amendmentCosponsors', coSponsor, ['amendmentId', 'affiliationId']);
    },

    async deleteCoSponsor(amendmentId, affiliationId) {
      return deleted(
        await db
          .deleteFrom('amendmentCosponsors')
          .where('amendmentId', '=', amendmentId)
          .where('affiliationId', '=', affiliationId)
          .executeTakeFirst(),
      );
    },

    async listCoSponsors(cycleId) {
      return db
        .selectFrom('amendmentCosponsors')
        .innerJoin('amendments', 'amendments.id', 'amendmentCosponsors.amendmentId')
        .selectAll('amendmentCosponsors')
        .where('amendments.cycleId', '=', cycleId)
        .orderBy('amendmentCosponsors.requestedAt')
        .orderBy('amendmentCosponsors.affiliationId')
        .orderBy('amendmentCosponsors.amendmentId')
        .execute();
    },

    async putStatement(statement) {
      await upsert(db, 'amendmentStatements', statement, ['amendmentId', 'affiliationId']);
    },

    async deleteStatement(amendmentId, affiliationId) {
      return deleted(
        await db
          .deleteFrom('amendmentStatements')
          .where('amendmentId', '=', amendmentId)
          .where('affiliationId', '=', affiliationId)
          .executeTakeFirst(),
      );
    },

    async listStatements(cycleId) {
      return db
        .selectFrom('amendmentStatements')
        .innerJoin('amendments', 'amendments.id', 'amendmentStatements.amendmentId')
        .selectAll('amendmentStatements')
        .where('amendments.cycleId', '=', cycleId)
        .orderBy('amendmentStatements.at')
        .orderBy('amendmentStatements.affiliationId')
        .orderBy('amendmentStatements.amendmentId')
        .execute();
    },

    async putResolution(resolution) {
      const row = { ...resolution, clauses: JSON.stringify(resolution.clauses) };
      await upsert(db, 'reviewResolutions', row, ['cycleId', 'clauseId']);
    },

    async deleteResolution(cycleId, clauseId) {
      return deleted(
        await db
          .deleteFrom('reviewResolutions')
          .where('cycleId', '=', cycleId)
          .where('clauseId', '=', clauseId)
          .executeTakeFirst(),
      );
    },

    async listResolutions(cycleId) {
      const rows = await db
        .selectFrom('reviewResolutions')
        .selectAll()
        .where('cycleId', '=', cycleId)
        .orderBy('at')
        .orderBy('clauseId')
        .execute();
      return rows.map((row) => ({ ...row, clauses: JSON.parse(row.clauses) as ResolutionRecord['clauses'] }));
    },

    async putLiveChangeDecision(decision) {
      await upsert(db, 'liveChangeDecisions', decision, ['cycleId', 'changeId']);
    },

    async listLiveChangeDecisions(cycleId) {
      return db
        .selectFrom('liveChangeDecisions')
        .selectAll()
        .where('cycleId', '=', cycleId)
        .orderBy('changeId')
        .execute();
    },

    async putConsolidationRecord(cycleId, record) {
      await upsert(db, 'consolidationRecords', { cycleId, record: JSON.stringify(record) }, ['cycleId']);
    },

    async getConsolidationRecord(cycleId) {
      const row = await db
        .selectFrom('consolidationRecords')
        .select('record')
        .where('cycleId', '=', cycleId)
        .executeTakeFirst();
      return row && (JSON.parse(row.record) as ConsolidationRecord);
    },

    async getReviewVisit(cycleId, userId) {
      const row = await db
        .selectFrom('reviewVisits')
        .select('seenAt')
        .where('cycleId', '=', cycleId)
        .where('userId', '=', userId)
        .executeTakeFirst();
      return row?.seenAt;
    },

    async setReviewVisit(cycleId, userId, at) {
      await upsert(db, 'reviewVisits', { cycleId, userId, seenAt: at.toISOString() }, ['cycleId', 'userId']);
    },
  };
}

function toReviewCycle(row: Selectable<Database['reviewCycles']>): ReviewCycleRecord {
  return { ...row, schedule: JSON.parse(row.schedule) as ReviewCycleRecord['schedule'] };
}

/** An amendment's (or a patch's) JSON fields as stored text; fields absent from a patch stay absent. */
function amendmentRow<T extends AmendmentPatch>(amendment: T) {
  const json = <V>(value: V | null | undefined) =>
    value === undefined ? undefined : value === null ? null : JSON.stringify(value);
  return {
    ...amendment,
    proposed: json(amendment.proposed),
    pillars: amendment.pillars === undefined ? undefined : JSON.stringify(amendment.pillars),
    revised: json(amendment.revised),
    transitions: amendment.transitions === undefined ? undefined : JSON.stringify(amendment.transitions),
  };
}

function toAmendment(row: Selectable<Database['amendments']>): AmendmentRecord {
  return {
    ...row,
    proposed: row.proposed === null ? null : (JSON.parse(row.proposed) as AmendmentRecord['proposed']),
    pillars: JSON.parse(row.pillars) as AmendmentRecord['pillars'],
    revised: row.revised === null ? null : (JSON.parse(row.revised) as AmendmentRecord['revised']),
    transitions: JSON.parse(row.transitions) as AmendmentRecord['transitions'],
  };
}
