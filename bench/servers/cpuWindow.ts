import { monotonicMs } from '../fanout/monotonicMs';
import { machineBusyCpuSeconds } from './processStats';

/** CPU seconds of the servers under test, the benchmark process, helpers and the whole machine, read together. */
export interface CpuSample {
  server: number;
  harness: number;
  /** Processes the servers depend on but which are not theirs (PostgreSQL, Redis); 0 when there are none. */
  helpers: number;
  machine: number;
  at: number;
}

/** CPU over a window, in % of one core. */
export interface CpuPercents {
  serverCpuPercent: number;
  harnessCpuPercent: number;
  /** PostgreSQL and Redis, when the servers use them (else 0). */
  helperCpuPercent: number;
  /** Everything else on the machine. */
  otherCpuPercent: number;
}

/** Reads the CPU counters now: `server` and `helpers` say how to read those processes' CPU seconds. */
export function sampleCpu(server: { cpuSeconds(): number }, helpers: () => number = () => 0): CpuSample {
  const { user, system } = process.cpuUsage();
  return {
    server: server.cpuSeconds(),
    harness: (user + system) / 1e6,
    helpers: helpers(),
    machine: machineBusyCpuSeconds(),
    at: monotonicMs(),
  };
}

/** CPU between two samples in % of one core: the servers, the harness, the helpers, and everything else. */
export function cpuPercents(before: CpuSample, after: CpuSample): CpuPercents {
  const seconds = (after.at - before.at) / 1000;
  const server = after.server - before.server;
  const harness = after.harness - before.harness;
  const helpers = after.helpers - before.helpers;
  const other = after.machine - before.machine - server - harness - helpers;
  return {
    serverCpuPercent: (server / seconds) * 100,
    harnessCpuPercent: (harness / seconds) * 100,
    helperCpuPercent: (helpers / seconds) * 100,
    otherCpuPercent: Math.max(0, (other / seconds) * 100),
  };
}
