import { existsSync, readFileSync, rmSync } from 'node:fs';
import { waitUntil } from '../fanout/waitUntil';

/** A server process's memory, in MiB, as `process.memoryUsage()` reports it inside the process. */
export interface MemoryFigures {
  /** Resident set: what the process holds in RAM, code and heap and everything else. */
  rssMiB: number;
  /** V8's JavaScript heap, as reserved and as used by live and not yet collected objects. */
  heapTotalMiB: number;
  heapUsedMiB: number;
  /** Memory of C++ objects bound to JavaScript ones (buffers, SQLite's, the compiled code's). */
  externalMiB: number;
}

/**
 * Node arguments that preload a few lines into a server: on SIGUSR2 it writes
 * `process.memoryUsage()` to `file` (through a rename, so a reader never sees half of it). Only
 * the process itself can read V8's heap figures; every server measured gets the same preload, so
 * it weighs the same in each.
 */
export function memoryProbeArgs(file: string): string[] {
  const source =
    "import { renameSync, writeFileSync } from 'node:fs';" +
    "process.on('SIGUSR2', () => {" +
    `  writeFileSync(${JSON.stringify(`${file}.part`)}, JSON.stringify(process.memoryUsage()));` +
    `  renameSync(${JSON.stringify(`${file}.part`)}, ${JSON.stringify(file)});` +
    '});';
  return ['--import', `data:text/javascript,${encodeURIComponent(source)}`];
}

/** Asks process `pid`, started with {@link memoryProbeArgs}(`file`), for its memory now. */
export async function readMemory(pid: number, file: string): Promise<MemoryFigures> {
  rmSync(file, { force: true });
  process.kill(pid, 'SIGUSR2');
  await waitUntil(() => existsSync(file), `process ${pid} to report its memory`, 10_000);
  const usage = JSON.parse(readFileSync(file, 'utf8')) as NodeJS.MemoryUsage;
  const mib = (bytes: number): number => bytes / 2 ** 20;
  return {
    rssMiB: mib(usage.rss),
    heapTotalMiB: mib(usage.heapTotal),
    heapUsedMiB: mib(usage.heapUsed),
    externalMiB: mib(usage.external),
  };
}
