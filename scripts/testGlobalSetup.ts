import fs from 'node:fs';
import path from 'node:path';
import { build } from 'vite';

const root = path.resolve(import.meta.dirname, '..');
const builtIndex = path.join(root, 'dist/client/index.html');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * Builds the client once before the tests when it is missing or older than its sources, so the
 * browser tests exercise exactly what `npm start` serves.
 */
export default async function setup(): Promise<void> {
  if (process.env.ACCORD_SKIP_CLIENT_BUILD === '1' || !fs.existsSync(path.join(root, 'client/index.html'))) return;
  const builtAt = fs.existsSync(builtIndex) ? fs.statSync(builtIndex).mtimeMs : 0;
  const sourcesAt = Math.max(newestMtime(path.join(root, 'client')), newestMtime(path.join(root, 'shared')));
  if (builtAt > sourcesAt) return;
  // Vitest sets NODE_ENV=test; build exactly what `npm start` serves, React's production build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}
