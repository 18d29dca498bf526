import http from 'node:http';
import type net from 'node:net';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { waitFor } from '../testing/waitFor';
import { WsSocket } from './WsSocket';

const logger = pino({ level: 'silent' });

interface Pair {
  server: WsSocket;
  /** What the server side received from the client, in order. */
  fromClient: Buffer[];
  /** The server side's TCP socket. */
  transport: net.Socket;
  client: WebSocket;
  received: Buffer[];
}

let httpServer: http.Server | null = null;
let clients: WebSocket[] = [];

afterEach(async () => {
  for (const client of clients) client.terminate();
  clients = [];
  await new Promise<void>((resolve) => (httpServer ? httpServer.close(() => resolve()) : resolve()));
  httpServer = null;
});

/** `count` real ws clients, each connected to a WsSocket on a real server, as CollabServer builds them. */
async function connect(count: number): Promise<Pair[]> {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const accepted: WsSocket[] = [];
  const transports: net.Socket[] = [];
  httpServer = http.createServer();
  httpServer.on('upgrade', (request, socket, head) => {
    wss.handleUpgrade(request, socket, head, (ws) => {
      transports.push(socket as net.Socket);
      accepted.push(new WsSocket(ws, logger, socket));
    });
  });
  await new Promise<void>((resolve) => httpServer!.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  const pairs: Pair[] = [];
  for (let i = 0; i < count; i++) {
    const client = new WebSocket(`ws://127.0.0.1:${port}/`);
    clients.push(client);
    const received: Buffer[] = [];
    client.on('message', (data: Buffer, isBinary: boolean) => {
      expect(isBinary).toBe(true);
      received.push(data);
    });
    await new Promise((resolve, reject) => client.once('open', resolve).once('error', reject));
    await waitFor(() => expect(accepted).toHaveLength(i + 1));
    const server = accepted[i]!;
    const fromClient: Buffer[] = [];
    server.onMessage((data) => fromClient.push(Buffer.from(data)));
    pairs.push({ server, fromClient, transport: transports[i]!, client, received });
  }
  return pairs;
}

function bytes(length: number, seed: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 31 + seed) % 256);
}

describe('WsSocket', () => {
  it('sends the same message, encoded once, whole to every client, at every payload length encoding', async () => {
    const pairs = await connect(3);
    // 7-bit, 16-bit and 64-bit payload lengths (RFC 6455 §5.2), and the boundaries between them.
    const lengths = [0, 5, 125, 126, 300, 65_535, 65_536, 70_000];
    for (const [index, length] of lengths.entries()) {
      const message = bytes(length, index);
      for (const { server } of pairs) server.send(message);
    }
    for (const { received } of pairs) {
      await waitFor(() => expect(received).toHaveLength(lengths.length));
      lengths.forEach((length, index) => expect(new Uint8Array(received[index]!)).toEqual(bytes(length, index)));
    }
  });

  it('keeps the order of messages, and sends nothing once closed', async () => {
    const [{ server, client, received }] = (await connect(1)) as [Pair];
    for (const value of [1, 2, 3, 4]) server.send(Uint8Array.of(value));
    await waitFor(() => expect(received.map((data) => data[0])).toEqual([1, 2, 3, 4]));

    const closed = new Promise<number>((resolve) => client.once('close', (code) => resolve(code)));
    server.close(4000, 'done');
    server.send(Uint8Array.of(5));
    expect(await closed).toBe(4000);
    expect(received).toHaveLength(4);
  });

  it('reads nothing the client sends while paused; on resuming it reads all of it, in order, and the close after it', async () => {
    const [{ server, client, fromClient, transport }] = (await connect(1)) as [Pair];
    // Paused while handling a message, as the intake does: Node's stream then asks for more at once.
    server.onMessage(() => {
      if (fromClient.length === 1) server.pauseReading();
    });
    client.send(Uint8Array.of(0));
    await waitFor(() => expect(fromClient).toHaveLength(1));
    const bytesRead = transport.bytesRead;
    for (const value of [1, 2, 3]) client.send(Uint8Array.of(value));
    const closed: number[] = [];
    server.onClose((code) => closed.push(code));
    client.close(1000, 'done');
    // Long enough for the frames to cross the loopback many times over.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fromClient).toHaveLength(1);
    expect(closed).toEqual([]);
    // Left in the kernel, not read into Node's buffers (which `socket.pause()` alone would do).
    expect(transport.bytesRead).toBe(bytesRead);
    server.resumeReading();
    await waitFor(() => expect(closed).toEqual([1000]));
    expect(fromClient.map((data) => data[0])).toEqual([0, 1, 2, 3]);
  });
});
