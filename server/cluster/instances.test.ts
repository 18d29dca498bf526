import { randomBytes } from 'node:crypto';
import * as decoding from 'lib0/decoding';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { CollabEvent } from '../../shared/collab';
import { ACCORD_EVENT_MESSAGE } from '../../shared/collab';
import { CloseCode, RefusalCode } from '../../shared/closeCodes';
import type { CollabClient } from '../testing/collabClient';
import { RawCollabClient } from '../testing/RawCollabClient';
import { caretAt, clauseElement, clauseText, connectClient } from '../testing/collabClient';
import type { TestDatabase } from '../testing/postgresDatabase';
import { createTestDatabase, holdDocumentLog } from '../testing/postgresDatabase';
import { changeOf, nestParagraphs, storedDoc } from '../testing/storedText';
import { draftUnderReview, rewordedClause, tableAmendment } from '../testing/reviewRoom';
import type { TestSession } from '../testing/session';
import { DEMO, callApi, signIn } from '../testing/session';
import type { TestServer } from '../testing/startTestServer';
import { startTestServer } from '../testing/startTestServer';
import { waitFor } from '../testing/waitFor';
import { holdMembershipRead } from '../testing/holdMembershipRead';

/** The Redis the tests use; they fail, never skip, without it. */
const REDIS_URL = process.env.ACCORD_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Three Accord instances on one PostgreSQL database and one Redis, each test's with a database
 * and a channel prefix of its own, and clients of one draft spread over them.
 */
let database: TestDatabase;
let instances: TestServer[] = [];
let prefix = '';
const cleanups: (() => unknown)[] = [];

async function startInstances(
  count: number,
  compactAfterUpdates = 500,
  overrides: Parameters<typeof startTestServer>[0] = {},
): Promise<TestServer[]> {
  prefix = `accord-test-${randomBytes(4).toString('hex')}:`;
  const config = {
    databaseUrl: database.url,
    redisUrl: REDIS_URL,
    redisPrefix: prefix,
    compactAfterUpdates,
    ...overrides,
  };
  // The first seeds the demo on the empty database; the others start once it has.
  const first = await startTestServer(config);
  const rest = await Promise.all(Array.from({ length: count - 1 }, () => startTestServer(config)));
  instances = [first, ...rest];
  return instances;
}

beforeAll(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await Promise.all(instances.splice(0).map((instance) => instance.close()));
});
afterAll(async () => {
  await database.drop();
});

type TestClient = CollabClient & { events: CollabEvent[]; closes: number[] };

/** A real WebsocketProvider on `instance`, with the Accord events it is sent and the close codes it saw. */
function connect(instance: TestServer, draftId: string, session: TestSession): TestClient {
  const client = connectClient(instance.collabUrl, draftId, { token: session.token });
  const events: CollabEvent[] = [];
  const closes: number[] = [];
  client.provider.messageHandlers[ACCORD_EVENT_MESSAGE] = (_encoder, decoder) => {
    events.push(JSON.parse(decoding.readVarString(decoder)) as CollabEvent);
  };
  client.provider.on('connection-close', (event: CloseEvent | null) => {
    if (event) closes.push(event.code);
  });
  cleanups.push(() => client.destroy());
  return { ...client, events, closes };
}

async function demoDraftId(session: TestSession): Promise<string> {
  return ((await session.api('/api/drafts')).body.drafts as { id: string }[])[0]!.id;
}

/** The draft's text as its log holds it, read through `instance`. */
async function storedText(instance: TestServer, draftId: string) {
  const stored = await instance.storage.loadDocument(draftId);
  return { reloaded: storedDoc(stored), stored };
}

const text = (client: CollabClient, index: number) => clauseText(client.doc, 'operative', index).toString();

describe('several instances on PostgreSQL and Redis', () => {
  it('clients of one draft on three instances converge, while the log is compacted under them, and the stored text holds it all', async () => {
    const [a, b, c] = await startInstances(3, 20);
    // Signed in on one instance, a session works on every other.
    const sessions = await Promise.all(
      [DEMO.valdoria, DEMO.norland, DEMO.meridia].map((email) => signIn(a!.url, email)),
    );
    const draftId = await demoDraftId(sessions[0]!);
    const clients = [a!, b!, c!].map((instance, i) => connect(instance, draftId, sessions[i]!));
    await Promise.all(clients.map((client) => client.synced()));

    // Each types in an open clause of its own (OP2 to OP4) and all three in OP6, at once.
    const words = ['alpha', 'bravo', 'charlie'];
    for (let round = 0; round < 15; round++) {
      clients.forEach((client, i) => {
        const own = clauseText(client.doc, 'operative', i + 1);
        own.insert(own.length, ` ${words[i]}${round}`);
        clauseText(client.doc, 'operative', 5).insert(0, `${i}`);
      });
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const state = (client: CollabClient) => Y.encodeStateVector(client.doc);
    await waitFor(() => {
      for (const client of clients) expect(state(client)).toEqual(state(clients[0]!));
    });
    for (const client of clients) expect(client.events.filter((event) => event.type === 'edit-refused')).toEqual([]);
    for (const [i, word] of words.entries()) expect(text(clients[0]!, i + 1)).toContain(`${word}14`);
    expect(text(clients[0]!, 5).match(/[012]/g)?.length).toBeGreaterThanOrEqual(45);

    // Every instance compacted its share of the log: what is stored still holds every keystroke.
    await Promise.all(instances.map((instance) => instance.registry.closeAll()));
    const { reloaded, stored } = await storedText(a!, draftId);
    expect(Y.encodeStateAsUpdate(reloaded, Y.encodeStateVector(clients[0]!.doc))).toEqual(
      Y.encodeStateAsUpdate(new Y.Doc()),
    );
    expect(stored.updates.length).toBeLessThan(45);
  }, 60_000);

  it('publishes a change to the other instances only once it is committed', async () => {
    const [a, b] = await startInstances(2);
    const valdoria = await signIn(a!.url, DEMO.valdoria);
    const draftId = await demoDraftId(valdoria);
    const writer = connect(a!, draftId, valdoria);
    const watcher = connect(b!, draftId, valdoria);
    await Promise.all([writer.synced(), watcher.synced()]);
    const listener = new Redis(REDIS_URL);
    cleanups.push(() => listener.quit());
    const published: number[] = [];
    listener.on('messageBuffer', () => published.push(Date.now()));
    await listener.subscribe(`${prefix}draft:${draftId}`);
    // Another session holds the log: instance A's insert waits on it, and nothing is published meanwhile.
    const held = await holdDocumentLog(database);
    cleanups.push(() => held.release());
    const rowsBefore = await held.rows();
    clauseText(writer.doc, 'operative', 2).insert(0, 'Held back. ');
    await held.untilAnInsertWaits();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(published).toEqual([]);
    expect(text(watcher, 2)).not.toMatch(/Held back/);
    const rowsWhenHeard = new Promise<number>((resolve) =>
      watcher.doc.on('update', () => {
        if (text(watcher, 2).startsWith('Held back. ')) resolve(held.rows());
      }),
    );
    await held.release();
    expect(await rowsWhenHeard).toBeGreaterThan(rowsBefore);
    expect(published.length).toBeGreaterThan(0);
  }, 30_000);

  it('shows presence across instances, and takes it away when its connection closes', async () => {
    const [a, b, c] = await startInstances(3);
    const valdoria = await signIn(a!.url, DEMO.valdoria);
    const norland = await signIn(c!.url, DEMO.norland);
    const draftId = await demoDraftId(valdoria);
    const writer = connect(a!, draftId, valdoria);
    const reader = connect(c!, draftId, norland);
    await Promise.all([writer.synced(), reader.synced()]);

    writer.provider.awareness.setLocalStateField('cursor', caretAt(clauseText(writer.doc, 'operative', 1), 3));
    const entry = () => reader.provider.awareness.getStates().get(writer.doc.clientID);
    await waitFor(() => expect(entry()?.user).toMatchObject({ name: valdoria.user.name }));
    expect(entry()?.cursor).toBeDefined();

    // Instance B had not loaded the draft: its first client sees who is there at once, not at their next renewal.
    const newcomer = connect(b!, draftId, norland);
    await newcomer.synced();
    await waitFor(
      () => expect(newcomer.provider.awareness.getStates().get(writer.doc.clientID)?.cursor).toBeDefined(),
      {
        timeoutMs: 3000,
      },
    );

    writer.provider.disconnect();
    await waitFor(() => expect(entry()).toBeUndefined());
  }, 30_000);

  it('sends comments and review events live to the clients of every instance', async () => {
    const [a, b, c] = await startInstances(3);
    const chair = await signIn(b!.url, DEMO.chair);
    const valdoria = await signIn(a!.url, DEMO.valdoria);
    const norland = await signIn(c!.url, DEMO.norland);
    const observer = await signIn(b!.url, DEMO.rightsObserver);
    const room = await draftUnderReview(chair, { valdoria, norland, observer });
    const onA = connect(a!, room.draftId, valdoria);
    const onC = connect(c!, room.draftId, norland);
    await Promise.all([onA.synced(), onC.synced()]);

    const clauseId = String(clauseElement(onA.doc, 'operative', 1).getAttribute('id'));
    const posted = await chair.api(`/api/drafts/${room.draftId}/comments`, {
      method: 'POST',
      json: { body: 'Seen on every instance.', anchor: { clauseId } },
    });
    expect(posted.status).toBe(201);
    for (const client of [onA, onC])
      await waitFor(() =>
        expect(client.events).toContainEqual(
          expect.objectContaining({
            type: 'comment',
            comment: expect.objectContaining({ body: 'Seen on every instance.' }),
          }),
        ),
      );

    const base = room.base.outline.clauses.at(-1)!;
    const amendmentId = await tableAmendment(room, valdoria, base.id, rewordedClause(room, base.id, 'Tabled text.'));
    // Norland, on another instance than the sponsor's, sees the tabled amendment and the cycle's new counts.
    await waitFor(() =>
      expect(onC.events).toContainEqual(
        expect.objectContaining({ type: 'amendment', amendment: expect.objectContaining({ id: amendmentId }) }),
      ),
    );
    expect(onC.events.some((event) => event.type === 'review-cycle')).toBe(true);
  }, 60_000);

  it('judges a delegate on one instance by what the chair agreed on another: the change is refused, never relayed or stored', async () => {
    const [a, b, c] = await startInstances(3);
    const chair = await signIn(a!.url, DEMO.chair);
    const valdoria = await signIn(b!.url, DEMO.valdoria);
    const norland = await signIn(c!.url, DEMO.norland);
    const draftId = await demoDraftId(chair);
    const onA = connect(a!, draftId, chair);
    const onB = connect(b!, draftId, valdoria);
    const onC = connect(c!, draftId, norland);
    await Promise.all([onA.synced(), onB.synced(), onC.synced()]);

    // OP2 is open in the demo: the chair agrees it on instance A, the others hear it.
    clauseElement(onA.doc, 'operative', 1).setAttribute('status', 'agreed');
    for (const client of [onB, onC])
      await waitFor(() => expect(clauseElement(client.doc, 'operative', 1).getAttribute('status')).toBe('agreed'));
    // A delegate's client that skips the editor types into it on instance B, then unagrees it.
    clauseText(onB.doc, 'operative', 1).insert(0, 'Slipped in. ');
    await waitFor(() =>
      expect(onB.events).toContainEqual(
        expect.objectContaining({ type: 'edit-refused', code: RefusalCode.AgreedClause }),
      ),
    );
    // What the refused client sends after the refusal is dropped too (it must resync first).
    clauseElement(onB.doc, 'operative', 1).setAttribute('status', 'open');
    // Nothing of either reached another instance or the log.
    clauseText(onA.doc, 'operative', 0).insert(0, 'After. ');
    await waitFor(() => expect(text(onC, 0)).toMatch(/^After\. /));
    for (const client of [onA, onC]) {
      expect(text(client, 1)).not.toMatch(/Slipped in/);
      expect(clauseElement(client.doc, 'operative', 1).getAttribute('status')).toBe('agreed');
    }
    await Promise.all(instances.map((instance) => instance.registry.closeAll()));
    const { reloaded } = await storedText(c!, draftId);
    expect(clauseText(reloaded, 'operative', 1).toString()).not.toMatch(/Slipped in/);
    expect(clauseElement(reloaded, 'operative', 1).getAttribute('status')).toBe('agreed');

    // The tests after this one share the database: the chair opens OP2 again.
    const reopen = connect(a!, draftId, chair);
    await reopen.synced();
    clauseElement(reopen.doc, 'operative', 1).setAttribute('status', 'open');
    await waitFor(async () => {
      const { reloaded: now } = await storedText(a!, draftId);
      expect(clauseElement(now, 'operative', 1).getAttribute('status')).toBe('open');
    });
  }, 30_000);

  it('disconnects a removed member on every instance, and applies a new role everywhere at once', async () => {
    const [a, b, c] = await startInstances(3);
    const chair = await signIn(b!.url, DEMO.chair);
    const norland = await signIn(a!.url, DEMO.norland);
    const draftId = await demoDraftId(chair);
    const onA = connect(a!, draftId, norland);
    const onC = connect(c!, draftId, norland);
    await Promise.all([onA.synced(), onC.synced()]);

    // Made an observer through instance B, Norland's next keystroke on instance C is refused.
    const member = `/api/drafts/${draftId}/members/${norland.user.id}`;
    expect((await chair.api(member, { method: 'PATCH', json: { role: 'observer' } })).status).toBe(200);
    await waitFor(() => expect(onC.events).toContainEqual({ type: 'members-changed' }));
    clauseText(onC.doc, 'operative', 1).insert(0, 'Not any more. ');
    await waitFor(() => expect(onC.events).toContainEqual(expect.objectContaining({ type: 'edit-refused' })));
    expect(text(onA, 1).startsWith('Not any more.')).toBe(false);

    const removed = await chair.api(member, { method: 'DELETE' });
    expect(removed.status).toBe(200);
    await waitFor(() => {
      expect(onA.closes).toContain(CloseCode.MembershipRevoked);
      expect(onC.closes).toContain(CloseCode.MembershipRevoked);
    });
  }, 30_000);

  it('gives a connection arriving where its draft is not loaded the role given on another instance meanwhile', async () => {
    const [a, b] = await startInstances(2);
    const chair = await signIn(a!.url, DEMO.chair);
    const valdoria = await signIn(b!.url, DEMO.valdoria);
    const draftId = await demoDraftId(chair);
    const onA = connect(a!, draftId, chair);
    await onA.synced();
    // Valdoria's upgrade on B has read that she is a delegate; the draft is not loaded on B, so B
    // does not hear the change of role made through A before she is attached.
    const upgrade = holdMembershipRead(b!.storage, draftId, valdoria.user.id);
    cleanups.push(() => upgrade.restore());
    const onB = connect(b!, draftId, valdoria);
    await upgrade.held;
    const member = `/api/drafts/${draftId}/members/${valdoria.user.id}`;
    expect((await chair.api(member, { method: 'PATCH', json: { role: 'observer' } })).status).toBe(200);
    cleanups.push(() => chair.api(member, { method: 'PATCH', json: { role: 'delegate' } }));
    upgrade.release();
    await onB.synced();
    await waitFor(() => expect(onB.events).toContainEqual({ type: 'role-changed', role: 'observer' }));
    clauseText(onB.doc, 'operative', 1).insert(0, 'Typed as an observer. ');
    await waitFor(() => expect(onB.events).toContainEqual(expect.objectContaining({ type: 'edit-refused' })));
    const check = connect(b!, draftId, chair);
    await check.synced();
    expect(text(check, 1)).not.toMatch(/Typed as an observer/);
    expect(text(onA, 1)).not.toMatch(/Typed as an observer/);
  }, 30_000);

  it('ends a signed-out session on every instance', async () => {
    const [a, b, c] = await startInstances(3);
    const valdoria = await signIn(b!.url, DEMO.valdoria);
    const draftId = await demoDraftId(valdoria);
    const onA = connect(a!, draftId, valdoria);
    const onC = connect(c!, draftId, valdoria);
    await Promise.all([onA.synced(), onC.synced()]);
    expect((await valdoria.api('/api/auth/logout', { method: 'POST' })).status).toBeLessThan(300);
    await waitFor(() => {
      expect(onA.closes).toContain(CloseCode.SessionEnded);
      expect(onC.closes).toContain(CloseCode.SessionEnded);
    });
    expect((await callApi(c!.url, valdoria.token, '/api/drafts')).status).toBe(401);
  }, 30_000);

  it('seeds the demo once when several servers start at once on an empty database', async () => {
    const empty = await createTestDatabase();
    cleanups.push(() => empty.drop());
    const config = {
      databaseUrl: empty.url,
      redisUrl: REDIS_URL,
      redisPrefix: `accord-test-${randomBytes(4).toString('hex')}:`,
    };
    const started = await Promise.all([startTestServer(config), startTestServer(config), startTestServer(config)]);
    cleanups.push(() => Promise.all(started.map((server) => server.close())));
    const chair = await signIn(started[2]!.url, DEMO.chair);
    expect((await chair.api('/api/drafts')).body.drafts).toHaveLength(1);
  }, 60_000);

  it('sends the clients of a restored draft, on every instance, to the restored text', async () => {
    const [a, b] = await startInstances(2);
    const chair = await signIn(a!.url, DEMO.chair);
    const valdoria = await signIn(b!.url, DEMO.valdoria);
    const draftId = await demoDraftId(chair);
    // A change stored past the checks leaves the text unreadable (as one stored before them could).
    const stored = await a!.storage.loadDocument(draftId);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.mergeUpdates([...(stored.state ? [stored.state] : []), ...stored.updates]));
    await a!.storage.appendUpdates(draftId, [{ data: changeOf(doc, nestParagraphs), authorId: null }], new Date());

    const onB = connect(b!, draftId, valdoria);
    await waitFor(() => expect(onB.events.map((event) => event.type)).toContain('draft-unreadable'));
    expect((await chair.api(`/api/drafts/${draftId}/recovery`, { method: 'POST' })).status).toBe(200);
    // Instance B closes its connections and unloads the draft: the client comes back to the restored text.
    await waitFor(() => expect(onB.events.map((event) => event.type)).toContain('draft-recovered'));
    await onB.synced();
    expect(onB.doc.getXmlFragment('default').length).toBeGreaterThan(0);
  }, 30_000);

  it('catches up from the log with what it missed while its connection to Redis was down', async () => {
    const [a, b] = await startInstances(2);
    const valdoria = await signIn(a!.url, DEMO.valdoria);
    const draftId = await demoDraftId(valdoria);
    const onA = connect(a!, draftId, valdoria);
    const onB = connect(b!, draftId, valdoria);
    await Promise.all([onA.synced(), onB.synced()]);

    // A row stored whose message nobody heard (as if published while the instances were cut off)…
    const missed = new Y.Doc();
    Y.applyUpdate(missed, Y.encodeStateAsUpdate(onA.doc));
    const before = Y.encodeStateVector(missed);
    clauseText(missed, 'operative', 2).insert(0, 'Missed. ');
    const claims = [{ clientId: missed.clientID, userId: 'someone-else' }];
    await a!.storage.appendUpdates(
      draftId,
      [{ data: Y.encodeStateAsUpdate(missed, before), authorId: null, claims }],
      new Date(),
    );
    // …then the instances' subscriptions drop and come back: each catches up with the log.
    const redis = new Redis(REDIS_URL);
    cleanups.push(() => redis.quit());
    const clients = (await redis.client('LIST')) as string;
    const ours = clients.split('\n').filter((line) => line.includes(`name=${prefix}subscriber`));
    expect(ours).toHaveLength(2);
    for (const line of ours) await redis.client('KILL', 'ID', /\bid=(\d+)/.exec(line)![1]!);
    for (const client of [onA, onB]) await waitFor(() => expect(text(client, 2).startsWith('Missed. ')).toBe(true));
    // Whose client id the missed row was written under was read with it: nobody else writes under it on B.
    const impostor = await RawCollabClient.connect(b!.collabUrl, draftId, valdoria.token);
    cleanups.push(() => impostor.close());
    impostor.doc.clientID = missed.clientID;
    impostor.send((doc) => clauseText(doc, 'operative', 2).insert(0, 'Forged. '));
    await waitFor(() => expect(impostor.refusals).toMatchObject([{ code: RefusalCode.NotAllowed }]));

    // A gap in the numbers is filled from the log too, without any reconnection.
    const later = new Y.Doc();
    Y.applyUpdate(later, Y.encodeStateAsUpdate(onA.doc));
    const vector = Y.encodeStateVector(later);
    clauseText(later, 'operative', 3).insert(0, 'Gap. ');
    await a!.storage.appendUpdates(
      draftId,
      [{ data: Y.encodeStateAsUpdate(later, vector), authorId: null }],
      new Date(),
    );
    clauseText(onA.doc, 'operative', 1).insert(0, 'After. ');
    for (const client of [onA, onB])
      await waitFor(() => {
        expect(text(client, 3).startsWith('Gap. ')).toBe(true);
        expect(text(client, 1).startsWith('After. ')).toBe(true);
      });
  }, 30_000);

  it('counts the comment rate limit over every instance', async () => {
    const [a, b] = await startInstances(2);
    const valdoria = [await signIn(a!.url, DEMO.valdoria), await signIn(b!.url, DEMO.valdoria)];
    const draftId = await demoDraftId(valdoria[0]!);
    const reader = connect(a!, draftId, valdoria[0]!);
    await reader.synced();
    const clauseId = String(clauseElement(reader.doc, 'operative', 1).getAttribute('id'));
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const response = await valdoria[i % 2]!.api(`/api/drafts/${draftId}/comments`, {
        method: 'POST',
        json: { body: `Comment ${i}`, anchor: { clauseId } },
      });
      statuses.push(response.status);
    }
    // Ten a minute per person (COMMENTS_PER_MINUTE), alternating between the instances.
    expect(statuses.slice(0, 10).every((status) => status === 201)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  }, 30_000);

  it('counts what refused changes cost over every instance: spent on one, the next change on another is refused unread', async () => {
    // A budget of one byte: the first refused change spends it.
    const [a, b] = await startInstances(2, 500, { refusalRebuildBytesPerMinute: 1 });
    const valdoria = await signIn(a!.url, DEMO.valdoria);
    // Meridia: a test above removed Norland from the draft.
    const meridia = await signIn(b!.url, DEMO.meridia);
    // The demo draft by its title: tests above made drafts of their own in the same database.
    const drafts = (await valdoria.api('/api/drafts')).body.drafts as { id: string; title: string }[];
    const draftId = drafts.find((draft) => draft.title.startsWith('Framework of Norms'))!.id;
    const watcher = connect(b!, draftId, await signIn(b!.url, DEMO.chair));
    await watcher.synced();

    const attacker = await RawCollabClient.connect(a!.collabUrl, draftId, valdoria.token);
    cleanups.push(() => attacker.close());
    attacker.send((doc) => clauseElement(doc, 'operative', 1).setAttribute('status', 'agreed'));
    await waitFor(() => expect(attacker.refusals).toMatchObject([{ code: RefusalCode.NotAllowed }]));

    // The same person on the other instance: even an allowed change is refused, before it is read.
    const again = await RawCollabClient.connect(b!.collabUrl, draftId, valdoria.token);
    cleanups.push(() => again.close());
    again.send((doc) => clauseText(doc, 'operative', 1).insert(0, 'Spent. '));
    await waitFor(() => expect(again.refusals).toMatchObject([{ code: RefusalCode.RefusedTooOften }]));
    // Someone else there types through.
    const honest = await RawCollabClient.connect(b!.collabUrl, draftId, meridia.token);
    cleanups.push(() => honest.close());
    honest.send((doc) => clauseText(doc, 'operative', 1).insert(0, 'Meridia. '));
    await waitFor(() => expect(clauseText(watcher.doc, 'operative', 1).toString()).toMatch(/^Meridia\. /));
    expect(honest.refusals).toEqual([]);
    expect(clauseText(watcher.doc, 'operative', 1).toString()).not.toMatch(/Spent\./);
  }, 30_000);

  it('keeps a writer’s Yjs client id theirs on every instance: another person cannot write under it elsewhere, they can', async () => {
    const [a, b] = await startInstances(2);
    const chair = await signIn(a!.url, DEMO.chair);
    const drafts = (await chair.api('/api/drafts')).body.drafts as { id: string; title: string }[];
    const draftId = drafts.find((draft) => draft.title.startsWith('Framework of Norms'))!.id;
    const victim = connect(a!, draftId, await signIn(a!.url, DEMO.valdoria));
    const watcher = connect(b!, draftId, chair);
    await Promise.all([victim.synced(), watcher.synced()]);
    clauseText(victim.doc, 'operative', 1).insert(0, 'Valdoria. ');
    await waitFor(() => expect(clauseText(watcher.doc, 'operative', 1).toString()).toMatch(/^Valdoria\. /));
    const onB = (email: string) =>
      signIn(b!.url, email).then((s) => RawCollabClient.connect(b!.collabUrl, draftId, s.token));
    const [impostor, herself] = await Promise.all([onB(DEMO.meridia), onB(DEMO.valdoria)]);
    for (const raw of [impostor!, herself!]) cleanups.push(() => raw.close());
    const writeAs = (raw: RawCollabClient, words: string) => {
      raw.doc.clientID = victim.doc.clientID;
      raw.send((doc) => clauseText(doc, 'operative', 1).insert(0, words));
    };
    writeAs(impostor!, 'Forged. ');
    await waitFor(() => expect(impostor!.refusals).toMatchObject([{ code: RefusalCode.NotAllowed }]));
    // Her connection to A is lost; she goes on under the same id through B.
    victim.provider.disconnect();
    writeAs(herself!, 'Again. ');
    await waitFor(() => expect(clauseText(watcher.doc, 'operative', 1).toString()).toMatch(/^Again\. Valdoria\. /));
  }, 30_000);
});
