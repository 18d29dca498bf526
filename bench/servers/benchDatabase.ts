import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * The PostgreSQL server the benchmarks create their databases on, as a URL to a database they
 * may connect to for that: `ACCORD_TEST_POSTGRES_URL`, as the tests take it, by default the local
 * server's `postgres` database as user `postgres`.
 */
export const BENCH_POSTGRES_URL = process.env.ACCORD_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A database of the benchmark's own, for one measurement. */
export interface BenchDatabase {
  name: string;
  /** Its URL, as `DATABASE_URL` takes it. */
  url: string;
  /** Drops it, ending whatever connections are still open to it. */
  drop(): Promise<void>;
}

async function onServer(statement: string): Promise<void> {
  const client = new Client({ connectionString: BENCH_POSTGRES_URL });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `This benchmark needs PostgreSQL at ${BENCH_POSTGRES_URL} (ACCORD_TEST_POSTGRES_URL): ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * Creates an empty database `accord_bench_<random>`, for `drop` to remove. A run stopped with
 * Ctrl-C leaves it behind (a database cannot be dropped on the way out of a process); its name says
 * whose it is.
 */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = `accord_bench_${randomBytes(6).toString('hex')}`;
  await onServer(`create database ${name}`);
  const url = new URL(BENCH_POSTGRES_URL);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => onServer(`drop database if exists ${name} with (force)`) };
}
