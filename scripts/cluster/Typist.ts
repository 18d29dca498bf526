/**
 * One person typing into a draft through the balancer, for scripts/cluster/cluster.test.ts: a real
 * `WebsocketProvider` that appends numbered words (`{v1}`, `{v2}`…) to one paragraph at a steady
 * pace, connected or not (as someone goes on typing while their connection is made again), and
 * that remembers which instance nginx sent its latest connection to (the `X-Accord-Upstream`
 * header of the websocket handshake).
 */
import { WebSocket } from 'ws';
import type * as Y from 'yjs';
import { COLLAB_PATH } from '../../shared/collab';
import type { CollabClient, SocketClass } from '../../server/testing/collabClient';
import { clauseText, connectClient } from '../../server/testing/collabClient';

/** A typed word: who typed it (`mark`) and its number in their typing, from 1. */
export interface Word {
  mark: string;
  n: number;
}

const WORD = /\{([a-z])(\d+)\}/g;

/** The typed words in `text`, in the order they stand. */
export function wordsIn(text: string): Word[] {
  return [...text.matchAll(WORD)].map((match) => ({ mark: match[1]!, n: Number(match[2]) }));
}

export class Typist {
  readonly client: CollabClient;
  /** How many words this typist has typed. */
  typed = 0;
  /** The instance (`host:port`) that nginx sent the latest connection to. */
  upstream: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private destroyed = false;

  constructor(
    baseUrl: string,
    draftId: string,
    token: string,
    /** The letter that marks this typist's words. */
    readonly mark: string,
  ) {
    const socket = socketRecordingUpstream((upstream) => {
      this.upstream = upstream;
    });
    this.client = connectClient(`${baseUrl.replace(/^http/, 'ws')}${COLLAB_PATH}`, draftId, { token, socket });
  }

  /** The paragraph everyone types into: the first of the fourth operative clause, open in the demo draft. */
  text(): Y.XmlText {
    return clauseText(this.client.doc, 'operative', 3);
  }

  /** The typed words this typist's copy of the text holds. */
  words(): Word[] {
    return wordsIn(this.text().toString());
  }

  /** Whether its provider is connected and has synced with the instance it is connected to. */
  connected(): boolean {
    return this.client.provider.wsconnected && this.client.provider.synced;
  }

  /** Appends one word every `intervalMs`, until `stop()`. */
  start(intervalMs: number): void {
    this.timer ??= setInterval(() => {
      const text = this.text();
      text.insert(text.length, `{${this.mark}${++this.typed}}`);
    }, intervalMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Stops typing and closes the connection for good (a second call does nothing). */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.stop();
    this.client.destroy();
  }
}

/** `ws`'s WebSocket, telling `onUpstream` the `X-Accord-Upstream` header of each handshake's answer. */
function socketRecordingUpstream(onUpstream: (upstream: string) => void): SocketClass {
  return class extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols);
      this.on('upgrade', (response) => onUpstream(String(response.headers['x-accord-upstream'])));
    }
  };
}
