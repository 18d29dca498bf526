import type { Kysely } from 'kysely';
import type { Database } from './database';

/**
 * Locks a draft's row until the transaction `tx` ends (`select … for update`), so that writers on
 * other connections that number something of the draft from the rows already there (its log's
 * next sequence number, its next amendment number) wait for this one's commit and then count
 * after it, instead of both taking the same number. For databases with row locks (PostgreSQL);
 * `tx` must be a transaction, and what it then reads must be read by later statements (in READ
 * COMMITTED each statement sees what was committed before it began).
 */
export async function lockDraft(tx: Kysely<Database>, draftId: string): Promise<void> {
  await tx.selectFrom('drafts').select('id').where('id', '=', draftId).forUpdate().execute();
}
