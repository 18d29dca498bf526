/**
 * The worker thread that reads large drafts' stored text (see `readInPiecesOffThread`): one
 * request at a time, each answered with its id.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import type { ReadRequest, ReadAnswer } from './readInPiecesOffThread';
import { readInPieces } from './readInPieces';

/** How far this thread steps back from the one that serves people (`nice`: 0 is theirs, 19 the least). */
const READER_NICENESS = 10;

/**
 * Reading a draft is background work: when the cores are busy, the thread that relays keystrokes
 * should have them first, and the newcomers wait a little longer for the draft. On Linux a thread
 * has a priority of its own (`setpriority` on its thread id); elsewhere, or where it is refused,
 * the reader keeps the process's priority.
 */
function stepBack(): void {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(threadId) && threadId > 0) setPriority(threadId, READER_NICENESS);
  } catch {
    // Not Linux, or not allowed: read at the process's priority.
  }
}

stepBack();
const port = parentPort!;
port.on('message', ({ id, state, updates, stepBytes }: ReadRequest) => {
  const answer: ReadAnswer = { id, reading: readInPieces(state, updates, stepBytes) };
  port.postMessage(answer);
});
