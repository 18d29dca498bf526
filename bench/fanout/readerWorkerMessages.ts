/**
 * The messages between the benchmark's main thread and a reader worker. Both sides are this
 * harness, so plain typed unions are enough; nothing here crosses a trust boundary.
 */

/** What a reader worker is told at start (its `workerData`). */
export interface ReaderWorkerConfig {
  /** Full websocket URLs of the draft's document: reader `r` connects to `urls[r % urls.length]` (one URL per server instance). */
  urls: string[];
  /** How many readers this worker hosts. */
  readers: number;
  writers: number;
  /** Keystrokes each writer sends, warm-up included; sequence numbers run 0..keystrokesPerWriter-1. */
  keystrokesPerWriter: number;
  /** Readers connecting at the same time, so a server is not refused by a burst of 100 handshakes. */
  connectConcurrency: number;
  connectTimeoutMs: number;
  /**
   * Where the worker writes the receive time (monotonic ms) of keystroke `seq` of writer `w` at
   * its reader `r`: a Float64Array over this buffer, index `(r * writers + w) * keystrokesPerWriter
   * + seq`, NaN until it arrives. Shared with the main thread, so what arrived can be read even
   * from a worker too busy to answer (a server far behind floods its readers).
   */
  receiveTimes: SharedArrayBuffer;
}

/** Main thread → worker. */
export type ToReaderWorker =
  /** Keystrokes are about to start: take the event-loop baseline now. */
  | { type: 'measure' }
  /** Stop: close every reader and send back what was received. */
  | { type: 'finish' };

/** Worker → main thread. */
export type FromReaderWorker =
  /** Every reader has either synced or failed to connect. */
  | { type: 'ready'; connected: number; failures: string[] }
  /** Every connected reader has received every keystroke of every writer. */
  | { type: 'complete' }
  | {
      type: 'result';
      /** Readers whose connection the server closed during the run, and why. */
      closedByServer: number[];
      failures: string[];
      /** Share of wall time this worker's event loop was busy between `measure` and `finish`. */
      eventLoopUtilization: number;
    };
