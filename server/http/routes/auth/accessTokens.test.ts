import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AccessSession } from '../../../../shared/api';
import { DEMO, callApi, signIn } from '../../../testing/session';
import type { TestServer } from '../../../testing/startTestServer';
import { startTestServer } from '../../../testing/startTestServer';

const DAY_MS = 24 * 3600 * 1000;

const servers: TestServer[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const s of servers.splice(0)) await s.close();
});

async function server(): Promise<TestServer> {
  const s = await startTestServer();
  servers.push(s);
  return s;
}

async function listed(session: { api: (path: string) => Promise<{ body: Record<string, unknown> }> }) {
  return (await session.api('/api/auth/sessions')).body.sessions as AccessSession[];
}

describe('personal access tokens', () => {
  it('expire after the days chosen (90 unless chosen, at most 365), and are refused once expired', async () => {
    const s = await server();
    const chair = await signIn(s.url, DEMO.chair);
    const create = (json: Record<string, unknown>) => chair.api('/api/auth/tokens', { method: 'POST', json });

    for (const expiresInDays of [0, 366, 1.5]) {
      const refused = await create({ name: 'too long', expiresInDays });
      expect(refused.status).toBe(400);
    }
    const byDefault = await create({ name: 'default' });
    const defaultExpiry = Date.parse((byDefault.body.session as AccessSession).expiresAt!);
    expect(Math.abs(defaultExpiry - (Date.now() + 90 * DAY_MS))).toBeLessThan(60_000);

    const oneDay = (await create({ name: 'one day', expiresInDays: 1 })).body.token as string;
    const twoDays = (await create({ name: 'two days', expiresInDays: 2 })).body.token as string;
    expect((await callApi(s.url, oneDay, '/api/drafts')).status).toBe(200);

    // A day and a minute later (the server runs in this process and reads the same clock).
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + DAY_MS + 60_000);
    expect((await callApi(s.url, oneDay, '/api/drafts')).status).toBe(401);
    expect((await callApi(s.url, twoDays, '/api/drafts')).status).toBe(200);
  });

  it('are listed with their last use, written at most about once a minute', async () => {
    const s = await server();
    const chair = await signIn(s.url, DEMO.chair);
    const created = await chair.api('/api/auth/tokens', { method: 'POST', json: { name: 'nightly export' } });
    const token = created.body.token as string;
    const id = (created.body.session as AccessSession).id;
    const lastUse = async () => (await listed(chair)).find((entry) => entry.id === id)!.lastUsedAt;
    expect(await lastUse()).toBeNull();

    vi.useFakeTimers({ toFake: ['Date'] });
    const start = Date.now();
    expect((await callApi(s.url, token, '/api/drafts')).status).toBe(200);
    const first = await lastUse();
    expect(first).not.toBeNull();
    expect(Math.abs(Date.parse(first!) - start)).toBeLessThan(1000);

    vi.setSystemTime(start + 30_000);
    await callApi(s.url, token, '/api/drafts');
    expect(await lastUse()).toBe(first);

    vi.setSystemTime(start + 90_000);
    await callApi(s.url, token, '/api/drafts');
    expect(Date.parse((await lastUse())!)).toBeGreaterThanOrEqual(start + 90_000);
  });
});

describe('signing out', () => {
  it('ends only its own session: a token made in it and the person’s other sessions go on working', async () => {
    const s = await server();
    const laptop = await signIn(s.url, DEMO.valdoria);
    const phone = await signIn(s.url, DEMO.valdoria);
    const token = (await laptop.api('/api/auth/tokens', { method: 'POST', json: { name: 'script' } })).body
      .token as string;

    expect((await laptop.api('/api/auth/logout', { method: 'POST' })).status).toBe(200);
    expect((await laptop.api('/api/auth/me')).status).toBe(401);
    expect((await phone.api('/api/auth/me')).status).toBe(200);
    expect((await callApi(s.url, token, '/api/auth/me')).status).toBe(200);

    const sessions = await listed(phone);
    const active = sessions.filter((entry) => entry.revokedAt === null).map((entry) => entry.kind);
    expect(active.sort()).toEqual(['session', 'token']);
    expect(sessions.filter((entry) => entry.revokedAt !== null)).toHaveLength(1);
  });
});
