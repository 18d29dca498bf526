import os from 'node:os';

/** The machine the figures come from, written beside them in every benchmark's JSON. */
export function machineInfo(): Record<string, string | number> {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    /** Nice value the run had (see `raisePriority` in bench/run.ts). */
    nice: os.getPriority(),
  };
}
