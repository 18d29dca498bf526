import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { monotonicMs } from './monotonicMs';
import { ProtocolReader } from './ProtocolReader';
import type { FromReaderWorker, ReaderWorkerConfig, ToReaderWorker } from './readerWorkerMessages';

/*
 * A worker thread hosting many readers, so decoding the fan-out runs beside the writers' thread
 * instead of inside it. Started by `startReaderWorker`.
 */

const config = workerData as ReaderWorkerConfig;
const port = parentPort;
if (!port) throw new Error('readerWorker must run as a worker thread');

const perReader = config.writers * config.keystrokesPerWriter;
// Filled with NaN by the main thread, which reads it after this thread has stopped.
const receiveTimes = new Float64Array(config.receiveTimes);
const receivedCount = new Uint32Array(config.readers);
let connectedReaders = 0;
let completeReaders = 0;
let measuredFrom = performance.eventLoopUtilization();

const post = (message: FromReaderWorker): void => port.postMessage(message);

function readerFor(index: number): ProtocolReader {
  return new ProtocolReader(config.urls[index % config.urls.length]!, config.writers, (writer, seq) => {
    if (writer >= config.writers || seq >= config.keystrokesPerWriter) return;
    const slot = index * perReader + writer * config.keystrokesPerWriter + seq;
    if (!Number.isNaN(receiveTimes[slot])) return;
    receiveTimes[slot] = monotonicMs();
    receivedCount[index] = (receivedCount[index] ?? 0) + 1;
    if (receivedCount[index] === perReader) {
      completeReaders++;
      if (completeReaders === connectedReaders) post({ type: 'complete' });
    }
  });
}

const readers = Array.from({ length: config.readers }, (_, index) => readerFor(index));

async function connectAll(): Promise<string[]> {
  const failures: string[] = [];
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < readers.length) {
      const reader = readers[next++];
      try {
        await reader?.connect(config.connectTimeoutMs);
        connectedReaders++;
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(config.connectConcurrency, readers.length) }, lane));
  return failures;
}

port.on('message', (message: ToReaderWorker) => {
  if (message.type === 'measure') {
    measuredFrom = performance.eventLoopUtilization();
    return;
  }
  const utilization = performance.eventLoopUtilization(measuredFrom).utilization;
  const closedByServer: number[] = [];
  const failures: string[] = [];
  for (const reader of readers) {
    if (reader.closedByServer !== undefined) closedByServer.push(reader.closedByServer);
    if (reader.failure !== undefined) failures.push(reader.failure);
    reader.close();
  }
  post({ type: 'result', closedByServer, failures, eventLoopUtilization: utilization });
  port.close();
});

void connectAll().then((failures) => post({ type: 'ready', connected: connectedReaders, failures }));
