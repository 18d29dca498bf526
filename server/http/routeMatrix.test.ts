import { CYBER_PILLARS } from '../../shared/pillars';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeAmendmentStatus } from '../../shared/review/amendmentTransitions';
import { movePhase } from '../../shared/review/reviewPhases';
import type { Decision, OnAmendment, PolicyAction } from '../../shared/roles';
import { decide, roleMay } from '../../shared/roles';
import type { TestSession } from '../testing/session';
import { DEMO, callApi, signIn } from '../testing/session';
import type { TestServer } from '../testing/startTestServer';
import { startTestServer } from '../testing/startTestServer';
import { futureSchedule } from '../testing/reviewSchedule';

type Caller = 'chair' | 'delegate' | 'observer' | 'stranger' | 'anonymous';
const CALLERS: Caller[] = ['chair', 'delegate', 'observer', 'stranger', 'anonymous'];

interface Context {
  draftId: string;
  clauseId: string;
  /** A member the chair may change or remove (re-added before each call). */
  targetUserId: string;
  inviteId: string;
  inviteToken: string;
  /** A comment by the chair. */
  commentId: string;
  periodId: string;
  versionId: string;
  cycleId: string;
  /** A submitted amendment sponsored by the delegate's delegation. */
  amendmentId: string;
  delegateAffiliationId: string;
}

interface RouteCase {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: (ctx: Context) => string;
  body?: (ctx: Context) => unknown;
  /** Expected status per caller. */
  expect: Record<Caller, number>;
  /** Puts things back as the case expects them, before each call. */
  before?: (ctx: Context) => Promise<void>;
}

const signedIn = { chair: 200, delegate: 200, observer: 200, stranger: 200, anonymous: 401 } as const;

/**
 * Expectations derived from the policy (shared/roles.ts), so a rule changed there changes the
 * route and this test together. A member gets `allowed` (what the route answers once the policy
 * lets them through: 200, 201, or the route's own 404/409 about the data) when the policy allows
 * it, else the status of its refusal; someone who is not a member gets 403, anonymous 401.
 */
type Member = Exclude<Caller, 'stranger' | 'anonymous'>;
const REFUSAL_STATUS = { forbidden: 403, hidden: 404, conflict: 409 } as const;
function byPolicy(decision: (member: Member) => Decision, allowed = 200): Record<Caller, number> {
  const status = (member: Member) => {
    const answer = decision(member);
    return answer.ok ? allowed : REFUSAL_STATUS[answer.refusal];
  };
  return {
    chair: status('chair'),
    delegate: status('delegate'),
    observer: status('observer'),
    stranger: 403,
    anonymous: 401,
  };
}
/** For an action decided by the role alone. */
const byRole = (action: PolicyAction, allowed = 200) => byPolicy((member) => roleMay(member, action), allowed);
const members = byRole('draft:read');

/**
 * The members as the policy sees them in the fixture's review: its submission phase, with one
 * submitted amendment sponsored by the delegate's delegation. The chair speaks for the
 * secretariat (an organisation), the observer for an organisation.
 */
const BODIES: Record<Member, OnAmendment['affiliation']> = {
  chair: { id: 'secretariat', kind: 'organisation' },
  delegate: { id: 'valdoria', kind: 'delegation' },
  observer: { id: 'rights-watch', kind: 'organisation' },
};
const inReview = (member: Member): OnAmendment => ({
  role: member,
  affiliation: BODIES[member],
  phase: 'submission',
  amendment: { sponsorId: BODIES.delegate.id, status: 'submitted', label: 'A-1' },
});

let s: TestServer;
const sessions = {} as Record<Exclude<Caller, 'anonymous'>, TestSession>;
const ctx = {} as Context;

beforeAll(async () => {
  s = await startTestServer();
  sessions.chair = await signIn(s.url, DEMO.chair);
  sessions.delegate = await signIn(s.url, DEMO.valdoria);
  sessions.observer = await signIn(s.url, DEMO.rightsObserver);
  sessions.stranger = await signIn(s.url, DEMO.norland);
  const chair = sessions.chair;
  ctx.draftId = (
    (await chair.api('/api/drafts', { method: 'POST', json: { title: 'Matrix', template: 'pillar-framework' } })).body
      .draft as { id: string }
  ).id;
  ctx.clauseId = ((await chair.api(`/api/drafts/${ctx.draftId}/outline`)).body.clauses as { id: string }[])[3]!.id;
  // The delegate, the observer and a member to change all join through invitations; the stranger does not.
  for (const [who, role, affiliation] of [
    ['delegate', 'delegate', { kind: 'delegation', name: 'Republic of Valdoria', code: 'XVA' }],
    ['observer', 'observer', { kind: 'organisation', name: 'Digital Rights Watch' }],
  ] as const) {
    const invite = await chair.api(`/api/drafts/${ctx.draftId}/invites`, {
      method: 'POST',
      json: { role, affiliation },
    });
    expect(
      (await sessions[who].api(`/api/invites/${invite.body.token as string}/accept`, { method: 'POST', json: {} }))
        .status,
    ).toBe(200);
  }
  const target = await chair.api(`/api/drafts/${ctx.draftId}/invites`, {
    method: 'POST',
    json: { role: 'delegate', affiliation: { kind: 'delegation', name: 'Federated States of Meridia', code: 'XME' } },
  });
  const meridia = await signIn(s.url, DEMO.meridia);
  await meridia.api(`/api/invites/${target.body.token as string}/accept`, { method: 'POST', json: {} });
  ctx.targetUserId = meridia.user.id;
  const open = await chair.api(`/api/drafts/${ctx.draftId}/invites`, {
    method: 'POST',
    json: { role: 'observer', affiliation: { kind: 'organisation', name: 'Matrix Observers' } },
  });
  ctx.inviteId = (open.body.invite as { id: string }).id;
  ctx.inviteToken = open.body.token as string;
  ctx.commentId = (
    (
      await chair.api(`/api/drafts/${ctx.draftId}/comments`, {
        method: 'POST',
        json: { body: 'Chair note', anchor: { clauseId: ctx.clauseId } },
      })
    ).body.comment as { id: string }
  ).id;
  const future = {
    startsAt: new Date(Date.now() + 86_400_000).toISOString(),
    endsAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
  };
  ctx.periodId = (
    (await chair.api(`/api/drafts/${ctx.draftId}/comment-periods`, { method: 'POST', json: future })).body.period as {
      id: string;
    }
  ).id;
  ctx.versionId = (
    (await chair.api(`/api/drafts/${ctx.draftId}/versions`, { method: 'POST', json: { label: 'Rev.1' } })).body
      .version as { id: string }
  ).id;
  // A review cycle on the published Rev.1, with one submitted amendment by the delegate.
  await chair.api(`/api/drafts/${ctx.draftId}/versions/${ctx.versionId}/publish`, {
    method: 'POST',
    json: { published: true },
  });
  const schedule = futureSchedule();
  ctx.cycleId = (
    (
      await chair.api(`/api/drafts/${ctx.draftId}/review-cycles`, {
        method: 'POST',
        json: { name: 'Matrix review', baseVersionId: ctx.versionId, schedule },
      })
    ).body.cycle as { id: string }
  ).id;
  const amendment = await sessions.delegate.api(`/api/drafts/${ctx.draftId}/review-cycles/${ctx.cycleId}/amendments`, {
    method: 'POST',
    json: newAmendment(ctx.clauseId),
  });
  ctx.amendmentId = (amendment.body.amendment as { id: string }).id;
  await sessions.delegate.api(
    `/api/drafts/${ctx.draftId}/review-cycles/${ctx.cycleId}/amendments/${ctx.amendmentId}/status`,
    { method: 'POST', json: { to: 'submitted' } },
  );
  ctx.delegateAffiliationId = (
    (await sessions.delegate.api('/api/auth/me')).body.user as { affiliation: { id: string } }
  ).affiliation.id;
});

function newAmendment(clauseId: string) {
  return {
    kind: 'modify',
    clauseId,
    proposed: {
      type: 'clause',
      attrs: { id: clauseId, pillars: [], status: 'open' },
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Reworded in the matrix.' }] }],
    },
    justification: 'For the matrix.',
    pillars: [],
  };
}

const review = (c: Context) => `/api/drafts/${c.draftId}/review-cycles/${c.cycleId}`;
const amendmentPath = (c: Context) => `${review(c)}/amendments/${c.amendmentId}`;
afterAll(async () => {
  await s.close();
});

async function restoreTarget(): Promise<void> {
  // Re-invite and re-accept as Meridia's delegate, so there is always someone to change or remove.
  const list = (await sessions.chair.api(`/api/drafts/${ctx.draftId}/members`)).body.members as {
    user: { id: string };
    role: string;
  }[];
  const current = list.find((m) => m.user.id === ctx.targetUserId);
  if (current?.role === 'delegate') return;
  if (current) {
    await sessions.chair.api(`/api/drafts/${ctx.draftId}/members/${ctx.targetUserId}`, {
      method: 'PATCH',
      json: { role: 'delegate' },
    });
    return;
  }
  const invite = await sessions.chair.api(`/api/drafts/${ctx.draftId}/invites`, {
    method: 'POST',
    json: { role: 'delegate', affiliation: { kind: 'delegation', name: 'Federated States of Meridia', code: 'XME' } },
  });
  const meridia = await signIn(s.url, DEMO.meridia);
  await meridia.api(`/api/invites/${invite.body.token as string}/accept`, { method: 'POST', json: {} });
}

async function restoreInvite(): Promise<void> {
  const open = await sessions.chair.api(`/api/drafts/${ctx.draftId}/invites`, {
    method: 'POST',
    json: { role: 'observer', affiliation: { kind: 'organisation', name: 'Matrix Observers' } },
  });
  ctx.inviteId = (open.body.invite as { id: string }).id;
}

const routes: Record<string, RouteCase> = {
  'GET /api/auth/me': { method: 'GET', path: () => '/api/auth/me', expect: signedIn },
  'GET /api/auth/sessions': { method: 'GET', path: () => '/api/auth/sessions', expect: signedIn },
  'POST /api/auth/tokens': {
    method: 'POST',
    path: () => '/api/auth/tokens',
    body: () => ({ name: 'matrix' }),
    expect: { ...signedIn, chair: 201, delegate: 201, observer: 201, stranger: 201 },
  },
  'GET /api/affiliations': { method: 'GET', path: () => '/api/affiliations', expect: signedIn },
  'GET /api/drafts': { method: 'GET', path: () => '/api/drafts', expect: signedIn },
  'POST /api/drafts': {
    method: 'POST',
    path: () => '/api/drafts',
    body: () => ({ title: 'New' }),
    expect: { chair: 201, delegate: 403, observer: 403, stranger: 403, anonymous: 401 },
  },
  'GET /api/drafts/:id': { method: 'GET', path: (c) => `/api/drafts/${c.draftId}`, expect: members },
  'PATCH /api/drafts/:id (rename)': {
    method: 'PATCH',
    path: (c) => `/api/drafts/${c.draftId}`,
    body: () => ({ title: 'Matrix' }),
    expect: byRole('draft:rename'),
  },
  'PATCH /api/drafts/:id (archive)': {
    method: 'PATCH',
    path: (c) => `/api/drafts/${c.draftId}`,
    body: () => ({ archived: false }),
    expect: byRole('draft:archive'),
  },
  'PUT /api/drafts/:id/pillars': {
    method: 'PUT',
    path: (c) => `/api/drafts/${c.draftId}/pillars`,
    body: () => ({ pillars: CYBER_PILLARS }),
    expect: byRole('draft:edit-pillars'),
  },
  'GET /api/drafts/:id/outline': { method: 'GET', path: (c) => `/api/drafts/${c.draftId}/outline`, expect: members },
  'PATCH /api/drafts/:id/clauses/:clauseId': {
    method: 'PATCH',
    path: (c) => `/api/drafts/${c.draftId}/clauses/${c.clauseId}`,
    body: () => ({ pillars: ['attribution'] }),
    expect: byRole('clause:tag'),
  },
  'PATCH /api/drafts/:id/clauses/:clauseId (status)': {
    method: 'PATCH',
    path: (c) => `/api/drafts/${c.draftId}/clauses/${c.clauseId}`,
    body: () => ({ status: 'open' }),
    expect: byRole('clause:set-status'),
  },
  'GET /api/drafts/:id/brackets': { method: 'GET', path: (c) => `/api/drafts/${c.draftId}/brackets`, expect: members },
  'PUT /api/drafts/:id/brackets/:bracketId/holding': {
    method: 'PUT',
    path: (c) => `/api/drafts/${c.draftId}/brackets/nobody:missing1/holding`,
    body: () => ({ holding: true }),
    expect: byRole('bracket:hold', 404),
  },
  'DELETE /api/drafts/:id/brackets/:bracketId': {
    method: 'DELETE',
    path: (c) => `/api/drafts/${c.draftId}/brackets/nobody:missing1`,
    expect: byRole('bracket:remove', 404),
  },
  'PUT /api/drafts/:id/alternatives/:setId/support': {
    method: 'PUT',
    path: (c) => `/api/drafts/${c.draftId}/alternatives/nobody:missing1/support`,
    body: () => ({ option: null }),
    expect: byRole('alternative:support', 404),
  },
  'POST /api/drafts/:id/alternatives/:setId/select': {
    method: 'POST',
    path: (c) => `/api/drafts/${c.draftId}/alternatives/nobody:missing1/select`,
    body: () => ({ option: 'nobody:missing2' }),
    expect: byRole('alternative:select', 404),
  },
  'GET /api/drafts/:id/suggestions': {
    method: 'GET',
    path: (c) => `/api/drafts/${c.draftId}/suggestions`,
    expect: members,
  },
  'POST /api/drafts/:id/suggestions/:suggestionId/accept': {
    method: 'POST',
    path: (c) => `/api/drafts/${c.draftId}/suggestions/nobody:missing1/accept`,
    expect: byRole('suggestion:decide', 404),
  },
  'POST /api/drafts/:id/suggestions/:suggestionId/reject': {
    method: 'POST',
    path: (c) => `/api/drafts/${c.draftId}/suggestions/nobody:missing1/reject`,
    expect: byRole('suggestion:decide', 404),
  },
  'POST /api/drafts/:id/suggestions/:suggestionId/withdraw': {
    method: 'POST',
    path: (c) => `/api/drafts/${c.draftId}/suggestions/nobody:missing1/withdraw`,
    expect: byRole('suggestion:withdraw', 404),
  },
  'PUT /api/drafts/:id/suggestions/:suggestionId/stance': {
    method: 'PUT',
    path: (c) => `/api/drafts/${c.draftId}/suggestions/nobody:missing1/stance`,
    body: () => ({ stance: 'support' }),
    expect: byRole('suggestion:take-stance', 404),
  },
  'POST /api/drafts/:id/clauses/:clauseId/suggestions/accept-all': {
    method: 'POST',
    path: (c) => `/api/drafts/${c.draftId}/clauses/${c.clauseId}/suggestions/accept-all`,
    expect: byRole('suggestion:decide'),
  },
  'POST /api/drafts/:id/clauses/:clauseId/suggestions/reject-all': {
    method: 'POST',
    path: (c) => `/api/drafts/${c.draftId}/clauses/${c.clauseId}/suggestions/reject-all`,
    expect: byRole('suggestion:decide'),
  },
  'PUT /api/drafts/:id/facilitator-mode': {
    method: 'PUT',
    path: (c) => `/api/drafts/${c.draftId}/facilitator-mode`,
    body: () => ({ on: false }),
    expect: byRole('draft:facilitate'),
  },
  'POST /api/drafts/:id/numbering/freeze': {
    method: 'POST',
    path: (c) => `/api/drafts/${c.draftId}/numbering/freeze`,
    expect: byRole('draft:renumber'),
  },
  'POST /api/drafts/:id/numbering/unfreeze': {
    method: 'POST',
    path: (c) => `/api/drafts/${c.draftId}/numbering/unfreeze`,
    expect: byRole('draft:renumber'),
  },
  'POST /api/drafts/:id/numbering/renumber': {
    method: 'POST',
    path: (c) => `/api/drafts/${c.draftId}/numbering/renumber`,
    expect: byRole('draft:renumber'),
  },
  'GET /api/drafts/:id/members': {
    method: 'GET',
    path: (c) => `/api/drafts/${c.draftId}/members`,
    expect: byRole('members:read'),
  },
  'PATCH /api/drafts/:id/members/:userId': {
    method: 'PATCH',
    path: (c) => `/api/drafts/${c.draftId}/members/${c.targetUserId}`,
    body: () => ({ role: 'observer' }),
    expect: byRole('members:manage'),
    before: restoreTarget,
  },
  'DELETE /api/drafts/:id/members/:userId': {
    method: 'DELETE',
    path: (c) => `/api/drafts/${c.draftId}/members/${c.targetUserId}`,
    expect: byRole('members:manage'),
    before: restoreTarget,
  },
  'POST /api/drafts/:id/invites': {
    method: 'POST',
    path: (c) => `/api/drafts/${c.draftId}/invites`,
    body: () => ({ role: 'observer', affiliation: { kind: 'organisation', name: 'Another Observer Body' } }),
    expect: byRole('invites:manage', 201),
  },
  'GET /api/drafts/:id/invites': {
    method: 'GET',
    path: (c) => `/api/drafts/${c.draftId}/invites`,
    expect: byRole('invites:manage'),
  },
  'DELETE /api/drafts/:id/invites/:inviteId': {
    method: 'DELETE',
    path: (c) => `/api/drafts/${c.draftId}/invites/${c.inviteId}`,
    expect: byRole('invites:manage'),
    before: restoreInvite,
  },
  'GET /api/drafts/:id/history': {
    method: 'GET',
    path: (c) => `/api/drafts/${c.draftId}/history`,
    expect: byRole('history:read'),
  },
  'GET /api/drafts/:id/history/redline': {
    method: 'GET',
    // No entry of this range recorded the clause's words: once let through, the route says so.
    path: (c) => `/api/drafts/${c.draftId}/history/redline?clause=${c.clauseId}&from=1&to=1`,
    expect: byRole('history:read', 404),
  },
  'GET /api/drafts/:id/audit': {
    method: 'GET',
    path: (c) => `/api/drafts/${c.draftId}/audit`,
    expect: byRole('audit:read'),
  },
  'GET /api/drafts/:id/comments': { method: 'GET', path: (c) => `/api/drafts/${c.draftId}/comments`, expect: members },
  'GET /api/drafts/:id/comments/export': {
    method: 'GET',
    path: (c) => `/api/drafts/${c.draftId}/comments/export?format=json`,
    expect: members,
  },
  'POST /api/drafts/:id/comments (no comment period open)': {
    method: 'POST',
    path: (c) => `/api/drafts/${c.draftId}/comments`,
    body: (c) => ({ body: 'A view', anchor: { clauseId: c.clauseId } }),
    expect: byRole('comment:write', 201),
  },
  'PATCH /api/drafts/:id/comments/:commentId (the chair’s own)': {
    method: 'PATCH',
    path: (c) => `/api/drafts/${c.draftId}/comments/${c.commentId}`,
    body: () => ({ body: 'Chair note, edited' }),
    // Only its author edits a comment: here, the chair.
    expect: { chair: 200, delegate: 403, observer: 403, stranger: 403, anonymous: 401 },
  },
  'POST /api/drafts/:id/comments/:commentId/resolve': {
    method: 'POST',
    path: (c) => `/api/drafts/${c.draftId}/comments/${c.commentId}/resolve`,
    expect: byRole('comment:resolve-any'),
  },
  'POST /api/drafts/:id/comments/:commentId/reopen': {
    method: 'POST',
    path: (c) => `/api/drafts/${c.draftId}/comments/${c.commentId}/reopen`,
    expect: byRole('comment:resolve-any'),
  },
  'POST /api/drafts/:id/comments/:commentId/hide': {
    method: 'POST',
    path: (c) => `/api/drafts/${c.draftId}/comments/${c.commentId}/hide`,
    body: () => ({ reason: 'Testing moderation' }),
    expect: byRole('comment:moderate'),
  },
  'POST /api/drafts/:id/comments/:commentId/unhide': {
    method: 'POST',
    path: (c) => `/api/drafts/${c.draftId}/comments/${c.commentId}/unhide`,
    expect: byRole('comment:moderate'),
  },
  'GET /api/drafts/:id/comment-periods': {
    method: 'GET',
    path: (c) => `/api/drafts/${c.draftId}/comment-periods`,
    expect: members,
  },
  'POST /api/drafts/:id/comment-periods': {
    method: 'POST',
    path: (c) => `/api/drafts/${c.draftId}/comment-periods`,
    body: () => ({
      startsAt: new Date(Date.now() + 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    }),
    expect: byRole('comment-period:manage', 201),
  },
  'POST /api/drafts/:id/comment-periods/:periodId/close': {
    method: 'POST',
    path: (c) => `/api/drafts/${c.draftId}/comment-periods/${c.periodId}/close`,
    expect: byRole('comment-period:manage'),
  },
  'POST /api/drafts/:id/versions': {
    method: 'POST',
    path: (c) => `/api/drafts/${c.draftId}/versions`,
    body: () => ({ label: 'Rev.x' }),
    expect: byRole('version:manage', 201),
  },
  'GET /api/drafts/:id/versions': { method: 'GET', path: (c) => `/api/drafts/${c.draftId}/versions`, expect: members },
  'GET /api/drafts/:id/versions/:versionId': {
    method: 'GET',
    path: (c) => `/api/drafts/${c.draftId}/versions/${c.versionId}`,
    expect: members,
  },
  'POST /api/drafts/:id/versions/:versionId/restore': {
    method: 'POST',
    path: (c) => `/api/drafts/${c.draftId}/versions/${c.versionId}/restore`,
    expect: byRole('version:manage'),
  },
  'POST /api/drafts/:id/versions/:versionId/publish': {
    method: 'POST',
    path: (c) => `/api/drafts/${c.draftId}/versions/${c.versionId}/publish`,
    body: () => ({ published: false }),
    expect: byRole('version:manage'),
  },
  'GET /api/drafts/:id/export': {
    method: 'GET',
    path: (c) => `/api/drafts/${c.draftId}/export?format=json`,
    expect: members,
  },
  'GET /api/drafts/:id/compare': {
    method: 'GET',
    path: (c) => `/api/drafts/${c.draftId}/compare?from=${c.versionId}&to=live`,
    expect: members,
  },
  'GET /api/public/versions/:versionId (unpublished)': {
    method: 'GET',
    path: (c) => `/api/public/versions/${c.versionId}`,
    expect: { chair: 404, delegate: 404, observer: 404, stranger: 404, anonymous: 404 },
  },
  'GET /api/drafts/:id/review-cycles': {
    method: 'GET',
    path: (c) => `/api/drafts/${c.draftId}/review-cycles`,
    expect: members,
  },
  'POST /api/drafts/:id/review-cycles (one is open already)': {
    method: 'POST',
    path: (c) => `/api/drafts/${c.draftId}/review-cycles`,
    body: (c) => ({
      name: 'Another review',
      baseVersionId: c.versionId,
      schedule: futureSchedule(),
    }),
    expect: byRole('review:open-cycle', 409),
  },
  'GET /api/drafts/:id/review-cycles/:cycleId': { method: 'GET', path: review, expect: members },
  'POST …/review-cycles/:cycleId/phase (skipping phases)': {
    method: 'POST',
    path: (c) => `${review(c)}/phase`,
    body: () => ({ to: 'decision' }),
    expect: byRole('review:move-phase', movePhase('submission', 'decision').ok ? 200 : 409),
  },
  'POST …/review-cycles/:cycleId/visit': { method: 'POST', path: (c) => `${review(c)}/visit`, expect: members },
  'GET …/review-cycles/:cycleId/compilation': {
    method: 'GET',
    path: (c) => `${review(c)}/compilation`,
    expect: members,
  },
  'GET …/review-cycles/:cycleId/amendments/export': {
    method: 'GET',
    path: (c) => `${review(c)}/amendments/export?format=json`,
    expect: members,
  },
  'POST …/review-cycles/:cycleId/amendments': {
    method: 'POST',
    path: (c) => `${review(c)}/amendments`,
    body: (c) => newAmendment(c.clauseId),
    // The chair speaks for the secretariat, not a delegation.
    expect: byPolicy((member) => decide('amendment:propose', inReview(member)), 201),
  },
  'GET …/amendments/:amendmentId': { method: 'GET', path: amendmentPath, expect: members },
  'GET …/amendments/:amendmentId/akn': { method: 'GET', path: (c) => `${amendmentPath(c)}/akn`, expect: members },
  'PATCH …/amendments/:amendmentId (submitted)': {
    method: 'PATCH',
    path: amendmentPath,
    body: () => ({ justification: 'Changed' }),
    expect: byPolicy((member) => decide('amendment:edit', inReview(member))),
  },
  'POST …/amendments/:amendmentId/status (not yet the phase)': {
    method: 'POST',
    path: (c) => `${amendmentPath(c)}/status`,
    body: () => ({ to: 'under-consideration' }),
    expect: byPolicy((member) => changeAmendmentStatus(inReview(member), 'under-consideration')),
  },
  'POST …/amendments/:amendmentId/status (a decision, not yet under consideration)': {
    method: 'POST',
    path: (c) => `${amendmentPath(c)}/status`,
    body: () => ({ to: 'adopted', decision: { method: 'consensus' } }),
    // Who before what: the delegate and the observer hear that deciding is the chair's (403), the chair that it cannot be yet (409).
    expect: byPolicy((member) => changeAmendmentStatus(inReview(member), 'adopted')),
  },
  'POST …/amendments/:amendmentId/adoption-preview': {
    method: 'POST',
    path: (c) => `${amendmentPath(c)}/adoption-preview`,
    body: () => ({}),
    expect: byRole('amendment:decide'),
  },
  'POST …/amendments/:amendmentId/co-sponsors': {
    method: 'POST',
    path: (c) => `${amendmentPath(c)}/co-sponsors`,
    expect: byPolicy((member) => decide('amendment:co-sponsor', inReview(member))),
  },
  'POST …/amendments/:amendmentId/co-sponsors/:affiliationId (nobody asked)': {
    method: 'POST',
    path: (c) => `${amendmentPath(c)}/co-sponsors/${c.delegateAffiliationId}`,
    body: () => ({ accept: true }),
    expect: byPolicy((member) => decide('amendment:answer-co-sponsor', inReview(member)), 404),
  },
  'DELETE …/amendments/:amendmentId/co-sponsors/:affiliationId (not a co-sponsor)': {
    method: 'DELETE',
    path: (c) => `${amendmentPath(c)}/co-sponsors/${c.delegateAffiliationId}`,
    expect: byPolicy(
      (member) => decide('amendment:leave-co-sponsorship', { ...inReview(member), coSponsorId: BODIES.delegate.id }),
      404,
    ),
  },
  'PUT …/amendments/:amendmentId/statement (by the sponsor)': {
    method: 'PUT',
    path: (c) => `${amendmentPath(c)}/statement`,
    body: () => ({ stance: 'support' }),
    expect: byPolicy((member) => decide('amendment:state-position', inReview(member))),
  },
  'DELETE …/amendments/:amendmentId/statement (by the sponsor)': {
    method: 'DELETE',
    path: (c) => `${amendmentPath(c)}/statement`,
    expect: byPolicy((member) => decide('amendment:state-position', inReview(member))),
  },
  'GET …/review-cycles/:cycleId/consolidation': {
    method: 'GET',
    path: (c) => `${review(c)}/consolidation`,
    expect: members,
  },
  'PUT …/review-cycles/:cycleId/resolutions/:clauseId': {
    method: 'PUT',
    path: (c) => `${review(c)}/resolutions/${c.clauseId}`,
    body: () => ({ clauses: [] }),
    expect: byRole('review:resolve-conflict'),
  },
  'DELETE …/review-cycles/:cycleId/resolutions/:clauseId': {
    method: 'DELETE',
    path: (c) => `${review(c)}/resolutions/${c.clauseId}`,
    expect: byRole('review:resolve-conflict'),
    before: async (c) => {
      await sessions.chair.api(`${review(c)}/resolutions/${c.clauseId}`, { method: 'PUT', json: { clauses: [] } });
    },
  },
  'PUT …/review-cycles/:cycleId/live-changes/:changeId': {
    method: 'PUT',
    path: (c) => `${review(c)}/live-changes/title`,
    body: () => ({ decision: 'keep' }),
    expect: byRole('review:consolidate'),
  },
  'POST …/review-cycles/:cycleId/consolidate (before decisions)': {
    method: 'POST',
    path: (c) => `${review(c)}/consolidate`,
    body: () => ({}),
    expect: byPolicy((member) => decide('review:consolidate', inReview(member))),
  },
  'GET /api/invites/:token': {
    method: 'GET',
    path: (c) => `/api/invites/${c.inviteToken}`,
    expect: { chair: 200, delegate: 200, observer: 200, stranger: 200, anonymous: 200 },
  },
  'GET /api/health': {
    method: 'GET',
    path: () => '/api/health',
    expect: { chair: 200, delegate: 200, observer: 200, stranger: 200, anonymous: 200 },
  },
  'GET /api/openapi.json': {
    method: 'GET',
    path: () => '/api/openapi.json',
    expect: { chair: 200, delegate: 200, observer: 200, stranger: 200, anonymous: 200 },
  },
  'POST /api/auth/login (a body that is not a sign-in)': {
    method: 'POST',
    path: () => '/api/auth/login',
    body: () => ({}),
    expect: { chair: 400, delegate: 400, observer: 400, stranger: 400, anonymous: 400 },
  },
  'DELETE /api/auth/sessions/:sessionId (not theirs)': {
    method: 'DELETE',
    path: () => '/api/auth/sessions/Nothing000000000',
    expect: { chair: 404, delegate: 404, observer: 404, stranger: 404, anonymous: 401 },
  },
  'GET /api/drafts/:id/recovery': { method: 'GET', path: (c) => `/api/drafts/${c.draftId}/recovery`, expect: members },
  'POST /api/drafts/:id/recovery (a readable draft)': {
    method: 'POST',
    path: (c) => `/api/drafts/${c.draftId}/recovery`,
    expect: byRole('version:manage', 409),
  },
  'GET /api/public/versions/:versionId/export (unpublished)': {
    method: 'GET',
    path: (c) => `/api/public/versions/${c.versionId}/export?format=md`,
    expect: { chair: 404, delegate: 404, observer: 404, stranger: 404, anonymous: 404 },
  },
  'POST /api/invites/:token/accept (no such invitation)': {
    method: 'POST',
    path: () => '/api/invites/Nothing000000000/accept',
    body: () => ({}),
    expect: { chair: 404, delegate: 404, observer: 404, stranger: 404, anonymous: 404 },
  },
  'POST /api/imports/preview (nothing to read)': {
    method: 'POST',
    path: () => '/api/imports/preview',
    body: () => ({}),
    expect: { chair: 422, delegate: 403, observer: 403, stranger: 403, anonymous: 401 },
  },
  'POST /api/imports (nothing to read)': {
    method: 'POST',
    path: () => '/api/imports',
    body: () => ({}),
    expect: { chair: 400, delegate: 403, observer: 403, stranger: 403, anonymous: 401 },
  },
};

describe('every API route × every role × a stranger × anonymous', () => {
  for (const [name, route] of Object.entries(routes)) {
    it(name, async () => {
      const results: Record<string, number> = {};
      for (const caller of CALLERS) {
        await route.before?.(ctx);
        const token = caller === 'anonymous' ? undefined : sessions[caller].token;
        const response = await callApi(s.url, token, route.path(ctx), {
          method: route.method,
          ...(route.body ? { json: route.body(ctx) } : {}),
        });
        results[caller] = response.status;
        if (response.status >= 400) expect(typeof response.body.error, `${name} as ${caller}`).toBe('string');
      }
      expect(results).toEqual(route.expect);
    });
  }
});

describe('the route list', () => {
  it('holds every route of the API', () => {
    const asked = Object.values(routes).map((route) => `${route.method} ${route.path(ctx).split('?')[0]}`);
    // Signing out ends the session each caller here uses; auth.test.ts covers it.
    const elsewhere = new Set(['POST /api/auth/logout']);
    const missing = s.apiRoutes
      .filter(({ method, path }) => path !== '/api/*' && !elsewhere.has(`${method} ${path}`))
      .filter(({ method, path }) => {
        const pattern = new RegExp(`^${method} ${path.replace(/:[^/]+/g, '[^/]+')}$`);
        return !asked.some((call) => pattern.test(call));
      })
      .map(({ method, path }) => `${method} ${path}`);
    expect(missing).toEqual([]);
  });
});
