import { type ChildProcess, spawn } from 'node:child_process';
import { waitUntil } from '../fanout/waitUntil';

/** Every server child still running, so an interrupted run can still end them. */
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      for (const child of running) child.kill('SIGKILL');
      process.exit(130);
    });
  }
}

/** A server child process and the last lines it printed (for error messages). */
export interface SpawnedServer {
  readonly child: ChildProcess;
  readonly pid: number;
  /** The last lines of stdout and stderr together. */
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export interface SpawnOptions {
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  /** Any HTTP answer from this URL (whatever the status) means the server is listening. */
  readyUrl: string;
  readyTimeoutMs: number;
}

async function answersHttp(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
    await response.body?.cancel();
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts a server in its own process, so the benchmark clients never take CPU from it inside one
 * event loop, and resolves once it answers HTTP. Fails with the server's own output if it exits
 * or does not answer in time. The child is killed if this process exits first.
 */
export async function spawnServer(options: SpawnOptions): Promise<SpawnedServer> {
  installExitHook();
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const lines: string[] = [];
  const keep = (chunk: Buffer): void => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > 40) lines.splice(0, lines.length - 40);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      running.delete(child);
      resolve();
    }),
  );
  const output = (): string => lines.join('\n');
  const stop = async (graceMs = 5000): Promise<void> => {
    if (exited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exit;
    clearTimeout(timer);
  };

  let answered = false;
  let asking = false;
  try {
    await waitUntil(
      () => {
        if (exited) throw new Error('the server exited before listening');
        if (!answered && !asking) {
          asking = true;
          void answersHttp(options.readyUrl).then((ok) => {
            answered ||= ok;
            asking = false;
          });
        }
        return answered;
      },
      `${options.command} ${options.args.join(' ')} to answer on ${options.readyUrl}`,
      options.readyTimeoutMs,
      100,
    );
  } catch (error) {
    await stop(1000);
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${output()}`, { cause: error });
  }
  if (child.pid === undefined) throw new Error('the server process has no pid');
  return { child, pid: child.pid, output, stop };
}
