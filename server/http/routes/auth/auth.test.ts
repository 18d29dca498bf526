import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../demo/demoPeople';
import { DEMO, callApi, signIn } from '../../../testing/session';
import type { TestServer } from '../../../testing/startTestServer';
import { startTestServer } from '../../../testing/startTestServer';
import { waitFor } from '../../../testing/waitFor';

const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function server(overrides: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const s = await startTestServer(overrides);
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

describe('signing in', () => {
  it('returns a token and the user, and sets an httpOnly SameSite session cookie; the user carries no secret', async () => {
    const s = await server();
    const response = await login(s, '  Chair@Accord.example ', DEMO_PASSWORD);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { token: string; user: Record<string, unknown> };
    expect(body.token).toMatch(/^acs_/);
    expect(body.user).toMatchObject({
      name: 'Amina Diallo',
      email: 'chair@accord.example',
      affiliation: { kind: 'organisation', name: 'Conference Secretariat' },
    });
    expect(JSON.stringify(body.user)).not.toMatch(/scrypt|password|hash/i);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^accord_session=acs_/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/);

    // Behind an HTTPS proxy the cookie is Secure.
    const viaHttps = await login(s, DEMO.valdoria, DEMO_PASSWORD, { 'x-forwarded-proto': 'https' });
    expect(viaHttps.headers.get('set-cookie')).toMatch(/Secure/);
  });

  it('refuses a wrong password or unknown account with the same 401', async () => {
    const s = await server();
    for (const [email, password] of [
      [DEMO.chair, 'wrong-password'],
      ['nobody@accord.example', DEMO_PASSWORD],
    ] as const) {
      const response = await login(s, email, password);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        error: 'invalid_credentials',
        message: 'The email address or password is not right.',
      });
    }
  });

  it('slows sign-ins to an account after its free attempts: then even the right password waits, with Retry-After', async () => {
    const s = await server({ loginAttemptsPerAccount: 3, loginFirstDelayMs: 120_000 });
    for (let i = 0; i < 3; i++) expect((await login(s, DEMO.norland, 'guess')).status).toBe(401);
    const blocked = await login(s, DEMO.norland, DEMO_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(100);
    expect(await blocked.json()).toMatchObject({
      error: 'too_many_attempts',
      message: 'Too many failed sign-ins. Try again in 2 minutes.',
    });
    // Another account from the same address is not affected.
    expect((await login(s, DEMO.meridia, DEMO_PASSWORD)).status).toBe(200);
  });

  it('slows failed sign-ins per address across accounts', async () => {
    const s = await server({ loginAttemptsPerAddress: 4, loginAttemptsPerAccount: 100, loginFirstDelayMs: 60_000 });
    const emails = [DEMO.valdoria, DEMO.norland, DEMO.meridia, DEMO.chair];
    for (const email of emails) expect((await login(s, email, 'guess')).status).toBe(401);
    expect((await login(s, DEMO.rightsObserver, DEMO_PASSWORD)).status).toBe(429);
  });
});

describe('sessions and tokens', () => {
  it('accepts the token as a Bearer header and as the cookie, and forgets it after sign-out', async () => {
    const s = await server();
    const session = await signIn(s.url, DEMO.valdoria);
    expect((await session.api('/api/auth/me')).body.user).toMatchObject({ name: 'Lena Varga' });
    const viaCookie = await fetch(`${s.url}/api/auth/me`, { headers: { cookie: `accord_session=${session.token}` } });
    expect(viaCookie.status).toBe(200);
    expect((await session.api('/api/auth/logout', { method: 'POST' })).status).toBe(200);
    expect((await session.api('/api/auth/me')).status).toBe(401);
    expect((await callApi(s.url, undefined, '/api/auth/me')).status).toBe(401);
  });

  it('expires sessions after their lifetime', async () => {
    const s = await server({ sessionTtlMs: 300 });
    const session = await signIn(s.url, DEMO.valdoria);
    expect((await session.api('/api/auth/me')).status).toBe(200);
    await waitFor(async () => expect((await session.api('/api/auth/me')).status).toBe(401), {
      timeoutMs: 3000,
      intervalMs: 50,
    });
  });

  it('creates personal access tokens for scripts, lists them without secrets, and revokes them', async () => {
    const s = await server();
    const session = await signIn(s.url, DEMO.chair);
    const created = await session.api('/api/auth/tokens', { method: 'POST', json: { name: 'export script' } });
    expect(created.status).toBe(201);
    const token = created.body.token as string;
    expect(token).toMatch(/^acp_/);
    expect((await callApi(s.url, token, '/api/drafts')).status).toBe(200);

    const listed = (await session.api('/api/auth/sessions')).body.sessions as Record<string, unknown>[];
    expect(listed.map((entry) => entry.kind).sort()).toEqual(['session', 'token']);
    expect(JSON.stringify(listed)).not.toContain(token);
    expect(JSON.stringify(listed)).not.toMatch(/hash/i);
    const tokenId = (created.body.session as { id: string }).id;
    expect((await session.api(`/api/auth/sessions/${tokenId}`, { method: 'DELETE' })).status).toBe(200);
    expect((await callApi(s.url, token, '/api/drafts')).status).toBe(401);
    // Someone else's session cannot be revoked.
    const other = await signIn(s.url, DEMO.valdoria);
    const otherId = ((await other.api('/api/auth/sessions')).body.sessions as { id: string }[])[0]!.id;
    expect((await session.api(`/api/auth/sessions/${otherId}`, { method: 'DELETE' })).status).toBe(404);
  });
});

describe('cross-site request forgery', () => {
  it('refuses cookie-authenticated writes without an Origin of this server, and allows them with it', async () => {
    const s = await server();
    const session = await signIn(s.url, DEMO.chair);
    const cookie = `accord_session=${session.token}`;
    const post = (headers: Record<string, string>) =>
      fetch(`${s.url}/api/drafts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, ...headers },
        body: JSON.stringify({ title: 'From a form' }),
      });
    const host = new URL(s.url).host;
    const foreign = await post({ origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { error: string }).error).toBe('origin_mismatch');
    expect((await post({})).status).toBe(403);
    expect((await post({ referer: 'https://evil.example/page' })).status).toBe(403);
    expect((await post({ origin: `http://${host}` })).status).toBe(201);
    expect((await post({ referer: `http://${host}/drafts` })).status).toBe(201);
    // Reads need no Origin; bearer tokens are not ambient credentials and need none either.
    expect((await fetch(`${s.url}/api/drafts`, { headers: { cookie } })).status).toBe(200);
    expect((await session.api('/api/drafts', { method: 'POST', json: { title: 'From a script' } })).status).toBe(201);
  });

  it('does not check the Origin of a call with a valid Bearer token, as the README says, and checks every other', async () => {
    const s = await server();
    const session = await signIn(s.url, DEMO.chair);
    const create = (headers: Record<string, string>) =>
      fetch(`${s.url}/api/drafts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ title: 'Origin rule' }),
      });
    const bearer = { authorization: `Bearer ${session.token}` };
    expect((await create({ ...bearer, origin: 'https://elsewhere.example' })).status).toBe(201);
    expect((await create({ ...bearer, referer: 'https://elsewhere.example/page' })).status).toBe(201);
    expect((await create({ ...bearer, origin: 'null' })).status).toBe(201);
    // The same person with the session cookie from a foreign page is refused.
    const byCookie = await create({ cookie: `accord_session=${session.token}`, origin: 'https://elsewhere.example' });
    expect(byCookie.status).toBe(403);
    expect(((await byCookie.json()) as { error: string }).error).toBe('origin_mismatch');
    // A token that is not valid is no Bearer call: from a foreign page it is refused as an anonymous one is.
    const unknown = await create({ authorization: 'Bearer not-a-token', origin: 'https://elsewhere.example' });
    expect(unknown.status).toBe(403);
    const signedIn = await login(s, DEMO.chair, DEMO_PASSWORD, { origin: 'https://elsewhere.example' });
    expect([signedIn.status, signedIn.headers.get('set-cookie')]).toEqual([403, null]);
  });
});
