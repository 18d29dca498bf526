/**
 * The idle memory benchmark (`npm run bench -- --only memory`): how much memory one Accord
 * instance holds while nobody works in it, against the reference server in the same run. It
 * compiles this working tree's server (`npm run build` does the same) and starts three servers
 * side by side, each in its own process: Accord compiled, as `npm start` runs it; Accord from its
 * sources under tsx, as `npm start` ran it before and `npm run dev` still does; and the reference
 * (`@y/websocket-server`, documents in memory only). Accord seeds its demo draft.
 *
 * Each server is measured twice: after starting, and after one client has come and gone. Each
 * time it is read once it has settled: at least `--settle-ms` (default 45 s) have passed, it has
 * used no CPU for two seconds, and V8's memory reducer has run (the heap V8 reserves is within
 * {@link REDUCED_HEAP_SLACK_MIB} of the heap in use). The reducer gives memory back after the
 * last work, from a few seconds to over a minute later; read before it, the same server holds
 * 25–70 MiB more. A server that has not settled within {@link SETTLE_TIMEOUT_MS} is read anyway
 * and marked so.
 *
 * On Accord the client signs in as the demo chair and opens the demo draft over the collab
 * socket; on the reference it brings the same document into a room (the reference has no storage
 * to load it from). Then the client leaves: Accord unloads the draft, the reference keeps the
 * room in memory.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WebsocketProvider } from 'y-websocket';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { z } from 'zod';
import { buildServer } from '../scripts/buildServer';
import { COLLAB_PATH, DOCUMENT_FIELD } from '../shared/collab';
import { waitUntil } from './fanout/waitUntil';
import { workingTree } from './servers/accordCheckout';
import { accordServer } from './servers/accordServer';
import { machineInfo } from './servers/machineInfo';
import type { MemoryFigures } from './servers/memoryProbe';
import { memoryProbeArgs, readMemory } from './servers/memoryProbe';
import { referenceServer } from './servers/referenceServer';
import type { RunningServer, ServerUnderTest } from './servers/ServerUnderTest';
import { waitForIdleServer } from './servers/waitForIdleServer';

const DEMO_CHAIR = { email: 'chair@accord.example', password: 'accord-demo' };
const SERVERS = ['accord', 'accord (tsx)', 'reference'] as const;
type ServerLabel = (typeof SERVERS)[number];
const PHASES = ['after start', 'after a client'] as const;
/** Reserved heap beyond the heap in use, at most, once V8's memory reducer has shrunk it (before, 20–45 MiB). */
const REDUCED_HEAP_SLACK_MIB = 4;
/** How long past the settle time a server may take to settle before it is read anyway. */
const SETTLE_TIMEOUT_MS = 180_000;

/** One reading of one server's memory. */
interface MemoryMeasurement extends MemoryFigures {
  server: ServerLabel;
  round: number;
  phase: (typeof PHASES)[number];
  /** Whether the server had settled (idle, its heap reduced) when read; else it was read at the timeout. */
  settled: boolean;
  /** Seconds from the start of the phase (the start, or the client leaving) to the reading. */
  readAfterSeconds: number;
}

const signedIn = z.object({ token: z.string().min(1) });
const draftList = z.object({ drafts: z.array(z.object({ id: z.string() })).min(1) });

/** Connects a y-websocket client with `doc`, waits for the first sync, and leaves. */
async function visit(serverUrl: string, room: string, doc: Y.Doc, params: Record<string, string> = {}): Promise<void> {
  const provider = new WebsocketProvider(serverUrl, room, doc, {
    params,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  try {
    await waitUntil(() => provider.synced, `a sync with ${serverUrl}/${room}`, 30_000);
  } finally {
    provider.destroy();
  }
}

/** On Accord: signs in as the demo chair, opens the demo draft and leaves; returns its text. */
async function visitAccord(server: RunningServer): Promise<Y.Doc> {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(DEMO_CHAIR),
  });
  const { token } = signedIn.parse(await login.json());
  const drafts = await fetch(`${server.url}/api/drafts`, { headers: { authorization: `Bearer ${token}` } });
  const draftId = draftList.parse(await drafts.json()).drafts[0]!.id;
  const doc = new Y.Doc();
  await visit(`${server.url.replace(/^http/, 'ws')}${COLLAB_PATH}`, draftId, doc, { token });
  return doc;
}

const DEMO_ROOM = 'demo';

/** On the reference: brings the demo draft's text into a room, and leaves. */
async function visitReference(server: RunningServer, demo: Y.Doc): Promise<void> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(demo));
  await visit(server.url.replace(/^http/, 'ws'), DEMO_ROOM, doc);
}

/** Whether the reference holds the demo text: what a newcomer to the room receives. */
async function referenceHolds(server: RunningServer, demo: Y.Doc): Promise<boolean> {
  const doc = new Y.Doc();
  await visit(server.url.replace(/^http/, 'ws'), DEMO_ROOM, doc);
  return doc.getXmlFragment(DOCUMENT_FIELD).toString() === demo.getXmlFragment(DOCUMENT_FIELD).toString();
}

const mib = (value: number): string => value.toFixed(1);

function formatTable(measurements: MemoryMeasurement[]): string {
  const lines = [
    '| server | round | measured | RSS MiB | heap used MiB | heap total MiB | external MiB |',
    '| --- | ---: | --- | ---: | ---: | ---: | ---: |',
  ];
  for (const m of measurements) {
    const when = `${m.phase}, ${m.readAfterSeconds.toFixed(0)} s${m.settled ? '' : ' (not settled)'}`;
    lines.push(
      `| ${m.server} | ${m.round} | ${when} | ${mib(m.rssMiB)} | ${mib(m.heapUsedMiB)} | ${mib(m.heapTotalMiB)} | ${mib(m.externalMiB)} |`,
    );
  }
  return lines.join('\n');
}

/** "accord 91.2 vs reference 58.0 MiB RSS (×1.57)" for each phase of each round. */
function comparisons(measurements: MemoryMeasurement[]): string[] {
  const find = (server: ServerLabel, round: number, phase: string) =>
    measurements.find((m) => m.server === server && m.round === round && m.phase === phase);
  return measurements
    .filter((m) => m.server === 'accord')
    .flatMap((accord) =>
      (['reference', 'accord (tsx)'] as const).flatMap((other) => {
        const against = find(other, accord.round, accord.phase);
        if (!against) return [];
        return [
          `round ${accord.round}, ${accord.phase}: accord ${mib(accord.rssMiB)} vs ${other} ${mib(against.rssMiB)} MiB ` +
            `RSS (×${(accord.rssMiB / against.rssMiB).toFixed(2)}), heap used ${mib(accord.heapUsedMiB)} vs ${mib(against.heapUsedMiB)} MiB`,
        ];
      }),
    );
}

/** Reads a server's memory once it has settled (see the top of this file), or at the timeout. */
async function settledMemory(
  server: RunningServer,
  probeFile: string,
  since: number,
): Promise<{ figures: MemoryFigures; settled: boolean; readAfterSeconds: number }> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  for (;;) {
    const idle = await waitForIdleServer(server, 2000, Math.max(deadline - Date.now(), 2000));
    const figures = await readMemory(server.pid, probeFile);
    const settled = idle && figures.heapTotalMiB - figures.heapUsedMiB <= REDUCED_HEAP_SLACK_MIB;
    if (settled || Date.now() >= deadline) return { figures, settled, readAfterSeconds: (Date.now() - since) / 1000 };
  }
}

/** Waits `settleMs`, then reads each server's memory once it has settled. */
async function measureAll(
  running: Map<ServerLabel, { server: RunningServer; probeFile: string }>,
  settleMs: number,
  round: number,
  phase: MemoryMeasurement['phase'],
): Promise<MemoryMeasurement[]> {
  const since = Date.now();
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  return Promise.all(
    [...running].map(async ([label, { server, probeFile }]) => {
      const { figures, settled, readAfterSeconds } = await settledMemory(server, probeFile, since);
      return { server: label, round, phase, settled, readAfterSeconds, ...figures };
    }),
  );
}

/**
 * Runs the idle memory benchmark, prints its table and comparison lines, and writes them as JSON
 * under `outDir`. Resolves with what went wrong (a server that is unavailable, or a reference room
 * that did not receive the text), if anything.
 */
export async function runIdleMemoryBenchmark(options: {
  quick: boolean;
  rounds: number;
  settleMs?: number;
  outDir: string;
}): Promise<{ failures: string[] }> {
  const root = path.resolve(import.meta.dirname, '..');
  const settleMs = options.settleMs ?? (options.quick ? 0 : 45_000);
  const checkout = await workingTree(root);
  console.log(`\nIdle memory: ${checkout.label}, compiled to dist/server; settle ${settleMs / 1000} s`);
  await buildServer();
  const probeDir = await mkdtemp(path.join(tmpdir(), 'accord-bench-memory-'));
  const probeFile = (label: string, round: number): string =>
    path.join(probeDir, `${label.replace(/\W+/g, '-')}-${round}.json`);
  const kinds = (round: number): [ServerLabel, ServerUnderTest][] => [
    ['accord', accordServer(root, { compiled: true, nodeArgs: memoryProbeArgs(probeFile('accord', round)) })],
    ['accord (tsx)', accordServer(root, { nodeArgs: memoryProbeArgs(probeFile('accord (tsx)', round)) })],
    ['reference', referenceServer({ nodeArgs: memoryProbeArgs(probeFile('reference', round)) })],
  ];
  const failures: string[] = [];
  const measurements: MemoryMeasurement[] = [];
  try {
    for (let round = 1; round <= options.rounds; round++) {
      const running = new Map<ServerLabel, { server: RunningServer; probeFile: string }>();
      try {
        for (const [label, kind] of kinds(round)) {
          const unavailable = kind.unavailable();
          if (unavailable) {
            failures.push(`${label}: ${unavailable}`);
            continue;
          }
          running.set(label, { server: await kind.start(), probeFile: probeFile(label, round) });
        }
        measurements.push(...(await measureAll(running, settleMs, round, 'after start')));
        const accord = running.get('accord');
        const demo = accord ? await visitAccord(accord.server) : null;
        const tsx = running.get('accord (tsx)');
        if (tsx) await visitAccord(tsx.server);
        const reference = running.get('reference');
        if (reference && demo) await visitReference(reference.server, demo);
        measurements.push(...(await measureAll(running, settleMs, round, 'after a client')));
        if (reference && demo && !(await referenceHolds(reference.server, demo))) {
          failures.push(`round ${round}: the reference's room did not hold the demo text the client brought`);
        }
      } finally {
        await Promise.all([...running.values()].map(({ server }) => server.stop()));
      }
    }
  } finally {
    await rm(probeDir, { recursive: true, force: true });
  }

  console.log(formatTable(measurements));
  for (const line of comparisons(measurements)) console.log(line);
  for (const failure of failures) console.error(`memory: ${failure}`);
  await mkdir(options.outDir, { recursive: true });
  const file = path.join(options.outDir, `idle-memory-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  const report = { benchmark: 'idle-memory', accord: checkout.label, settleMs, machine: machineInfo(), measurements };
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nwritten to ${file}`);
  return { failures };
}
