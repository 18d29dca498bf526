import { buildWhereStale } from './buildWhereStale';

/**
 * Builds the client and the compiled server once before the tests, where they are stale, so the
 * browser tests exercise exactly what `npm start` serves and server/compiledServer.test.ts runs
 * exactly what `npm start` runs.
 */
export default async function setup(): Promise<void> {
  await buildWhereStale();
}
