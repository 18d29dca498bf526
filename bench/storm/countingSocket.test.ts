import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type WebSocket, WebSocketServer } from 'ws';
import { CountingSocket } from './countingSocket';

interface Seen {
  heads: number[][];
  lengths: number[];
  closed: Promise<string>;
  opened: Promise<void>;
  socket: CountingSocket;
}

function connect(url: string): Seen {
  const heads: number[][] = [];
  const lengths: number[] = [];
  let opened: () => void = () => undefined;
  let closed: (reason: string) => void = () => undefined;
  const seen = {
    heads,
    lengths,
    opened: new Promise<void>((resolve) => (opened = resolve)),
    closed: new Promise<string>((resolve) => (closed = resolve)),
  };
  const socket = new CountingSocket(
    url,
    {
      open: () => opened(),
      message: (head, length) => {
        heads.push([...head]);
        lengths.push(length);
      },
      closed: (reason) => closed(reason),
    },
    4,
  );
  return { ...seen, socket };
}

describe('CountingSocket', () => {
  let server: WebSocketServer | undefined;
  afterEach(async () => {
    for (const client of server?.clients ?? []) client.terminate();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  function listen(onConnection: (ws: WebSocket) => void): Promise<string> {
    server = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
    server.on('connection', onConnection);
    return new Promise((resolve) =>
      server!.on('listening', () => resolve(`ws://127.0.0.1:${(server!.address() as AddressInfo).port}/room?token=t`)),
    );
  }

  it('counts every message the server sends, whatever its size or framing, and keeps only its first bytes', async () => {
    const big = new Uint8Array(2_150_000).map((_, i) => i % 251);
    const received: Buffer[] = [];
    let path = '';
    const url = await listen((ws) => {
      ws.on('message', (data: Buffer) => {
        received.push(data);
        ws.send(Uint8Array.of(1, 2, 3));
        ws.ping();
        ws.send(new Uint8Array(300).fill(7));
        ws.send(big);
        // One message in two frames, a ping between them.
        ws.send(Uint8Array.of(9, 8), { fin: false });
        ws.ping();
        ws.send(Uint8Array.of(7, 6, 5), { fin: true });
        ws.send('text');
      });
    });
    server!.on('connection', (_ws, request) => (path = request.url ?? ''));
    const seen = connect(url);
    await seen.opened;
    seen.socket.send(Uint8Array.of(0, 0, 1, 0));
    await expect.poll(() => seen.lengths.length).toBe(5);
    expect(path).toBe('/room?token=t');
    expect(received.map((data) => [...data])).toEqual([[0, 0, 1, 0]]);
    expect(seen.lengths).toEqual([3, 300, 2_150_000, 5, 4]);
    expect(seen.heads).toEqual([[1, 2, 3], [7, 7, 7, 7], [0, 1, 2, 3], [9, 8, 7, 6], [...Buffer.from('text')]]);
    // Leaving sends a close frame: the server sees a clean close.
    const [ws] = [...server!.clients];
    const code = new Promise((resolve) => ws!.on('close', resolve));
    seen.socket.end();
    expect(await code).toBe(1005);
  });

  it('tells when the server refuses the connection or closes it', async () => {
    const url = await listen((ws) => ws.close(1008, 'no'));
    const refused = connect(url.replace(/:\d+\//, ':1/'));
    expect(await refused.closed).toMatch(/ECONNREFUSED/);
    const closed = connect(url);
    expect(await closed.closed).toBe('closed by the server');
    server!.options.verifyClient = () => false;
    const unauthorised = connect(url);
    expect(await unauthorised.closed).toMatch(/the server answered HTTP\/1\.1 401/);
  });
});
