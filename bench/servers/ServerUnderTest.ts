import type { CollabRoom } from '../fanout/Writer';

/** The servers the benchmarks compare. */
export const SERVER_NAMES = ['accord', 'reference'] as const;
export type ServerName = (typeof SERVER_NAMES)[number];

/** A server process started for one measurement, on 127.0.0.1, with fresh state. */
export interface RunningServer {
  readonly name: ServerName;
  /** Process id of the server itself (not of a wrapper), so its CPU time can be read. */
  readonly pid: number;
  /** Its HTTP base URL, `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** A new document to collaborate on: a fresh room, or on Accord a newly created draft. */
  createRoom(): Promise<CollabRoom>;
  /** CPU seconds (user + system) the server process has used so far. */
  cpuSeconds(): number;
  /** CPU seconds of the processes it depends on (PostgreSQL, Redis) so far; absent when it depends on none. */
  helperCpuSeconds?(): number;
  /** Peak resident memory of the server process so far, in MiB. */
  peakRssMiB(): number;
  /** Stops the process (SIGTERM, then SIGKILL) and removes its temporary data. */
  stop(): Promise<void>;
}

/** How to start one kind of server. */
export interface ServerUnderTest {
  readonly name: ServerName;
  /** Why this server cannot be benchmarked here, or undefined if it can. */
  unavailable(): string | undefined;
  start(): Promise<RunningServer>;
}
