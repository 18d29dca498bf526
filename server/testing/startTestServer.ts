import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../config';
import { loadConfig } from '../config';
import type { RunningServer } from '../startServer';
import { startServer } from '../startServer';

/** A real Accord server for a test: port 0, a fresh temporary data directory, quiet logs. */
export interface TestServer extends RunningServer {
  dataDir: string;
  /** `ws://host:port/collab`, the base URL a WebsocketProvider takes. */
  collabUrl: string;
}

/** Starts the real server on port 0 with a temporary data directory, removed on close unless `keepDataDir`. */
export async function startTestServer(
  overrides: Partial<Config> = {},
  options: { keepDataDir?: boolean } = {},
): Promise<TestServer> {
  const dataDir = overrides.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'accord-test-'));
  const config: Config = {
    ...loadConfig({}),
    port: 0,
    host: '127.0.0.1',
    logLevel: (process.env.ACCORD_TEST_LOG_LEVEL as Config['logLevel'] | undefined) ?? 'silent',
    // A draft unloads as its last connection leaves, so tests see it stored and read again at once.
    draftUnloadAfterMs: 0,
    ...overrides,
    dataDir,
  };
  const server = await startServer(config);
  return {
    ...server,
    dataDir,
    collabUrl: `${server.url.replace(/^http/, 'ws')}/collab`,
    close: async () => {
      await server.close();
      if (!options.keepDataDir && overrides.dataDir === undefined) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
