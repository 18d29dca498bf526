import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DocumentLocation, StoredDocument } from '../storage/DocumentLogStorage';
import type { WholeText } from './FullStateAnswer';
import type { TextReading } from './readInPieces';

/** A draft's stored text: its bytes, or where the worker thread reads them itself. */
export type StoredText = Pick<StoredDocument, 'state' | 'updates'> | { location: DocumentLocation };

/** A draft's stored text sent to the worker thread to read. */
export interface ReadRequest {
  id: number;
  text: StoredText;
  stepBytes: number;
  /** The digest of the draft's stored state as known sound, if any (see `checkedStates`). */
  vouched?: string | undefined;
}

/** A draft's stored text sent to the worker thread to merge into one state, for a compaction (see `mergeStoredText`). */
export interface MergeRequest {
  id: number;
  merge: StoredText;
}

/**
 * Tells the worker to go on with a read it holds: one whose text it sent before checking it,
 * being vouched for, and then waits until those it goes to have been sent it.
 */
export interface GoOn {
  goOn: number;
}

/**
 * The worker's answers to a request: the framed text once it is checked, or once read if it is
 * vouched for (`whole`, none for a text that needs the careful load; `held`: the read waits for a
 * {@link GoOn}), then the rest of the reading (null: the careful load); or why the text could not
 * be read from its file (`failed`); or, to a {@link MergeRequest}, the merged state (null: none).
 */
export type ReadAnswer =
  | { id: number; whole: WholeText; held?: true }
  | { id: number; merged: Uint8Array | null }
  | { id: number; reading: Omit<TextReading, 'whole'> | null }
  | { id: number; failed: string };

/**
 * Where the worker's code is: beside this file when the server runs from its sources (under tsx,
 * which the worker then loads too), `readInPiecesWorker.js` beside the compiled server's `main.js`
 * otherwise (an entry of its own in `scripts/buildServer.ts`; this code may sit in a chunk below).
 */
function workerSource(): { code: string; eval: boolean } | { code: URL; eval: false } {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const worker = new URL('./readInPiecesWorker.ts', here).href;
    const load = `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(worker)}, ${JSON.stringify(here)}))`;
    return { code: load, eval: true };
  }
  const inChunk = path.basename(path.dirname(fileURLToPath(here))) === 'chunks';
  return { code: new URL(inChunk ? '../readInPiecesWorker.js' : './readInPiecesWorker.js', here), eval: false };
}

/** Which drafts' text is read on the worker thread. */
export interface ReaderOptions {
  /** Stored text (state and log) of at least this many bytes; default 256 KiB. */
  readOffThreadFrom?: number;
}

const READ_OFF_THREAD_FROM = 256 * 1024;

/** Whether a stored text of `bytes` is read on the worker thread when loaded. */
export function isLargeText(bytes: number, options: ReaderOptions = {}): boolean {
  return bytes >= (options.readOffThreadFrom ?? READ_OFF_THREAD_FROM);
}

let worker: Worker | null = null;
let nextId = 0;
interface Waiting {
  resolve(answer: TextReading | Uint8Array | null): void;
  reject(error: Error): void;
  checked?: ((whole: WholeText) => void) | undefined;
  /** Waited for before a read held after its vouched-for text goes on. */
  goOn?: (() => Promise<void>) | undefined;
  whole?: WholeText;
}
const waiting = new Map<number, Waiting>();

/** Fails every waiting read (the caller then reads on its own thread) and lets the next start a new worker. */
function lost(gone: Worker, error: Error): void {
  if (worker !== gone) return;
  worker = null;
  for (const { reject } of waiting.values()) reject(error);
  waiting.clear();
}

function start(): Worker {
  const source = workerSource();
  const started = new Worker(source.code, { eval: source.eval });
  const settled = (id: number): void => {
    waiting.delete(id);
    if (waiting.size === 0) started.unref();
  };
  started.on('message', (answer: ReadAnswer) => {
    const read = waiting.get(answer.id);
    if (!read) return;
    if ('whole' in answer) {
      read.whole = answer.whole;
      try {
        read.checked?.(answer.whole);
      } catch (error) {
        // As any failure of the read: the caller loads the text on its own thread.
        read.reject(error instanceof Error ? error : new Error(String(error)));
        settled(answer.id);
      }
      // Always told to go on, even if the wait fails: the worker holds the read until it is.
      const goOn: GoOn = { goOn: answer.id };
      if (answer.held)
        void Promise.resolve()
          .then(() => read.goOn?.())
          .catch(() => undefined)
          .then(() => started.postMessage(goOn));
      return;
    }
    if ('failed' in answer) read.reject(new Error(answer.failed));
    else if ('merged' in answer) read.resolve(answer.merged);
    else read.resolve(answer.reading && read.whole ? { ...answer.reading, whole: read.whole } : null);
    settled(answer.id);
  });
  started.on('error', (error) => lost(started, error));
  started.on('exit', (code) => lost(started, new Error(`the worker thread stopped (exit code ${code})`)));
  return started;
}

/** Whether the worker thread is running (it is started by the first read). */
export function readerRunning(): boolean {
  return worker !== null;
}

/**
 * {@link readInPieces} on a worker thread, one for the whole process, started at the first
 * large draft: reading a 2 MiB text, checking it and cutting it into steps takes about half a
 * second, during which the thread that serves every draft would otherwise stop. Resolves null
 * when the text needs the careful load; rejects when the worker failed (it is started afresh for
 * the next read). The worker holds the process open only while it has a read to answer.
 *
 * The stored bytes are handed over to the worker, not copied (copying 2 MiB into fresh memory
 * takes this machine about 5 ms): those that own their memory are unusable here afterwards, so a
 * caller that needs the text again (the careful load) reads it again. Better still, a text's
 * `location` in the SQLite file has the worker read the bytes itself (see `readDocumentFile`); it
 * rejects if they changed since they were located.
 *
 * `checked` is handed the framed text as soon as the worker has read and checked it, before it
 * cuts the steps (see {@link readInPieces}); the reading it resolves with holds the same object.
 * Should `checked` throw, the read rejects with its error. A reading that still fails after it
 * was called (the worker lost, say) resolves null or rejects as above. `vouched`: the digest of
 * the draft's stored state as known sound (see `checkedStates`); a text that is that state is
 * handed to `checked` as soon as it is read, and the worker goes on to check it once `goOn` has
 * resolved (or failed): until those it goes to have been sent it, say.
 */
export function readInPiecesOffThread(
  text: StoredText,
  stepBytes: number,
  checked?: (whole: WholeText) => void,
  vouched?: { digest: string; goOn?: () => Promise<void> },
): Promise<TextReading | null> {
  worker ??= start();
  worker.ref();
  const id = nextId++;
  const request: ReadRequest = { id, text, stepBytes, vouched: vouched?.digest };
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve: resolve as Waiting['resolve'], reject, checked, goOn: vouched?.goOn });
    worker!.postMessage(request, ownBuffers(bytesOf(text)));
  });
}

/**
 * `mergeStoredText` on the same worker thread, for a large draft's compaction: encoding a 2 MiB
 * text takes the thread that serves every draft 30 to 50 ms, and every draft waits meanwhile.
 * Resolves with the merged state, or null when the rows do not make a sound text; rejects when the
 * worker failed or the text could not be read from its file (see {@link readInPiecesOffThread},
 * whose hand-over of the bytes and `location` this shares).
 */
export function mergeStoredOffThread(text: StoredText): Promise<Uint8Array | null> {
  worker ??= start();
  worker.ref();
  const id = nextId++;
  const request: MergeRequest = { id, merge: text };
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve: resolve as Waiting['resolve'], reject });
    worker!.postMessage(request, ownBuffers(bytesOf(text)));
  });
}

function bytesOf(text: StoredText): Uint8Array[] {
  return 'location' in text ? [] : text.state ? [text.state, ...text.updates] : text.updates;
}

/**
 * The memory of those of `parts` that own all of theirs, once each: what may be handed to another
 * thread. A small Node Buffer is a view into a pool that other buffers share; it is copied.
 */
export function ownBuffers(parts: readonly ArrayBufferView[]): ArrayBuffer[] {
  const own = new Set<ArrayBuffer>();
  for (const { buffer, byteOffset, byteLength } of parts) {
    if (buffer instanceof ArrayBuffer && byteOffset === 0 && byteLength === buffer.byteLength) own.add(buffer);
  }
  return [...own];
}
