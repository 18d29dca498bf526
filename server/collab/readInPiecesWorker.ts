/**
 * The worker thread that reads large drafts' stored text (see `readInPiecesOffThread`): one
 * request at a time, each answered with its id. The answer's bytes (the framed text, its steps
 * and the clauses' words) are handed over, not copied: copying a 2 MiB draft's, some 5 MiB, held
 * the receiving thread, which serves every draft, for 10 to 30 ms as the answer arrived.
 */
import { parentPort } from 'node:worker_threads';
import { type ReadRequest, type ReadAnswer, ownBuffers } from './readInPiecesOffThread';
import { readInPieces } from './readInPieces';

const port = parentPort!;
port.on('message', ({ id, state, updates, stepBytes }: ReadRequest) => {
  const reading = readInPieces(state, updates, stepBytes);
  const answer: ReadAnswer = { id, reading };
  const handedOver =
    reading === null
      ? []
      : [reading.whole.message, ...reading.steps, reading.clauseTexts.words, reading.clauseTexts.ends];
  port.postMessage(answer, ownBuffers(handedOver));
});
