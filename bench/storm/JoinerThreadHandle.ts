import type { Worker } from 'node:worker_threads';
import { tsWorker } from '../fanout/ReaderWorkerHandle';
import type { JoinResult } from './Joiner';

/** Open the draft at `url` with `count` joiners at once. */
export interface JoinRequest {
  url: string;
  count: number;
  timeoutMs: number;
}

/** What the joiners saw, once all had the draft (or gave up) and left. */
export interface Joined {
  results: JoinResult[];
  /** Per joiner, the bytes of the whole draft and of every update after it. */
  received: number[];
  /** Monotonic ms when the last of them had left. */
  end: number;
}

/** The main thread's side of the joiners' thread (`joinerThread.ts`): one storm at a time. */
export class JoinerThreadHandle {
  private readonly worker: Worker = tsWorker(new URL('./joinerThread.ts', import.meta.url), null);

  join(request: JoinRequest): Promise<Joined> {
    return new Promise((resolve, reject) => {
      const failed = (error: Error): void => reject(error);
      this.worker.once('error', failed);
      this.worker.once('message', (joined: Joined) => {
        this.worker.off('error', failed);
        resolve(joined);
      });
      this.worker.postMessage(request);
    });
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}
