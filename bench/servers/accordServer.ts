import { existsSync, readFileSync, rmSync } from 'node:fs';
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
export async function createDraftRoom(base: string, wsBase: string): Promise<CollabRoom> {
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

/** How to start Accord: compiled, profiled, with further Node arguments or environment. */
export interface AccordProcessOptions {
  /** Where each process writes a V8 CPU profile on exit (`--cpu-prof`), if anywhere. */
  cpuProfileDir?: string;
  /** Run `dist/server/main.js` as `npm start` does (it must have been built), not the sources under tsx. */
  compiled?: boolean;
  /** Node arguments before the server's own. */
  nodeArgs?: string[];
  /** Environment beyond the benchmark's own (`DATABASE_URL`, `REDIS_URL`...). */
  env?: Record<string, string>;
}

/** One Accord process started for a benchmark. */
export interface AccordProcess {
  readonly pid: number;
  /** `http://127.0.0.1:<port>` */
  readonly base: string;
  /** `ws://127.0.0.1:<port>` */
  readonly wsBase: string;
  /** Stops the process and removes its data directory. */
  stop(): Promise<void>;
}

/**
 * The Node arguments a checkout's `npm start` runs its compiled server with (what follows `exec node`
 * in its package.json), so that a commit measured beside the working tree runs as it was shipped,
 * flags included; this tree's own when the script says nothing else.
 */
function compiledServerArgs(root: string): string[] {
  const start = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts?: { start?: string } })
    .scripts?.start;
  const args = start === undefined ? undefined : /exec node (.+)$/.exec(start)?.[1];
  return args === undefined ? [...COMPILED_SERVER_ARGS] : args.trim().split(/\s+/);
}

/** The server entry of a checkout and the Node arguments that run it. */
function accordCommand(root: string, options: AccordProcessOptions): { entry: string; args: string[] } {
  // A CPU profile is written when the server exits, which it does cleanly on SIGTERM.
  const profile = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  const entry = path.join(root, options.compiled ? 'dist/server/main.js' : 'server/main.ts');
  const serverArgs = options.compiled ? compiledServerArgs(root) : ['--import', 'tsx', entry];
  return { entry, args: [...(options.nodeArgs ?? []), ...profile, ...serverArgs] };
}

/** Why Accord of this checkout cannot be started, or undefined. */
export function accordUnavailable(root: string, options: AccordProcessOptions): string | undefined {
  const { entry } = accordCommand(root, options);
  return existsSync(entry) ? undefined : `${path.relative(process.cwd(), entry) || entry} does not exist.`;
}

/**
 * Starts one Accord process of the checkout at `root` on a free port of 127.0.0.1, with a fresh
 * data directory (SQLite's, unless `env` names a `DATABASE_URL`), `LOG_LEVEL=warn` and the demo
 * accounts, and resolves once it answers HTTP.
 */
export async function startAccordProcess(root: string, options: AccordProcessOptions): Promise<AccordProcess> {
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'accord-bench-'));
  // Also on an interrupted run (SIGINT ends the process without running `stop`).
  const removeOnExit = (): void => rmSync(dataDir, { recursive: true, force: true });
  process.once('exit', removeOnExit);
  const base = `http://127.0.0.1:${port}`;
  const removeData = async (): Promise<void> => {
    process.off('exit', removeOnExit);
    await rm(dataDir, { recursive: true, force: true });
  };
  const spawned = await spawnServer({
    command: process.execPath,
    args: accordCommand(root, options).args,
    cwd: root,
    env: {
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      DEMO: 'true',
      ...options.env,
    },
    readyUrl: `${base}/api/drafts`,
    readyTimeoutMs: 30_000,
  }).catch(async (error: unknown) => {
    await removeData();
    throw error;
  });
  return {
    pid: spawned.pid,
    base,
    wsBase: `ws://127.0.0.1:${port}`,
    async stop() {
      await spawned.stop();
      await removeData();
    },
  };
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
export function accordServer(root: string, options: AccordProcessOptions = {}): ServerUnderTest {
  return {
    name: 'accord',
    unavailable: () => accordUnavailable(root, options),
    async start(): Promise<RunningServer> {
      const accord = await startAccordProcess(root, options);
      return {
        name: 'accord',
        pid: accord.pid,
        url: accord.base,
        createRoom: () => createDraftRoom(accord.base, accord.wsBase),
        cpuSeconds: () => processCpuSeconds(accord.pid),
        peakRssMiB: () => processPeakRssMiB(accord.pid),
        stop: () => accord.stop(),
      };
    },
  };
}
