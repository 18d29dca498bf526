/**
 * `npm run cluster`: Accord as docs/deploy.md runs it on several machines, here on one: three
 * compiled instances on PostgreSQL and Redis, behind nginx with the committed
 * `deploy/nginx/accord-cluster.conf`. Builds what is stale first, creates the database if missing.
 * Ctrl+C or SIGTERM stops nginx, then every instance (each stores what it holds).
 *
 *   npm run cluster [-- --by-draft] [-- --instances 3] [-- --port 8180]
 *
 * `--by-draft` (or ACCORD_CLUSTER_BY_DRAFT=true) sends every request about one draft to one
 * instance; by default nginx picks the instance with the fewest open connections. nginx listens
 * on `--port`, the instances on the ports after it. Environment: `DATABASE_URL` (default the local
 * server's `accord_cluster`), `REDIS_URL` (default the local Redis), `REDIS_PREFIX`, `DEMO`,
 * `LOG_LEVEL`; `NGINX` names the nginx binary if it is not /usr/sbin/nginx.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { buildWhereStale } from './buildWhereStale';
import { ensureDatabase } from './cluster/ensureDatabase';
import type { Cluster } from './cluster/startCluster';
import { startCluster } from './cluster/startCluster';

const root = path.resolve(import.meta.dirname, '..');

const settingsSchema = z.object({
  byDraft: z.boolean(),
  instances: z.coerce.number().int().min(1).max(16),
  port: z.coerce
    .number()
    .int()
    .min(1)
    .max(65_535 - 16),
  databaseUrl: z.string().regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL'),
  redisUrl: z.string().regex(/^rediss?:\/\//, 'REDIS_URL must be a redis:// URL'),
});

function readSettings(): z.infer<typeof settingsSchema> {
  const { values } = parseArgs({
    options: {
      'by-draft': { type: 'boolean', default: false },
      instances: { type: 'string', default: '3' },
      port: { type: 'string', default: '8180' },
    },
  });
  const parsed = settingsSchema.safeParse({
    byDraft: values['by-draft'] || ['true', '1', 'yes'].includes(process.env.ACCORD_CLUSTER_BY_DRAFT ?? ''),
    instances: values.instances,
    port: values.port,
    databaseUrl: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/accord_cluster',
    redisUrl: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
  });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid settings:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

const RUNTIME_DIR = path.join(root, '.cluster');

/** Set by the first SIGINT or SIGTERM. */
let stopping = false;

async function main(): Promise<void> {
  const settings = readSettings();
  let cluster: Cluster | null = null;
  const stop = async (code: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    // Still starting: the cluster is stopped as soon as it has started (below).
    if (!cluster) return;
    await cluster.stop();
    process.exit(code);
  };
  // Ctrl+C reaches every process of the terminal's group; SIGTERM only this one, which passes it on.
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  await buildWhereStale();
  await ensureDatabase(settings.databaseUrl);
  if (stopping) process.exit(0);
  const instancePorts = Array.from({ length: settings.instances }, (_, i) => settings.port + 1 + i);
  const balancing = settings.byDraft ? 'by-draft' : 'least-conn';
  cluster = await startCluster({
    databaseUrl: settings.databaseUrl,
    redisUrl: settings.redisUrl,
    ...(process.env.REDIS_PREFIX ? { redisPrefix: process.env.REDIS_PREFIX } : {}),
    port: settings.port,
    instancePorts,
    balancing,
    runtimeDir: RUNTIME_DIR,
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'info' },
    onLine: (source, line) => process.stdout.write(`${source.padEnd(8)}| ${line}\n`),
  });
  if (stopping) {
    await cluster.stop();
    process.exit(0);
  }
  watch(cluster, stop);
  const how = settings.byDraft ? 'each draft on one instance (hash $accord_draft consistent)' : 'least_conn';
  process.stdout.write(
    `\nAccord cluster running at ${cluster.url}\n` +
      `  ${settings.instances} instances on ports ${instancePorts.join(', ')}, balanced by ${how}\n` +
      `  nginx's configuration and logs in .cluster/; Ctrl+C stops everything\n\n`,
  );
}

/** Says when an instance dies (nginx then sends its clients to the others); stops everything if nginx dies. */
function watch(cluster: Cluster, stop: (code: number) => Promise<void>): void {
  void cluster.nginx.exited.then(({ code, signal }) => {
    if (stopping) return;
    process.stderr.write(`nginx exited (${signal ?? code}); stopping the instances\n`);
    void stop(1);
  });
  cluster.instances.forEach((instance, i) => {
    void instance.exited.then(({ code, signal }) => {
      if (!stopping) process.stderr.write(`accord-${i + 1} exited (${signal ?? code}); the others take its clients\n`);
    });
  });
}

main().catch((error: unknown) => {
  // Ctrl+C while starting stops the instances too, and startCluster then fails: that is no error.
  if (stopping) process.exit(0);
  process.stderr.write(`The cluster did not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
