/**
 * The second half of `npm run build` (Vite builds the client first): compiles the server to plain
 * JavaScript in `dist/server/`, so that `npm start` runs it on Node alone. A TypeScript loader in
 * production costs memory in every instance (tsx's transform cache and esbuild's service) and
 * start-up time, for nothing the running server needs. `npm run dev`, the tests and the admin
 * scripts (`npm run create-chair`) still run the sources through tsx.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');

/** Where the compiled server goes; `dist/` is git-ignored. */
export const COMPILED_SERVER_DIR = path.join(root, 'dist/server');

/**
 * How `npm start` runs the compiled server, after `node` (package.json's `start` must end with
 * exactly this; a test checks it). `--enable-source-maps` makes a stack trace in the logs name
 * the TypeScript file and line rather than a line of the bundle.
 */
export const COMPILED_SERVER_ARGS = ['--enable-source-maps', 'dist/server/main.js'] as const;

/**
 * One bundle for the server's own code (`server/` and `shared/`), with every package left to be
 * loaded from node_modules as installed: better-sqlite3's native addon, and packages such as
 * pdfkit that read data files beside their own code. Each dynamic `import()` (the export and Word
 * import libraries) stays a chunk of its own, loaded on first use as under tsx
 * (server/startupFootprint.test.ts checks that with these same options).
 */
export const SERVER_BUILD_OPTIONS = {
  // The worker thread that reads large drafts' stored text (server/collab/readInPiecesOffThread.ts) starts
  // from a file of its own beside main.js.
  entryPoints: {
    main: path.join(root, 'server/main.ts'),
    readInPiecesWorker: path.join(root, 'server/collab/readInPiecesWorker.ts'),
  },
  outdir: COMPILED_SERVER_DIR,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  // Node reads the maps only for stack traces, which need the mappings but not the sources' text.
  sourcemap: true,
  sourcesContent: false,
  logLevel: 'warning',
} as const satisfies BuildOptions;

/** Replaces `dist/server/` with a fresh build, so no chunk of an earlier build is left beside it. */
export async function buildServer(): Promise<void> {
  await rm(COMPILED_SERVER_DIR, { recursive: true, force: true });
  await build(SERVER_BUILD_OPTIONS);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildServer();
}
