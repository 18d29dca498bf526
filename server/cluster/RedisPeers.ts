import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { DraftMessage, InstanceMessage, Peers } from '../collab/peers';
import type { Logger } from '../logger';

/** How often an instance tells the others it is up; default 2 s. */
const HEARTBEAT_MS = 2000;
/** Heartbeats an instance may miss before the others count it gone. */
const MISSED_HEARTBEATS = 3;

/** What instances say about themselves on the channel every instance hears, besides {@link InstanceMessage}s. */
type Liveness = { type: 'alive' } | { type: 'leaving' };

/** Anything one instance publishes to the others. */
type PeerMessage = DraftMessage | InstanceMessage | Liveness;

/**
 * The other instances of a deployment, reached through Redis pub/sub (`REDIS_URL`): one channel per
 * draft, which an instance listens to while it has the draft loaded, and one for every instance.
 *
 * Why pub/sub and not streams: the log of a draft's text is already kept, numbered and durable,
 * in the database, and each change is stored there before it is published. A message is only a
 * prompt to apply rows sooner, so losing one costs a read of the log (`PeerLog` sees the gap in
 * the numbers, or the reconnection, and catches up), never data. Streams would keep a second copy
 * of the log in Redis, to be trimmed and read back, for a guarantee the database gives already.
 * Pub/sub also sends a draft's messages only to the instances listening to it.
 *
 * A message is the sender's id, a JSON header, and the binary parts (Yjs updates) after it, so
 * keystrokes are not base64-encoded. An instance ignores its own messages.
 *
 * Every instance says it is up every `heartbeatMs` and that it is leaving when it closes; one not
 * heard from for three heartbeats (killed, cut off) is counted gone, and so is one leaving, so the
 * others take away the presence it relayed at once rather than when that times out.
 */
export class RedisPeers implements Peers {
  private readonly id = randomUUID();
  /** Also for commands of other parts (the shared rate limits): a subscribed connection takes none. */
  readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly drafts = new Map<string, (message: DraftMessage, from: string) => void>();
  private readonly instanceListeners: ((message: InstanceMessage) => void)[] = [];
  private readonly reconnectListeners: (() => void)[] = [];
  private readonly goneListeners: ((instanceId: string) => void)[] = [];
  /** When each other instance was last heard from (monotonic ms). */
  private readonly lastHeard = new Map<string, number>();
  private readonly heartbeat: NodeJS.Timeout;
  private lostConnection = false;

  private constructor(
    url: string,
    private readonly prefix: string,
    private readonly logger: Logger,
    heartbeatMs: number,
  ) {
    // Named, so that an operator (or a test) can tell this deployment's connections in CLIENT LIST.
    const options = (role: string) => ({
      lazyConnect: true,
      maxRetriesPerRequest: null,
      connectionName: `${prefix}${role}`,
    });
    this.publisher = new Redis(url, options('publisher'));
    this.subscriber = new Redis(url, options('subscriber'));
    for (const [name, connection] of [
      ['publisher', this.publisher],
      ['subscriber', this.subscriber],
    ] as const) {
      connection.on('error', (error: Error) =>
        this.logger.warn({ err: error, connection: name }, 'redis connection error'),
      );
    }
    this.subscriber.on('close', () => {
      this.lostConnection = true;
    });
    // ioredis subscribes again by itself when it reconnects; messages sent meanwhile were missed.
    this.subscriber.on('ready', () => {
      if (!this.lostConnection) return;
      this.lostConnection = false;
      this.logger.info('reconnected to redis; catching up with the other instances');
      for (const listener of this.reconnectListeners) listener();
    });
    this.subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) =>
      this.receive(channel.toString(), message),
    );
    let beaten = performance.now();
    this.heartbeat = setInterval(() => {
      const now = performance.now();
      // A beat this late means this instance's thread was held up: the others' silence may be its own.
      const late = now - beaten > 2 * heartbeatMs;
      beaten = now;
      void this.send(this.instanceChannel, { type: 'alive' });
      for (const [instanceId, heard] of this.lastHeard) {
        if (late) this.lastHeard.set(instanceId, now);
        else if (now - heard > MISSED_HEARTBEATS * heartbeatMs) this.gone(instanceId);
      }
    }, heartbeatMs).unref();
  }

  /**
   * Connects to Redis (`url`), naming its channels with `prefix`; rejects when it cannot be reached.
   * `heartbeatMs`: how often it tells the other instances it is up (default 2 s).
   */
  static async connect(
    url: string,
    prefix: string,
    logger: Logger,
    { heartbeatMs = HEARTBEAT_MS }: { heartbeatMs?: number } = {},
  ): Promise<RedisPeers> {
    const peers = new RedisPeers(url, prefix, logger.child({ component: 'redis' }), heartbeatMs);
    try {
      await Promise.all([peers.publisher.connect(), peers.subscriber.connect()]);
      await peers.subscriber.subscribe(peers.instanceChannel);
    } catch (error) {
      clearInterval(peers.heartbeat);
      throw error;
    }
    return peers;
  }

  /** This instance's id, as the others know it (the `from` of what it publishes). */
  get instanceId(): string {
    return this.id;
  }

  async join(draftId: string, hear: (message: DraftMessage, from: string) => void): Promise<() => Promise<void>> {
    this.drafts.set(draftId, hear);
    await this.subscriber.subscribe(this.draftChannel(draftId));
    return async () => {
      if (this.drafts.get(draftId) !== hear) return;
      this.drafts.delete(draftId);
      await this.subscriber.unsubscribe(this.draftChannel(draftId)).catch(() => undefined);
    };
  }

  publish(draftId: string, message: DraftMessage): void {
    void this.send(this.draftChannel(draftId), message);
  }

  publishToAll(message: InstanceMessage): void {
    void this.send(this.instanceChannel, message);
  }

  onInstanceMessage(hear: (message: InstanceMessage) => void): void {
    this.instanceListeners.push(hear);
  }

  onReconnect(listener: () => void): void {
    this.reconnectListeners.push(listener);
  }

  onInstanceGone(listener: (instanceId: string) => void): void {
    this.goneListeners.push(listener);
  }

  async close(): Promise<void> {
    this.drafts.clear();
    clearInterval(this.heartbeat);
    await this.send(this.instanceChannel, { type: 'leaving' });
    await Promise.all([this.publisher.quit(), this.subscriber.quit()].map((done) => done.catch(() => undefined)));
  }

  private get instanceChannel(): string {
    return `${this.prefix}instances`;
  }

  private draftChannel(draftId: string): string {
    return `${this.prefix}draft:${draftId}`;
  }

  /** Publishes `message`; resolves once Redis has it, or it could not be sent (that is logged). */
  private async send(channel: string, message: PeerMessage): Promise<void> {
    const encoded = encodeMessage(this.id, message);
    await this.publisher
      .publish(channel, Buffer.from(encoded.buffer, encoded.byteOffset, encoded.byteLength))
      .catch((error: unknown) => {
        // The change is stored: the other instances find it in the log when they next catch up.
        this.logger.warn({ err: error, channel }, 'publishing to the other instances failed');
      });
  }

  private receive(channel: string, data: Buffer): void {
    let decoded: { from: string; message: PeerMessage };
    try {
      decoded = decodeMessage(data);
    } catch (error) {
      this.logger.warn({ err: error, channel }, 'a message from another instance could not be read');
      return;
    }
    const { from, message } = decoded;
    if (from === this.id) return;
    if (message.type === 'leaving') {
      this.gone(from);
      return;
    }
    this.lastHeard.set(from, performance.now());
    if (message.type === 'alive') return;
    if (channel === this.instanceChannel) {
      for (const listener of this.instanceListeners) listener(message as InstanceMessage);
      return;
    }
    const draftId = channel.slice(`${this.prefix}draft:`.length);
    this.drafts.get(draftId)?.(message as DraftMessage, from);
  }

  private gone(instanceId: string): void {
    this.lastHeard.delete(instanceId);
    this.logger.info(
      { instanceId },
      'another instance stopped or cannot be heard; its presence entries are taken away',
    );
    for (const listener of this.goneListeners) listener(instanceId);
  }
}

/** The binary parts of a message, taken out of its JSON header. */
function binaryParts(message: PeerMessage): { header: unknown; parts: Uint8Array[] } {
  if (message.type === 'change') {
    const { updates, ...change } = message.change;
    return { header: { type: 'change', change }, parts: updates };
  }
  if (message.type === 'presence') return { header: { type: 'presence' }, parts: [message.update] };
  return { header: message, parts: [] };
}

export function encodeMessage(from: string, message: PeerMessage): Uint8Array {
  const { header, parts } = binaryParts(message);
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, from);
  encoding.writeVarString(encoder, JSON.stringify(header));
  encoding.writeVarUint(encoder, parts.length);
  for (const part of parts) encoding.writeVarUint8Array(encoder, part);
  return encoding.toUint8Array(encoder);
}

export function decodeMessage(data: Uint8Array): { from: string; message: PeerMessage } {
  const decoder = decoding.createDecoder(data);
  const from = decoding.readVarString(decoder);
  const header = JSON.parse(decoding.readVarString(decoder)) as PeerMessage;
  const parts: Uint8Array[] = [];
  for (let count = decoding.readVarUint(decoder); count > 0; count--) parts.push(decoding.readVarUint8Array(decoder));
  if (header.type === 'change')
    return { from, message: { type: 'change', change: { ...header.change, updates: parts } } };
  if (header.type === 'presence') return { from, message: { type: 'presence', update: parts[0]! } };
  return { from, message: header };
}
