/**
 * The worker thread that reads large drafts' stored text (see `readInPiecesOffThread`) and merges
 * it for their compaction (`mergeStoredOffThread`): one request at a time (another may start while
 * one is held after sending a vouched-for text), each answered with its id. The answer's bytes
 * (the framed text, its steps and the clauses' words; a merged state) are handed over, not copied:
 * copying a 2 MiB draft's, some 5 MiB, held the receiving thread, which serves every draft, for 10
 * to 30 ms as the answer arrived.
 */
import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import type { StoredDocument } from '../storage/DocumentLogStorage';
import type { WholeText } from './FullStateAnswer';
import { type GoOn, type MergeRequest, type ReadRequest, type ReadAnswer, ownBuffers } from './readInPiecesOffThread';

/** How far this thread steps back from the one that serves people (`nice` steps; 19 is the least a thread may have). */
const STEP_BACK = 10;

/**
 * Reading a draft is background work: when the cores are busy, the thread that relays keystrokes
 * should have them first, and the newcomers wait a little longer for the draft. On Linux a thread
 * has a priority of its own (`setpriority` on its thread id): this one runs ten steps below the
 * process, about a ninth of the share of the cores when both want them. Elsewhere, or where it is
 * refused, it keeps the process's priority. Measured in BENCHMARKS.md ("The initial-sync storm").
 */
function stepBack(): void {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(threadId) && threadId > 0) setPriority(threadId, Math.min(19, getPriority() + STEP_BACK));
  } catch {
    // Not Linux, or not allowed: read at the process's priority.
  }
}

stepBack();
// Loaded once stepped back: compiling Yjs and the schema is the thread's first work, some 200 ms of
// CPU while the first large draft is being opened. (The first request waits on the port meanwhile.)
const { mergeStoredText, readInPieces, vouchedText } = await import('./readInPieces');
const { readDocumentFile } = await import('../storage/sqliteDocumentFile');
const port = parentPort!;
/** The reads waiting to go on after sending a vouched-for text (see {@link GoOn}), by id. */
const held = new Map<number, () => void>();
port.on('message', (message: ReadRequest | MergeRequest | GoOn) => {
  if ('goOn' in message) held.get(message.goOn)?.();
  else if ('merge' in message) merge(message);
  else void read(message);
});

function post(answer: ReadAnswer, handedOver: ArrayBufferView[]): void {
  port.postMessage(answer, ownBuffers(handedOver));
}

/** The text read, from its file or as handed over; posts why not and answers undefined if it could not be. */
function storedText(id: number, text: ReadRequest['text']): Pick<StoredDocument, 'state' | 'updates'> | undefined {
  try {
    return 'location' in text ? readDocumentFile(text.location) : text;
  } catch (error) {
    post({ id, failed: error instanceof Error ? error.message : String(error) }, []);
    return undefined;
  }
}

function merge({ id, merge: text }: MergeRequest): void {
  const stored = storedText(id, text);
  if (stored === undefined) return;
  const merged = mergeStoredText(stored.state, stored.updates);
  post({ id, merged }, merged ? [merged] : []);
}

async function read({ id, text, stepBytes, vouched }: ReadRequest): Promise<void> {
  const stored = storedText(id, text);
  if (stored === undefined) return;
  // A text known sound goes at once, and the reading waits until it has been sent: its work and
  // garbage would take the cores from those sends, and from every other draft meanwhile.
  const sent = vouched === undefined ? null : vouchedText(stored.state, stored.updates, vouched);
  if (sent !== null) {
    post({ id, whole: sent.whole, held: true }, [sent.whole.message]);
    await new Promise<void>((resolve) => held.set(id, resolve));
    held.delete(id);
  }
  // Otherwise the text goes as soon as it is checked; the steps and the clauses' words follow.
  const checked = (whole: WholeText): void => post({ id, whole }, [whole.message]);
  const reading = readInPieces(stored.state, stored.updates, stepBytes, checked, sent ?? undefined);
  if (reading === null) return post({ id, reading }, []);
  const { whole: _sent, ...rest } = reading;
  post({ id, reading: rest }, [...rest.steps, rest.clauseTexts.words, rest.clauseTexts.ends]);
}
