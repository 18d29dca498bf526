import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

let clockTicksPerSecond: number | undefined;

function clockTicks(): number {
  if (clockTicksPerSecond === undefined) {
    try {
      clockTicksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicksPerSecond = 100;
    }
  }
  return clockTicksPerSecond;
}

/**
 * CPU seconds (user + system) process `pid` has used, from /proc/<pid>/stat (Linux only; NaN
 * elsewhere or once the process is gone). Resolution is one clock tick, 10 ms on this machine.
 */
export function processCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may itself contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicks();
  } catch {
    return Number.NaN;
  }
}

/** Peak resident memory (VmHWM) of process `pid` in MiB, from /proc/<pid>/status; NaN if unknown. */
export function processPeakRssMiB(pid: number): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/**
 * CPU seconds all cores of this machine have spent busy (everything but idle and iowait) since
 * boot, from /proc/stat; NaN if unknown. Subtracting the server's and the harness's own time over a
 * window gives the load from everything else on the machine, which a shared machine does have.
 */
export function machineBusyCpuSeconds(): number {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    // cpu user nice system idle iowait irq softirq steal guest guest_nice (guest time is already in user)
    const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
    return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / clockTicks();
  } catch {
    return Number.NaN;
  }
}

/**
 * CPU seconds used so far by the PostgreSQL and Redis processes a cluster benchmark depends on
 * (Linux only; 0 elsewhere): Redis, PostgreSQL's own background processes, and those of its
 * connection processes that serve `database`. Connections to other databases (other people's
 * tests on a shared machine) are left out; Redis and the background processes are shared and
 * count whoever uses them. A connection that closes takes its CPU time with it.
 */
export function helperCpuSeconds(database: string): number {
  let total = 0;
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return 0;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const command = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      if (command !== 'postgres' && command !== 'redis-server') continue;
      if (command === 'postgres') {
        // A connection process names its database and client: "postgres: 15/main: user db 127.0.0.1(5432) idle".
        const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
        if (/\(\d+\)|\[local\]/.test(title) && !title.includes(` ${database} `)) continue;
      }
      const seconds = processCpuSeconds(Number(entry));
      if (!Number.isNaN(seconds)) total += seconds;
    } catch {
      // The process ended meanwhile.
    }
  }
  return total;
}
