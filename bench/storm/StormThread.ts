import type { Worker } from 'node:worker_threads';
import { tsWorker } from '../fanout/ReaderWorkerHandle';
import type { CollabRoom } from '../fanout/Writer';
import type { JoinResult } from './Joiner';

/** What the storm's thread is asked to do, one thing at a time. */
export type StormRequest =
  /** Open the draft at `url` with `count` joiners at once; once all have it (or gave up), they leave. */
  | { type: 'join'; url: string; count: number; timeoutMs: number }
  /** One person opens the draft and stays in it (a real y-websocket provider). */
  | { type: 'stay'; room: CollabRoom; timeoutMs: number }
  /** The person staying changes a few words of the first operative clause. */
  | { type: 'edit' }
  /** The person staying leaves. */
  | { type: 'leave' };

/** What the joiners saw, once all had the draft (or gave up) and left. */
export interface Joined {
  results: JoinResult[];
  /** Per joiner, the bytes of the whole draft and of every update after it. */
  received: number[];
  /** Monotonic ms when the last of them had left. */
  end: number;
}

/** The answer to a request other than `join`: what went wrong, if anything. */
export interface Done {
  problem?: string;
}

/**
 * The storm's clients on a thread of their own (`stormThreadWorker.ts`): the joiners and the
 * person who stays in the draft between storms. Taking in a 2 MiB draft (twenty joiners' bytes, or
 * the whole draft applied by the one who stays) held the writers' thread for up to half a second:
 * their keystrokes then went out together once it was free, and a storm's end was taken late.
 */
export class StormThread {
  private readonly worker: Worker = tsWorker(new URL('./stormThreadWorker.ts', import.meta.url), null);
  /** Why the thread stopped, if it did: every request from then on is refused with it. */
  private failure: Error | undefined;

  constructor() {
    this.worker.on('error', (error) => (this.failure = error));
  }

  join(request: Omit<Extract<StormRequest, { type: 'join' }>, 'type'>): Promise<Joined> {
    return this.ask<Joined>({ type: 'join', ...request });
  }

  /** Stays, edits or leaves; resolves with what went wrong, if anything. */
  do(request: Exclude<StormRequest, { type: 'join' }>): Promise<string | undefined> {
    return this.ask<Done>(request).then((done) => done.problem);
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }

  private ask<Answer>(request: StormRequest): Promise<Answer> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const failed = (error: Error): void => reject(error);
      this.worker.once('error', failed);
      this.worker.once('message', (answer: Answer) => {
        this.worker.off('error', failed);
        resolve(answer);
      });
      this.worker.postMessage(request);
    });
  }
}
