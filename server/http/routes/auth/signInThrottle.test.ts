import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../demo/demoPeople';
import { DEMO } from '../../../testing/session';
import type { TestServer } from '../../../testing/startTestServer';
import { startTestServer } from '../../../testing/startTestServer';

const servers: TestServer[] = [];
const dataDirs: string[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
  for (const dir of dataDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A long first delay, so a slowed sign-in stays slowed however slow the machine running the test. */
const SLOW = { loginFirstDelayMs: 10 * 60_000 };

async function server(overrides: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const s = await startTestServer({ ...SLOW, ...overrides });
  servers.push(s);
  return s;
}

function login(s: TestServer, email: string, password: string, headers: Record<string, string> = {}) {
  return fetch(`${s.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ email, password }),
  });
}

/** The device cookie a successful sign-in set, as a `cookie` request header. */
function deviceCookieOf(response: Response): string {
  const cookie = response.headers.getSetCookie().find((value) => value.startsWith('accord_device='));
  if (!cookie) throw new Error('no device cookie was set');
  return cookie.split(';')[0]!;
}

async function statuses(responses: Promise<Response>[]): Promise<number[]> {
  return (await Promise.all(responses)).map((response) => response.status);
}

const count = (values: number[], value: number) => values.filter((v) => v === value).length;

describe('sign-in throttling under concurrency and restarts', () => {
  it('lets no concurrent sign-in past the limit: the right password 55th of 60 is refused', async () => {
    const s = await server();
    const attempts = Array.from({ length: 60 }, (_, i) =>
      login(s, DEMO.norland, i === 54 ? DEMO_PASSWORD : `guess-${i}`),
    );
    const answers = await Promise.all(attempts);
    const codes = answers.map((response) => response.status);
    expect(count(codes, 200)).toBe(0);
    // Exactly the free attempts reached the password check; every other one waited.
    expect(count(codes, 401)).toBe(5);
    expect(count(codes, 429)).toBe(55);
    expect(answers[54]!.status).toBe(429);
    expect(Number(answers[54]!.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('remembers the attempts across a restart on the same data', async () => {
    const first = await startTestServer(SLOW, { keepDataDir: true });
    dataDirs.push(first.dataDir);
    for (let i = 0; i < 5; i++) expect((await login(first, DEMO.norland, `guess-${i}`)).status).toBe(401);
    await first.close();

    const second = await server({ dataDir: first.dataDir });
    const blocked = await login(second, DEMO.norland, DEMO_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(500);
  });
});

describe('a browser that signed in before (device cookie)', () => {
  it('is issued on a successful sign-in: httpOnly, sent only to /api/auth, and not renewed while valid', async () => {
    const s = await server();
    const first = await login(s, DEMO.valdoria, DEMO_PASSWORD);
    const set = first.headers.getSetCookie().find((value) => value.startsWith('accord_device='))!;
    expect(set).toMatch(/^accord_device=acd_/);
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/Path=\/api\/auth/);
    const again = await login(s, DEMO.valdoria, DEMO_PASSWORD, { cookie: deviceCookieOf(first) });
    expect(again.status).toBe(200);
    expect(again.headers.getSetCookie().some((value) => value.startsWith('accord_device='))).toBe(false);
    // It names one account: for another it is no device cookie (and a new one is issued).
    const other = await login(s, DEMO.meridia, DEMO_PASSWORD, { cookie: deviceCookieOf(first) });
    expect(deviceCookieOf(other)).not.toBe(deviceCookieOf(first));
  });

  it('keeps its owner signing in after a stranger’s 35 failed sign-ins to made-up accounts from the same address', async () => {
    const s = await server();
    const cookie = deviceCookieOf(await login(s, DEMO.meridia, DEMO_PASSWORD));
    const stranger = await statuses(
      Array.from({ length: 35 }, (_, i) => login(s, `nobody-${i}@accord.example`, 'guess')),
    );
    expect(count(stranger, 401)).toBe(30);
    expect(count(stranger, 429)).toBe(5);
    // The address is slowed for anyone without a device cookie…
    const withoutCookie = await login(s, DEMO.meridia, DEMO_PASSWORD);
    expect(withoutCookie.status).toBe(429);
    expect(Number(withoutCookie.headers.get('retry-after'))).toBeGreaterThan(0);
    // …but not for the browser that signed in to this account before.
    expect((await login(s, DEMO.meridia, DEMO_PASSWORD, { cookie })).status).toBe(200);
  });

  it('keeps its owner signing in after a stranger’s many bad passwords for that account; the stranger waits', async () => {
    const s = await server();
    const cookie = deviceCookieOf(await login(s, DEMO.norland, DEMO_PASSWORD));
    const stranger = await statuses(Array.from({ length: 20 }, (_, i) => login(s, DEMO.norland, `guess-${i}`)));
    expect(count(stranger, 401)).toBe(5);
    expect(count(stranger, 429)).toBe(15);

    const slowed = await login(s, DEMO.norland, DEMO_PASSWORD);
    expect(slowed.status).toBe(429);
    expect(Number(slowed.headers.get('retry-after'))).toBeGreaterThan(500);
    expect(((await slowed.json()) as { message: string }).message).toBe(
      'Too many failed sign-ins. Try again in 10 minutes.',
    );
    expect((await login(s, DEMO.norland, DEMO_PASSWORD, { cookie })).status).toBe(200);
  });

  it('is slowed on its own after its own failures, so a stolen device cookie does not allow free guessing', async () => {
    const s = await server();
    const cookie = deviceCookieOf(await login(s, DEMO.chair, DEMO_PASSWORD));
    const guesses = await statuses(Array.from({ length: 8 }, (_, i) => login(s, DEMO.chair, `guess-${i}`, { cookie })));
    expect(count(guesses, 401)).toBe(5);
    expect(count(guesses, 429)).toBe(3);
    expect((await login(s, DEMO.chair, DEMO_PASSWORD, { cookie })).status).toBe(429);
    // Those failures were the device's, not the account's: another browser is not slowed by them.
    expect((await login(s, DEMO.chair, DEMO_PASSWORD)).status).toBe(200);
  });
});

describe('the client address behind a proxy (TRUST_PROXY)', () => {
  const limits = { loginAttemptsPerAddress: 3, loginAttemptsPerAccount: 100 };
  const from = (address: string) => ({ 'x-forwarded-for': address });

  it('ignores X-Forwarded-For when no proxy is trusted', async () => {
    const s = await server(limits);
    for (let i = 1; i <= 3; i++) {
      expect((await login(s, `nobody-${i}@accord.example`, 'guess', from(`203.0.113.${i}`))).status).toBe(401);
    }
    expect((await login(s, DEMO.valdoria, DEMO_PASSWORD, from('203.0.113.99'))).status).toBe(429);
  });

  it('counts each forwarded address apart when the loopback proxy is trusted, and reads the header from the right', async () => {
    const s = await server({ ...limits, trustProxy: ['loopback'] });
    for (let i = 1; i <= 3; i++) {
      expect((await login(s, `nobody-${i}@accord.example`, 'guess', from('203.0.113.1'))).status).toBe(401);
    }
    expect((await login(s, DEMO.valdoria, DEMO_PASSWORD, from('203.0.113.1'))).status).toBe(429);
    // A client cannot escape by writing another address in front of what the proxy appended.
    expect((await login(s, DEMO.valdoria, DEMO_PASSWORD, from('198.51.100.7, 203.0.113.1'))).status).toBe(429);
    expect((await login(s, DEMO.valdoria, DEMO_PASSWORD, from('203.0.113.2'))).status).toBe(200);
  });
});
