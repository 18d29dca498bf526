/**
 * Several compiled Accord instances behind nginx, sharing one PostgreSQL database and one Redis:
 * what `npm run cluster` runs (scripts/cluster.ts), and what scripts/cluster/cluster.test.ts
 * starts, kills and restarts. Every process is a child of this one, stopped by `stop()`.
 */
import { createServer } from 'node:net';
import path from 'node:path';
import { COMPILED_SERVER_ARGS } from '../buildServer';
import type { SpawnedServer } from '../../server/testing/spawnServer';
import { spawnServer } from '../../server/testing/spawnServer';
import type { Balancing } from './nginxConfig';
import { renderNginxConfig } from './nginxConfig';
import type { Nginx } from './startNginx';
import { checkNginxInstalled, startNginx } from './startNginx';

const root = path.resolve(import.meta.dirname, '../..');

/** What to start. */
export interface ClusterOptions {
  /** The PostgreSQL database every instance uses (`DATABASE_URL`); it must exist. */
  databaseUrl: string;
  /** `REDIS_URL` of every instance. */
  redisUrl: string;
  /** `REDIS_PREFIX` of every instance; unset, Accord's own default. */
  redisPrefix?: string;
  /** The port nginx listens on, on 127.0.0.1; 0 takes a free one. */
  port: number;
  /** One port per instance, on 127.0.0.1; 0 lets each take a free one. */
  instancePorts: readonly number[];
  balancing: Balancing;
  /** nginx's prefix directory: its configuration, pid file, temporary files and access log go here. */
  runtimeDir: string;
  /** More environment for the instances (`LOG_LEVEL`, `DEMO`…); they inherit this process's too. */
  env?: Record<string, string>;
  /** Every line an instance or nginx writes, with who wrote it (`accord-1`, `nginx`). */
  onLine?: (source: string, line: string) => void;
}

/** A running cluster. */
export interface Cluster {
  /** nginx's address: what a browser opens. */
  url: string;
  /** The instances in the order of `instancePorts`, each with its own address (past nginx). */
  instances: readonly SpawnedServer[];
  nginx: Nginx;
  /** Sends `signal` to instance `index` and resolves once it has exited. */
  kill(index: number, signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Stops nginx, then every instance still running (SIGTERM: each stores what it holds), and waits for them all. */
  stop(): Promise<void>;
}

/** How long a process may take to stop after SIGTERM before it is killed. */
const STOP_TIMEOUT_MS = 15_000;

/**
 * Starts the instances, the first alone (it migrates the database and, with `DEMO`, seeds it, so
 * the demo is there by the time any instance answers), then the others together, then nginx in
 * front of them. Resolves once a health check through nginx answers; if anything fails to start,
 * whatever was started is stopped again.
 */
export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  checkNginxInstalled();
  const instances: SpawnedServer[] = [];
  const stopInstances = () => Promise.all(instances.map((instance) => stopProcess(instance)));
  try {
    const [firstPort, ...otherPorts] = options.instancePorts;
    if (firstPort === undefined) throw new Error('a cluster needs at least one instance');
    instances.push(await startInstance(options, 0, firstPort));
    instances.push(...(await Promise.all(otherPorts.map((port, i) => startInstance(options, i + 1, port)))));
  } catch (error) {
    await stopInstances();
    throw error;
  }

  let nginx: Nginx;
  try {
    const listen = `127.0.0.1:${options.port || (await freePort())}`;
    const upstreams = instances.map((instance) => new URL(instance.url).host);
    const config = renderNginxConfig({ listen, upstreams, balancing: options.balancing });
    nginx = await startNginx(options.runtimeDir, config, (line) => options.onLine?.('nginx', line));
  } catch (error) {
    await stopInstances();
    throw error;
  }

  return {
    url: nginx.url,
    instances,
    nginx,
    kill: (index, signal) => {
      const instance = instances[index];
      if (!instance) throw new Error(`there is no instance ${index}`);
      instance.child.kill(signal);
      return instance.exited;
    },
    stop: async () => {
      await stopProcess(nginx);
      await stopInstances();
    },
  };
}

/** Starts instance `index` (0-based) of the compiled server, on `port`. */
function startInstance(options: ClusterOptions, index: number, port: number): Promise<SpawnedServer> {
  const name = `accord-${index + 1}`;
  return spawnServer(
    {
      // None of this process's loaders (tsx's, vitest's): the instances run compiled, as `npm start` does.
      NODE_OPTIONS: '',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: options.databaseUrl,
      REDIS_URL: options.redisUrl,
      ...(options.redisPrefix === undefined ? {} : { REDIS_PREFIX: options.redisPrefix }),
      // nginx on this machine adds X-Forwarded-For: believe it, so sign-in limits count each client.
      TRUST_PROXY: 'loopback',
      ...options.env,
    },
    { args: COMPILED_SERVER_ARGS, cwd: root },
    { onLine: (line) => options.onLine?.(name, line) },
  ).catch((error: unknown) => {
    throw new Error(`${name} did not start: ${(error as Error).message}`, { cause: error });
  });
}

/** SIGTERM, and SIGKILL if the process has not exited after {@link STOP_TIMEOUT_MS}; resolves once it has exited. */
async function stopProcess(process: Pick<SpawnedServer, 'child' | 'exited'>): Promise<void> {
  const { child } = process;
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await process.exited;
  clearTimeout(timer);
}

/** A port nothing listens on right now (the system's choice), for nginx, which cannot take port 0 itself. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
