import fs from 'node:fs';
import path from 'node:path';
import { build } from 'vite';
import { COMPILED_SERVER_DIR, buildServer } from './buildServer';

const root = path.resolve(import.meta.dirname, '..');
const builtIndex = path.join(root, 'dist/client/index.html');
const builtServer = path.join(COMPILED_SERVER_DIR, 'main.js');

/** The newest modification time of `source`, a file or every file under a directory. */
function newestMtime(source: string): number {
  const stat = fs.statSync(source);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(source, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Whether `built` is missing or older than any file under `sources` (paths from the root). */
function outOfDate(built: string, sources: string[]): boolean {
  const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
  return builtAt <= Math.max(...sources.map((source) => newestMtime(path.join(root, source))));
}

async function buildClient(): Promise<void> {
  // Vitest sets NODE_ENV=test; build exactly what `npm start` serves, React's production build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

/**
 * Builds the client and the compiled server, each only when it is missing or older than its
 * sources: what `npm run build` makes, without its minute when `dist/` is already fresh. Run before
 * the tests (scripts/testGlobalSetup.ts) and by `npm run cluster`.
 */
export async function buildWhereStale(): Promise<void> {
  const hasClient = fs.existsSync(path.join(root, 'client/index.html'));
  if (process.env.ACCORD_SKIP_CLIENT_BUILD !== '1' && hasClient && outOfDate(builtIndex, ['client', 'shared'])) {
    await buildClient();
  }
  if (outOfDate(builtServer, ['server', 'shared', 'scripts/buildServer.ts'])) await buildServer();
}
