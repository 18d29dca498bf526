/**
 * nginx as a child process in the foreground (`daemon off`), unprivileged: its prefix is a runtime
 * directory of ours that holds the configuration it runs, its pid file, temporary files and access
 * log; errors go to stderr. Stopped with SIGTERM (nginx's fast shutdown: its workers go too).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { waitFor } from '../../server/testing/waitFor';

/** Where nginx is expected: Debian's `nginx` or `nginx-light` package. `NGINX` names another binary. */
export const NGINX = process.env.NGINX ?? '/usr/sbin/nginx';

/** nginx running. */
export interface Nginx {
  child: ChildProcess;
  /** `http://127.0.0.1:<port>`, from the configuration's `listen`. */
  url: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Writes `config` to `<runtimeDir>/nginx.conf`, starts nginx on it, and resolves once
 * `GET /api/health` answers 200 through it (so the instances behind it answer too).
 */
export async function startNginx(runtimeDir: string, config: string, onLine: (line: string) => void): Promise<Nginx> {
  checkNginxInstalled();
  const listen = /^\s*listen\s+([\d.]+:\d+)\s*;/m.exec(config)?.[1];
  if (!listen) throw new Error('the nginx configuration has no `listen <address>:<port>;`');
  fs.mkdirSync(runtimeDir, { recursive: true });
  // Run as root, nginx's workers run as nobody, who must reach the temporary directories in here.
  fs.chmodSync(runtimeDir, 0o755);
  fs.writeFileSync(path.join(runtimeDir, 'nginx.conf'), config);

  const child = spawn(NGINX, ['-p', `${path.resolve(runtimeDir)}/`, '-c', 'nginx.conf', '-e', 'stderr'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  // What it says until it answers, for the error if it never does.
  const output: string[] = [];
  let starting = true;
  for (const stream of [child.stdout!, child.stderr!]) {
    readline.createInterface({ input: stream }).on('line', (line) => {
      if (starting) output.push(line);
      onLine(line);
    });
  }
  const url = `http://${listen}`;
  const failed = exited.then(({ code, signal }) => {
    throw new Error(`nginx exited (${signal ?? code}) before answering: ${output.join('\n')}`);
  });
  failed.catch(() => undefined); // a later exit, once it has answered, is the caller's to watch
  const healthy = waitFor(async () => (await fetch(`${url}/api/health`)).status === 200, {
    timeoutMs: 10_000,
    intervalMs: 50,
    message: `a health check through nginx at ${url}`,
  });
  try {
    await Promise.race([healthy, failed]);
  } catch (error) {
    child.kill('SIGTERM');
    await exited;
    throw error;
  }
  starting = false;
  return { child, url, exited };
}

/** Throws, saying how to install it, unless {@link NGINX} is there to run. */
export function checkNginxInstalled(): void {
  try {
    fs.accessSync(NGINX, fs.constants.X_OK);
  } catch (error) {
    throw new Error(
      `nginx is not installed at ${NGINX}: apt-get install nginx-light (or nginx), or set NGINX to its path`,
      {
        cause: error,
      },
    );
  }
}
