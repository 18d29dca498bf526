import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestSession } from '../../../testing/session';
import { DEMO, callApi, signIn } from '../../../testing/session';
import type { TestServer } from '../../../testing/startTestServer';
import { startTestServer } from '../../../testing/startTestServer';

let s: TestServer;
let chair: TestSession;
let draftId: string;
beforeAll(async () => {
  s = await startTestServer();
  chair = await signIn(s.url, DEMO.chair);
  draftId = (
    (await chair.api('/api/drafts', { method: 'POST', json: { title: 'Invitations' } })).body.draft as { id: string }
  ).id;
});
afterAll(async () => {
  await s.close();
});

async function invite(
  role: string,
  affiliation: unknown,
): Promise<{ status: number; token: string; body: Record<string, unknown> }> {
  const response = await chair.api(`/api/drafts/${draftId}/invites`, { method: 'POST', json: { role, affiliation } });
  return { status: response.status, token: response.body.token as string, body: response.body };
}

describe('invitations', () => {
  it('creates the account of a new delegate, in the invited delegation, signed in and holding the role', async () => {
    const { status, token, body } = await invite('delegate', {
      kind: 'delegation',
      name: 'Republic of Ostavia',
      code: 'xos',
    });
    expect(status).toBe(201);
    expect(body.path).toBe(`/invite/${token}`);
    const shown = await callApi(s.url, undefined, `/api/invites/${token}`);
    expect(shown.body.invite).toMatchObject({
      draftTitle: 'Invitations',
      role: 'delegate',
      status: 'open',
      affiliation: { kind: 'delegation', name: 'Republic of Ostavia', code: 'XOS' },
    });

    const accepted = await callApi(s.url, undefined, `/api/invites/${token}/accept`, {
      method: 'POST',
      json: { name: 'Mira Ostrova', email: 'mira@ostavia.example', password: 'a long enough password' },
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ draftId, role: 'delegate' });
    const newcomer = accepted.body.token as string;
    expect((await callApi(s.url, newcomer, '/api/auth/me')).body.user).toMatchObject({
      name: 'Mira Ostrova',
      affiliation: { name: 'Republic of Ostavia', code: 'XOS' },
    });
    expect(((await callApi(s.url, newcomer, `/api/drafts/${draftId}`)).body.draft as { role: string }).role).toBe(
      'delegate',
    );
    // Signing in later works with the chosen password.
    expect((await signIn(s.url, 'mira@ostavia.example', 'a long enough password')).user.name).toBe('Mira Ostrova');

    // The link is spent.
    expect((await callApi(s.url, undefined, `/api/invites/${token}`)).body.invite).toMatchObject({
      status: 'accepted',
    });
    const again = await callApi(s.url, undefined, `/api/invites/${token}/accept`, {
      method: 'POST',
      json: { name: 'X Y', email: 'x@y.example', password: 'another long password' },
    });
    expect(again.status).toBe(410);
  });

  it('adds the role to a signed-in person of the same affiliation, and refuses one from another', async () => {
    const { token } = await invite('observer', { kind: 'organisation', name: 'Digital Rights Watch' });
    const other = await signIn(s.url, DEMO.waterObserver);
    const refused = await other.api(`/api/invites/${token}/accept`, { method: 'POST', json: {} });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('affiliation_mismatch');
    const rights = await signIn(s.url, DEMO.rightsObserver);
    const accepted = await rights.api(`/api/invites/${token}/accept`, { method: 'POST', json: {} });
    expect(accepted.status).toBe(200);
    expect(((await rights.api(`/api/drafts/${draftId}`)).body.draft as { role: string }).role).toBe('observer');
  });

  it('refuses invitations that do not make sense, and bad links and accounts, with clear 4xx', async () => {
    expect((await invite('delegate', { kind: 'organisation', name: 'An NGO' })).body.error).toBe(
      'role_affiliation_mismatch',
    );
    expect((await invite('observer', { kind: 'delegation', name: 'Some State', code: 'XSS' })).body.error).toBe(
      'role_affiliation_mismatch',
    );
    expect((await invite('delegate', { kind: 'delegation', name: 'Some State', code: 'SS1' })).status).toBe(400);
    expect((await invite('emperor', { kind: 'organisation', name: 'X Org' })).status).toBe(400);
    expect((await callApi(s.url, undefined, '/api/invites/aci_not-a-real-invite')).status).toBe(404);

    const { token } = await invite('observer', { kind: 'organisation', name: 'Short Password Society' });
    const weak = await callApi(s.url, undefined, `/api/invites/${token}/accept`, {
      method: 'POST',
      json: { name: 'Weak', email: 'weak@example.org', password: 'short' },
    });
    expect(weak.status).toBe(400);
    const taken = await callApi(s.url, undefined, `/api/invites/${token}/accept`, {
      method: 'POST',
      json: { name: 'Dup', email: DEMO.chair, password: 'long enough password' },
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toBe('email_taken');
    const anonymous = await callApi(s.url, undefined, `/api/invites/${token}/accept`, { method: 'POST', json: {} });
    expect(anonymous.body.error).toBe('account_required');
  });

  it('lets the chair revoke an open invitation', async () => {
    const { token, body } = await invite('observer', { kind: 'organisation', name: 'Revoked Org' });
    const id = (body.invite as { id: string }).id;
    expect((await chair.api(`/api/drafts/${draftId}/invites/${id}`, { method: 'DELETE' })).status).toBe(200);
    const accept = await callApi(s.url, undefined, `/api/invites/${token}/accept`, {
      method: 'POST',
      json: { name: 'Late', email: 'late@example.org', password: 'long enough password' },
    });
    expect(accept.status).toBe(410);
    expect(accept.body.message).toMatch(/revoked/);
  });
});

describe('the session cookie of a new account', () => {
  it('is httpOnly, expires with the session, and Secure behind an HTTPS proxy', async () => {
    const { token } = await invite('observer', { kind: 'organisation', name: 'Cookie Watchers' });
    const response = await fetch(`${s.url}/api/invites/${token}/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
      body: JSON.stringify({ name: 'Cora Keys', email: 'cora@cookies.example', password: 'long enough password' }),
    });
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/Expires=/);
  });
});

describe('members', () => {
  it('makes only members of a delegation delegates', async () => {
    const { token } = await invite('observer', { kind: 'organisation', name: 'Water Utilities Resilience Network' });
    const water = await signIn(s.url, DEMO.waterObserver);
    await water.api(`/api/invites/${token}/accept`, { method: 'POST', json: {} });
    const promoted = await chair.api(`/api/drafts/${draftId}/members/${water.user.id}`, {
      method: 'PATCH',
      json: { role: 'delegate' },
    });
    expect(promoted.status).toBe(400);
    expect(promoted.body.error).toBe('role_affiliation_mismatch');
    expect(
      (await chair.api(`/api/drafts/${draftId}/members/${water.user.id}`, { method: 'PATCH', json: { role: 'chair' } }))
        .status,
    ).toBe(200);
  });

  it('keeps at least one chair', async () => {
    const lone = (
      (await chair.api('/api/drafts', { method: 'POST', json: { title: 'Lone chair' } })).body.draft as { id: string }
    ).id;
    const demote = await chair.api(`/api/drafts/${lone}/members/${chair.user.id}`, {
      method: 'PATCH',
      json: { role: 'delegate' },
    });
    expect(demote.status).toBe(409);
    expect(demote.body.error).toBe('last_chair');
    expect((await chair.api(`/api/drafts/${lone}/members/${chair.user.id}`, { method: 'DELETE' })).status).toBe(409);
    const members = (await chair.api(`/api/drafts/${lone}/members`)).body.members as { role: string }[];
    expect(members.map((m) => m.role)).toEqual(['chair']);
  });

  it('writes every change to the audit log, readable by the chair', async () => {
    const audit = (await chair.api(`/api/drafts/${draftId}/audit`)).body.entries as {
      action: string;
      actorId: string;
    }[];
    const actions = audit.map((entry) => entry.action);
    expect(actions).toContain('draft.created');
    expect(actions).toContain('invite.created');
    expect(actions).toContain('invite.accepted');
    expect(actions).toContain('invite.revoked');
    expect(audit.find((entry) => entry.action === 'draft.created')?.actorId).toBe(chair.user.id);
  });
});
