import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SQLITE_FILE } from '../../../storage/openSqliteStorage';
import type { TestSession } from '../../../testing/session';
import { DEMO, callApi, signIn } from '../../../testing/session';
import type { TestServer } from '../../../testing/startTestServer';
import { startTestServer } from '../../../testing/startTestServer';

const AT_ONCE = 8;
const PASSWORD = 'a long enough password';

let s: TestServer;
let chair: TestSession;
let draftId: string;
beforeAll(async () => {
  s = await startTestServer();
  chair = await signIn(s.url, DEMO.chair);
  draftId = await newDraft('Invitation race');
});
afterAll(async () => {
  await s.close();
});

async function newDraft(title: string): Promise<string> {
  return ((await chair.api('/api/drafts', { method: 'POST', json: { title } })).body.draft as { id: string }).id;
}

async function invite(
  onDraft: string,
  role: string,
  affiliation: unknown,
): Promise<{ token: string; affiliationId: string }> {
  const response = await chair.api(`/api/drafts/${onDraft}/invites`, { method: 'POST', json: { role, affiliation } });
  expect(response.status).toBe(201);
  return {
    token: response.body.token as string,
    affiliationId: (response.body.invite as { affiliation: { id: string } }).affiliation.id,
  };
}

/** Accepts with a plain fetch, so the test sees the response's own Set-Cookie header. */
async function accept(token: string, json: unknown, bearer?: string) {
  const response = await fetch(`${s.url}/api/invites/${token}/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify(json),
  });
  return {
    status: response.status,
    cookie: response.headers.get('set-cookie'),
    body: (await response.json()) as Record<string, unknown>,
  };
}

/** What the database holds, read beside the server: the accounts of one delegation or organisation. */
function accountsOf(affiliationId: string): string[] {
  const db = new SQLite(path.join(s.dataDir, SQLITE_FILE), { readonly: true });
  try {
    const rows = db.prepare('select email from users where affiliation_id = ?').all(affiliationId) as {
      email: string;
    }[];
    return rows.map((row) => row.email).sort();
  } finally {
    db.close();
  }
}

async function membersOf(onDraft: string): Promise<{ user: { id: string; email: string }; role: string }[]> {
  return (await chair.api(`/api/drafts/${onDraft}/members`)).body.members as {
    user: { id: string; email: string };
    role: string;
  }[];
}

describe('accepting one invitation many times at the same moment', () => {
  it('creates exactly one account, and only the accepted request carries a session', async () => {
    const { token, affiliationId } = await invite(draftId, 'delegate', {
      kind: 'delegation',
      name: 'Republic of Racing',
      code: 'XRR',
    });
    const answers = await Promise.all(
      Array.from({ length: AT_ONCE }, (_, k) =>
        accept(token, { name: `Racer ${k}`, email: `racer${k}@racing.example`, password: PASSWORD }),
      ),
    );
    const accepted = answers.filter((answer) => answer.status >= 200 && answer.status < 300);
    const refused = answers.filter((answer) => answer.status >= 300);
    expect(accepted).toHaveLength(1);
    expect(refused.map((answer) => [answer.status, answer.body.error])).toEqual(
      Array.from({ length: AT_ONCE - 1 }, () => [410, 'invite_closed']),
    );
    expect(refused.map((answer) => answer.cookie)).toEqual(refused.map(() => null));
    expect(refused.every((answer) => answer.body.token === undefined)).toBe(true);

    const winner = accepted[0]!;
    expect(winner.cookie).toMatch(/^accord_session=/);
    const me = await callApi(s.url, winner.body.token as string, '/api/auth/me');
    const email = (me.body.user as { email: string }).email;
    expect(accountsOf(affiliationId)).toEqual([email]);
    const delegates = (await membersOf(draftId)).filter((member) => member.user.email.endsWith('@racing.example'));
    expect(delegates.map((member) => [member.user.email, member.role])).toEqual([[email, 'delegate']]);
    // The cookie it carries is a working session.
    const cookie = winner.cookie!.split(';')[0]!;
    const byCookie = await fetch(`${s.url}/api/drafts/${draftId}`, { headers: { cookie } });
    expect(((await byCookie.json()) as { draft: { role: string } }).draft.role).toBe('delegate');
  });

  it('gives the role to exactly one of several signed-in people accepting at once', async () => {
    // Eight accounts of one organisation, each created through its own invitation to another draft.
    const elsewhere = await newDraft('Where the racers joined');
    const sessions: string[] = [];
    let organisation = '';
    for (let k = 0; k < AT_ONCE; k++) {
      const made = await invite(elsewhere, 'observer', { kind: 'organisation', name: 'Racing Observers' });
      organisation = made.affiliationId;
      const joined = await accept(made.token, {
        name: `Observer ${k}`,
        email: `observer${k}@racing.example`,
        password: PASSWORD,
      });
      expect(joined.status).toBe(200);
      sessions.push(joined.body.token as string);
    }
    expect(accountsOf(organisation)).toHaveLength(AT_ONCE);

    const { token } = await invite(draftId, 'observer', { kind: 'organisation', name: 'Racing Observers' });
    const answers = await Promise.all(sessions.map((session) => accept(token, {}, session)));
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    expect(answers.filter((answer) => answer.status === 410)).toHaveLength(AT_ONCE - 1);
    expect(answers.map((answer) => answer.cookie)).toEqual(answers.map(() => null));
    const observers = (await membersOf(draftId)).filter((member) => member.user.email.startsWith('observer'));
    expect(observers).toHaveLength(1);
    expect(observers[0]!.role).toBe('observer');
    // No account was created by accepting as a signed-in person.
    expect(accountsOf(organisation)).toHaveLength(AT_ONCE);
  });

  it('sets no cookie on any refusal, however far the request got', async () => {
    const { token } = await invite(draftId, 'observer', { kind: 'organisation', name: 'Cookie-less Observers' });
    const taken = await accept(token, { name: 'Dup', email: DEMO.chair, password: PASSWORD });
    expect([taken.status, taken.body.error, taken.cookie]).toEqual([409, 'email_taken', null]);
    const weak = await accept(token, { name: 'Weak', email: 'weak@cookies.example', password: 'short' });
    expect([weak.status, weak.cookie]).toEqual([400, null]);
    const bad = await accept('aci_not-a-real-invite', { name: 'Lost', email: 'lost@x.example', password: PASSWORD });
    expect([bad.status, bad.cookie]).toEqual([404, null]);
    // The refusals spent nothing: the invitation still works.
    const ok = await accept(token, { name: 'Cora Late', email: 'cora@cookies.example', password: PASSWORD });
    expect(ok.status).toBe(200);
    expect(ok.cookie).toMatch(/^accord_session=/);
  });
});
