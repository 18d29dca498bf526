import type { Insertable, Kysely } from 'kysely';
import type { Database } from './database';

type Column<T extends keyof Database> = keyof Database[T] & string;

/**
 * Adds a row, or replaces the one with the same key: the one way storage writes "add or replace"
 * (a co-sponsorship, a statement, a compacted state, a setting). On a clash the row's other
 * columns are updated, or only `update` when some must keep their first value (when a membership
 * began, for example).
 */
export async function upsert<T extends keyof Database & string>(
  db: Kysely<Database>,
  table: T,
  row: Insertable<Database[T]>,
  key: readonly Column<T>[],
  update: readonly Column<T>[] = (Object.keys(row) as Column<T>[]).filter((column) => !key.includes(column)),
): Promise<void> {
  const values = row as Record<string, unknown>;
  const changes = Object.fromEntries(update.map((column) => [column, values[column]]));
  // Kysely cannot follow a table chosen by a type parameter; the signature above keeps callers typed.
  const loose = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  await loose
    .insertInto(table as string)
    .values(values)
    .onConflict((conflict) => conflict.columns(key).doUpdateSet(changes))
    .execute();
}
