import { randomBytes } from 'node:crypto';
import {
  type AccordProcess,
  type AccordProcessOptions,
  accordUnavailable,
  createDraftRoom,
  startAccordProcess,
} from './accordServer';
import { type BenchDatabase, createBenchDatabase } from './benchDatabase';
import { helperCpuSeconds, processCpuSeconds, processPeakRssMiB } from './processStats';
import type { RunningServer, ServerUnderTest } from './ServerUnderTest';

/** The Redis the cluster benchmark uses (as the cluster tests do): `ACCORD_BENCH_REDIS_URL`, else the local one. */
export const BENCH_REDIS_URL = process.env.ACCORD_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** How many instances, and whether they share changes through Redis. */
export interface ClusterShape {
  instances: number;
  redis: boolean;
}

/** Waits until `/api/health` of an instance answers 200: its database is migrated and writable. */
async function healthy(base: string): Promise<void> {
  let ok = false;
  const deadline = Date.now() + 30_000;
  while (!ok && Date.now() < deadline) {
    const response = await fetch(`${base}/api/health`).catch(() => null);
    ok = response?.status === 200;
    await response?.body?.cancel();
    if (!ok) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (!ok) throw new Error(`${base}/api/health did not answer 200 within 30 s`);
}

/**
 * Accord as a cluster: `instances` compiled processes of the checkout at `root` on one fresh
 * PostgreSQL database (`createBenchDatabase`, dropped on stop), and with `redis` sharing a Redis under a
 * channel prefix of their own (`REDIS_URL`, `REDIS_PREFIX`). The first starts alone on the empty
 * database, migrates it and seeds the demo; the others start once its `/api/health` answers 200,
 * so two never seed at once. No balancer: a room it creates lists every instance
 * (`serverUrls`), and the benchmark spreads its clients over them round robin. Its CPU is every
 * instance's together, its peak memory their peaks summed; PostgreSQL's and Redis's CPU is
 * reported apart (`helperCpuSeconds`).
 */
export function accordCluster(root: string, shape: ClusterShape, options: AccordProcessOptions = {}): ServerUnderTest {
  const processOptions = { ...options, compiled: true };
  return {
    name: 'accord',
    unavailable: () => accordUnavailable(root, processOptions),
    async start(): Promise<RunningServer> {
      const database: BenchDatabase = await createBenchDatabase();
      const env: Record<string, string> = {
        DATABASE_URL: database.url,
        ...(shape.redis && {
          REDIS_URL: BENCH_REDIS_URL,
          REDIS_PREFIX: `accord-bench-${randomBytes(4).toString('hex')}:`,
        }),
      };
      const running: AccordProcess[] = [];
      const stop = async (): Promise<void> => {
        await Promise.all(running.splice(0).map((instance) => instance.stop()));
        await database.drop();
      };
      try {
        const first = await startAccordProcess(root, { ...processOptions, env });
        running.push(first);
        await healthy(first.base);
        const others = await Promise.all(
          Array.from({ length: shape.instances - 1 }, () => startAccordProcess(root, { ...processOptions, env })),
        );
        running.push(...others);
        await Promise.all(others.map((instance) => healthy(instance.base)));
      } catch (error) {
        await stop();
        throw error;
      }
      const instances = [...running];
      const first = instances[0]!;
      return {
        name: 'accord',
        pid: first.pid,
        url: first.base,
        async createRoom() {
          const room = await createDraftRoom(first.base, first.wsBase);
          return {
            ...room,
            serverUrls: instances.map((instance) => room.serverUrl.replace(first.wsBase, instance.wsBase)),
          };
        },
        cpuSeconds: () => instances.reduce((sum, instance) => sum + processCpuSeconds(instance.pid), 0),
        helperCpuSeconds: () => helperCpuSeconds(database.name),
        peakRssMiB: () => instances.reduce((sum, instance) => sum + processPeakRssMiB(instance.pid), 0),
        stop,
      };
    },
  };
}
