import { createRequire } from 'node:module';
import { nanoid } from 'nanoid';
import { freePort } from './freePort';
import { processCpuSeconds, processPeakRssMiB } from './processStats';
import type { RunningServer, ServerUnderTest } from './ServerUnderTest';
import { spawnServer } from './spawnServer';

const require = createRequire(import.meta.url);

function referenceServerScript(): string {
  // The package's `exports` hide server.js; its package.json is exported and sits beside src/.
  return require.resolve('@y/websocket-server/package.json').replace(/package\.json$/, 'src/server.js');
}

/**
 * The reference: `@y/websocket-server`'s own server (`src/server.js`), the server y-websocket is
 * written against. It keeps documents in memory only (no YPERSISTENCE), so it is the floor that
 * Accord, which persists every update, is measured against. With `cpuProfileDir`, each server
 * process writes a V8 CPU profile there (`--cpu-prof`); `nodeArgs` go to Node first.
 */
export function referenceServer(options: { cpuProfileDir?: string; nodeArgs?: string[] } = {}): ServerUnderTest {
  // server.js has no SIGTERM handler, and V8 writes a CPU profile only on a clean exit.
  const profile = options.cpuProfileDir
    ? [
        '--cpu-prof',
        `--cpu-prof-dir=${options.cpuProfileDir}`,
        '--import',
        `data:text/javascript,${encodeURIComponent("process.on('SIGTERM', () => process.exit(0));")}`,
      ]
    : [];
  return {
    name: 'reference',
    unavailable() {
      try {
        referenceServerScript();
        return undefined;
      } catch {
        return '@y/websocket-server is not installed (npm install).';
      }
    },
    async start(): Promise<RunningServer> {
      const port = await freePort();
      const spawned = await spawnServer({
        command: process.execPath,
        args: [...(options.nodeArgs ?? []), ...profile, referenceServerScript()],
        cwd: process.cwd(),
        env: { HOST: '127.0.0.1', PORT: String(port) },
        readyUrl: `http://127.0.0.1:${port}/`,
        readyTimeoutMs: 15_000,
      });
      return {
        name: 'reference',
        pid: spawned.pid,
        url: `http://127.0.0.1:${port}`,
        createRoom: async () => ({ serverUrl: `ws://127.0.0.1:${port}`, room: `bench-${nanoid(10)}`, params: {} }),
        cpuSeconds: () => processCpuSeconds(spawned.pid),
        peakRssMiB: () => processPeakRssMiB(spawned.pid),
        stop: () => spawned.stop(),
      };
    },
  };
}
