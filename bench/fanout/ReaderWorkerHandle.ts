import { Worker } from 'node:worker_threads';
import type { FromReaderWorker, ReaderWorkerConfig, ToReaderWorker } from './readerWorkerMessages';

type ResultMessage = Extract<FromReaderWorker, { type: 'result' }>;
type ReadyMessage = Extract<FromReaderWorker, { type: 'ready' }>;

/** What a reader worker hands back when it stops. */
export interface ReaderWorkerResult extends Omit<ResultMessage, 'type'> {
  /** Receive times laid out as in {@link ReaderWorkerConfig.receiveTimes}; NaN where nothing arrived. */
  receiveTimes: Float64Array;
  /** False when the worker did not answer in time and was ended: its other figures are then unknown. */
  answered: boolean;
}

/**
 * Worker threads do not inherit tsx's loader from `tsx bench/run.ts`, so each worker starts from
 * a tiny JavaScript module that registers tsx and then imports the TypeScript entry.
 */
export function tsWorker(entry: URL, workerData: unknown): Worker {
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const source = `import { register } from ${JSON.stringify(tsxApi)}; register(); await import(${JSON.stringify(entry.href)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(source)}`), { workerData });
}

/**
 * The main thread's side of one reader worker: typed waits for its `ready`, `complete` and
 * `result` messages. A worker that crashes rejects every pending wait instead of hanging the run.
 * Receive times live in memory shared with the worker, so they can be read even when the worker
 * is too swamped to answer.
 */
export class ReaderWorkerHandle {
  private readonly worker: Worker;
  private readonly receiveTimes: Float64Array;
  readonly ready: Promise<ReadyMessage>;
  readonly complete: Promise<void>;
  private readonly result: Promise<ResultMessage>;

  constructor(config: Omit<ReaderWorkerConfig, 'receiveTimes'>) {
    const shared = new SharedArrayBuffer(config.readers * config.writers * config.keystrokesPerWriter * 8);
    this.receiveTimes = new Float64Array(shared).fill(Number.NaN);
    this.worker = tsWorker(new URL('./readerWorker.ts', import.meta.url), { ...config, receiveTimes: shared });
    const crashed = new Promise<never>((_, reject) => {
      this.worker.once('error', reject);
      this.worker.once('exit', (code) => reject(new Error(`reader worker exited with code ${code}`)));
    });
    const next = <T extends FromReaderWorker['type']>(type: T): Promise<Extract<FromReaderWorker, { type: T }>> =>
      Promise.race([
        new Promise<Extract<FromReaderWorker, { type: T }>>((resolve) => {
          const listen = (message: FromReaderWorker): void => {
            if (message.type !== type) return;
            this.worker.off('message', listen);
            resolve(message as Extract<FromReaderWorker, { type: T }>);
          };
          this.worker.on('message', listen);
        }),
        crashed,
      ]);
    this.ready = next('ready');
    this.complete = next('complete').then(() => undefined);
    this.result = next('result');
    // Waits nobody ends up awaiting (a run that stops early) must not become unhandled rejections.
    for (const pending of [this.ready, this.complete, this.result]) pending.catch(() => undefined);
  }

  private send(message: ToReaderWorker): void {
    this.worker.postMessage(message);
  }

  /** Marks the start of the measured window in the worker. */
  startMeasuring(): void {
    this.send({ type: 'measure' });
  }

  /**
   * Closes the worker's readers and returns what they received; the thread is ended afterwards.
   * A worker that has not answered within `timeoutMs` (still working through a flood of messages)
   * is ended anyway: its receive times are still read, its other figures are reported unknown.
   */
  async finish(timeoutMs: number): Promise<ReaderWorkerResult> {
    this.send({ type: 'finish' });
    let timer: NodeJS.Timeout | undefined;
    try {
      const result = await Promise.race([
        this.result,
        new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), timeoutMs))),
      ]);
      if (!result) {
        return {
          receiveTimes: this.receiveTimes,
          answered: false,
          closedByServer: [],
          failures: [`reader worker did not stop within ${timeoutMs} ms and was ended`],
          eventLoopUtilization: Number.NaN,
        };
      }
      const { closedByServer, failures, eventLoopUtilization } = result;
      return { receiveTimes: this.receiveTimes, answered: true, closedByServer, failures, eventLoopUtilization };
    } finally {
      clearTimeout(timer);
      // Once terminate() resolves the thread is gone: nothing more is written to the receive times.
      await this.worker.terminate();
    }
  }

  /** Ends the thread at once (used when a run fails part-way). */
  async terminate(): Promise<void> {
    await this.worker.terminate();
  }
}
