/**
 * The exports benchmark (`npm run bench -- --only exports`): how long Accord's server takes to
 * answer an export of a 500-clause draft in every format, and a compare of two 500-clause
 * versions in every redline format. It starts the server of this working tree in its own
 * process (as the fan-out benchmark does), creates the draft through the import API, saves a
 * first version, rewrites the live text over a collab connection (rewording, adding, removing,
 * moving and retagging clauses) and saves a second; then it times whole HTTP requests
 * (reading the version, rendering, sending the body) from this process: the time a person
 * waits for a download, less the network. Each figure is over 20 requests after 3 unmeasured.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { updateYFragment } from '@tiptap/y-tiptap';
import { WebsocketProvider } from 'y-websocket';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { z } from 'zod';
import { newClauseId } from '../shared/clauseId';
import { COLLAB_PATH, DOCUMENT_FIELD } from '../shared/collab';
import type { ClauseJSON, ClauseSpec, TextJSON } from '../shared/draftText';
import { draftFromSpec, sectionOf } from '../shared/draftText';
import { CYBER_TAXONOMY } from '../shared/pillars';

const PILLAR_KEYS = CYBER_TAXONOMY.keys;
import { draftSchema } from '../shared/schema';
import { summariseLatencies } from './fanout/percentiles';
import { freePort } from './servers/freePort';
import { spawnServer } from './servers/spawnServer';

const CLAUSES = 500;
const PREAMBULAR = 120;
const EXPORT_FORMATS = ['json', 'md', 'html', 'akn', 'docx', 'pdf'] as const;
const COMPARE_FORMATS = ['json', 'html', 'docx', 'pdf'] as const;
const DEMO_CHAIR = { email: 'chair@accord.example', password: 'accord-demo' };
const WORDS =
  'States should protect essential services including hospitals water power and emergency response networks ' +
  'when responding to cyber operations and shall consult [the designated body] before any measure that could ' +
  'affect civilians in third States';
const WORD_LIST = WORDS.split(' ');

/** A small seeded generator, so every run measures the same text. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sentence(next: () => number, words: number): string {
  return Array.from({ length: words }, () => WORD_LIST[Math.floor(next() * WORD_LIST.length)]).join(' ');
}

type Clause = ClauseSpec & { pillars: string[] };

/** The first version: 120 preambular and 380 operative clauses of 40–70 words, every tenth operative one with three sub-paragraphs. */
function firstVersion(): { preamble: Clause[]; operative: Clause[] } {
  const next = random(500);
  const clause = (i: number, preambular: boolean): Clause => ({
    text: `${preambular ? 'Recalling that' : 'Decides that'} ${sentence(next, 40 + Math.floor(next() * 30))}${preambular ? ',' : ';'}`,
    subparagraphs: !preambular && i % 10 === 0 ? [sentence(next, 12), sentence(next, 15), sentence(next, 10)] : [],
    pillars: [PILLAR_KEYS[i % PILLAR_KEYS.length]!],
  });
  return {
    preamble: Array.from({ length: PREAMBULAR }, (_, i) => clause(i, true)),
    operative: Array.from({ length: CLAUSES - PREAMBULAR }, (_, i) => clause(PREAMBULAR + i, false)),
  };
}

/**
 * The second version's text, on the clause ids the server gave the first: every fifth clause
 * reworded in three places (every 25th also retagged and agreed), 10 removed, 10 added, 5 moved.
 */
function secondVersionJSON(first: { preamble: Clause[]; operative: Clause[] }, ids: string[]) {
  const next = random(501);
  const withIds = [...first.preamble, ...first.operative].map((clause, i) => ({ ...clause, id: ids[i]! }));
  const edit = (clause: Clause & { id: string }, i: number): Clause & { id: string } => {
    if (i % 5 !== 0) return clause;
    const words = clause.text.split(' ');
    for (let k = 0; k < 3; k++) words[1 + Math.floor(next() * (words.length - 1))] = 'amended';
    return { ...clause, text: words.join(' '), ...(i % 25 === 0 ? { pillars: [], status: 'agreed' as const } : {}) };
  };
  const preamble = withIds.slice(0, PREAMBULAR).map(edit);
  const operative = withIds
    .slice(PREAMBULAR)
    .map(edit)
    .filter((_, i) => i % 38 !== 7);
  for (let k = 0; k < 10; k++)
    operative.splice(k * 30, 0, {
      id: newClauseId(),
      text: `Further decides that ${sentence(next, 30)};`,
      pillars: [],
    });
  for (let k = 0; k < 5; k++) operative.push(...operative.splice(k * 50 + 3, 1));
  const order = [...preamble, ...operative].map((clause) => clause.id);
  let n = 0;
  return draftFromSpec(
    {
      title: 'Benchmark draft of 500 clauses',
      preamble: preamble as ClauseSpec[],
      operative: operative as ClauseSpec[],
    },
    () => order[n++]!,
  );
}

const signedIn = z.object({ token: z.string().min(1) });
const createdDraft = z.object({ draft: z.object({ id: z.string().min(1) }) });
const savedVersion = z.object({ version: z.object({ id: z.string().min(1) }) });
const outline = z.object({ clauses: z.array(z.object({ id: z.string(), text: z.string() })) });

/** A signed-in caller of the server under test. */
function client(base: string, token = '') {
  const call = async (method: string, url: string, body?: unknown): Promise<Response> =>
    fetch(`${base}${url}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  const json = async <T>(schema: z.ZodType<T>, method: string, url: string, body?: unknown): Promise<T> => {
    const response = await call(method, url, body);
    if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${await response.text()}`);
    return schema.parse(await response.json());
  };
  return { call, json };
}

/** Resolves once `check()` is true, polling; rejects after `timeoutMs` naming `what`. */
async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Replaces the live text of a draft with `json` over a collab connection, as a restore does,
 * and resolves once `applied()` says the server has it.
 */
async function rewriteLiveText(
  wsBase: string,
  draftId: string,
  token: string,
  json: ReturnType<typeof secondVersionJSON>,
  applied: () => Promise<boolean>,
): Promise<void> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${wsBase}${COLLAB_PATH}`, draftId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  try {
    await waitFor(() => provider.synced, 'the collab connection to sync');
    const node = draftSchema().nodeFromJSON(json);
    doc.transact(() =>
      updateYFragment(doc, doc.getXmlFragment(DOCUMENT_FIELD), node, { mapping: new Map(), isOMark: new Map() }),
    );
    await waitFor(applied, 'the server to have the rewritten text');
  } finally {
    provider.destroy();
    doc.destroy();
  }
}

interface Row {
  task: string;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  bytes: number;
}

async function measure(task: string, runs: number, request: () => Promise<Response>): Promise<Row> {
  const once = async (): Promise<number> => {
    const response = await request();
    const bytes = (await response.arrayBuffer()).byteLength;
    if (!response.ok) throw new Error(`${task} answered ${response.status}`);
    return bytes;
  };
  for (let i = 0; i < 3; i++) await once();
  const times = new Float64Array(runs);
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    bytes = await once();
    times[i] = performance.now() - started;
  }
  const summary = summariseLatencies(times);
  return { task, medianMs: summary.p50, p95Ms: summary.p95, maxMs: summary.max, bytes };
}

/** Runs the exports benchmark against a fresh server of this working tree, prints its table and writes it as JSON under `outDir`. */
export async function runExportsBenchmark(options: { quick: boolean; outDir: string }): Promise<void> {
  const runs = options.quick ? 5 : 20;
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'accord-bench-exports-'));
  const base = `http://127.0.0.1:${port}`;
  const server = await spawnServer({
    command: process.execPath,
    args: ['--import', 'tsx', 'server/main.ts'],
    cwd: process.cwd(),
    env: { HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', DEMO: 'true' },
    readyUrl: `${base}/api/health`,
    readyTimeoutMs: 30_000,
  });
  try {
    const { token } = await client(base).json(signedIn, 'POST', '/api/auth/login', DEMO_CHAIR);
    const api = client(base, token);
    const first = firstVersion();
    const { draft } = await api.json(createdDraft, 'POST', '/api/imports', {
      title: 'Benchmark draft of 500 clauses',
      ...first,
    });
    const ids = (await api.json(outline, 'GET', `/api/drafts/${draft.id}/outline`)).clauses.map((clause) => clause.id);
    if (ids.length !== CLAUSES) throw new Error(`the imported draft has ${ids.length} clauses, not ${CLAUSES}`);
    const from = (await api.json(savedVersion, 'POST', `/api/drafts/${draft.id}/versions`, { label: 'Rev.1' })).version
      .id;

    const second = secondVersionJSON(first, ids);
    const expectedFirst =
      ((sectionOf(second, 'preamble').content[0] as ClauseJSON).content[0].content?.[0] as TextJSON | undefined)
        ?.text ?? '';
    await rewriteLiveText(base.replace(/^http/, 'ws'), draft.id, token, second, async () => {
      const live = await api.json(outline, 'GET', `/api/drafts/${draft.id}/outline`);
      return live.clauses.length === CLAUSES && live.clauses[0]!.text === expectedFirst;
    });
    const to = (await api.json(savedVersion, 'POST', `/api/drafts/${draft.id}/versions`, { label: 'Rev.2' })).version
      .id;

    const rows: Row[] = [];
    for (const format of EXPORT_FORMATS)
      rows.push(
        await measure(`export ${format}`, runs, () =>
          api.call('GET', `/api/drafts/${draft.id}/export?format=${format}&version=${to}&pillars=true`),
        ),
      );
    for (const format of COMPARE_FORMATS)
      rows.push(
        await measure(`compare ${format}`, runs, () =>
          api.call('GET', `/api/drafts/${draft.id}/compare?from=${from}&to=${to}&format=${format}`),
        ),
      );
    const summary = (
      (await (await api.call('GET', `/api/drafts/${draft.id}/compare?from=${from}&to=${to}`)).json()) as {
        redline: { summary: Record<string, number> };
      }
    ).redline.summary;

    console.log(
      `\nExport of a ${CLAUSES}-clause version and compare of two ${CLAUSES}-clause versions ` +
        `(${JSON.stringify(summary)}), whole HTTP requests, ${runs} runs each, Node ${process.version}\n`,
    );
    console.log('| request | median ms | p95 ms | max ms | size |');
    console.log('| --- | ---: | ---: | ---: | ---: |');
    for (const row of rows)
      console.log(
        `| ${row.task} | ${row.medianMs.toFixed(1)} | ${row.p95Ms.toFixed(1)} | ${row.maxMs.toFixed(1)} | ${(row.bytes / 1024).toFixed(0)} KiB |`,
      );

    await mkdir(options.outDir, { recursive: true });
    const file = path.join(options.outDir, `exports-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    await writeFile(
      file,
      JSON.stringify({ clauses: CLAUSES, runs, node: process.version, compareSummary: summary, rows }, null, 2),
    );
    console.log(`\nwritten to ${file}`);
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
