import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { DraftMessage } from '../collab/peers';
import { waitFor } from '../testing/waitFor';
import { RedisPeers } from './RedisPeers';

/** The Redis the tests use; they fail, never skip, without it. */
const REDIS_URL = process.env.ACCORD_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const logger = pino({ level: 'silent' });

const opened: RedisPeers[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((peers) => peers.close()));
});

/** Instances of one deployment (one channel prefix of their own), each telling who it heard was gone. */
async function instances(count: number, heartbeatMs: number) {
  const prefix = `accord-test-${randomBytes(4).toString('hex')}:`;
  return Promise.all(
    Array.from({ length: count }, async () => {
      const peers = await RedisPeers.connect(REDIS_URL, prefix, logger, { heartbeatMs });
      opened.push(peers);
      const gone: string[] = [];
      peers.onInstanceGone((instanceId) => gone.push(instanceId));
      return { peers, gone };
    }),
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('instances telling each other they are up', () => {
  it('names the sender of a draft’s messages', async () => {
    const [a, b] = await instances(2, 1000);
    const heard: [DraftMessage, string][] = [];
    await b!.peers.join('draft-1', (message, from) => heard.push([message, from]));
    a!.peers.publish('draft-1', { type: 'presence-query' });
    await waitFor(() => expect(heard).toEqual([[{ type: 'presence-query' }, a!.peers.instanceId]]));
  });

  it('counts an instance gone once it has not been heard from for three heartbeats, and not while it beats', async () => {
    const [a, b, c] = await instances(3, 100);
    // Ten heartbeats: everyone hears everyone.
    await sleep(1000);
    expect([a!.gone, b!.gone, c!.gone]).toEqual([[], [], []]);

    // A is cut off without a word, as a killed process is: nothing it sends reaches Redis any more.
    a!.peers.publisher.disconnect();
    await waitFor(
      () => {
        expect(b!.gone).toEqual([a!.peers.instanceId]);
        expect(c!.gone).toEqual([a!.peers.instanceId]);
      },
      { timeoutMs: 3000 },
    );
    expect(b!.gone).not.toContain(c!.peers.instanceId);
  });

  it('counts an instance gone at once when it closes', async () => {
    // Heartbeats too rare to tell: only its goodbye can.
    const [a, b] = await instances(2, 60_000);
    opened.splice(opened.indexOf(a!.peers), 1);
    await a!.peers.close();
    await waitFor(() => expect(b!.gone).toEqual([a!.peers.instanceId]), { timeoutMs: 3000 });
  });
});
