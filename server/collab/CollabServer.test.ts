import http from 'node:http';
import { PassThrough } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { COLLAB_PATH } from '../../shared/collab';
import { waitFor } from '../testing/waitFor';
import { CollabServer } from './CollabServer';
import type { DocumentRegistry } from './DocumentRegistry';

const logger = pino({ level: 'silent' });
const servers: CollabServer[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

describe('CollabServer', () => {
  it('starts upgrades that arrive together one a turn, with other work between them', async () => {
    const http1 = http.createServer();
    const order: string[] = [];
    const collab = new CollabServer(http1, {
      // Every upgrade is refused here, so no draft is ever opened: the registry only takes admissions.
      registry: { admission: (_draftId, decide) => ({ changes: 0, heard: true, decide }) } as Pick<
        DocumentRegistry,
        'admission'
      > as DocumentRegistry,
      logger,
      maxMessageBytes: 1024,
      authorize: async () => {
        order.push('upgrade');
        return { kind: 'refuse', status: 401, reason: 'not signed in' };
      },
    });
    servers.push(collab);
    let ticking = true;
    const tick = (): void => {
      order.push('other');
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const sockets = Array.from({ length: 5 }, () => new PassThrough());
    const answers = sockets.map((socket) => {
      const chunks: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      return chunks;
    });
    // As a crowd's requests arrive: every upgrade in the same turn.
    for (const socket of sockets)
      http1.emit('upgrade', { url: `${COLLAB_PATH}/draft-1`, headers: {} }, socket, Buffer.alloc(0));
    await waitFor(() => expect(answers.every((chunks) => chunks.length > 0)).toBe(true));
    ticking = false;
    const upgrades = order.flatMap((entry, i) => (entry === 'upgrade' ? [i] : []));
    expect(upgrades).toHaveLength(5);
    for (let i = 1; i < upgrades.length; i++) expect(order.slice(upgrades[i - 1]! + 1, upgrades[i])).toContain('other');
    for (const chunks of answers) expect(Buffer.concat(chunks).toString()).toMatch(/^HTTP\/1\.1 401 Unauthorized/);
  });
});
