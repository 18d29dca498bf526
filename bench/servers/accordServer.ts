import { existsSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { COMPILED_SERVER_ARGS } from '../../scripts/buildServer';
import { COLLAB_PATH, DRAFT_ID_PATTERN } from '../../shared/collab';
import type { CollabRoom } from '../fanout/Writer';
import { freePort } from './freePort';
import { processCpuSeconds, processPeakRssMiB } from './processStats';
import type { RunningServer, ServerUnderTest } from './ServerUnderTest';
import { spawnServer } from './spawnServer';

/**
 * The demo chair account that Accord seeds when DEMO=true and lists in its README
 * (server/demo/demoPeople.ts): the one demo account allowed to create drafts. Used only when the
 * server asks for a sign-in; a server without accounts is benchmarked without one.
 */
const DEMO_CHAIR = { email: 'chair@accord.example', password: 'accord-demo' };

/** The parts of Accord's JSON answers the benchmark relies on. */
const createdDraft = z.object({ draft: z.object({ id: z.string().regex(DRAFT_ID_PATTERN) }) });
const signedIn = z.object({ token: z.string().min(1) });

/** POSTs `body` as JSON to `url`, with `token` as the bearer if given. */
export async function postJson(url: string, body: unknown, token?: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}

/** The JSON body of a 2xx answer; anything else throws with `what`, the status and the body. */
export async function expectOk(response: Response, what: string): Promise<unknown> {
  if (!response.ok) throw new Error(`${what} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

/** Signs in to Accord at `base` as the demo chair and answers the session token. */
export async function demoChairToken(base: string): Promise<string> {
  const response = await postJson(`${base}/api/auth/login`, DEMO_CHAIR);
  return signedIn.parse(await expectOk(response, 'POST /api/auth/login as the demo chair')).token;
}

/**
 * Creates a draft for the benchmark. If the server wants a signed-in caller, signs in as the demo
 * chair and passes the session token on to every collab connection (`?token=`).
 */
async function createDraftRoom(base: string, wsBase: string): Promise<CollabRoom> {
  const title = { title: 'Fan-out benchmark' };
  let response = await postJson(`${base}/api/drafts`, title);
  let params: Record<string, string> = {};
  if (response.status === 401) {
    await response.body?.cancel();
    const token = await demoChairToken(base);
    params = { token };
    response = await postJson(`${base}/api/drafts`, title, token);
  }
  const { draft } = createdDraft.parse(await expectOk(response, 'POST /api/drafts'));
  return { serverUrl: `${wsBase}${COLLAB_PATH}`, room: draft.id, params };
}

/**
 * Accord's own server, `server/main.ts` of the checkout at `root` (this working tree, or a
 * snapshot of a commit), run from its sources as `npm run dev` runs it:
 * `node --import tsx server/main.ts`, so the process measured is the server itself and not a tsx
 * wrapper; a snapshot of an older commit has no compiled build. With `compiled`, the server as
 * `npm start` runs it, compiled to `dist/server/main.js` (which must have been built). Each start
 * gets a fresh SQLite data directory, removed on stop. DEMO is on only so that a server with
 * accounts has one to sign in with; it seeds one extra draft at start-up. With `cpuProfileDir`,
 * each server process writes a V8 CPU profile there (`--cpu-prof`); `nodeArgs` go to Node first.
 */
export function accordServer(
  root: string,
  options: { cpuProfileDir?: string; compiled?: boolean; nodeArgs?: string[] } = {},
): ServerUnderTest {
  // A CPU profile is written when the server exits, which it does cleanly on SIGTERM.
  const profile = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  const nodeArgs = [...(options.nodeArgs ?? []), ...profile];
  const serverEntry = path.join(root, options.compiled ? 'dist/server/main.js' : 'server/main.ts');
  const serverArgs = options.compiled ? [...COMPILED_SERVER_ARGS] : ['--import', 'tsx', serverEntry];
  return {
    name: 'accord',
    unavailable() {
      return existsSync(serverEntry)
        ? undefined
        : `${path.relative(process.cwd(), serverEntry) || serverEntry} does not exist.`;
    },
    async start(): Promise<RunningServer> {
      const port = await freePort();
      const dataDir = await mkdtemp(path.join(tmpdir(), 'accord-bench-fanout-'));
      // Also on an interrupted run (SIGINT ends the process without running `stop`).
      const removeOnExit = (): void => rmSync(dataDir, { recursive: true, force: true });
      process.once('exit', removeOnExit);
      const base = `http://127.0.0.1:${port}`;
      const spawned = await spawnServer({
        command: process.execPath,
        args: [...nodeArgs, ...serverArgs],
        cwd: root,
        env: { HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', DEMO: 'true' },
        readyUrl: `${base}/api/drafts`,
        readyTimeoutMs: 30_000,
      }).catch(async (error: unknown) => {
        process.off('exit', removeOnExit);
        await rm(dataDir, { recursive: true, force: true });
        throw error;
      });
      return {
        name: 'accord',
        pid: spawned.pid,
        url: base,
        createRoom: () => createDraftRoom(base, `ws://127.0.0.1:${port}`),
        cpuSeconds: () => processCpuSeconds(spawned.pid),
        peakRssMiB: () => processPeakRssMiB(spawned.pid),
        async stop() {
          await spawned.stop();
          process.off('exit', removeOnExit);
          await rm(dataDir, { recursive: true, force: true });
        },
      };
    },
  };
}
