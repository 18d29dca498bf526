import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_BYTES } from '../shared/limits';
import { ConfigError, loadConfig } from './config';

describe('configuration from the environment', () => {
  it('has embedded defaults that need nothing installed', () => {
    expect(loadConfig({})).toEqual({
      port: 8080,
      host: '127.0.0.1',
      dataDir: path.resolve('./data'),
      databaseUrl: null,
      redisUrl: null,
      redisPrefix: 'accord:',
      logLevel: 'info',
      maxMessageBytes: MAX_MESSAGE_BYTES,
      compactAfterUpdates: 500,
      refusalRebuildBytesPerMinute: 20 * 1024 * 1024,
      draftUnloadAfterMs: 10_000,
      demo: true,
      sqliteSynchronous: 'normal',
      sessionTtlMs: 14 * 24 * 3600 * 1000,
      loginAttemptsPerAccount: 5,
      loginAttemptsPerAddress: 30,
      loginFirstDelayMs: 1000,
      loginMaxDelayMs: 900_000,
      trustProxy: [],
      commentsPerMinute: 10,
    });
  });

  it('reads every documented variable', () => {
    const config = loadConfig({
      PORT: '9000',
      HOST: '0.0.0.0',
      DATA_DIR: '/var/lib/accord',
      LOG_LEVEL: 'warn',
      MAX_MESSAGE_BYTES: '65536',
      COMPACT_AFTER_UPDATES: '50',
      REFUSAL_REBUILD_MIB_PER_MINUTE: '0.5',
      DRAFT_UNLOAD_AFTER_SECONDS: '2.5',
      DEMO: 'false',
      SQLITE_SYNCHRONOUS: 'full',
      LOGIN_ATTEMPTS_PER_ACCOUNT: '3',
      LOGIN_ATTEMPTS_PER_ADDRESS: '20',
      LOGIN_FIRST_DELAY_SECONDS: '2',
      LOGIN_MAX_DELAY_MINUTES: '30',
      TRUST_PROXY: '192.0.2.10',
    });
    expect(config).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      dataDir: '/var/lib/accord',
      logLevel: 'warn',
      maxMessageBytes: 65536,
      compactAfterUpdates: 50,
      refusalRebuildBytesPerMinute: 512 * 1024,
      draftUnloadAfterMs: 2500,
      demo: false,
      sqliteSynchronous: 'full',
      loginAttemptsPerAccount: 3,
      loginAttemptsPerAddress: 20,
      loginFirstDelayMs: 2000,
      loginMaxDelayMs: 1_800_000,
      trustProxy: ['192.0.2.10'],
    });
  });

  it('reads the proxies to trust, and refuses an entry that is no address, range or known name', () => {
    expect(loadConfig({ TRUST_PROXY: 'off' }).trustProxy).toEqual([]);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8,2001:db8::1' }).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
      '2001:db8::1',
    ]);
    for (const bad of ['true', '10.0.0.0/33', 'proxy.example', '10.0.0.1/8/2']) {
      expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY: .*not an IP address/);
    }
  });

  it('shares live changes through Redis with a redis:// REDIS_URL, and runs alone without one', () => {
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_PREFIX: 'accord-eu:' })).toMatchObject({
      redisUrl: 'redis://127.0.0.1:6379',
      redisPrefix: 'accord-eu:',
    });
    expect(loadConfig({ REDIS_URL: 'rediss://cache.example:6380/2' }).redisUrl).toBe('rediss://cache.example:6380/2');
    expect(loadConfig({}).redisUrl).toBeNull();
    expect(() => loadConfig({ REDIS_URL: 'cache.example:6379' })).toThrow(/REDIS_URL: must be a Redis URL/);
  });

  it('keeps everything in PostgreSQL with a postgres:// DATABASE_URL, and in the SQLite file without one', () => {
    for (const url of [
      'postgres://accord:secret@db.example:5432/accord',
      'postgresql://db.example/accord?sslmode=verify-full',
    ])
      expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url);
    expect(loadConfig({ DATABASE_URL: '' }).databaseUrl).toBeNull();
    for (const bad of ['mysql://db.example/accord', 'sqlite:///var/lib/accord.sqlite', 'db.example:5432/accord']) {
      expect(() => loadConfig({ DATABASE_URL: bad })).toThrow(/DATABASE_URL: must be a PostgreSQL URL/);
    }
    // The refusal never repeats the value, which may hold a password.
    expect(() => loadConfig({ DATABASE_URL: 'mysql://accord:secret@db.example/accord' })).not.toThrow(/secret/);
  });

  it('refuses invalid values with a sentence naming each variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', DEMO: 'perhaps' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: '70000', LOG_LEVEL: 'loud' });
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT/);
      expect((error as Error).message).toMatch(/LOG_LEVEL/);
    }
  });
});
