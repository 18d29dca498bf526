import path from 'node:path';
import { z } from 'zod';
import { MAX_MESSAGE_BYTES } from '../shared/limits';
import { parseTrustedProxies } from './http/clientAddress';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/**
 * The environment Accord reads at start-up. Every variable is validated here, once, so a typo
 * stops the server with a sentence instead of surfacing later as odd behaviour.
 */
export const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .default('')
    .refine((value) => value === '' || /^postgres(ql)?:\/\//.test(value), {
      message:
        'must be a PostgreSQL URL (postgres://user:password@host:5432/database), or unset for the embedded SQLite database under DATA_DIR',
    }),
  REDIS_URL: z
    .string()
    .default('')
    .refine((value) => value === '' || /^rediss?:\/\//.test(value), {
      message: 'must be a Redis URL (redis://host:6379), or unset for a single instance',
    }),
  REDIS_PREFIX: z.string().min(1).max(64).default('accord:'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MAX_MESSAGE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(256 * 1024 * 1024)
    .default(MAX_MESSAGE_BYTES),
  COMPACT_AFTER_UPDATES: z.coerce.number().int().min(1).default(500),
  REFUSAL_REBUILD_MIB_PER_MINUTE: z.coerce.number().positive().default(20),
  DRAFT_UNLOAD_AFTER_SECONDS: z.coerce.number().min(0).default(10),
  DEMO: booleanFromEnv.default(true),
  SQLITE_SYNCHRONOUS: z.enum(['normal', 'full']).default('normal'),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .default(24 * 14),
  LOGIN_ATTEMPTS_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  LOGIN_ATTEMPTS_PER_ADDRESS: z.coerce.number().int().min(1).default(30),
  LOGIN_FIRST_DELAY_SECONDS: z.coerce.number().positive().default(1),
  LOGIN_MAX_DELAY_MINUTES: z.coerce.number().positive().default(15),
  TRUST_PROXY: z
    .string()
    .default('')
    .transform((value, context) => {
      try {
        return parseTrustedProxies(value);
      } catch (error) {
        context.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
  COMMENTS_PER_MINUTE: z.coerce.number().int().min(1).default(10),
});

/** Validated server configuration. */
export interface Config {
  port: number;
  host: string;
  /** Absolute path of the directory holding the SQLite file (unused with `databaseUrl`). */
  dataDir: string;
  /** The PostgreSQL database that holds everything instead of the SQLite file (`postgres://…`), or null for SQLite. */
  databaseUrl: string | null;
  /**
   * The Redis server through which several instances on one PostgreSQL database share live changes,
   * presence, events and rate limits (`redis://…`), or null for a single instance.
   */
  redisUrl: string | null;
  /** What this deployment's Redis channels and keys start with (several deployments may share one Redis). */
  redisPrefix: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /** Largest collab websocket message accepted, in bytes. */
  maxMessageBytes: number;
  /** A draft's update log is merged into its state row once it holds this many updates. */
  compactAfterUpdates: number;
  /** Text a draft's staging copy may be rebuilt from for one person's refused changes in a minute, in bytes (see `RefusalBudget`). */
  refusalRebuildBytesPerMinute: number;
  /** How long a draft nobody is in stays loaded before it is stored and unloaded, in milliseconds. */
  draftUnloadAfterMs: number;
  /** Seed the demo draft on first start with an empty database. */
  demo: boolean;
  /** SQLite durability: `normal` survives a crash of the process, `full` also a power cut. */
  sqliteSynchronous: 'normal' | 'full';
  /** How long a browser session lasts, in milliseconds. */
  sessionTtlMs: number;
  /** Sign-ins allowed back to back per account (and per trusted browser), and per client address, before each further one waits. */
  loginAttemptsPerAccount: number;
  loginAttemptsPerAddress: number;
  /** The wait before the first attempt past those; it doubles with each further attempt, up to `loginMaxDelayMs`. */
  loginFirstDelayMs: number;
  loginMaxDelayMs: number;
  /** Proxies whose `X-Forwarded-For` is believed: addresses, CIDR ranges or `loopback`/`linklocal`/`uniquelocal`; empty: none. */
  trustProxy: string[];
  /** Comments one person may post per minute. */
  commentsPerMinute: number;
}

/** A readable list of what is wrong with the environment, one variable per line. */
export class ConfigError extends Error {}

/** Reads and validates the configuration from environment variables. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL || null,
    redisUrl: e.REDIS_URL || null,
    redisPrefix: e.REDIS_PREFIX,
    logLevel: e.LOG_LEVEL,
    maxMessageBytes: e.MAX_MESSAGE_BYTES,
    compactAfterUpdates: e.COMPACT_AFTER_UPDATES,
    refusalRebuildBytesPerMinute: Math.round(e.REFUSAL_REBUILD_MIB_PER_MINUTE * 1024 * 1024),
    draftUnloadAfterMs: Math.round(e.DRAFT_UNLOAD_AFTER_SECONDS * 1000),
    demo: e.DEMO,
    sqliteSynchronous: e.SQLITE_SYNCHRONOUS,
    sessionTtlMs: e.SESSION_TTL_HOURS * 3600 * 1000,
    loginAttemptsPerAccount: e.LOGIN_ATTEMPTS_PER_ACCOUNT,
    loginAttemptsPerAddress: e.LOGIN_ATTEMPTS_PER_ADDRESS,
    loginFirstDelayMs: Math.round(e.LOGIN_FIRST_DELAY_SECONDS * 1000),
    loginMaxDelayMs: Math.round(e.LOGIN_MAX_DELAY_MINUTES * 60 * 1000),
    trustProxy: e.TRUST_PROXY,
    commentsPerMinute: e.COMMENTS_PER_MINUTE,
  };
}
