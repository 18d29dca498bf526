import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLAB_PATH } from '../shared/collab';
import { COMPILED_SERVER_ARGS, COMPILED_SERVER_DIR } from '../scripts/buildServer';
import { clauseText, connectClient, documentString } from './testing/collabClient';
import { RawCollabClient } from './testing/RawCollabClient';
import { DEMO, signIn } from './testing/session';
import type { SpawnedServer } from './testing/spawnServer';
import { spawnServer } from './testing/spawnServer';
import { waitFor } from './testing/waitFor';

const root = path.resolve(import.meta.dirname, '..');
const packageJson = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  version: string;
  scripts: Record<string, string>;
};

/**
 * A copy of what a production install runs from: package.json, the built client and the compiled
 * server (built by the tests' global setup, as `npm run build` builds them), and a node_modules
 * of links to every installed package but tsx. The sources are not there, nor is any TypeScript
 * loader: a compiled module that still needed one would fail to load here.
 */
function installWithoutTsx(dir: string): void {
  fs.copyFileSync(path.join(root, 'package.json'), path.join(dir, 'package.json'));
  fs.cpSync(COMPILED_SERVER_DIR, path.join(dir, 'dist/server'), { recursive: true });
  fs.cpSync(path.join(root, 'dist/client'), path.join(dir, 'dist/client'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'node_modules'));
  for (const name of fs.readdirSync(path.join(root, 'node_modules'))) {
    if (name === 'tsx' || name.startsWith('.')) continue;
    fs.symlinkSync(path.join(root, 'node_modules', name), path.join(dir, 'node_modules', name));
  }
}

/** The environment of a compiled server: none of this process's loaders (vitest's or tsx's) passed on. */
const plainNode = { NODE_OPTIONS: '' };

let install: string;
beforeAll(async () => {
  install = await mkdtemp(path.join(tmpdir(), 'accord-compiled-'));
  installWithoutTsx(install);
});
afterAll(async () => {
  await rm(install, { recursive: true, force: true });
});

/** npm's own command line script, beside the Node running the tests (as npm is installed with Node). */
const NPM_CLI = path.join(path.dirname(process.execPath), '../lib/node_modules/npm/bin/npm-cli.js');

describe('npm start', () => {
  it('runs the compiled server on plain Node, without tsx', () => {
    expect(packageJson.scripts.start).toBe(`npm run build && exec node ${COMPILED_SERVER_ARGS.join(' ')}`);
    expect(packageJson.scripts.build).toContain('scripts/buildServer.ts');
  });

  it('passes a stop on to the server: SIGTERM to npm (a service manager stopping it) shuts Accord down, nothing left running', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'accord-start-'));
    try {
      installWithoutTsx(dir);
      // What `npm run build` makes is there already: the start script's own build step has nothing to do.
      const installed = { ...packageJson, scripts: { ...packageJson.scripts, build: 'true' } };
      fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(installed));
      const lines: string[] = [];
      const started = await spawnServer(
        { ...plainNode, DATA_DIR: path.join(dir, 'data') },
        { args: [NPM_CLI, 'start', '--silent'], cwd: dir },
        { onLine: (line) => lines.push(line) },
      );
      expect((await fetch(`${started.url}/api/health`)).status).toBe(200);
      started.child.kill('SIGTERM');
      await started.exited;
      expect(lines.some((line) => line.includes('"msg":"stopped"'))).toBe(true);
      await expect(fetch(`${started.url}/api/health`)).rejects.toThrow();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the compiled server, with no TypeScript loader installed', () => {
  let server: SpawnedServer;
  beforeAll(async () => {
    server = await spawnServer(
      { ...plainNode, DATA_DIR: path.join(install, 'data'), DEMO: 'true' },
      { args: COMPILED_SERVER_ARGS, cwd: install },
    );
  });
  afterAll(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
  });

  it('serves the built client: the app page and the files it loads first', async () => {
    const page = await fetch(`${server.url}/drafts`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<div id="root"></div>');
    const script = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    for (const file of [script!, '/zod-jitless.js']) {
      const response = await fetch(`${server.url}${file}`);
      expect(response.status, file).toBe(200);
      expect(response.headers.get('content-type'), file).toMatch(/javascript/);
    }
  });

  it('answers the API: health, its OpenAPI description with the package version, sign-in and drafts', async () => {
    expect(await (await fetch(`${server.url}/api/health`)).json()).toEqual({ status: 'ok' });
    const openApi = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as { info: { version: string } };
    expect(openApi.info.version).toBe(packageJson.version);
    const chair = await signIn(server.url, DEMO.chair);
    const { status, body } = await chair.api('/api/drafts');
    expect(status).toBe(200);
    expect((body.drafts as { title: string }[]).map((draft) => draft.title)).toEqual([
      expect.stringContaining('Framework of Norms'),
    ]);
  });

  it('accepts a collab connection to the demo draft, stores an edit, and exports it in every format', async () => {
    const chair = await signIn(server.url, DEMO.chair);
    const draftId = ((await chair.api('/api/drafts')).body.drafts as { id: string }[])[0]!.id;
    const client = connectClient(`${server.url.replace(/^http/, 'ws')}${COLLAB_PATH}`, draftId, {
      token: chair.token,
    });
    try {
      await client.synced();
      expect(documentString(client.doc)).toContain('essential services');
      clauseText(client.doc, 'operative', 0).insert(0, 'Compiled ');
      const exported = async (format: string) =>
        fetch(`${server.url}/api/drafts/${draftId}/export?format=${format}`, {
          headers: { authorization: `Bearer ${chair.token}` },
        });
      await waitFor(async () => expect(await (await exported('md')).text()).toContain('Compiled '), {
        message: 'the edit in the Markdown export',
      });
    } finally {
      client.destroy();
    }
    // The libraries of each download are loaded on first use, from chunks of their own.
    const signatures: Record<string, string> = {
      docx: 'PK',
      pdf: '%PDF-',
      html: '<!doctype html>',
      json: '{',
      akn: '<?xml',
    };
    for (const [format, start] of Object.entries(signatures)) {
      const response = await fetch(`${server.url}/api/drafts/${draftId}/export?format=${format}`, {
        headers: { authorization: `Bearer ${chair.token}` },
      });
      expect(response.status, format).toBe(200);
      expect(Buffer.from(await response.arrayBuffer()).toString('latin1', 0, start.length), format).toBe(start);
    }
  });
});

describe('a large draft on the compiled server', () => {
  it('is read on the worker thread, from its own file in the build, and reaches a newcomer whole, in one message', async () => {
    const dataDir = fs.mkdtempSync(path.join(tmpdir(), 'accord-compiled-large-'));
    const lines: string[] = [];
    const server = await spawnServer(
      { ...plainNode, DATA_DIR: dataDir, DEMO: 'true', LOG_LEVEL: 'debug' },
      { args: COMPILED_SERVER_ARGS, cwd: install },
      { onLine: (line) => lines.push(line) },
    );
    try {
      const chair = await signIn(server.url, DEMO.chair);
      const sentence = 'States should protect hospitals, water supply and electricity grids from malicious activity';
      const operative = Array.from({ length: 400 }, (_, i) => ({
        text: `${i + 1}. Calls upon ${sentence.repeat(8)};`,
        blocks: [],
        pillars: [],
      }));
      const body = { title: 'A large draft', formula: 'The General Assembly,', preamble: [], operative };
      const imported = await chair.api('/api/imports', { method: 'POST', json: body });
      expect(imported.status, JSON.stringify(imported.body)).toBe(201);
      const draftId = (imported.body.draft as { id: string }).id;
      const collabUrl = `${server.url.replace(/^http/, 'ws')}${COLLAB_PATH}`;
      const reader = await RawCollabClient.connect(collabUrl, draftId, chair.token);
      try {
        // More than 256 KiB of text: read on the worker, sent in one sync step 2, built a few steps at a time (after
        // it was sent: see server/collab/TextFirst.ts).
        const loadedLines = () =>
          lines.filter((line) => line.includes('"loaded the stored text a few steps at a time"'));
        await waitFor(() => expect(loadedLines()).toHaveLength(1));
        const loaded = loadedLines();
        expect(JSON.parse(loaded[0]!)).toMatchObject({ draftId, steps: expect.any(Number) as number });
        expect(JSON.parse(loaded[0]!).steps).toBeGreaterThan(30);
        expect(reader.updatesBeforeSync).toBe(0);
        expect(documentString(reader.doc).split(sentence)).toHaveLength(400 * 8 + 1);
      } finally {
        reader.close();
      }
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('a stack trace from the compiled server', () => {
  it('names the TypeScript file and line, not a line of the bundle', async () => {
    const notADirectory = path.join(install, 'package.json');
    const failed = await promisify(execFile)(process.execPath, COMPILED_SERVER_ARGS, {
      cwd: install,
      env: { ...process.env, ...plainNode, PORT: '0', DATA_DIR: notADirectory },
    }).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain('Accord failed to start');
    expect(failed?.stderr).toMatch(/server\/startServer\.ts:\d+:\d+/);
    expect(failed?.stderr).not.toMatch(/main\.js:\d+/);
  });
});
