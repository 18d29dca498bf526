import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

/**
 * `npm run dev`: the Accord server (restarted on change by tsx watch) on port 8080 and Vite with
 * hot reload on 5173, which proxies `/api` and `/collab` to the server. Open the Vite URL.
 */
const children: ChildProcess[] = [
  spawn('npx', ['tsx', 'watch', '--clear-screen=false', 'server/main.ts'], {
    stdio: 'inherit',
    env: { ...process.env, PORT: process.env.PORT ?? '8080' },
  }),
  spawn('npx', ['vite'], {
    stdio: 'inherit',
    env: { ...process.env, ACCORD_DEV_SERVER: `http://127.0.0.1:${process.env.PORT ?? '8080'}` },
  }),
];

function stopAll(code: number): void {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
}

for (const child of children) child.on('exit', (code) => stopAll(code ?? 0));
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
