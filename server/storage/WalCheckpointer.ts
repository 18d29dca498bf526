import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Commits to the write-ahead log between two checkpoints (SQLite's own default is every 1000 pages). */
const CHECKPOINT_EVERY_COMMITS = 200;
/** A checkpoint also runs this often, for writes made outside the counted hot path. */
const CHECKPOINT_INTERVAL_MS = 10_000;
/**
 * A due checkpoint waits for this long a pause in the commits: on a small machine the worker's
 * copying would otherwise share the processor with the relay that just left and the clients
 * taking it in.
 */
const CHECKPOINT_QUIET_MS = 10;

/**
 * The worker: its own connection to the same database file, running a PASSIVE checkpoint when
 * asked. PASSIVE never blocks the writer; it copies what it can and leaves the rest for next time.
 * Plain JavaScript, so it needs no TypeScript loader in the worker thread.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  let error = null;
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (e) {
    error = String(e && e.message ? e.message : e);
  }
  parentPort.postMessage({ done: true, error });
});
`;

/**
 * Copies the write-ahead log back into the database file on a worker thread.
 *
 * SQLite checkpoints automatically inside the commit that fills the log: every few hundred
 * keystroke batches, one commit, and so one relay to every reader, would wait several
 * milliseconds for the copy and its fsync. With automatic checkpoints off
 * (`wal_autocheckpoint = 0`), this runs them on its own connection in a worker instead, so a
 * commit on the main thread only ever appends to the log. Durability is unchanged: a commit is
 * durable once it is in the log.
 */
export class WalCheckpointer {
  private readonly worker: Worker;
  private commits = 0;
  private running = false;
  private closed = false;
  private readonly interval: NodeJS.Timeout;
  private quietTimer: NodeJS.Timeout | null = null;

  constructor(
    file: string,
    private readonly onError: (message: string) => void,
  ) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver } });
    this.worker.unref();
    this.worker.on('message', (message: { done: boolean; error: string | null }) => {
      this.running = false;
      if (message.error) this.onError(message.error);
    });
    this.worker.on('error', (error) => this.onError(error.message));
    this.interval = setInterval(() => this.checkpoint(), CHECKPOINT_INTERVAL_MS);
    this.interval.unref();
  }

  /**
   * Counts a commit; once enough have been written since the last checkpoint, asks for one at the
   * next pause in the commits (at once if they never pause for four times as long).
   */
  committed(): void {
    if (++this.commits < CHECKPOINT_EVERY_COMMITS) return;
    if (this.commits >= 4 * CHECKPOINT_EVERY_COMMITS) {
      this.checkpoint();
      return;
    }
    if (this.quietTimer) clearTimeout(this.quietTimer);
    this.quietTimer = setTimeout(() => this.checkpoint(), CHECKPOINT_QUIET_MS);
    this.quietTimer.unref();
  }

  /** Asks the worker for a checkpoint unless one is running. */
  checkpoint(): void {
    if (this.quietTimer) clearTimeout(this.quietTimer);
    this.quietTimer = null;
    if (this.running || this.closed) return;
    this.running = true;
    this.commits = 0;
    this.worker.postMessage('checkpoint');
  }

  /** Closes the worker's connection and ends the thread. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.interval);
    if (this.quietTimer) clearTimeout(this.quietTimer);
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    // The thread is unref'd so it never keeps the process alive; while closing, it must, or a short
    // run (a CLI refusing its input) ends with this wait pending and exits 0, its error unreported.
    this.worker.ref();
    this.worker.postMessage('close');
    await exited;
  }
}
