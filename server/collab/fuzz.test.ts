import * as prng from 'lib0/prng';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { CollabClient } from '../testing/collabClient';
import { clauseText, connectClient } from '../testing/collabClient';
import type { TestServer } from '../testing/startTestServer';
import { startTestServer } from '../testing/startTestServer';
import { waitFor } from '../testing/waitFor';
import { DEMO, callApi, signIn } from '../testing/session';
import { encodeAwareness, encodeSyncStep1, encodeUpdate } from './codec';

const SEED = Number(process.env.FUZZ_SEED ?? 20261125);
const FRAMES = 1000;

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Valid messages of every kind, to be truncated or corrupted. */
function sampleMessages(): Uint8Array[] {
  const doc = new Y.Doc();
  doc.getXmlFragment('scratch').insert(0, [new Y.XmlText('hello')]);
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState({ user: { name: 'Fuzz', color: '#000' } });
  const messages = [
    encodeSyncStep1(Y.encodeStateVector(doc)),
    encodeUpdate(Y.encodeStateAsUpdate(doc)),
    encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID])),
    Uint8Array.of(3),
  ];
  awareness.destroy();
  return messages;
}

function randomFrame(gen: prng.PRNG, samples: Uint8Array[]): Uint8Array {
  const kind = prng.int32(gen, 0, 3);
  const sample = samples[prng.int32(gen, 0, samples.length - 1)]!;
  switch (kind) {
    case 0: // random bytes
      return prng.uint8Array(gen, prng.int32(gen, 0, 64));
    case 1: // a valid message cut short
      return sample.slice(0, prng.int32(gen, 0, Math.max(0, sample.length - 1)));
    case 2: {
      // a valid message with one byte replaced
      const copy = sample.slice();
      copy[prng.int32(gen, 0, copy.length - 1)] = prng.int32(gen, 0, 255);
      return copy;
    }
    default: {
      // a valid message with junk after it
      const junk = prng.uint8Array(gen, prng.int32(gen, 1, 8));
      const out = new Uint8Array(sample.length + junk.length);
      out.set(sample);
      out.set(junk, sample.length);
      return out;
    }
  }
}

/** Sends one frame and waits until the server has processed it (a pong follows it in order) or closed the socket. */
function sendAndSettle(ws: WebSocket, frame: Uint8Array): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      ws.off('pong', done);
      ws.off('close', done);
      resolve();
    };
    ws.on('pong', done);
    ws.on('close', done);
    ws.send(frame, (error) => (error ? done() : ws.ping()));
  });
}

function openRaw(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('message', () => undefined);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

describe('fuzzing the collab socket', () => {
  it(`survives ${FRAMES} random and truncated frames while a well-behaved client keeps syncing (seed ${SEED})`, async () => {
    const s: TestServer = await startTestServer();
    cleanups.push(() => s.close());
    const { token } = await signIn(s.url, DEMO.valdoria);
    const drafts = await callApi(s.url, token, '/api/drafts');
    const draftId = (drafts.body.drafts as { id: string }[])[0]!.id;
    const url = `${s.collabUrl}/${draftId}?token=${token}`;
    const good: CollabClient = connectClient(s.collabUrl, draftId, { token });
    cleanups.push(() => good.destroy());
    await good.synced();

    const gen = prng.create(SEED);
    const samples = sampleMessages();
    let raw = await openRaw(url);
    let closes = 0;
    try {
      for (let i = 0; i < FRAMES; i++) {
        if (raw.readyState !== WebSocket.OPEN) {
          closes++;
          raw = await openRaw(url);
        }
        await sendAndSettle(raw, randomFrame(gen, samples));
        if (i % 100 === 0) clauseText(good.doc, 'operative', 1).insert(0, `${i};`);
      }
    } catch (error) {
      throw new Error(`fuzz failed with seed ${SEED} (rerun with FUZZ_SEED=${SEED}): ${String(error)}`, {
        cause: error,
      });
    } finally {
      raw.terminate();
    }

    // Most frames were refused, each closing only the fuzzing connection.
    expect(closes).toBeGreaterThan(FRAMES / 2);
    expect(good.provider.wsconnected).toBe(true);
    expect((await fetch(`${s.url}/api/health`)).status).toBe(200);

    // The well-behaved client's edits reached the server, and a newcomer sees them.
    const expected = clauseText(good.doc, 'operative', 1).toString();
    const newcomer = connectClient(s.collabUrl, draftId, { token });
    cleanups.push(() => newcomer.destroy());
    await newcomer.synced();
    await waitFor(() => expect(clauseText(newcomer.doc, 'operative', 1).toString()).toBe(expected), {
      message: `seed ${SEED}`,
    });
    expect(expected).toMatch(/^900;800;/);
    clauseText(newcomer.doc, 'operative', 1).insert(0, 'after-fuzz ');
    await waitFor(() => expect(clauseText(good.doc, 'operative', 1).toString()).toMatch(/^after-fuzz 900;/));
  });
});
