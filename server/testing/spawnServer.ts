import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

const root = path.resolve(import.meta.dirname, '../..');

/** Accord running as a child process: compiled as `npm start` runs it, or from its sources. */
export interface SpawnedServer {
  child: ChildProcess;
  url: string;
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** How `spawnServer` runs Accord by default: `server/main.ts` under tsx. */
const FROM_SOURCES = { args: ['--import', 'tsx', path.join(root, 'server/main.ts')], cwd: root } as const;

/**
 * Starts Accord in a child process and resolves once it logs that it is listening: by default
 * `server/main.ts` under tsx; with `command`, Node with those arguments (the compiled server) in
 * the directory `cwd`. `onLine` is given every line it writes, on stdout and stderr.
 */
export function spawnServer(
  env: Record<string, string>,
  command: { args: readonly string[]; cwd: string } = FROM_SOURCES,
  { onLine }: { onLine?: (line: string) => void } = {},
): Promise<SpawnedServer> {
  const child = spawn(process.execPath, command.args, {
    cwd: command.cwd,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  if (onLine) readline.createInterface({ input: child.stderr! }).on('line', onLine);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in time: ${stderr}`)), 30_000);
    void exited.then(({ code }) => reject(new Error(`server exited with ${code} before listening: ${stderr}`)));
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      onLine?.(line);
      if (!line.startsWith('{')) return;
      const entry = JSON.parse(line) as { msg?: string; url?: string };
      if (entry.msg === 'listening' && entry.url) {
        clearTimeout(timer);
        resolve({ child, url: entry.url, exited });
      }
    });
  });
}
