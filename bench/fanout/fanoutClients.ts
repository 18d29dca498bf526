import type { FanoutSettings } from './FanoutScenario';
import { ReaderWorkerHandle } from './ReaderWorkerHandle';
import { type CollabRoom, roomFor, roomUrl, Writer } from './Writer';

/** How many people type and how many watch, in one draft. */
export interface ClientCounts {
  writers: number;
  readers: number;
}

/** `total` split into `parts` near-equal positive shares, the larger ones first. */
export function splitEvenly(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0)).filter(
    (n) => n > 0,
  );
}

/**
 * Connects every writer: the first prepares the draft, the others join once it is there. On a
 * cluster (`room.serverUrls`), writer `w` goes through instance `w` mod their number.
 */
export async function connectWriters(
  room: CollabRoom,
  counts: ClientCounts,
  keystrokes: number,
  settings: Pick<FanoutSettings, 'connectTimeoutMs'>,
): Promise<Writer[]> {
  // Each WebsocketProvider adds a process 'exit' listener; ten writers are not a leak.
  process.setMaxListeners(Math.max(process.getMaxListeners(), counts.writers + 10));
  const first = new Writer(0, roomFor(room, 0), keystrokes);
  const writers = [first];
  try {
    await first.connect(settings.connectTimeoutMs);
    first.prepareDocument(counts.writers);
    for (let index = 1; index < counts.writers; index++)
      writers.push(new Writer(index, roomFor(room, index), keystrokes));
    await Promise.all(writers.map((writer) => writer.connect(settings.connectTimeoutMs)));
    await Promise.all(writers.map((writer) => writer.waitForOwnClause(settings.connectTimeoutMs)));
    return writers;
  } catch (error) {
    for (const writer of writers) writer.destroy();
    throw error;
  }
}

/**
 * Starts the reader threads, the readers spread evenly over them. On a cluster, reader `r` (counted
 * over all threads) connects through instance `r` mod their number, so each instance has its share.
 */
export function startReaderWorkers(
  room: CollabRoom,
  counts: ClientCounts,
  keystrokes: number,
  settings: Pick<FanoutSettings, 'readerWorkers' | 'connectConcurrency' | 'connectTimeoutMs'>,
): ReaderWorkerHandle[] {
  let first = 0;
  return splitEvenly(counts.readers, settings.readerWorkers).map((readers) => {
    const instances = Math.max(1, room.serverUrls?.length ?? 1);
    const urls = Array.from({ length: instances }, (_, i) => roomUrl(roomFor(room, first + i)));
    first += readers;
    return new ReaderWorkerHandle({
      urls,
      readers,
      writers: counts.writers,
      keystrokesPerWriter: keystrokes,
      connectConcurrency: settings.connectConcurrency,
      connectTimeoutMs: settings.connectTimeoutMs,
    });
  });
}

/**
 * Resolves when every reader of the workers that have any has every keystroke, or after
 * `timeoutMs`, whichever is first.
 */
export async function drain(workers: ReaderWorkerHandle[], timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.all(workers.map((worker) => worker.complete)),
    new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs))),
  ]);
  clearTimeout(timer);
}
