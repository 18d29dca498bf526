import type { DocumentNodeJSON } from '../../shared/documentJSON';
import type { Outline } from '../../shared/outline';
import type { TestSession } from './session';
import { futureSchedule } from './reviewSchedule';

/** Who takes part in a test review besides the chair, by the demo account each signs in with. */
export interface ReviewMembers {
  valdoria: TestSession;
  norland: TestSession;
  observer: TestSession;
}

/** A draft with a published Rev.1 under review: its ids, the cycle's API path and the base text. */
export interface ReviewRoom {
  draftId: string;
  versionId: string;
  cycleId: string;
  /** `/api/drafts/:draftId/review-cycles/:cycleId` */
  path: string;
  base: { document: DocumentNodeJSON; outline: Outline };
}

/** Answers with the body, or throws naming the call and what the server said. */
async function expectOk(
  call: Promise<{ status: number; body: Record<string, unknown> }>,
  what: string,
): Promise<Record<string, unknown>> {
  const { status, body } = await call;
  if (status >= 300) throw new Error(`${what} answered ${status}: ${JSON.stringify(body)}`);
  return body;
}

/**
 * A new draft from the pillar framework, with Valdoria and Norland as delegations and Digital
 * Rights Watch observing, and its Rev.1 saved and published.
 */
export async function publishedDraft(
  chair: TestSession,
  members: ReviewMembers,
): Promise<{ draftId: string; versionId: string }> {
  const created = await expectOk(
    chair.api('/api/drafts', { method: 'POST', json: { title: 'Reviewed norms', template: 'pillar-framework' } }),
    'creating the draft',
  );
  const draftId = (created.draft as { id: string }).id;
  for (const [session, role, affiliation] of [
    [members.valdoria, 'delegate', { kind: 'delegation', name: 'Republic of Valdoria', code: 'XVA' }],
    [members.norland, 'delegate', { kind: 'delegation', name: 'Kingdom of Norland', code: 'XNO' }],
    [members.observer, 'observer', { kind: 'organisation', name: 'Digital Rights Watch' }],
  ] as const) {
    const made = await expectOk(
      chair.api(`/api/drafts/${draftId}/invites`, { method: 'POST', json: { role, affiliation } }),
      'inviting',
    );
    await expectOk(
      session.api(`/api/invites/${made.token as string}/accept`, { method: 'POST', json: {} }),
      'accepting the invite',
    );
  }
  const saved = await expectOk(
    chair.api(`/api/drafts/${draftId}/versions`, { method: 'POST', json: { label: 'Rev.1', note: '' } }),
    'saving Rev.1',
  );
  const versionId = (saved.version as { id: string }).id;
  await expectOk(
    chair.api(`/api/drafts/${draftId}/versions/${versionId}/publish`, { method: 'POST', json: { published: true } }),
    'publishing Rev.1',
  );
  return { draftId, versionId };
}

/** A published draft (see {@link publishedDraft}) with a review cycle opened on its Rev.1. */
export async function draftUnderReview(
  chair: TestSession,
  members: ReviewMembers,
  name = 'Review',
): Promise<ReviewRoom> {
  const { draftId, versionId } = await publishedDraft(chair, members);
  const opened = await expectOk(
    chair.api(`/api/drafts/${draftId}/review-cycles`, {
      method: 'POST',
      json: { name, baseVersionId: versionId, schedule: futureSchedule() },
    }),
    'opening the review cycle',
  );
  const cycleId = (opened.cycle as { id: string }).id;
  const version = await expectOk(chair.api(`/api/drafts/${draftId}/versions/${versionId}`), 'reading Rev.1');
  return {
    draftId,
    versionId,
    cycleId,
    path: `/api/drafts/${draftId}/review-cycles/${cycleId}`,
    base: { document: version.document as DocumentNodeJSON, outline: version.outline as Outline },
  };
}

/** The base clause `id` with its first paragraph reading `text` (its points, if any, kept). */
export function rewordedClause(room: ReviewRoom, id: string, text: string): DocumentNodeJSON {
  const clause = (room.base.document.content ?? [])
    .flatMap((section) => section.content ?? [])
    .find((node) => node.type === 'clause' && node.attrs?.id === id);
  if (!clause) throw new Error(`no clause ${id} in the base version`);
  return {
    ...clause,
    content: [{ type: 'paragraph', content: [{ type: 'text', text }] }, ...(clause.content ?? []).slice(1)],
  };
}

/**
 * `session`'s delegation proposes an amendment changing clause `clauseId` to `proposed` (or, with
 * `kind` 'add', adding `proposed` after it), and submits it; its id.
 */
export async function tableAmendment(
  room: ReviewRoom,
  session: TestSession,
  clauseId: string,
  proposed: DocumentNodeJSON,
  kind: 'modify' | 'add' = 'modify',
): Promise<string> {
  const made = await expectOk(
    session.api(`${room.path}/amendments`, {
      method: 'POST',
      json: { kind, clauseId, proposed, justification: 'For clarity.', pillars: [] },
    }),
    'proposing',
  );
  const id = (made.amendment as { id: string }).id;
  await expectOk(
    session.api(`${room.path}/amendments/${id}/status`, { method: 'POST', json: { to: 'submitted' } }),
    'submitting',
  );
  return id;
}

/** The chair takes the cycle to its decisions phase, putting each of `amendmentIds` under consideration on the way. */
export async function toDecisions(
  room: ReviewRoom,
  chair: TestSession,
  amendmentIds: readonly string[],
): Promise<void> {
  const phase = (to: string) =>
    expectOk(chair.api(`${room.path}/phase`, { method: 'POST', json: { to } }), `moving to ${to}`);
  await phase('comment');
  for (const id of amendmentIds)
    await expectOk(
      chair.api(`${room.path}/amendments/${id}/status`, { method: 'POST', json: { to: 'under-consideration' } }),
      'putting under consideration',
    );
  await phase('deliberation');
  await phase('decision');
}
