import type { Config } from '../config';
import type { Logger } from '../logger';
import type { KyselyStorage } from './KyselyStorage';
import { describePostgresUrl, openPostgresStorage } from './openPostgresStorage';
import { openSqliteStorage } from './openSqliteStorage';
import type { StorageHealth } from './StorageHealth';

/**
 * Opens the database the configuration names, migrated: PostgreSQL at `DATABASE_URL` when it is
 * set, else the embedded SQLite file under `DATA_DIR`. The one place that chooses; everything
 * else sees `Storage`.
 */
export function openStorage(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'sqliteSynchronous'>,
  options: { logger?: Pick<Logger, 'warn' | 'error'>; health?: StorageHealth } = {},
): Promise<KyselyStorage> {
  if (config.databaseUrl !== null) return openPostgresStorage(config.databaseUrl, options);
  return openSqliteStorage(config.dataDir, { ...options, synchronous: config.sqliteSynchronous });
}

/** Where the configuration keeps its data, for the logs: the PostgreSQL database (without password) or the SQLite directory. */
export function describeStorage(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Record<string, string> {
  return config.databaseUrl !== null
    ? { database: `postgresql ${describePostgresUrl(config.databaseUrl)}` }
    : { dataDir: config.dataDir };
}
