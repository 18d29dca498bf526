/**
 * The worker thread that reads large drafts' stored text (see `readInPiecesOffThread`): one
 * request at a time, each answered with its id.
 */
import { parentPort } from 'node:worker_threads';
import type { ReadRequest, ReadAnswer } from './readInPiecesOffThread';
import { readInPieces } from './readInPieces';

const port = parentPort!;
port.on('message', ({ id, state, updates, stepBytes }: ReadRequest) => {
  const answer: ReadAnswer = { id, reading: readInPieces(state, updates, stepBytes) };
  port.postMessage(answer);
});
