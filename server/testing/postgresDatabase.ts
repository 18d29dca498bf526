import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { waitFor } from './waitFor';

/**
 * The PostgreSQL server the tests use, as a URL to a database they may connect to in order to
 * create and drop their own (`ACCORD_TEST_POSTGRES_URL`; by default the local server's `postgres`
 * database as user `postgres`, as in CI). The tests that need it fail, never skip, without it.
 */
export const TEST_POSTGRES_URL = process.env.ACCORD_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A database of its own for one test or test file. */
export interface TestDatabase {
  name: string;
  /** Its URL, as `DATABASE_URL` takes it. */
  url: string;
  /** Runs one statement on it (on a connection of its own) and answers the rows. */
  query<R extends object = Record<string, unknown>>(text: string, values?: unknown[]): Promise<R[]>;
  /** Drops it, ending whatever connections are still open to it. */
  drop(): Promise<void>;
}

/**
 * Creates a fresh, empty database `accord_test_<random>` on the test server, so that test files
 * running in parallel never share one. It sorts text as English does (ICU's `en-US`: `alpha`
 * before `Beta`), not by bytes as the embedded SQLite and a `C` server do, so a query that leaned
 * on the server's locale would answer differently here; a server built without ICU gives its own.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `accord_test_${randomBytes(6).toString('hex')}`;
  try {
    await onServer(`create database ${name} template template0 locale_provider icu icu_locale 'en-US'`);
  } catch {
    await onServer(`create database ${name}`);
  }
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async query<R extends object>(text: string, values: unknown[] = []) {
      const client = new Client({ connectionString: url.toString() });
      await client.connect();
      try {
        return (await client.query<R>(text, values)).rows;
      } finally {
        await client.end();
      }
    },
    drop: () => onServer(`drop database if exists ${name} with (force)`),
  };
}

/** Runs a statement on the test server's own database (creating or dropping one). */
export async function onServer(statement: string): Promise<void> {
  const client = new Client({ connectionString: TEST_POSTGRES_URL });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `These tests need PostgreSQL at ${TEST_POSTGRES_URL} (set ACCORD_TEST_POSTGRES_URL to use another): ${(error as Error).message}`,
      { cause: error },
    );
  }
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** The draft logs of a test database held by another session: a server's appends wait until `release`. */
export interface HeldLog {
  /** Rows in the log, of every draft (read without waiting: the hold still lets reads through). */
  rows(): Promise<number>;
  /** Resolves once an Accord server's insert into the log waits on the hold. */
  untilAnInsertWaits(): Promise<void>;
  /** Lets the waiting inserts through, and ends the session. */
  release(): Promise<void>;
}

/** Holds the log of `database` (`document_updates`, locked in exclusive mode by a session of its own). */
export async function holdDocumentLog(database: TestDatabase): Promise<HeldLog> {
  const holder = new Client({ connectionString: database.url });
  await holder.connect();
  await holder.query('begin');
  await holder.query('lock table document_updates in exclusive mode');
  return {
    rows: async () => Number((await database.query<{ n: string }>('select count(*) as n from document_updates'))[0]!.n),
    untilAnInsertWaits: () =>
      waitFor(async () => {
        const waiting = await database.query(
          `select 1 from pg_stat_activity where datname = $1 and application_name = 'accord'
             and wait_event_type = 'Lock' and query like 'insert into "document_updates"%'`,
          [database.name],
        );
        return waiting.length === 1;
      }),
    async release() {
      await holder.query('rollback').catch(() => undefined);
      await holder.end().catch(() => undefined);
    },
  };
}
