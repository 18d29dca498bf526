import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../demo/demoPeople';
import { DEMO, callApi, signIn } from '../testing/session';
import { startTestServer } from '../testing/startTestServer';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-cli-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function login(url: string, email: string, password: string) {
  return callApi(url, undefined, '/api/auth/login', { method: 'POST', json: { email, password } });
}

describe('production set-up (DEMO=false)', () => {
  it('has no demo account; the first chair is created with `npm run create-chair` and can create a draft', async () => {
    const dataDir = tempDataDir();
    const env = { ...process.env, DATA_DIR: dataDir, DEMO: 'false', ACCORD_PASSWORD: 'secretariat-password' };
    const { stdout } = await run(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(root, 'server/cli/createChair.ts'),
        '--email',
        'ana@secretariat.example',
        '--name',
        'Ana Pereira',
      ],
      { env, cwd: root },
    );
    expect(stdout).toMatch(/Created Ana Pereira <ana@secretariat\.example>/);

    const s = await startTestServer({ dataDir, demo: false });
    cleanups.push(() => s.close());
    expect((await login(s.url, DEMO.chair, DEMO_PASSWORD)).status).toBe(401);
    const ana = await signIn(s.url, 'ana@secretariat.example', 'secretariat-password');
    expect((await ana.api('/api/drafts')).body.drafts).toEqual([]);
    expect((await ana.api('/api/drafts', { method: 'POST', json: { title: 'First real draft' } })).status).toBe(201);
  });

  it('asks for the password on a terminal without showing what is typed', async () => {
    const dataDir = tempDataDir();
    const command = [process.execPath, '--import', 'tsx', path.join(root, 'server/cli/createChair.ts')]
      .concat(['--email', 'pty@secretariat.example', '--name', 'Pat Terminal'])
      .map((part) => `'${part}'`)
      .join(' ');
    // `script` runs it on a pseudo-terminal, as a person at a console would.
    const child = spawn('script', ['-qec', command, '/dev/null'], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir, DEMO: 'false', ACCORD_PASSWORD: '' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (/Password: $/.test(output) || /Repeat the password: $/.test(output)) child.stdin.write('typed-in-secret-1\r');
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(output).toMatch(/Created Pat Terminal <pty@secretariat\.example>/);
    expect(code).toBe(0);
    expect(output).not.toContain('typed-in-secret-1');
  });

  it('refuses bad arguments and a short password with a sentence', async () => {
    const env = { ...process.env, DATA_DIR: tempDataDir(), ACCORD_PASSWORD: 'short' };
    const script = path.join(root, 'server/cli/createChair.ts');
    await expect(
      run(process.execPath, ['--import', 'tsx', script, '--email', 'not-an-email', '--name', 'X Y'], {
        env,
        cwd: root,
      }),
    ).rejects.toMatchObject({ stderr: expect.stringMatching(/--email must be an email address/) });
    await expect(
      run(process.execPath, ['--import', 'tsx', script, '--email', 'a@b.example', '--name', 'X Y'], { env, cwd: root }),
    ).rejects.toMatchObject({ stderr: expect.stringMatching(/at least 10 characters/) });
  });

  it('refuses an email already in use with a sentence and a failing exit code', async () => {
    const env = { ...process.env, DATA_DIR: tempDataDir(), ACCORD_PASSWORD: 'secretariat-password' };
    const script = path.join(root, 'server/cli/createChair.ts');
    const args = ['--import', 'tsx', script, '--email', 'ana@secretariat.example', '--name', 'Ana Pereira'];
    await run(process.execPath, args, { env, cwd: root });
    await expect(
      run(process.execPath, [...args.slice(0, -1), 'Someone Else'], { env, cwd: root }),
    ).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/already exists/) });
  });

  it('locks demo accounts left from an earlier demo start when DEMO is turned off', async () => {
    const dataDir = tempDataDir();
    const demo = await startTestServer({ dataDir });
    const session = await signIn(demo.url, DEMO.valdoria);
    await demo.close();
    const production = await startTestServer({ dataDir, demo: false });
    cleanups.push(() => production.close());
    expect((await login(production.url, DEMO.valdoria, DEMO_PASSWORD)).status).toBe(401);
    expect((await callApi(production.url, session.token, '/api/auth/me')).status).toBe(401);
  });
});
