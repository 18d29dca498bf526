/**
 * Accord as `npm run cluster` runs it: three compiled instances on one PostgreSQL database and one
 * Redis, behind nginx with the committed configuration. People keep typing while the instance
 * that holds them is killed: they go on through another, and nothing anyone typed or saw is lost
 * or doubled, in anyone's text or after every instance has restarted. Needs nginx, PostgreSQL and
 * Redis; fails, never skips, without them.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import * as Y from 'yjs';
import { COLLAB_PATH } from '../../shared/collab';
import { clauseText, connectClient, documentString } from '../../server/testing/collabClient';
import type { TestDatabase } from '../../server/testing/postgresDatabase';
import { createTestDatabase } from '../../server/testing/postgresDatabase';
import { DEMO, signIn } from '../../server/testing/session';
import { waitFor } from '../../server/testing/waitFor';
import type { Balancing } from './nginxConfig';
import type { Cluster } from './startCluster';
import { startCluster } from './startCluster';
import { Typist } from './Typist';

/** The Redis the instances share; another with `ACCORD_TEST_REDIS_URL`. */
const REDIS_URL = process.env.ACCORD_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Each typist types a word this often: about fifty a second, a fast typist's keystrokes. */
const TYPING_INTERVAL_MS = 20;

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const databases: TestDatabase[] = [];
afterAll(async () => {
  await Promise.all(databases.splice(0).map((database) => database.drop()));
});

beforeAll(async () => {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  let refusal: Error | undefined;
  redis.on('error', (error: Error) => (refusal ??= error));
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    const reason = (refusal ?? (error as Error)).message;
    throw new Error(`This test needs Redis at ${REDIS_URL} (set ACCORD_TEST_REDIS_URL to use another): ${reason}`, {
      cause: error,
    });
  } finally {
    redis.disconnect();
  }
});

async function freshDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  databases.push(database);
  return database;
}

/**
 * Three instances behind nginx on free ports, with a Redis prefix of their own so that test files
 * running at once never share a channel. What the instances and nginx wrote at warning level or
 * above is printed if the test fails.
 */
async function startTestCluster(database: TestDatabase, balancing: Balancing, redisPrefix: string): Promise<Cluster> {
  const runtimeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-cluster-'));
  const notable: string[] = [];
  onTestFailed(() => console.error(`What the cluster said:\n${notable.join('\n')}`));
  const cluster = await startCluster({
    databaseUrl: database.url,
    redisUrl: REDIS_URL,
    redisPrefix,
    port: 0,
    instancePorts: [0, 0, 0],
    balancing,
    runtimeDir,
    env: { DEMO: 'true' },
    onLine: (source, line) => {
      if (source === 'nginx' ? !line.includes('[notice]') : !/"level":[1-3]\d,/.test(line)) {
        notable.push(`${source}: ${line}`);
      }
    },
  });
  cleanups.push(async () => {
    await cluster.stop();
    fs.rmSync(runtimeDir, { recursive: true, force: true });
  });
  return cluster;
}

const uniquePrefix = () => `accord-test-${randomBytes(6).toString('hex')}:`;
const collabUrlOf = (url: string) => `${url.replace(/^http/, 'ws')}${COLLAB_PATH}`;
const hostOf = (url: string) => new URL(url).host;

/** Whether `doc` holds every change in `update` already: applying it would add nothing. */
function holdsAll(doc: Y.Doc, update: Uint8Array): boolean {
  const probe = new Y.Doc();
  Y.applyUpdate(probe, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(probe);
  Y.applyUpdate(probe, update);
  return Buffer.from(Y.encodeStateVector(probe)).equals(Buffer.from(before));
}

describe('three instances behind nginx', () => {
  it('answers HTTP and carries a websocket through nginx, spreading requests over the instances', async () => {
    const cluster = await startTestCluster(await freshDatabase(), 'least-conn', uniquePrefix());
    const health = await fetch(`${cluster.url}/api/health`);
    expect([health.status, await health.json()]).toEqual([200, { status: 'ok' }]);
    // With no connection open, least_conn takes turns: three requests, three instances.
    const answeredBy = new Set<string | null>();
    for (let i = 0; i < 3; i++) {
      answeredBy.add((await fetch(`${cluster.url}/api/health`)).headers.get('x-accord-upstream'));
    }
    expect(answeredBy).toEqual(new Set(cluster.instances.map((instance) => hostOf(instance.url))));

    const chair = await signIn(cluster.url, DEMO.chair);
    const drafts = (await chair.api('/api/drafts')).body.drafts as { id: string; title: string }[];
    // The first instance seeded the demo alone, before the others started: there is one demo draft.
    expect(drafts.map((draft) => draft.title)).toEqual([expect.stringContaining('Framework of Norms')]);
    const draftId = drafts[0]!.id;

    const client = connectClient(collabUrlOf(cluster.url), draftId, { token: chair.token });
    cleanups.push(() => client.destroy());
    await client.synced();
    expect(documentString(client.doc)).toContain('essential services');
    clauseText(client.doc, 'operative', 0).insert(0, 'Balanced ');
    await waitFor(
      async () => expect((await chair.api(`/api/drafts/${draftId}/export?format=md`)).body.text).toContain('Balanced '),
      { message: 'the edit in the Markdown export, fetched through nginx' },
    );
  }, 60_000);

  describe.each([
    { balancing: 'least-conn', placement: 'one on each instance' },
    { balancing: 'by-draft', placement: 'all on the instance that holds their draft' },
  ] as const)('three people typing, $placement ($balancing)', ({ balancing }) => {
    it('go on through another instance when one is killed, and nothing anyone typed or saw is lost or doubled', async () => {
      const database = await freshDatabase();
      const redisPrefix = uniquePrefix();
      let cluster = await startTestCluster(database, balancing, redisPrefix);
      const people = [
        { email: DEMO.valdoria, mark: 'v' },
        { email: DEMO.norland, mark: 'n' },
        { email: DEMO.meridia, mark: 'm' },
      ];
      const sessions = await Promise.all(people.map((person) => signIn(cluster.url, person.email)));
      const draftId = ((await sessions[0]!.api('/api/drafts')).body.drafts as { id: string }[])[0]!.id;
      const typists: Typist[] = [];
      for (const [i, person] of people.entries()) {
        const typist = new Typist(cluster.url, draftId, sessions[i]!.token, person.mark);
        cleanups.push(() => typist.destroy());
        await typist.client.synced();
        typists.push(typist);
      }
      const upstreams = typists.map((typist) => typist.upstream);
      if (balancing === 'least-conn') {
        // Each joins the instance with the fewest open connections: one each, so only Redis carries their typing across.
        expect(new Set(upstreams).size).toBe(3);
      } else {
        // Every request about the draft reaches one instance: its websockets and its API calls.
        expect(new Set(upstreams).size).toBe(1);
        const api = await sessions[0]!.api(`/api/drafts/${draftId}`);
        expect(api.headers.get('x-accord-upstream')).toBe(upstreams[0]);
      }
      const othersOf = (typist: Typist) => typists.filter((other) => other !== typist);

      for (const typist of typists) typist.start(TYPING_INTERVAL_MS);
      await waitFor(
        () => {
          for (const typist of typists) {
            for (const other of othersOf(typist)) {
              expect(typist.words().filter((word) => word.mark === other.mark).length).toBeGreaterThan(20);
            }
          }
        },
        { timeoutMs: 20_000, message: 'everyone sees the others type' },
      );

      // The instance that holds the first typist dies mid-word; what everyone holds then must survive.
      const victimHost = upstreams[0]!;
      const victim = cluster.instances.findIndex((instance) => hostOf(instance.url) === victimHost);
      // An observer reads on that instance itself, past nginx, and will not come back after it dies.
      const observerSession = await signIn(cluster.url, DEMO.rightsObserver);
      const observer = connectClient(collabUrlOf(cluster.instances[victim]!.url), draftId, {
        token: observerSession.token,
      });
      cleanups.push(() => observer.destroy());
      await observer.synced();
      const sees = (typist: Typist, clientId: number) => typist.client.provider.awareness.getStates().has(clientId);
      // Everyone shows where their caret is, as the editor does (an entry's first state, at clock 0, is never relayed).
      for (const client of [observer, ...typists.map((typist) => typist.client)])
        client.provider.awareness.setLocalStateField('cursor', null);
      await waitFor(() => {
        for (const typist of typists) {
          expect(sees(typist, observer.doc.clientID)).toBe(true);
          for (const other of othersOf(typist)) expect(sees(typist, other.client.doc.clientID)).toBe(true);
        }
      });
      // Renewed now: left alone, the entry would time out only 30 s from here.
      observer.provider.awareness.setLocalStateField('cursor', null);
      const held = typists.map((typist) => Y.encodeStateAsUpdate(typist.client.doc));
      const typedBeforeKill = typists.map((typist) => typist.typed);
      expect((await cluster.kill(victim, 'SIGKILL')).signal).toBe('SIGKILL');
      observer.provider.disconnect();

      // Those it held connect again through nginx, to an instance that is up, and everyone goes on typing.
      await waitFor(
        () => {
          for (const typist of typists)
            expect([typist.connected(), typist.upstream]).toEqual([true, expect.anything()]);
          expect(typists.map((typist) => typist.upstream)).not.toContain(victimHost);
        },
        { timeoutMs: 20_000, message: 'everyone connected to an instance that is up' },
      );
      await waitFor(
        () => {
          for (const typist of typists) {
            for (const other of othersOf(typist)) {
              const since = typedBeforeKill[typists.indexOf(other)]!;
              expect(typist.words().some((word) => word.mark === other.mark && word.n > since + 20)).toBe(true);
            }
          }
        },
        { timeoutMs: 20_000, message: 'everyone sees the others type after the kill' },
      );
      // The other instances stop relaying the dead one's presence once it has missed a few
      // heartbeats; those who came back through them keep theirs, for everyone who stayed connected.
      await waitFor(
        () => {
          for (const typist of typists) expect(sees(typist, observer.doc.clientID)).toBe(false);
        },
        { timeoutMs: 15_000, message: 'the presence the killed instance relayed taken away' },
      );
      for (const [i, typist] of typists.entries()) {
        if (upstreams[i] === victimHost) continue;
        for (const other of othersOf(typist)) expect(sees(typist, other.client.doc.clientID)).toBe(true);
      }
      // HTTP through nginx never meets the dead instance: a refused connection is tried on the next one.
      for (let i = 0; i < 6; i++) expect((await fetch(`${cluster.url}/api/health`)).status).toBe(200);

      for (const typist of typists) typist.stop();
      await waitFor(
        () => {
          const texts = typists.map((typist) => documentString(typist.client.doc));
          expect(new Set(texts).size).toBe(1);
        },
        { timeoutMs: 20_000, message: 'everyone has the same text' },
      );
      const final = typists[0]!.text().toString();
      for (const typist of typists) {
        // Every word each typed is in the text once, in the order typed.
        const own = typist.words().filter((word) => word.mark === typist.mark);
        expect(own.map((word) => word.n)).toEqual(Array.from({ length: typist.typed }, (_, i) => i + 1));
        // And everything anyone held when the instance died.
        for (const update of held) expect(holdsAll(typist.client.doc, update)).toBe(true);
      }

      // Every instance restarts: a newcomer loads exactly that text from the database.
      for (const typist of typists) typist.destroy();
      await cluster.stop();
      cluster = await startTestCluster(database, balancing, redisPrefix);
      const newcomer = connectClient(collabUrlOf(cluster.url), draftId, { token: sessions[1]!.token });
      cleanups.push(() => newcomer.destroy());
      await newcomer.synced();
      expect(clauseText(newcomer.doc, 'operative', 3).toString()).toBe(final);
      for (const update of held) expect(holdsAll(newcomer.doc, update)).toBe(true);
    }, 150_000);
  });
});
