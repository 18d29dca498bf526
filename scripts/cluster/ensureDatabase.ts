import { Client } from 'pg';

/**
 * Creates the PostgreSQL database `databaseUrl` names unless it exists, connecting as its user to
 * the server's `postgres` database to do so. Accord creates its tables itself, but not the database.
 */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!name) throw new Error(`${databaseUrl} names no database`);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`Cannot reach PostgreSQL at ${url.host}: ${(error as Error).message}`, { cause: error });
  }
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}
