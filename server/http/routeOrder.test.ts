import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AmendmentStatus } from '../../shared/review/amendmentStatus';
import { STATUS_ACTIONS, changeAmendmentStatus } from '../../shared/review/amendmentTransitions';
import type { Decision, OnAmendment, PolicyAction, Who } from '../../shared/roles';
import { decide, whoMay } from '../../shared/roles';
import type { TestSession } from '../testing/session';
import { DEMO, callApi, signIn } from '../testing/session';
import type { TestServer } from '../testing/startTestServer';
import { startTestServer } from '../testing/startTestServer';
import { futureSchedule } from '../testing/reviewSchedule';

/**
 * The order of every refusal, for every caller: 401 (not signed in), then 403 (not a member, or
 * who they are may not do it), then 404 or 409 (what the request names does not exist, or is in
 * a state that refuses it). Each case names something missing or in a refusing state (a closed
 * review cycle, a decided amendment, a hidden thread, the last chair, a spent invitation), so a
 * route that looked at it before asking who is calling would answer 404 or 409 where the
 * policy's answer is 403. A draft that does not exist is a 404 for everyone signed in: there is
 * no membership to check.
 */

type Caller = 'chair' | 'delegate' | 'observer' | 'stranger' | 'anonymous';
type Member = 'chair' | 'delegate' | 'observer';
const CALLERS: Caller[] = ['chair', 'delegate', 'observer', 'stranger', 'anonymous'];
const MISSING = 'Nothing000000000';
const REFUSAL_STATUS = { forbidden: 403, hidden: 404, conflict: 409 } as const;

/** The bodies the members speak for in the fixture: the chair for the secretariat, the delegate for Valdoria. */
const BODIES: Record<Member, Who['affiliation']> = {
  chair: { id: 'secretariat', kind: 'organisation' },
  delegate: { id: 'valdoria', kind: 'delegation' },
  observer: { id: 'rights-watch', kind: 'organisation' },
};
const who = (member: Member): Who => ({ role: member, affiliation: BODIES[member] });
/** The fixture's amendment as the policy sees it: the delegate's, adopted, in a closed cycle. */
const decided = (member: Member): OnAmendment => ({
  ...who(member),
  phase: 'closed',
  amendment: { sponsorId: BODIES.delegate.id, status: 'adopted', label: 'A-1' },
});
const answer = (decision: Decision, allowed: number) => (decision.ok ? allowed : REFUSAL_STATUS[decision.refusal]);

/**
 * What each caller must get: 401 anonymous, 403 a stranger, 403 a member whom `action` refuses
 * for who they are (several actions: all of them), and otherwise `then` (the data's answer).
 */
function ordered(
  action: PolicyAction | readonly PolicyAction[],
  then: number | ((member: Member) => number),
): Record<Caller, number> {
  const actions = typeof action === 'string' ? [action] : action;
  const status = (member: Member) =>
    actions.some((one) => whoMay(one, who(member)).ok) ? (typeof then === 'number' ? then : then(member)) : 403;
  return {
    chair: status('chair'),
    delegate: status('delegate'),
    observer: status('observer'),
    stranger: 403,
    anonymous: 401,
  };
}
const noDraft: Record<Caller, number> = { chair: 404, delegate: 404, observer: 404, stranger: 404, anonymous: 401 };

interface Fixture {
  draftId: string;
  clauseId: string;
  chairId: string;
  delegateAffiliationId: string;
  hiddenThreadId: string;
  replyId: string;
  cycleId: string;
  amendmentId: string;
  spentInvite: string;
}

interface Case {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: (f: Fixture) => string;
  body?: (f: Fixture) => unknown;
  expect: Record<Caller, number>;
}

let s: TestServer;
const sessions = {} as Record<Exclude<Caller, 'anonymous'>, TestSession>;
const f = {} as Fixture;

beforeAll(async () => {
  s = await startTestServer();
  sessions.chair = await signIn(s.url, DEMO.chair);
  sessions.delegate = await signIn(s.url, DEMO.valdoria);
  sessions.observer = await signIn(s.url, DEMO.rightsObserver);
  sessions.stranger = await signIn(s.url, DEMO.norland);
  const chair = sessions.chair;
  const ok = async (response: Promise<{ status: number; body: Record<string, unknown> }>) => {
    const answered = await response;
    expect(answered.status, JSON.stringify(answered.body)).toBeLessThan(300);
    return answered.body;
  };
  f.chairId = chair.user.id;
  f.draftId = (
    (await ok(chair.api('/api/drafts', { method: 'POST', json: { title: 'Order', template: 'pillar-framework' } })))
      .draft as { id: string }
  ).id;
  const draft = `/api/drafts/${f.draftId}`;
  f.clauseId = ((await chair.api(`${draft}/outline`)).body.clauses as { id: string }[])[3]!.id;
  for (const [member, role, affiliation] of [
    ['delegate', 'delegate', { kind: 'delegation', name: 'Republic of Valdoria', code: 'XVA' }],
    ['observer', 'observer', { kind: 'organisation', name: 'Digital Rights Watch' }],
  ] as const) {
    const invite = await ok(chair.api(`${draft}/invites`, { method: 'POST', json: { role, affiliation } }));
    await ok(sessions[member].api(`/api/invites/${invite.token as string}/accept`, { method: 'POST', json: {} }));
    if (member === 'observer') f.spentInvite = invite.token as string;
  }
  f.delegateAffiliationId = (
    (await sessions.delegate.api('/api/auth/me')).body.user as { affiliation: { id: string } }
  ).affiliation.id;

  // A thread the chair has hidden, and a reply of the chair's in another thread.
  const thread = async () =>
    (
      (
        await ok(
          chair.api(`${draft}/comments`, {
            method: 'POST',
            json: { body: 'A note', anchor: { clauseId: f.clauseId } },
          }),
        )
      ).comment as { id: string }
    ).id;
  f.hiddenThreadId = await thread();
  await ok(chair.api(`${draft}/comments/${f.hiddenThreadId}/hide`, { method: 'POST', json: { reason: 'Off topic' } }));
  const parentId = await thread();
  f.replyId = (
    (await ok(chair.api(`${draft}/comments`, { method: 'POST', json: { body: 'A reply', parentId } }))).comment as {
      id: string;
    }
  ).id;

  // A review cycle taken to its end: the delegate's amendment adopted, the cycle closed.
  const versionId = (
    (await ok(chair.api(`${draft}/versions`, { method: 'POST', json: { label: 'Rev.1' } }))).version as {
      id: string;
    }
  ).id;
  await ok(chair.api(`${draft}/versions/${versionId}/publish`, { method: 'POST', json: { published: true } }));
  const schedule = futureSchedule();
  f.cycleId = (
    (
      await ok(
        chair.api(`${draft}/review-cycles`, {
          method: 'POST',
          json: { name: 'Order', baseVersionId: versionId, schedule },
        }),
      )
    ).cycle as { id: string }
  ).id;
  const cycle = `${draft}/review-cycles/${f.cycleId}`;
  f.amendmentId = (
    (await ok(sessions.delegate.api(`${cycle}/amendments`, { method: 'POST', json: newAmendment(f.clauseId) })))
      .amendment as { id: string }
  ).id;
  const status = (session: TestSession, json: unknown) =>
    ok(session.api(`${cycle}/amendments/${f.amendmentId}/status`, { method: 'POST', json }));
  await status(sessions.delegate, { to: 'submitted' });
  for (const to of ['comment', 'deliberation', 'decision'])
    await ok(chair.api(`${cycle}/phase`, { method: 'POST', json: { to } }));
  await status(chair, { to: 'under-consideration' });
  await status(chair, { to: 'adopted', decision: { method: 'consensus' } });
  await ok(chair.api(`${cycle}/phase`, { method: 'POST', json: { to: 'closed' } }));
});
afterAll(async () => {
  await s.close();
});

function newAmendment(clauseId: string) {
  return {
    kind: 'modify',
    clauseId,
    proposed: {
      type: 'clause',
      attrs: { id: clauseId, pillars: [], status: 'open' },
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Reworded for the order test.' }] }],
    },
    justification: 'For the order test.',
    pillars: [],
  };
}

const draft = (x: Fixture) => `/api/drafts/${x.draftId}`;
const cycle = (x: Fixture) => `${draft(x)}/review-cycles/${x.cycleId}`;
const noCycle = (x: Fixture) => `${draft(x)}/review-cycles/${MISSING}`;
const amendment = (x: Fixture) => `${cycle(x)}/amendments/${x.amendmentId}`;
const noAmendment = (x: Fixture) => `${cycle(x)}/amendments/${MISSING}`;
const statusOf = (member: Member, to: AmendmentStatus) => answer(changeAmendmentStatus(decided(member), to), 200);
const onDecided = (action: Parameters<typeof decide>[0] & `amendment:${string}`) => (member: Member) =>
  answer(decide(action, { ...decided(member), coSponsorId: BODIES.delegate.id } as never), 200);
const schedule = futureSchedule();

const cases: Record<string, Case> = {
  // The draft itself.
  'PATCH /api/drafts/:id with a body that does not validate': {
    method: 'PATCH',
    path: draft,
    body: () => ({ title: '' }),
    expect: ordered(['draft:rename', 'draft:archive'], 400),
  },
  'PATCH …/clauses/:clauseId (no such clause)': {
    method: 'PATCH',
    path: (x) => `${draft(x)}/clauses/${MISSING}`,
    body: () => ({ pillars: ['attribution'] }),
    expect: ordered('clause:tag', 404),
  },
  'PATCH …/clauses/:clauseId status (no such clause)': {
    method: 'PATCH',
    path: (x) => `${draft(x)}/clauses/${MISSING}`,
    body: () => ({ status: 'agreed' }),
    expect: ordered(['clause:tag', 'clause:set-status'], (member) => (member === 'chair' ? 404 : 403)),
  },
  // People.
  'PATCH …/members/:userId (no such member)': {
    method: 'PATCH',
    path: (x) => `${draft(x)}/members/${MISSING}`,
    body: () => ({ role: 'observer' }),
    expect: ordered('members:manage', 404),
  },
  'DELETE …/members/:userId (no such member)': {
    method: 'DELETE',
    path: (x) => `${draft(x)}/members/${MISSING}`,
    expect: ordered('members:manage', 404),
  },
  'PATCH …/members/:userId (the last chair)': {
    method: 'PATCH',
    path: (x) => `${draft(x)}/members/${x.chairId}`,
    body: () => ({ role: 'delegate' }),
    expect: ordered('members:manage', 409),
  },
  'DELETE …/invites/:inviteId (no such invitation)': {
    method: 'DELETE',
    path: (x) => `${draft(x)}/invites/${MISSING}`,
    expect: ordered('invites:manage', 404),
  },
  'POST /api/invites/:token/accept (spent, for the observer’s organisation)': {
    method: 'POST',
    path: (x) => `/api/invites/${x.spentInvite}/accept`,
    body: () => ({}),
    // Anyone with the link may try: one of another body hears so (403) before that it is spent (410).
    expect: { chair: 403, delegate: 403, observer: 410, stranger: 403, anonymous: 410 },
  },
  // Comments.
  'PATCH …/comments/:commentId (no such comment)': {
    method: 'PATCH',
    path: (x) => `${draft(x)}/comments/${MISSING}`,
    body: () => ({ body: 'Edited' }),
    expect: ordered('draft:read', 404),
  },
  'POST …/comments/:commentId/resolve (no such comment)': {
    method: 'POST',
    path: (x) => `${draft(x)}/comments/${MISSING}/resolve`,
    expect: ordered('draft:read', 404),
  },
  'POST …/comments/:commentId/resolve (a reply, not a thread)': {
    method: 'POST',
    path: (x) => `${draft(x)}/comments/${x.replyId}/resolve`,
    // The chair and delegates may resolve any thread; the observer is not the reply's author.
    expect: ordered('draft:read', (member) => (member === 'observer' ? 403 : 400)),
  },
  'POST …/comments/:commentId/hide (no such comment)': {
    method: 'POST',
    path: (x) => `${draft(x)}/comments/${MISSING}/hide`,
    body: () => ({ reason: 'Because' }),
    expect: ordered('comment:moderate', 404),
  },
  'POST …/comments (a reply to a hidden thread, no comment period open)': {
    method: 'POST',
    path: (x) => `${draft(x)}/comments`,
    body: (x) => ({ body: 'A reply', parentId: x.hiddenThreadId }),
    expect: ordered('draft:read', (member) => (member === 'observer' ? 403 : 409)),
  },
  'POST …/comment-periods/:periodId/close (no such period)': {
    method: 'POST',
    path: (x) => `${draft(x)}/comment-periods/${MISSING}/close`,
    expect: ordered('comment-period:manage', 404),
  },
  // Versions and recovery.
  'GET …/versions/:versionId (no such version)': {
    method: 'GET',
    path: (x) => `${draft(x)}/versions/${MISSING}`,
    expect: ordered('draft:read', 404),
  },
  'POST …/versions/:versionId/restore (no such version)': {
    method: 'POST',
    path: (x) => `${draft(x)}/versions/${MISSING}/restore`,
    expect: ordered('version:manage', 404),
  },
  'POST …/versions/:versionId/publish (no such version)': {
    method: 'POST',
    path: (x) => `${draft(x)}/versions/${MISSING}/publish`,
    body: () => ({ published: true }),
    expect: ordered('version:manage', 404),
  },
  'POST …/recovery (the text is readable)': {
    method: 'POST',
    path: (x) => `${draft(x)}/recovery`,
    expect: ordered('version:manage', 409),
  },
  // Review cycles.
  'POST …/review-cycles (no such base version)': {
    method: 'POST',
    path: (x) => `${draft(x)}/review-cycles`,
    body: () => ({ name: 'Another', baseVersionId: MISSING, schedule }),
    expect: ordered('review:open-cycle', 404),
  },
  'GET …/review-cycles/:cycleId (no such cycle)': { method: 'GET', path: noCycle, expect: ordered('draft:read', 404) },
  'POST …/review-cycles/:cycleId/visit (no such cycle)': {
    method: 'POST',
    path: (x) => `${noCycle(x)}/visit`,
    expect: ordered('draft:read', 404),
  },
  'GET …/review-cycles/:cycleId/compilation (no such cycle)': {
    method: 'GET',
    path: (x) => `${noCycle(x)}/compilation`,
    expect: ordered('draft:read', 404),
  },
  'GET …/review-cycles/:cycleId/consolidation (no such cycle)': {
    method: 'GET',
    path: (x) => `${noCycle(x)}/consolidation`,
    expect: ordered('draft:read', 404),
  },
  'POST …/review-cycles/:cycleId/phase (closed)': {
    method: 'POST',
    path: (x) => `${cycle(x)}/phase`,
    body: () => ({ to: 'submission' }),
    expect: ordered('review:move-phase', 409),
  },
  'POST …/review-cycles/:cycleId/phase (no such cycle)': {
    method: 'POST',
    path: (x) => `${noCycle(x)}/phase`,
    body: () => ({ to: 'comment' }),
    expect: ordered('review:move-phase', 404),
  },
  'POST …/review-cycles/:cycleId/amendments (closed)': {
    method: 'POST',
    path: (x) => `${cycle(x)}/amendments`,
    body: (x) => newAmendment(x.clauseId),
    // The chair speaks for the secretariat: no delegation, so 403 before the phase.
    expect: ordered('amendment:propose', 409),
  },
  'POST …/review-cycles/:cycleId/amendments (no such cycle)': {
    method: 'POST',
    path: (x) => `${noCycle(x)}/amendments`,
    body: (x) => newAmendment(x.clauseId),
    expect: ordered('amendment:propose', 404),
  },
  'PUT …/review-cycles/:cycleId/resolutions/:clauseId (no such cycle)': {
    method: 'PUT',
    path: (x) => `${noCycle(x)}/resolutions/${x.clauseId}`,
    body: () => ({ clauses: [] }),
    expect: ordered('review:resolve-conflict', 404),
  },
  'DELETE …/review-cycles/:cycleId/resolutions/:clauseId (no such cycle)': {
    method: 'DELETE',
    path: (x) => `${noCycle(x)}/resolutions/${x.clauseId}`,
    expect: ordered('review:resolve-conflict', 404),
  },
  'PUT …/review-cycles/:cycleId/live-changes/:changeId (no such cycle)': {
    method: 'PUT',
    path: (x) => `${noCycle(x)}/live-changes/title`,
    body: () => ({ decision: 'keep' }),
    expect: ordered('review:consolidate', 404),
  },
  'POST …/review-cycles/:cycleId/consolidate (no such cycle)': {
    method: 'POST',
    path: (x) => `${noCycle(x)}/consolidate`,
    body: () => ({}),
    expect: ordered('review:consolidate', 404),
  },
  // Amendments.
  'PATCH …/amendments/:amendmentId (adopted)': {
    method: 'PATCH',
    path: amendment,
    body: () => ({ justification: 'Changed' }),
    expect: ordered('amendment:edit', onDecided('amendment:edit')),
  },
  'PATCH …/amendments/:amendmentId (no such amendment)': {
    method: 'PATCH',
    path: noAmendment,
    body: () => ({ justification: 'Changed' }),
    expect: ordered('amendment:edit', 404),
  },
  'POST …/amendments/:amendmentId/status: a decision on one already decided': {
    method: 'POST',
    path: (x) => `${amendment(x)}/status`,
    body: () => ({ to: 'adopted', decision: { method: 'consensus' } }),
    // The observer and the delegate hear that deciding is the chair's; only the chair hears it is decided.
    expect: ordered('amendment:decide', (member) => statusOf(member, 'adopted')),
  },
  'POST …/amendments/:amendmentId/status: a decision on no such amendment': {
    method: 'POST',
    path: (x) => `${noAmendment(x)}/status`,
    body: () => ({ to: 'rejected', decision: { method: 'consensus' } }),
    expect: ordered('amendment:decide', 404),
  },
  'POST …/amendments/:amendmentId/status: a decision in no such cycle': {
    method: 'POST',
    path: (x) => `${noCycle(x)}/amendments/${MISSING}/status`,
    body: () => ({ to: 'under-consideration' }),
    expect: ordered('amendment:consider', 404),
  },
  'POST …/amendments/:amendmentId/status: withdrawing one already decided': {
    method: 'POST',
    path: (x) => `${amendment(x)}/status`,
    body: () => ({ to: 'withdrawn' }),
    expect: ordered('amendment:withdraw', (member) => statusOf(member, 'withdrawn')),
  },
  'POST …/amendments/:amendmentId/status: back to a draft': {
    method: 'POST',
    path: (x) => `${amendment(x)}/status`,
    body: () => ({ to: 'draft' }),
    expect: ordered(STATUS_ACTIONS, 409),
  },
  'POST …/amendments/:amendmentId/co-sponsors (adopted)': {
    method: 'POST',
    path: (x) => `${amendment(x)}/co-sponsors`,
    expect: ordered('amendment:co-sponsor', onDecided('amendment:co-sponsor')),
  },
  'POST …/amendments/:amendmentId/co-sponsors (no such amendment)': {
    method: 'POST',
    path: (x) => `${noAmendment(x)}/co-sponsors`,
    expect: ordered('amendment:co-sponsor', 404),
  },
  'POST …/amendments/:amendmentId/co-sponsors/:affiliationId (adopted)': {
    method: 'POST',
    path: (x) => `${amendment(x)}/co-sponsors/${x.delegateAffiliationId}`,
    body: () => ({ accept: true }),
    expect: ordered('amendment:answer-co-sponsor', onDecided('amendment:answer-co-sponsor')),
  },
  'DELETE …/amendments/:amendmentId/co-sponsors/:affiliationId (adopted)': {
    method: 'DELETE',
    path: (x) => `${amendment(x)}/co-sponsors/${x.delegateAffiliationId}`,
    expect: ordered('amendment:leave-co-sponsorship', onDecided('amendment:leave-co-sponsorship')),
  },
  'PUT …/amendments/:amendmentId/statement (adopted)': {
    method: 'PUT',
    path: (x) => `${amendment(x)}/statement`,
    body: () => ({ stance: 'support' }),
    expect: ordered('amendment:state-position', onDecided('amendment:state-position')),
  },
  'DELETE …/amendments/:amendmentId/statement (no such amendment)': {
    method: 'DELETE',
    path: (x) => `${noAmendment(x)}/statement`,
    expect: ordered('amendment:state-position', 404),
  },
  'GET …/amendments/:amendmentId/akn (no such amendment)': {
    method: 'GET',
    path: (x) => `${noAmendment(x)}/akn`,
    expect: ordered('draft:read', 404),
  },
};

/** Routes of a draft, each on a draft that does not exist. */
const onNoDraft: [Case['method'], string][] = [
  ['GET', ''],
  ['PATCH', ''],
  ['GET', '/outline'],
  ['PATCH', `/clauses/${MISSING}`],
  ['GET', '/members'],
  ['DELETE', `/members/${MISSING}`],
  ['POST', '/invites'],
  ['GET', '/history'],
  ['GET', '/audit'],
  ['POST', '/comments'],
  ['POST', '/comment-periods'],
  ['POST', '/versions'],
  ['POST', '/recovery'],
  ['POST', '/review-cycles'],
  ['POST', `/review-cycles/${MISSING}/amendments/${MISSING}/status`],
];

async function statuses(route: Case): Promise<Record<Caller, number>> {
  const results = {} as Record<Caller, number>;
  for (const caller of CALLERS) {
    const token = caller === 'anonymous' ? undefined : sessions[caller].token;
    const response = await callApi(s.url, token, route.path(f), {
      method: route.method,
      ...(route.body ? { json: route.body(f) } : {}),
    });
    results[caller] = response.status;
    if (response.status >= 400) expect(typeof response.body.error, `${route.path(f)} as ${caller}`).toBe('string');
  }
  return results;
}

describe('401, then 403, then 404 or 409: every caller on what is missing or in a refusing state', () => {
  for (const [name, route] of Object.entries(cases)) {
    it(name, async () => {
      expect(await statuses(route)).toEqual(route.expect);
    });
  }

  it('an observer asking for a decision on an amendment hears that deciding is the chair’s', async () => {
    for (const to of ['under-consideration', 'adopted', 'adopted-as-revised', 'rejected']) {
      const asked = await sessions.observer.api(`${amendment(f)}/status`, {
        method: 'POST',
        json: { to, decision: { method: 'consensus' } },
      });
      expect([to, asked.status, asked.body.error]).toEqual([to, 403, 'forbidden']);
      expect(asked.body.message).toMatch(/^Only the chair /);
    }
  });

  it('a draft that does not exist is a 404 for everyone signed in, on every route of a draft', async () => {
    for (const [method, rest] of onNoDraft) {
      const route: Case = {
        method,
        path: () => `/api/drafts/${MISSING}${rest}`,
        ...(method === 'GET' ? {} : { body: () => ({}) }),
        expect: noDraft,
      };
      expect({ route: `${method} ${rest}`, ...(await statuses(route)) }).toEqual({
        route: `${method} ${rest}`,
        ...noDraft,
      });
    }
  });
});
