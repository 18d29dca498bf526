import * as decoding from 'lib0/decoding';
import mammoth from 'mammoth';
import * as Y from 'yjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CollabEvent } from '../../../../shared/collab';
import { ACCORD_EVENT_MESSAGE, DOCUMENT_FIELD } from '../../../../shared/collab';
import type { DocumentNodeJSON } from '../../../../shared/documentJSON';
import { MAX_CLAUSE_CHARACTERS, formatCount } from '../../../../shared/limits';
import type { Outline } from '../../../../shared/outline';
import type {
  Amendment,
  Compilation,
  ConsolidationPlan,
  LiveChange,
  ReviewCycle,
  ReviewSchedule,
} from '../../../../shared/review/types';
import { RefusalCode } from '../../../../shared/closeCodes';
import type { CollabClient } from '../../../testing/collabClient';
import {
  childIndexOfClause,
  clauseText,
  connectClient,
  documentString,
  insertClause,
  sectionElement,
} from '../../../testing/collabClient';
import type { TestSession } from '../../../testing/session';
import { RawCollabClient } from '../../../testing/RawCollabClient';
import { DEMO, signIn } from '../../../testing/session';
import type { TestServer } from '../../../testing/startTestServer';
import { startTestServer } from '../../../testing/startTestServer';
import { validateAkn } from '../../../testing/validateAkn';
import { waitFor } from '../../../testing/waitFor';
import { futureSchedule } from '../../../testing/reviewSchedule';

let s: TestServer;
let chair: TestSession;
let valdoria: TestSession;
let norland: TestSession;
let meridia: TestSession;
let observer: TestSession;
const clients: CollabClient[] = [];

beforeAll(async () => {
  s = await startTestServer();
  chair = await signIn(s.url, DEMO.chair);
  valdoria = await signIn(s.url, DEMO.valdoria);
  norland = await signIn(s.url, DEMO.norland);
  meridia = await signIn(s.url, DEMO.meridia);
  observer = await signIn(s.url, DEMO.rightsObserver);
});
afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});
afterAll(async () => {
  await s.close();
});

interface Setup {
  draftId: string;
  cycleId: string;
  base: Outline;
  baseDocument: DocumentNodeJSON;
  baseVersionId: string;
  path: string;
}

async function invite(
  draftId: string,
  session: TestSession,
  role: 'delegate' | 'observer',
  affiliation: { kind: 'delegation' | 'organisation'; name: string; code?: string },
) {
  const made = await chair.api(`/api/drafts/${draftId}/invites`, { method: 'POST', json: { role, affiliation } });
  expect(made.status).toBe(201);
  expect(
    (await session.api(`/api/invites/${made.body.token as string}/accept`, { method: 'POST', json: {} })).status,
  ).toBe(200);
}

/** A fresh draft with three delegations and an observer, a published Rev.1 and a review cycle open on it. */
async function openReview(schedule: ReviewSchedule = futureSchedule()): Promise<Setup> {
  const draftId = (
    (await chair.api('/api/drafts', { method: 'POST', json: { title: 'Review', template: 'pillar-framework' } })).body
      .draft as { id: string }
  ).id;
  await invite(draftId, valdoria, 'delegate', { kind: 'delegation', name: 'Republic of Valdoria', code: 'XVA' });
  await invite(draftId, norland, 'delegate', { kind: 'delegation', name: 'Kingdom of Norland', code: 'XNO' });
  await invite(draftId, meridia, 'delegate', { kind: 'delegation', name: 'Federated States of Meridia', code: 'XME' });
  await invite(draftId, observer, 'observer', { kind: 'organisation', name: 'Digital Rights Watch' });
  const version = await chair.api(`/api/drafts/${draftId}/versions`, { method: 'POST', json: { label: 'Rev.1' } });
  const baseVersionId = (version.body.version as { id: string }).id;
  const unpublished = await chair.api(`/api/drafts/${draftId}/review-cycles`, {
    method: 'POST',
    json: { name: '2027 periodic review', baseVersionId, schedule },
  });
  expect(unpublished.status).toBe(409);
  expect(unpublished.body.error).toBe('base_not_published');
  await chair.api(`/api/drafts/${draftId}/versions/${baseVersionId}/publish`, {
    method: 'POST',
    json: { published: true },
  });
  expect(
    (
      await valdoria.api(`/api/drafts/${draftId}/review-cycles`, {
        method: 'POST',
        json: { name: '2027 periodic review', baseVersionId, schedule },
      })
    ).status,
  ).toBe(403);
  const opened = await chair.api(`/api/drafts/${draftId}/review-cycles`, {
    method: 'POST',
    json: { name: '2027 periodic review', baseVersionId, schedule },
  });
  expect(opened.status).toBe(201);
  const cycle = opened.body.cycle as ReviewCycle;
  expect(cycle).toMatchObject({
    name: '2027 periodic review',
    phase: 'submission',
    baseVersion: { id: baseVersionId, label: 'Rev.1' },
    consolidated: null,
  });
  const read = await chair.api(`/api/drafts/${draftId}/versions/${baseVersionId}`);
  return {
    draftId,
    cycleId: cycle.id,
    base: read.body.outline as Outline,
    baseDocument: read.body.document as DocumentNodeJSON,
    baseVersionId,
    path: `/api/drafts/${draftId}/review-cycles/${cycle.id}`,
  };
}

function clauseNode(doc: DocumentNodeJSON, id: string): DocumentNodeJSON {
  for (const section of doc.content ?? [])
    for (const clause of section.content ?? []) if (clause.attrs?.id === id) return clause;
  throw new Error(`no clause ${id}`);
}

/** The base clause `id` with its first paragraph reading `text`. */
function rewrite(review: Setup, id: string, text: string): DocumentNodeJSON {
  const clause = structuredClone(clauseNode(review.baseDocument, id));
  clause.content![0] = { type: 'paragraph', content: [{ type: 'text', text }] };
  return clause;
}

function plainClause(text: string): DocumentNodeJSON {
  return {
    type: 'clause',
    attrs: { id: 'new', pillars: [], status: 'open' },
    content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
  };
}

/** Operative clauses of the base without sub-paragraphs: their text is one paragraph. */
function simpleOperative(review: Setup) {
  return review.base.clauses.filter((c) => c.kind === 'operative' && c.subparagraphs === 0);
}

async function propose(review: Setup, session: TestSession, body: Record<string, unknown>): Promise<Amendment> {
  const response = await session.api(`${review.path}/amendments`, {
    method: 'POST',
    json: { justification: 'Because it matters.', pillars: ['attribution'], ...body },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.amendment as Amendment;
}

async function status(review: Setup, session: TestSession, amendment: Amendment, body: Record<string, unknown>) {
  return session.api(`${review.path}/amendments/${amendment.id}/status`, { method: 'POST', json: body });
}

async function toPhase(review: Setup, phase: string) {
  const response = await chair.api(`${review.path}/phase`, { method: 'POST', json: { to: phase } });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

async function adoptAll(review: Setup, amendments: Amendment[]) {
  await toPhase(review, 'comment');
  for (const amendment of amendments)
    expect((await status(review, chair, amendment, { to: 'under-consideration' })).status).toBe(200);
  await toPhase(review, 'deliberation');
  await toPhase(review, 'decision');
  for (const amendment of amendments)
    expect((await status(review, chair, amendment, { to: 'adopted', decision: { method: 'consensus' } })).status).toBe(
      200,
    );
}

async function liveOutline(draftId: string): Promise<Outline> {
  return (await chair.api(`/api/drafts/${draftId}/outline`)).body as unknown as Outline;
}

function listen(client: CollabClient): CollabEvent[] {
  const events: CollabEvent[] = [];
  client.provider.messageHandlers[ACCORD_EVENT_MESSAGE] = (_encoder, decoder) => {
    events.push(JSON.parse(decoding.readVarString(decoder)) as CollabEvent);
  };
  return events;
}

describe('the demo', () => {
  it('is seeded with Rev.1 published and its periodic review open, two amendments tabled', async () => {
    const demo = ((await observer.api('/api/drafts')).body.drafts as { id: string; title: string }[]).find((d) =>
      d.title.startsWith('Framework of Norms'),
    )!;
    const versions = (await observer.api(`/api/drafts/${demo.id}/versions`)).body.versions as {
      label: string;
      published: boolean;
    }[];
    expect(versions).toMatchObject([{ label: 'Rev.1', published: true }]);
    const cycles = (await observer.api(`/api/drafts/${demo.id}/review-cycles`)).body.cycles as ReviewCycle[];
    expect(cycles).toMatchObject([
      {
        name: `${new Date().getFullYear() + 1} periodic review`,
        phase: 'submission',
        baseVersion: { label: 'Rev.1' },
        counts: { submitted: 2 },
      },
    ]);
    const { amendments } = (await observer.api(`/api/drafts/${demo.id}/review-cycles/${cycles[0]!.id}`)).body as {
      amendments: Amendment[];
    };
    expect(
      amendments.map((a) => [
        a.label,
        a.kind,
        a.clauseNumber,
        a.sponsor.code,
        a.coSponsors.map((c) => `${c.affiliation.code} ${c.status}`),
        a.statements.map((st) => `${st.affiliation.code} ${st.stance}`),
      ]),
    ).toEqual([
      ['A-1', 'modify', 'OP2', 'XVA', ['XNO accepted'], ['XME objection']],
      ['A-2', 'add', 'OP8', 'XME', [], ['XVA support']],
    ]);
    expect(amendments[0]!.redline.filter((w) => w.op === 'insert').map((w) => w.text.trim())).toEqual([
      'within thirty days and',
    ]);
  });
});

describe('an amendment from proposal to decision', () => {
  it('is drafted privately, submitted with a number, co-sponsored, supported and objected to, and adopted by a recorded vote', async () => {
    const setup = await openReview();
    const target = simpleOperative(setup)[0]!;
    const proposed = rewrite(setup, target.id, target.text.replace(/\.$/, ', without delay.'));
    const draft = await propose(setup, valdoria, { kind: 'modify', clauseId: target.id, proposed });
    expect(draft).toMatchObject({
      number: null,
      label: 'Draft',
      status: 'draft',
      kind: 'modify',
      wordAction: 'insert',
      clauseNumber: target.number,
      sponsor: { name: 'Republic of Valdoria', code: 'XVA' },
    });
    expect(
      draft.redline
        .filter((w) => w.op === 'insert')
        .map((w) => w.text)
        .join(''),
    ).toContain('without delay');
    // A draft is its sponsor's alone.
    expect((await norland.api(`${setup.path}/amendments/${draft.id}`)).status).toBe(404);
    expect(((await norland.api(setup.path)).body.amendments as Amendment[]).map((a) => a.id)).not.toContain(draft.id);
    expect(
      (await norland.api(`${setup.path}/amendments/${draft.id}/status`, { method: 'POST', json: { to: 'submitted' } }))
        .status,
    ).toBe(404);

    const submitted = (await status(setup, valdoria, draft, { to: 'submitted' })).body.amendment as Amendment;
    expect(submitted).toMatchObject({ number: 1, label: 'A-1', status: 'submitted' });
    const second = await propose(setup, valdoria, {
      kind: 'delete',
      clauseId: simpleOperative(setup)[1]!.id,
      proposed: null,
    });
    expect(((await status(setup, valdoria, second, { to: 'submitted' })).body.amendment as Amendment).label).toBe(
      'A-2',
    );
    // Submitted wording is final.
    expect(
      (
        await valdoria.api(`${setup.path}/amendments/${draft.id}`, {
          method: 'PATCH',
          json: { justification: 'Changed' },
        })
      ).status,
    ).toBe(409);

    // Norland asks to co-sponsor; Valdoria accepts. Meridia objects, Norland supports.
    expect((await norland.api(`${setup.path}/amendments/${draft.id}/co-sponsors`, { method: 'POST' })).status).toBe(
      200,
    );
    const norlandId = (await norland.api('/api/auth/me')).body.user as { affiliation: { id: string } };
    expect(
      (
        await norland.api(`${setup.path}/amendments/${draft.id}/co-sponsors/${norlandId.affiliation.id}`, {
          method: 'POST',
          json: { accept: true },
        })
      ).status,
    ).toBe(403);
    const accepted = (
      await valdoria.api(`${setup.path}/amendments/${draft.id}/co-sponsors/${norlandId.affiliation.id}`, {
        method: 'POST',
        json: { accept: true },
      })
    ).body.amendment as Amendment;
    expect(accepted.coSponsors).toMatchObject([{ affiliation: { name: 'Kingdom of Norland' }, status: 'accepted' }]);
    await meridia.api(`${setup.path}/amendments/${draft.id}/statement`, {
      method: 'PUT',
      json: { stance: 'objection', note: 'Too vague.' },
    });
    const stated = (
      await norland.api(`${setup.path}/amendments/${draft.id}/statement`, {
        method: 'PUT',
        json: { stance: 'support' },
      })
    ).body.amendment as Amendment;
    expect(stated.statements.map((st) => [st.affiliation.code, st.stance, st.note])).toEqual([
      ['XME', 'objection', 'Too vague.'],
      ['XNO', 'support', ''],
    ]);

    await toPhase(setup, 'comment');
    expect((await status(setup, chair, draft, { to: 'under-consideration' })).status).toBe(200);
    await toPhase(setup, 'deliberation');
    await toPhase(setup, 'decision');
    expect((await status(setup, chair, draft, { to: 'adopted' })).body.error).toBe('decision_required');
    const adopted = (
      await status(setup, chair, draft, {
        to: 'adopted',
        note: 'Adopted after a vote.',
        decision: { method: 'vote', inFavour: 12, against: 3, abstaining: 2 },
      })
    ).body.amendment as Amendment;
    expect(adopted.status).toBe('adopted');
    expect(adopted.transitions.map((t) => [t.from, t.to, t.by.name])).toEqual([
      ['draft', 'submitted', 'Lena Varga'],
      ['submitted', 'under-consideration', 'Amina Diallo'],
      ['under-consideration', 'adopted', 'Amina Diallo'],
    ]);
    expect(adopted.transitions[2]).toMatchObject({
      note: 'Adopted after a vote.',
      decision: { method: 'vote', inFavour: 12, against: 3, abstaining: 2 },
    });
    // A decision is final.
    expect((await status(setup, chair, draft, { to: 'rejected', decision: { method: 'consensus' } })).status).toBe(409);
  });

  it('closes submissions at the end of the submission deadline, saying so', async () => {
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const setup = await openReview({ submission: day(-1), comment: day(30), deliberation: day(60), decision: day(90) });
    const target = simpleOperative(setup)[0]!;
    const proposed = rewrite(setup, target.id, target.text.replace(/\.$/, ', late.'));
    const draft = await propose(setup, valdoria, { kind: 'modify', clauseId: target.id, proposed });
    const late = await status(setup, valdoria, draft, { to: 'submitted' });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({
      error: 'submission_closed',
      message: expect.stringMatching(/^Submissions closed at the end of \d{1,2} \w+ \d{4} \(UTC\)/),
    });
    expect(((await valdoria.api(`${setup.path}/amendments/${draft.id}`)).body.amendment as Amendment).status).toBe(
      'draft',
    );
  });

  it('asks the chair to confirm consensus while a delegation objects, and records whose objection was overridden', async () => {
    const setup = await openReview();
    const target = simpleOperative(setup)[0]!;
    const proposed = rewrite(setup, target.id, target.text.replace(/\.$/, ', at once.'));
    const draft = await propose(setup, valdoria, { kind: 'modify', clauseId: target.id, proposed });
    expect((await status(setup, valdoria, draft, { to: 'submitted' })).status).toBe(200);
    await norland.api(`${setup.path}/amendments/${draft.id}/statement`, {
      method: 'PUT',
      json: { stance: 'objection', note: 'Not at once.' },
    });
    await toPhase(setup, 'comment');
    expect((await status(setup, chair, draft, { to: 'under-consideration' })).status).toBe(200);
    await toPhase(setup, 'deliberation');
    await toPhase(setup, 'decision');
    const consensus = { to: 'adopted', decision: { method: 'consensus' } };
    const refused = await status(setup, chair, draft, consensus);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      error: 'objections_stand',
      message: expect.stringMatching(/^Kingdom of Norland objects to this amendment/),
    });
    expect(((await chair.api(`${setup.path}/amendments/${draft.id}`)).body.amendment as Amendment).status).toBe(
      'under-consideration',
    );
    const adopted = (await status(setup, chair, draft, { ...consensus, overrideObjections: true })).body
      .amendment as Amendment;
    expect(adopted.status).toBe('adopted');
    expect(adopted.transitions.at(-1)!.decision).toMatchObject({
      method: 'consensus',
      overridden: [{ name: 'Kingdom of Norland', code: 'XNO' }],
    });
  });

  it(
    'refuses, with a sentence saying why: a clause not in the ' +
      'base, outside submission, an observer, a non-delegation co-sponsor, a forbidden transition',
    async () => {
      const setup = await openReview();
      const target = simpleOperative(setup)[0]!;
      const editor = connectClient(s.collabUrl, setup.draftId, { token: valdoria.token });
      clients.push(editor);
      await editor.synced();
      insertClause(editor.doc, 'operative', 0, {
        id: 'c_addedlive01',
        text: 'A clause written after the base version.',
      });
      await waitFor(async () =>
        expect((await liveOutline(setup.draftId)).clauses.some((c) => c.id === 'c_addedlive01')).toBe(true),
      );

      const expectRefused = async (
        response: Promise<{ status: number; body: Record<string, unknown> }>,
        code: number,
        error: string,
      ) => {
        const answer = await response;
        expect(answer.status, JSON.stringify(answer.body)).toBe(code);
        expect(answer.body.error).toBe(error);
        expect((answer.body.message as string).length).toBeGreaterThan(20);
      };
      const body = {
        kind: 'modify',
        clauseId: 'c_addedlive01',
        proposed: plainClause('Changed.'),
        justification: 'J',
        pillars: [],
      };
      await expectRefused(
        valdoria.api(`${setup.path}/amendments`, { method: 'POST', json: body }),
        404,
        'clause_not_in_base',
      );
      await expectRefused(
        observer.api(`${setup.path}/amendments`, { method: 'POST', json: { ...body, clauseId: target.id } }),
        403,
        'forbidden',
      );
      await expectRefused(
        valdoria.api(`${setup.path}/amendments`, {
          method: 'POST',
          json: { ...body, clauseId: target.id, proposed: { type: 'clause', content: [{ type: 'heading' }] } },
        }),
        400,
        'invalid_clause',
      );
      await expectRefused(
        valdoria.api(`${setup.path}/amendments`, {
          method: 'POST',
          json: { ...body, clauseId: target.id, proposed: clauseNode(setup.baseDocument, target.id) },
        }),
        400,
        'no_change',
      );
      await expectRefused(
        valdoria.api(`${setup.path}/amendments`, {
          method: 'POST',
          json: { ...body, clauseId: target.id, pillars: ['astrology'] },
        }),
        400,
        'unknown_pillar',
      );

      const amendment = await propose(setup, valdoria, {
        kind: 'modify',
        clauseId: target.id,
        proposed: rewrite(setup, target.id, 'Different words entirely.'),
      });
      // Until it is submitted, nobody but its sponsor sees it, the chair included.
      await expectRefused(status(setup, chair, amendment, { to: 'submitted' }), 404, 'amendment_not_found');
      // Who is asked before whether the move exists: deciding is the chair's, whatever the status.
      await expectRefused(
        status(setup, valdoria, amendment, { to: 'adopted', decision: { method: 'consensus' } }),
        403,
        'forbidden',
      );
      await status(setup, valdoria, amendment, { to: 'submitted' });
      await expectRefused(status(setup, valdoria, amendment, { to: 'submitted' }), 409, 'transition_not_allowed');
      await expectRefused(status(setup, norland, amendment, { to: 'withdrawn' }), 403, 'forbidden');
      for (const to of ['under-consideration', 'adopted', 'rejected'] as const) {
        const asked = await status(setup, observer, amendment, { to, decision: { method: 'consensus' } });
        expect(asked.status, `observer asking for ${to}`).toBe(403);
        expect(asked.body.message).toMatch(/^Only the chair /);
      }
      // Co-sponsors are delegations: not the chair's secretariat, not an observer's organisation.
      await expectRefused(
        chair.api(`${setup.path}/amendments/${amendment.id}/co-sponsors`, { method: 'POST' }),
        403,
        'not_a_delegation',
      );
      await expectRefused(
        observer.api(`${setup.path}/amendments/${amendment.id}/co-sponsors`, { method: 'POST' }),
        403,
        'forbidden',
      );
      await expectRefused(
        valdoria.api(`${setup.path}/amendments/${amendment.id}/co-sponsors`, { method: 'POST' }),
        409,
        'already_sponsor',
      );
      await expectRefused(
        status(setup, chair, amendment, { to: 'under-consideration' }),
        409,
        'transition_not_allowed',
      );
      await expectRefused(
        valdoria.api(`${setup.path}/phase`, { method: 'POST', json: { to: 'comment' } }),
        403,
        'forbidden',
      );
      await expectRefused(
        chair.api(`${setup.path}/phase`, { method: 'POST', json: { to: 'decision' } }),
        409,
        'phase_not_allowed',
      );

      await toPhase(setup, 'comment');
      await expectRefused(
        valdoria.api(`${setup.path}/amendments`, {
          method: 'POST',
          json: { ...body, clauseId: target.id, proposed: rewrite(setup, target.id, 'Late.') },
        }),
        409,
        'wrong_phase',
      );
      const stranger = await signIn(s.url, DEMO.waterObserver);
      expect((await stranger.api(setup.path)).status).toBe(403);
    },
  );

  it('takes observer comments on a submitted amendment during the comment period, not before', async () => {
    const setup = await openReview();
    const target = simpleOperative(setup)[0]!;
    const amendment = await propose(setup, valdoria, {
      kind: 'modify',
      clauseId: target.id,
      proposed: rewrite(setup, target.id, 'Reworded by Valdoria.'),
    });
    const comment = (session: TestSession) =>
      session.api(`/api/drafts/${setup.draftId}/comments`, {
        method: 'POST',
        json: { body: 'Civil society view.', anchor: { clauseId: target.id, amendmentId: amendment.id } },
      });
    expect((await comment(observer)).status).toBe(404);
    await status(setup, valdoria, amendment, { to: 'submitted' });
    expect((await comment(observer)).body.error).toBe('no_comment_period');
    expect((await comment(meridia)).status).toBe(201);
    await toPhase(setup, 'comment');
    const posted = await comment(observer);
    expect(posted.status).toBe(201);
    expect(posted.body.comment).toMatchObject({
      anchor: { clauseId: target.id, amendmentId: amendment.id },
      body: 'Civil society view.',
    });
  });
});

describe('views', () => {
  it('flags amendments whose clause changed live since the base version, and compiles the base text with amendments beneath each clause', async () => {
    const setup = await openReview();
    const [first, second] = simpleOperative(setup);
    const a1 = await propose(setup, valdoria, {
      kind: 'modify',
      clauseId: first!.id,
      proposed: rewrite(setup, first!.id, `${first!.text} Amended.`),
    });
    const a2 = await propose(setup, norland, {
      kind: 'add',
      clauseId: first!.id,
      proposed: plainClause('States should publish their review findings.'),
    });
    const a3 = await propose(setup, meridia, { kind: 'delete', clauseId: second!.id, proposed: null });
    for (const [session, a] of [
      [valdoria, a1],
      [norland, a2],
      [meridia, a3],
    ] as const)
      await status(setup, session, a, { to: 'submitted' });

    const editor = connectClient(s.collabUrl, setup.draftId, { token: valdoria.token });
    clients.push(editor);
    await editor.synced();
    const index = (await liveOutline(setup.draftId)).clauses
      .filter((c) => c.kind === 'operative')
      .findIndex((c) => c.id === first!.id);
    clauseText(editor.doc, 'operative', index).insert(0, 'Live words. ');
    await waitFor(async () => {
      const flagged = ((await chair.api(setup.path)).body.amendments as Amendment[]).find((a) => a.id === a1.id)!;
      expect(flagged.liveChange).toMatchObject({ change: 'modified', liveNumber: first!.number });
      expect(
        flagged
          .liveChange!.words.filter((w) => w.op === 'insert')
          .map((w) => w.text)
          .join(''),
      ).toContain('Live words.');
    });
    const untouched = ((await chair.api(setup.path)).body.amendments as Amendment[]).find((a) => a.id === a3.id)!;
    expect(untouched.liveChange).toBeNull();

    const compilation = (await observer.api(`${setup.path}/compilation`)).body as unknown as Compilation;
    expect(compilation.clauses.map((c) => c.id)).toEqual(setup.base.clauses.map((c) => c.id));
    const under = (id: string) =>
      compilation.clauses.find((c) => c.id === id)!.amendments.map((a) => `${a.label} ${a.kind} ${a.sponsor.code}`);
    expect(under(first!.id)).toEqual(['A-1 modify XVA', 'A-2 add XNO']);
    expect(under(second!.id)).toEqual(['A-3 delete XME']);
    expect((await chair.api(setup.path)).body.cycle).toMatchObject({ counts: { submitted: 3 } });

    const docx = await fetch(`${s.url}${setup.path}/compilation?format=docx`, {
      headers: { authorization: `Bearer ${observer.token}` },
    });
    expect(docx.headers.get('content-type')).toContain('wordprocessingml');
    expect(docx.headers.get('content-disposition')).toBe(
      'attachment; filename="review-2027-periodic-review-compilation.docx"',
    );
    const docxText = (await mammoth.extractRawText({ buffer: Buffer.from(await docx.arrayBuffer()) })).value;
    expect(docxText).toContain('A-2');
    expect(docxText).toContain('Kingdom of Norland');
    const pdf = await fetch(`${s.url}${setup.path}/compilation?format=pdf`, {
      headers: { authorization: `Bearer ${observer.token}` },
    });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toBe(
      'attachment; filename="review-2027-periodic-review-compilation.pdf"',
    );
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const csv = await (
      await fetch(`${s.url}${setup.path}/amendments/export?format=csv`, {
        headers: { authorization: `Bearer ${observer.token}` },
      })
    ).text();
    expect(csv.split('\n').filter((line) => /^"?A-\d/.test(line))).toHaveLength(3);
    const json = await chair.api(`${setup.path}/amendments/export?format=json`);
    expect((json.body.amendments as Amendment[]).map((a) => a.label)).toEqual(['A-1', 'A-2', 'A-3']);
    const list = await fetch(`${s.url}${setup.path}/amendments/export?format=docx`, {
      headers: { authorization: `Bearer ${chair.token}` },
    });
    expect(list.headers.get('content-disposition')).toBe(
      'attachment; filename="review-2027-periodic-review-amendments.docx"',
    );
    expect((await mammoth.extractRawText({ buffer: Buffer.from(await list.arrayBuffer()) })).value).toContain(
      'Federated States of Meridia',
    );
  });

  it('exports each amendment as an Akoma Ntoso amendment document valid against the schema', async () => {
    const setup = await openReview();
    const [first, second] = simpleOperative(setup);
    const amendments = [
      await propose(setup, valdoria, {
        kind: 'modify',
        clauseId: first!.id,
        proposed: rewrite(setup, first!.id, 'States <should> & "must" act.'),
      }),
      await propose(setup, norland, { kind: 'add', clauseId: first!.id, proposed: plainClause('A new clause.') }),
      await propose(setup, meridia, { kind: 'delete', clauseId: second!.id, proposed: null }),
    ];
    for (const [session, a] of [
      [valdoria, amendments[0]!],
      [norland, amendments[1]!],
      [meridia, amendments[2]!],
    ] as const)
      await status(setup, session, a, { to: 'submitted' });
    for (const amendment of amendments) {
      const response = await fetch(`${s.url}${setup.path}/amendments/${amendment.id}/akn`, {
        headers: { authorization: `Bearer ${chair.token}` },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toMatch(
        /^attachment; filename="review-2027-periodic-review-amendment-A-\d\.akn\.xml"$/,
      );
      const xml = await response.text();
      expect(await validateAkn(xml)).toEqual([]);
      for (const element of [
        '<amendment ',
        '<amendmentBody',
        '<amendmentHeading',
        '<amendmentContent',
        '<amendmentJustification',
        '<docProponent',
      ])
        expect(xml).toContain(element);
    }
  });

  it('pushes new amendments, status changes and statements to every open client at once; drafts only to their sponsor', async () => {
    const setup = await openReview();
    const target = simpleOperative(setup)[0]!;
    const watcher = connectClient(s.collabUrl, setup.draftId, { token: norland.token });
    const sponsorClient = connectClient(s.collabUrl, setup.draftId, { token: valdoria.token });
    clients.push(watcher, sponsorClient);
    const watched = listen(watcher);
    const sponsorEvents = listen(sponsorClient);
    await Promise.all([watcher.synced(), sponsorClient.synced()]);

    const draft = await propose(setup, valdoria, {
      kind: 'modify',
      clauseId: target.id,
      proposed: rewrite(setup, target.id, 'Live push.'),
    });
    await waitFor(
      () => expect(sponsorEvents.some((e) => e.type === 'amendment' && e.amendment.id === draft.id)).toBe(true),
      { timeoutMs: 1000 },
    );
    const started = Date.now();
    await status(setup, valdoria, draft, { to: 'submitted' });
    await waitFor(
      () =>
        expect(
          watched.some(
            (e) => e.type === 'amendment' && e.amendment.id === draft.id && e.amendment.status === 'submitted',
          ),
        ).toBe(true),
      { timeoutMs: 1000 },
    );
    expect(Date.now() - started).toBeLessThan(1000);
    // Norland never saw the draft.
    expect(watched.filter((e) => e.type === 'amendment' && e.amendment.status === 'draft')).toEqual([]);
    await meridia.api(`${setup.path}/amendments/${draft.id}/statement`, { method: 'PUT', json: { stance: 'support' } });
    await waitFor(
      () =>
        expect(
          watched.some((e) => e.type === 'amendment' && e.amendment.statements.some((st) => st.stance === 'support')),
        ).toBe(true),
      { timeoutMs: 1000 },
    );
    await toPhase(setup, 'comment');
    await waitFor(
      () => expect(watched.some((e) => e.type === 'review-cycle' && e.cycle.phase === 'comment')).toBe(true),
      { timeoutMs: 1000 },
    );

    // "New since your last visit".
    const seen = (await norland.api(`${setup.path}/visit`, { method: 'POST' })).body.lastVisitAt as string;
    expect((await norland.api(setup.path)).body.lastVisitAt).toBe(seen);
    await status(setup, chair, draft, { to: 'under-consideration' });
    const after = ((await norland.api(setup.path)).body.amendments as Amendment[]).find((a) => a.id === draft.id)!;
    expect(after.updatedAt > seen).toBe(true);
  });
});

describe('consolidation', () => {
  it(
    'applies adopted amendments (replace, insert, delete words; add and delete clauses) in ' +
      'one change, exactly, and saves a new version; concurrent typing elsewhere survives',
    async () => {
      const setup = await openReview();
      const [c1, c2, c3, c4, c5] = simpleOperative(setup);
      expect(c5).toBeDefined();
      const words = (text: string) => text.split(' ');
      const replaced = `${words(c1!.text).slice(0, -1).join(' ')} immediately.`;
      const inserted = `${words(c2!.text)[0]} indeed ${words(c2!.text).slice(1).join(' ')}`;
      const deleted = [words(c3!.text)[0], ...words(c3!.text).slice(2)].join(' ');
      const amendments = [
        await propose(setup, valdoria, {
          kind: 'modify',
          clauseId: c1!.id,
          proposed: rewrite(setup, c1!.id, replaced),
        }),
        await propose(setup, valdoria, {
          kind: 'modify',
          clauseId: c2!.id,
          proposed: rewrite(setup, c2!.id, inserted),
        }),
        await propose(setup, norland, { kind: 'modify', clauseId: c3!.id, proposed: rewrite(setup, c3!.id, deleted) }),
        await propose(setup, norland, {
          kind: 'add',
          clauseId: c3!.id,
          proposed: plainClause('States should report every incident within 72 hours.'),
          pillars: ['transparency-cooperation'],
        }),
        await propose(setup, meridia, { kind: 'delete', clauseId: c4!.id, proposed: null }),
      ];
      const rejected = await propose(setup, meridia, {
        kind: 'modify',
        clauseId: c5!.id,
        proposed: rewrite(setup, c5!.id, 'Rejected words.'),
      });
      for (const a of [...amendments, rejected])
        await status(setup, a.sponsor.code === 'XVA' ? valdoria : a.sponsor.code === 'XNO' ? norland : meridia, a, {
          to: 'submitted',
        });
      expect(amendments.map((a) => a.wordAction)).toEqual(['replace', 'insert', 'delete', 'none', 'none']);

      await toPhase(setup, 'comment');
      await status(setup, chair, rejected, { to: 'under-consideration' });
      await adoptAllFromComment(setup, amendments);
      // A pending decision blocks consolidation.
      const blocked = await chair.api(`${setup.path}/consolidate`, { method: 'POST', json: {} });
      expect(blocked.body.error).toBe('decisions_pending');
      expect(blocked.body.message).toContain('A-6');
      const closing = await chair.api(`${setup.path}/phase`, { method: 'POST', json: { to: 'closed' } });
      expect([closing.status, closing.body.error]).toEqual([409, 'decisions_pending']);
      await status(setup, chair, rejected, {
        to: 'rejected',
        decision: { method: 'vote', inFavour: 2, against: 9, abstaining: 1 },
      });
      expect((await valdoria.api(`${setup.path}/consolidate`, { method: 'POST', json: {} })).status).toBe(403);

      const plan = (await chair.api(`${setup.path}/consolidation`)).body as unknown as ConsolidationPlan;
      expect(plan).toMatchObject({ adopted: ['A-1', 'A-2', 'A-3', 'A-4', 'A-5'], conflicts: [], pending: [] });

      // A delegate types in a clause no amendment touches while the chair consolidates.
      const typist = connectClient(s.collabUrl, setup.draftId, { token: meridia.token });
      clients.push(typist);
      await typist.synced();
      const operative = (await liveOutline(setup.draftId)).clauses.filter((c) => c.kind === 'operative');
      const typedIndex = operative.findIndex((c) => c.id === c5!.id);
      const typing = { on: true };
      const typed = (async () => {
        for (let k = 0; typing.on && k < 200; k++) {
          clauseText(typist.doc, 'operative', typedIndex).insert(0, 'x');
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
      })();
      // The typing is a live change since the base: the chair keeps it (words arriving after the consolidation merge after it).
      const consolidated = await chair.api(`${setup.path}/consolidate`, {
        method: 'POST',
        json: { liveChanges: { [c5!.id]: 'keep' } },
      });
      typing.on = false;
      await typed;
      expect(consolidated.status, JSON.stringify(consolidated.body)).toBe(200);
      const result = consolidated.body as { cycle: ReviewCycle; version: { id: string; label: string } };
      expect(result.version.label).toBe('Rev.2 after the 2027 periodic review');
      expect(result.cycle).toMatchObject({
        phase: 'closed',
        consolidated: { versionId: result.version.id, by: { name: 'Amina Diallo' } },
      });
      const typedCount = clauseText(typist.doc, 'operative', typedIndex).toString().match(/^x*/)![0].length;

      const expected = setup.base.clauses.flatMap((c) => {
        if (c.id === c1!.id) return [replaced];
        if (c.id === c2!.id) return [inserted];
        if (c.id === c3!.id) return [deleted, 'States should report every incident within 72 hours.'];
        if (c.id === c4!.id) return [];
        return [c.text];
      });
      await waitFor(async () => {
        const live = await liveOutline(setup.draftId);
        expect(live.clauses.find((c) => c.id === c5!.id)!.text).toBe(`${'x'.repeat(typedCount)}${c5!.text}`);
        expect(live.clauses.map((c) => (c.id === c5!.id ? c.text.replace(/^x+/, '') : c.text))).toEqual(expected);
      });
      expect(typist.doc.getXmlFragment('default').toString()).toContain('within 72 hours');
      const version = await chair.api(`/api/drafts/${setup.draftId}/versions/${result.version.id}`);
      const versionText = (version.body.outline as Outline).clauses.map((c) =>
        c.id === c5!.id ? c.text.replace(/^x+/, '') : c.text,
      );
      expect(versionText).toEqual(expected);
      const added = (version.body.outline as Outline).clauses.find((c) =>
        c.text.startsWith('States should report every incident'),
      )!;
      expect(added.pillars).toEqual(['transparency-cooperation']);
      expect((await chair.api(`${setup.path}/consolidate`, { method: 'POST', json: {} })).body.error).toBe(
        'already_consolidated',
      );
      // The live text now differs from the base because of the review itself: nothing needs review.
      expect(((await chair.api(setup.path)).body.amendments as Amendment[]).map((a) => a.liveChange)).toEqual([
        null,
        null,
        null,
        null,
        null,
        null,
      ]);
    },
  );

  it('makes what cannot stand beside an adopted amendment fall, with the reason; a reinstated one needs a resolution at once', async () => {
    const setup = await openReview();
    const [c1, c2] = simpleOperative(setup);
    const words = c1!.text.replace(/\.$/, '').split(' ');
    const amendments = [
      await propose(setup, valdoria, {
        kind: 'modify',
        clauseId: c1!.id,
        proposed: rewrite(setup, c1!.id, ['Every', ...words.slice(1)].join(' ') + '.'),
      }),
      await propose(setup, norland, {
        kind: 'modify',
        clauseId: c1!.id,
        proposed: rewrite(setup, c1!.id, ['No', ...words.slice(1)].join(' ') + '.'),
      }),
      await propose(setup, meridia, { kind: 'delete', clauseId: c2!.id, proposed: null }),
      await propose(setup, valdoria, {
        kind: 'modify',
        clauseId: c2!.id,
        proposed: rewrite(setup, c2!.id, `${c2!.text} Also this.`),
      }),
      // Other words of c1: it stands beside A-1.
      await propose(setup, norland, {
        kind: 'modify',
        clauseId: c1!.id,
        proposed: rewrite(setup, c1!.id, `${words.join(' ')}, in good faith.`),
      }),
    ];
    const sponsorOf = (a: Amendment) =>
      a.sponsor.code === 'XVA' ? valdoria : a.sponsor.code === 'XNO' ? norland : meridia;
    for (const a of amendments) await status(setup, sponsorOf(a), a, { to: 'submitted' });
    const [a1, a2, a3, a4, a5] = amendments as [Amendment, Amendment, Amendment, Amendment, Amendment];
    await toPhase(setup, 'comment');
    for (const a of amendments) expect((await status(setup, chair, a, { to: 'under-consideration' })).status).toBe(200);
    await toPhase(setup, 'deliberation');
    await toPhase(setup, 'decision');
    const consensus = { decision: { method: 'consensus' } };
    const read = async (a: Amendment) =>
      (await chair.api(`${setup.path}/amendments/${a.id}`)).body.amendment as Amendment;

    // Before confirming, the chair can see what adopting A-1 would make fall; nobody else may ask.
    const preview = await chair.api(`${setup.path}/amendments/${a1.id}/adoption-preview`, { method: 'POST', json: {} });
    expect(preview.body).toEqual({
      falls: [{ amendment: 'A-2', reason: `A-1 and A-2 change the same words of ${c1!.number}.` }],
    });
    expect(
      (await valdoria.api(`${setup.path}/amendments/${a1.id}/adoption-preview`, { method: 'POST', json: {} })).status,
    ).toBe(403);
    // Adopted as revised into other words, A-1 would leave A-2 standing.
    const asRevised = await chair.api(`${setup.path}/amendments/${a1.id}/adoption-preview`, {
      method: 'POST',
      json: { revised: rewrite(setup, c1!.id, `${words.map((word, i) => (i === 2 ? 'certainly' : word)).join(' ')}.`) },
    });
    expect(asRevised.body).toEqual({ falls: [] });

    // Adopting A-1 makes A-2, on the same words, fall; A-5, on other words, stays before the meeting.
    expect((await status(setup, chair, a1, { to: 'adopted', ...consensus })).status).toBe(200);
    expect((await read(a2)).status).toBe('fallen');
    expect((await read(a2)).transitions.at(-1)).toMatchObject({
      from: 'under-consideration',
      to: 'fallen',
      by: { name: 'Amina Diallo' },
      note: `Falls with the adoption of A-1: A-1 and A-2 change the same words of ${c1!.number}.`,
      decision: null,
    });
    expect((await read(a5)).status).toBe('under-consideration');
    // Deleting c2 makes A-4, which changes it, fall.
    expect((await status(setup, chair, a3, { to: 'adopted', ...consensus })).status).toBe(200);
    expect((await read(a4)).status).toBe('fallen');
    expect((await read(a4)).transitions.at(-1)!.note).toMatch(/^Falls with the adoption of A-3: A-3 deletes/);
    // A fallen amendment awaits no decision: only A-5 holds consolidation up, and it needs no resolution.
    expect((await chair.api(`${setup.path}/consolidation`)).body.pending).toEqual(['A-5']);
    const unneeded = await status(setup, chair, a5, {
      to: 'adopted',
      ...consensus,
      resolution: { clauses: [] },
    });
    expect(unneeded.status).toBe(400);
    expect(unneeded.body.error).toBe('resolution_not_expected');
    expect((await status(setup, chair, a5, { to: 'adopted', ...consensus })).status).toBe(200);

    // Only the chair reinstates, and only during decisions.
    expect((await status(setup, norland, a2, { to: 'under-consideration' })).status).toBe(403);
    const reinstated = await status(setup, chair, a2, {
      to: 'under-consideration',
      note: 'Reopened at the request of Norland.',
    });
    expect(reinstated.status).toBe(200);
    expect((reinstated.body.amendment as Amendment).transitions.at(-1)).toMatchObject({
      from: 'fallen',
      to: 'under-consideration',
    });

    // Adopting it beside A-1 needs the final wording of c1 at once; nothing is recorded without it.
    const needs = await status(setup, chair, a2, { to: 'adopted', ...consensus });
    expect(needs.status).toBe(409);
    expect(needs.body.error).toBe('resolution_required');
    expect(needs.body.message).toBe(
      `A-1 and A-2 change the same words of ${c1!.number}. Adopting A-2 needs the final wording of ${c1!.number} at once.`,
    );
    const details = needs.body.details as { conflicts: ConsolidationPlan['conflicts']; resolution: unknown };
    expect(details.conflicts.map((c) => [c.reason, c.amendments, c.covers])).toEqual([
      ['same-words', ['A-1', 'A-2'], ['A-1', 'A-2', 'A-5']],
    ]);
    expect(details.conflicts[0]!.liveClause).toEqual(clauseNode(setup.baseDocument, c1!.id));
    expect(details.resolution).toBeNull();
    expect((await read(a2)).status).toBe('under-consideration');
    const bad = await status(setup, chair, a2, {
      to: 'adopted',
      ...consensus,
      resolution: { clauses: [{ type: 'clause', attrs: { id: c1!.id }, content: [{ type: 'script' }] }] },
    });
    expect(bad.status).toBe(400);
    const settled = ['Every and no', ...words.slice(1)].join(' ') + ', in good faith.';
    const adopted = await status(setup, chair, a2, {
      to: 'adopted',
      ...consensus,
      resolution: { clauses: [rewrite(setup, c1!.id, settled)], note: 'Combined orally.' },
    });
    expect(adopted.status, JSON.stringify(adopted.body)).toBe(200);
    const plan = (await chair.api(`${setup.path}/consolidation`)).body as unknown as ConsolidationPlan;
    expect(plan.adopted).toEqual(['A-1', 'A-2', 'A-3', 'A-5']);
    expect(plan.resolutions.map((r) => [r.clauseId, r.note, r.by.name])).toEqual([
      [c1!.id, 'Combined orally.', 'Amina Diallo'],
    ]);

    const done = await chair.api(`${setup.path}/consolidate`, { method: 'POST', json: { label: 'Rev.2' } });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const live = await liveOutline(setup.draftId);
    expect(live.clauses.find((c) => c.id === c1!.id)!.text).toBe(settled);
    expect(live.clauses.some((c) => c.id === c2!.id)).toBe(false);
  });

  it('asks for the resolution to be restated when an amendment is adopted to a clause the chair has resolved', async () => {
    const setup = await openReview();
    const [c1] = simpleOperative(setup);
    const first = await propose(setup, valdoria, {
      kind: 'modify',
      clauseId: c1!.id,
      proposed: rewrite(setup, c1!.id, `${c1!.text} First.`),
    });
    const second = await propose(setup, norland, {
      kind: 'modify',
      clauseId: c1!.id,
      proposed: rewrite(setup, c1!.id, `Second. ${c1!.text}`),
    });
    await status(setup, valdoria, first, { to: 'submitted' });
    await status(setup, norland, second, { to: 'submitted' });
    await toPhase(setup, 'comment');
    await status(setup, chair, first, { to: 'under-consideration' });
    await status(setup, chair, second, { to: 'under-consideration' });
    await toPhase(setup, 'deliberation');
    await toPhase(setup, 'decision');
    expect((await status(setup, chair, first, { to: 'adopted', decision: { method: 'consensus' } })).status).toBe(200);
    await chair.api(`${setup.path}/resolutions/${c1!.id}`, {
      method: 'PUT',
      json: { clauses: [rewrite(setup, c1!.id, `${c1!.text} First, as settled.`)], note: 'Tidied.' },
    });
    // The resolution stands in place of the clause: adopting the second alone would leave it out.
    const needs = await status(setup, chair, second, { to: 'adopted', decision: { method: 'consensus' } });
    expect(needs.status).toBe(409);
    expect(needs.body.error).toBe('resolution_required');
    expect(needs.body.details).toMatchObject({ conflicts: [], resolution: { note: 'Tidied.' } });
    const both = `Second. ${c1!.text} First, as settled.`;
    expect(
      (
        await status(setup, chair, second, {
          to: 'adopted',
          decision: { method: 'consensus' },
          resolution: { clauses: [rewrite(setup, c1!.id, both)] },
        })
      ).status,
    ).toBe(200);
    expect((await chair.api(`${setup.path}/consolidate`, { method: 'POST', json: {} })).status).toBe(200);
    expect((await liveOutline(setup.draftId)).clauses.find((c) => c.id === c1!.id)!.text).toBe(both);
  });

  it('applies an amendment adopted as orally revised with its revised text', async () => {
    const setup = await openReview();
    const [c1] = simpleOperative(setup);
    const amendment = await propose(setup, valdoria, {
      kind: 'modify',
      clauseId: c1!.id,
      proposed: rewrite(setup, c1!.id, 'As proposed.'),
    });
    await status(setup, valdoria, amendment, { to: 'submitted' });
    await toPhase(setup, 'comment');
    await status(setup, chair, amendment, { to: 'under-consideration' });
    await toPhase(setup, 'deliberation');
    await toPhase(setup, 'decision');
    expect(
      (await status(setup, chair, amendment, { to: 'adopted-as-revised', decision: { method: 'consensus' } })).body
        .error,
    ).toBe('revised_text_required');
    const revised = (
      await status(setup, chair, amendment, {
        to: 'adopted-as-revised',
        decision: { method: 'consensus' },
        revised: rewrite(setup, c1!.id, 'As orally revised.'),
      })
    ).body.amendment as Amendment;
    expect(revised.revised!.redline.filter((w) => w.op === 'insert').map((w) => w.text)).toContain('orally');
    expect((await chair.api(`${setup.path}/consolidate`, { method: 'POST', json: {} })).status).toBe(200);
    expect((await liveOutline(setup.draftId)).clauses.find((c) => c.id === c1!.id)!.text).toBe('As orally revised.');
  });

  it('gives each clause an adopted amendment adds the status the chair sets, agreed by default, locked and recorded', async () => {
    const setup = await openReview();
    const [c1, c2, c3] = simpleOperative(setup);
    const reporting = 'States should report every incident within 72 hours.';
    const contact = 'States should name a national point of contact.';
    const a1 = await propose(setup, valdoria, { kind: 'add', clauseId: c1!.id, proposed: plainClause(reporting) });
    const a2 = await propose(setup, norland, { kind: 'add', clauseId: c2!.id, proposed: plainClause(contact) });
    const a3 = await propose(setup, meridia, {
      kind: 'modify',
      clauseId: c3!.id,
      proposed: rewrite(setup, c3!.id, 'Amended words.'),
    });
    const a4 = await propose(setup, valdoria, {
      kind: 'add',
      clauseId: c3!.id,
      proposed: plainClause('States should never be asked.'),
    });
    for (const [session, amendment] of [
      [valdoria, a1],
      [norland, a2],
      [meridia, a3],
      [valdoria, a4],
    ] as const)
      expect((await status(setup, session, amendment, { to: 'submitted' })).status).toBe(200);
    await toPhase(setup, 'comment');
    expect((await status(setup, chair, a4, { to: 'under-consideration' })).status).toBe(200);
    await adoptAllFromComment(setup, [a1, a2, a3]);
    expect((await status(setup, chair, a4, { to: 'rejected', decision: { method: 'consensus' } })).status).toBe(200);

    // The plan lists the clauses the adopted amendments add, where they go; not the rejected one.
    const plan = (await chair.api(`${setup.path}/consolidation`)).body as unknown as ConsolidationPlan;
    expect(plan.added).toEqual([
      { amendment: 'A-1', afterClauseId: c1!.id, afterNumber: c1!.number, number: expect.any(String), text: reporting },
      { amendment: 'A-2', afterClauseId: c2!.id, afterNumber: c2!.number, number: expect.any(String), text: contact },
    ]);

    // Only the chair consolidates; a status only for a clause an adopted amendment adds, and only a clause status.
    const consolidate = (session: TestSession, addedClauses: unknown) =>
      session.api(`${setup.path}/consolidate`, { method: 'POST', json: { addedClauses } });
    expect((await consolidate(valdoria, { 'A-1': 'agreed' })).status).toBe(403);
    for (const [named, stray] of [
      [{ 'A-1': 'agreed', 'A-3': 'agreed' }, 'A-3'],
      [{ 'A-4': 'open' }, 'A-4'],
      [{ 'A-9': 'open' }, 'A-9'],
    ] as const) {
      const refused = await consolidate(chair, named);
      expect([refused.status, refused.body.error], JSON.stringify(refused.body)).toEqual([400, 'not_an_added_clause']);
      expect(refused.body.message).toBe(
        `${stray} adds no clause to the consolidated text; a status is given only to a clause an adopted amendment adds (A-1, A-2).`,
      );
    }
    for (const bad of [{ 'A-1': 'closed' }, { OP3: 'agreed' }]) {
      const refused = await consolidate(chair, bad);
      expect([refused.status, refused.body.error]).toEqual([400, 'invalid_request']);
    }
    expect((await consolidate(chair, { 'A-1': 'closed' })).body.message).toContain(
      "a clause's status is one of open, agreed-ad-ref, agreed",
    );
    // Nothing was applied by a refusal.
    expect((await chair.api(setup.path)).body.cycle).toMatchObject({ consolidated: null });
    expect((await liveOutline(setup.draftId)).clauses.map((c) => c.text)).not.toContain(reporting);

    // A-1's clause is not named: it is agreed. The chair makes A-2's agreed ad ref.
    const before = Date.now();
    const done = await consolidate(chair, { 'A-2': 'agreed-ad-ref' });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const versionId = (done.body.version as { id: string }).id;
    const live = await liveOutline(setup.draftId);
    const added = (text: string) => live.clauses.find((c) => c.text === text)!;
    expect([added(reporting).status, added(contact).status]).toEqual(['agreed', 'agreed-ad-ref']);
    expect(live.clauses.find((c) => c.id === c3!.id)!.status).toBe(
      setup.base.clauses.find((c) => c.id === c3!.id)!.status,
    );
    // Each records the chair as the one who agreed it, when consolidating, in the version as in the live text.
    const version = await chair.api(`/api/drafts/${setup.draftId}/versions/${versionId}`);
    for (const text of [reporting, contact]) {
      const attrs = clauseNode(version.body.document as DocumentNodeJSON, added(text).id).attrs!;
      expect(attrs.statusBy).toBe('Amina Diallo (Conference Secretariat)');
      expect(Date.parse(attrs.statusAt as string)).toBeGreaterThanOrEqual(before - 1000);
      expect(Date.parse(attrs.statusAt as string)).toBeLessThanOrEqual(Date.now());
    }

    // Agreed is real: a delegate typing into the clause A-1 added is refused, and the text stays.
    const typist = await RawCollabClient.connect(s.collabUrl, setup.draftId, valdoria.token);
    try {
      const index = live.clauses.filter((c) => c.kind === 'operative').findIndex((c) => c.text === reporting);
      typist.send((doc) => clauseText(doc, 'operative', index).insert(0, 'Never. '));
      await waitFor(() => expect(typist.refusals).toMatchObject([{ code: RefusalCode.AgreedClause }]));
    } finally {
      typist.close();
    }
    expect((await liveOutline(setup.draftId)).clauses.map((c) => c.text)).toContain(reporting);

    // The record keeps the status each added clause was given.
    const record = ((await chair.api(`${setup.path}/consolidation`)).body as unknown as ConsolidationPlan).record!;
    expect(record.added).toEqual([
      {
        amendment: 'A-1',
        afterClauseId: c1!.id,
        afterNumber: c1!.number,
        id: added(reporting).id,
        number: added(reporting).number,
        text: reporting,
        status: 'agreed',
      },
      {
        amendment: 'A-2',
        afterClauseId: c2!.id,
        afterNumber: c2!.number,
        id: added(contact).id,
        number: added(contact).number,
        text: contact,
        status: 'agreed-ad-ref',
      },
    ]);
    expect(plan.added.map((clause) => clause.number)).toEqual([added(reporting).number, added(contact).number]);
  });

  it('consolidates the base and the decisions: live edits, listed with their authors, only if kept; live text = version', async () => {
    const setup = await openReview();
    const [c1, c2, c3, c4] = simpleOperative(setup);
    const amended = `${withoutLastWord(c1!.text)} immediately.`;
    const a1 = await propose(setup, valdoria, {
      kind: 'modify',
      clauseId: c1!.id,
      proposed: rewrite(setup, c1!.id, amended),
    });
    await status(setup, valdoria, a1, { to: 'submitted' });
    await adoptAll(setup, [a1]);

    // Since Rev.1, Valdoria rewrote the very words of OP(c1) that A-1 changes and added words to c2; Norland added
    // words to c3 and a clause before c4.
    const valdoriaEditor = await openEditor(setup, valdoria);
    const norlandEditor = await openEditor(setup, norland);
    const at = await operativeIndexes(setup);
    replaceLastWord(clauseText(valdoriaEditor.doc, 'operative', at(c1!.id)), 'forthwith.');
    clauseText(valdoriaEditor.doc, 'operative', at(c2!.id)).insert(0, 'Kept live words. ');
    clauseText(norlandEditor.doc, 'operative', at(c3!.id)).insert(0, 'Discarded live words. ');
    insertClause(norlandEditor.doc, 'operative', at(c4!.id), {
      id: 'c_addedlive01',
      text: 'States should hold live consultations.',
    });

    let plan!: ConsolidationPlan;
    await waitFor(async () => {
      plan = (await chair.api(`${setup.path}/consolidation`)).body as unknown as ConsolidationPlan;
      expect(plan.liveChanges.map((change) => [change.id, change.authors.map((a) => a.name)])).toEqual([
        [c1!.id, [valdoria.user.name]],
        [c2!.id, [valdoria.user.name]],
        [c3!.id, [norland.user.name]],
        ['c_addedlive01', [norland.user.name]],
      ]);
    });
    const liveChange = (id: string) =>
      plan.liveChanges.find((change) => change.id === id) as Extract<LiveChange, { part: 'clause' }>;
    expect(liveChange(c2!.id)).toMatchObject({
      number: c2!.number,
      redline: { id: c2!.id, change: 'modified', fromNumber: c2!.number },
      authors: [{ id: valdoria.user.id, name: valdoria.user.name, affiliation: 'Republic of Valdoria' }],
    });
    expect(insertedWords(liveChange(c2!.id).redline.words)).toBe('Kept live words. ');
    expect(insertedWords(liveChange(c1!.id).redline.words)).toContain('forthwith');
    expect(liveChange('c_addedlive01').redline.change).toBe('added');
    // Nothing kept, the preview is Rev.1 with A-1 applied: no live words in it.
    const previewOf = (p: ConsolidationPlan) => new Map(p.preview.map((clause) => [clause.id, clause]));
    expect(plan.conflicts).toEqual([]);
    expect(previewOf(plan).get(c1!.id)).toMatchObject({ change: 'modified', text: amended, amendments: ['A-1'] });
    expect(previewOf(plan).get(c2!.id)).toMatchObject({ change: 'unchanged', text: c2!.text });
    expect(previewOf(plan).has('c_addedlive01')).toBe(false);
    // Asked as if OP(c2)'s change and the added clause were kept, it reads them.
    const keeping = (await chair.api(`${setup.path}/consolidation?keep=${c2!.id},c_addedlive01`))
      .body as unknown as ConsolidationPlan;
    expect(previewOf(keeping).get(c2!.id)).toMatchObject({ change: 'modified', text: `Kept live words. ${c2!.text}` });
    expect(previewOf(keeping).get('c_addedlive01')).toMatchObject({ change: 'added', amendments: [] });

    // While any live change has no decision, consolidating is refused with the list, and nothing is applied.
    const before = await liveOutline(setup.draftId);
    const undecided = await chair.api(`${setup.path}/consolidate`, {
      method: 'POST',
      json: { liveChanges: { [c2!.id]: 'keep', c_addedlive01: 'keep' } },
    });
    expect([undecided.status, undecided.body.error]).toEqual([409, 'live_changes_undecided']);
    expect(undecided.body.message).toContain(`${c1!.number}, ${c3!.number} have no decision yet`);
    const listed = (undecided.body.details as { liveChanges: ConsolidationPlan['liveChanges'] }).liveChanges;
    expect(listed.map((change) => [change.id, change.authors.map((a) => a.name)])).toEqual([
      [c1!.id, [valdoria.user.name]],
      [c3!.id, [norland.user.name]],
    ]);
    expect(await liveOutline(setup.draftId)).toEqual(before);
    expect(((await chair.api(`/api/drafts/${setup.draftId}/versions`)).body.versions as unknown[]).length).toBe(1);

    const done = await chair.api(`${setup.path}/consolidate`, {
      method: 'POST',
      json: {
        label: 'Rev.2',
        liveChanges: { [c1!.id]: 'discard', [c2!.id]: 'keep', [c3!.id]: 'discard', c_addedlive01: 'keep' },
      },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const version = (
      await chair.api(`/api/drafts/${setup.draftId}/versions/${(done.body.version as { id: string }).id}`)
    ).body as { outline: Outline; version: { note: string } };
    // Rev.1 with A-1 (over no live words), the kept words and the kept clause; the discarded words are not there.
    expect(version.outline.clauses.map((c) => c.text)).toEqual(
      setup.base.clauses.flatMap((c) => {
        if (c.id === c1!.id) return [amended];
        if (c.id === c2!.id) return [`Kept live words. ${c.text}`];
        if (c.id === c4!.id) return ['States should hold live consultations.', c.text];
        return [c.text];
      }),
    );
    expect(version.version.note).toContain(`live changes kept in ${c2!.number}`);
    // The live text is the new version, in the server's copy and in each delegate's open editor.
    expect(await liveOutline(setup.draftId)).toEqual(version.outline);
    await waitFor(() => {
      for (const editor of [valdoriaEditor, norlandEditor]) {
        const text = documentString(editor.doc);
        expect(text).not.toContain('Discarded live words.');
        expect(text).not.toContain('forthwith');
        expect(text).toContain('Kept live words.');
        expect(text).toContain(amended);
      }
    });
  });

  it('lists live changes to the title and the headings for a decision, and keeps a record of the consolidation', async () => {
    const setup = await openReview();
    const [c1, c2, c3] = simpleOperative(setup);
    const a1 = await propose(setup, valdoria, {
      kind: 'modify',
      clauseId: c1!.id,
      proposed: rewrite(setup, c1!.id, 'A.'),
    });
    const a2 = await propose(setup, norland, {
      kind: 'modify',
      clauseId: c2!.id,
      proposed: rewrite(setup, c2!.id, 'B.'),
    });
    const a3 = await propose(setup, meridia, {
      kind: 'modify',
      clauseId: c3!.id,
      proposed: rewrite(setup, c3!.id, 'C.'),
    });
    for (const [session, amendment] of [
      [valdoria, a1],
      [norland, a2],
      [meridia, a3],
    ] as const)
      expect((await status(setup, session, amendment, { to: 'submitted' })).status).toBe(200);
    expect((await status(setup, meridia, a3, { to: 'withdrawn' })).status).toBe(200);
    await toPhase(setup, 'comment');
    for (const amendment of [a1, a2])
      expect((await status(setup, chair, amendment, { to: 'under-consideration' })).status).toBe(200);
    await toPhase(setup, 'deliberation');
    await toPhase(setup, 'decision');
    expect((await status(setup, chair, a1, { to: 'adopted', decision: { method: 'consensus' } })).status).toBe(200);
    expect((await status(setup, chair, a2, { to: 'rejected', decision: { method: 'consensus' } })).status).toBe(200);

    // Since Rev.1, the chair renamed the text and put a part heading before OP(c3), outside the review.
    const editor = await openEditor(setup, chair);
    const fragment = editor.doc.getXmlFragment(DOCUMENT_FIELD);
    const title = (fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    title.insert(title.length, ' as renamed live');
    const operative = sectionElement(editor.doc, 'operative');
    const heading = new Y.XmlElement('division');
    heading.setAttribute('id', 'd_livepart01');
    heading.setAttribute('level', 'part');
    heading.insert(0, [new Y.XmlText('A part added live')]);
    operative.insert(childIndexOfClause(operative, (await operativeIndexes(setup))(c3!.id)), [heading]);

    let plan!: ConsolidationPlan;
    await waitFor(async () => {
      plan = (await chair.api(`${setup.path}/consolidation`)).body as unknown as ConsolidationPlan;
      expect(plan.liveChanges.map((change) => [change.id, change.part, change.number])).toEqual([
        ['title', 'title', 'Title'],
        ['heading:d_livepart01', 'heading', 'Part I'],
      ]);
    });
    const keptTitle = (await chair.api(`${setup.path}/consolidation?keep=title`)).body as unknown as ConsolidationPlan;
    expect(keptTitle.record).toBeNull();
    // The chair's choices are kept for when the chair comes back, and the last one counts.
    expect(plan.decisions).toEqual({});
    for (const decision of ['discard', 'keep'])
      expect((await chair.api(`${setup.path}/live-changes/title`, { method: 'PUT', json: { decision } })).status).toBe(
        200,
      );
    expect(
      (await valdoria.api(`${setup.path}/live-changes/title`, { method: 'PUT', json: { decision: 'keep' } })).status,
    ).toBe(403);
    expect(((await chair.api(`${setup.path}/consolidation`)).body as unknown as ConsolidationPlan).decisions).toEqual({
      title: 'keep',
    });
    const undecided = await chair.api(`${setup.path}/consolidate`, {
      method: 'POST',
      json: { liveChanges: { 'heading:d_livepart01': 'discard' } },
    });
    expect([undecided.status, undecided.body.message]).toEqual([
      409,
      expect.stringContaining('Title has no decision yet'),
    ]);

    const done = await chair.api(`${setup.path}/consolidate`, {
      method: 'POST',
      json: { label: 'Rev.2', liveChanges: { title: 'keep', 'heading:d_livepart01': 'discard' } },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const versionId = (done.body.version as { id: string }).id;
    const version = (await chair.api(`/api/drafts/${setup.draftId}/versions/${versionId}`)).body as {
      outline: Outline;
    };
    // The renamed title is carried; the discarded heading is gone, from the version and the live text.
    expect(version.outline.title).toBe(`${setup.base.title} as renamed live`);
    expect(version.outline.divisions).toEqual([]);
    expect(await liveOutline(setup.draftId)).toEqual(version.outline);

    // Read again later, the consolidation is the record of what it did, not a plan against the new live text.
    const after = (await chair.api(`${setup.path}/consolidation`)).body as unknown as ConsolidationPlan;
    expect(after).toMatchObject({
      adopted: [],
      liveChanges: [],
      decisions: {},
      conflicts: [],
      pending: [],
      preview: [],
    });
    const record = after.record!;
    expect(record).toMatchObject({ version: { id: versionId, label: 'Rev.2' }, by: { name: 'Amina Diallo' } });
    expect(record.amendments.map((a) => [a.label, a.clauseNumber, a.status, a.applied])).toEqual([
      ['A-1', c1!.number, 'adopted', true],
      ['A-2', c2!.number, 'rejected', false],
      ['A-3', c3!.number, 'withdrawn', false],
    ]);
    expect(record.kept.map((change) => change.id)).toEqual(['title']);
    expect(record.discarded).toMatchObject([
      { id: 'heading:d_livepart01', change: 'added', words: [{ op: 'insert', text: 'A part added live' }] },
    ]);
    expect(record.changed.map((clause) => [clause.id, clause.text, clause.amendments])).toEqual([
      [c1!.id, 'A.', ['A-1']],
    ]);
    expect((await chair.api(`${setup.path}/resolutions/${c1!.id}`, { method: 'DELETE' })).body.error).toBe(
      'already_consolidated',
    );
    expect(
      (await chair.api(`${setup.path}/live-changes/title`, { method: 'PUT', json: { decision: 'discard' } })).body
        .error,
    ).toBe('already_consolidated');
    // Every member reads the same record.
    expect(((await observer.api(`${setup.path}/consolidation`)).body as unknown as ConsolidationPlan).record).toEqual(
      record,
    );
  });

  it('makes an adopted amendment to words changed live a conflict when the change is kept, never dropping it; the chair resolves it', async () => {
    const setup = await openReview();
    const [c1, c2] = simpleOperative(setup);
    const amended = `${withoutLastWord(c1!.text)} immediately.`;
    const a1 = await propose(setup, valdoria, {
      kind: 'modify',
      clauseId: c1!.id,
      proposed: rewrite(setup, c1!.id, amended),
    });
    const a2 = await propose(setup, norland, {
      kind: 'modify',
      clauseId: c2!.id,
      proposed: rewrite(setup, c2!.id, `${c2!.text} Also this.`),
    });
    await status(setup, valdoria, a1, { to: 'submitted' });
    await status(setup, norland, a2, { to: 'submitted' });
    await adoptAll(setup, [a1, a2]);
    const editor = await openEditor(setup, meridia);
    const at = await operativeIndexes(setup);
    replaceLastWord(clauseText(editor.doc, 'operative', at(c1!.id)), 'forthwith.');
    await waitFor(async () => {
      const plan = (await chair.api(`${setup.path}/consolidation`)).body as unknown as ConsolidationPlan;
      expect(plan.liveChanges.map((change) => change.id)).toEqual([c1!.id]);
    });

    // Discarded, the live words are not there to conflict with: two adopted amendments, two clauses changed.
    const discarding = (await chair.api(`${setup.path}/consolidation`)).body as unknown as ConsolidationPlan;
    expect(discarding.conflicts).toEqual([]);
    expect(
      discarding.preview.filter((clause) => clause.change !== 'unchanged').map((c) => [c.id, c.text, c.amendments]),
    ).toEqual([
      [c1!.id, amended, ['A-1']],
      [c2!.id, `${c2!.text} Also this.`, ['A-2']],
    ]);
    // Kept, A-1 changes words that were changed live: a conflict, starting from the clause as it reads live.
    const keeping = (await chair.api(`${setup.path}/consolidation?keep=${c1!.id}`))
      .body as unknown as ConsolidationPlan;
    expect(keeping.conflicts.map((c) => [c.clauseId, c.reason, c.amendments])).toEqual([
      [c1!.id, 'clause-changed-live', ['A-1']],
    ]);
    expect(JSON.stringify(keeping.conflicts[0]!.startingClause)).toContain('forthwith.');
    const before = await liveOutline(setup.draftId);
    const refused = await chair.api(`${setup.path}/consolidate`, {
      method: 'POST',
      json: { liveChanges: { [c1!.id]: 'keep' } },
    });
    expect([refused.status, refused.body.error]).toEqual([409, 'unresolved_conflicts']);
    expect(await liveOutline(setup.draftId)).toEqual(before);

    const resolved = `${withoutLastWord(c1!.text)} immediately and forthwith.`;
    const afterResolution = (
      await chair.api(`${setup.path}/resolutions/${c1!.id}?keep=${c1!.id}`, {
        method: 'PUT',
        json: { clauses: [rewrite(setup, c1!.id, resolved)], note: 'Both.' },
      })
    ).body as unknown as ConsolidationPlan;
    expect(afterResolution.conflicts.map((c) => c.clauseId)).toEqual([c1!.id]);
    expect(afterResolution.preview.find((c) => c.id === c1!.id)).toMatchObject({ text: resolved });
    const done = await chair.api(`${setup.path}/consolidate`, {
      method: 'POST',
      json: { liveChanges: { [c1!.id]: 'keep' } },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const live = await liveOutline(setup.draftId);
    expect(live.clauses.find((c) => c.id === c1!.id)!.text).toBe(resolved);
    expect(live.clauses.find((c) => c.id === c2!.id)!.text).toBe(`${c2!.text} Also this.`);
  });
});

async function adoptAllFromComment(review: Setup, amendments: Amendment[]) {
  for (const amendment of amendments)
    expect((await status(review, chair, amendment, { to: 'under-consideration' })).status).toBe(200);
  await toPhase(review, 'deliberation');
  await toPhase(review, 'decision');
  for (const amendment of amendments)
    expect((await status(review, chair, amendment, { to: 'adopted', decision: { method: 'consensus' } })).status).toBe(
      200,
    );
}

/**
 * A clause whose paragraph is wrapped in `levels` paragraphs, as raw JSON: building it as an
 * object and calling JSON.stringify would overflow this test's own stack long before 20,000.
 */
function deepClauseJSON(levels: number): string {
  return (
    '{"type":"clause","attrs":{"id":"new","pillars":[],"status":"open"},"content":[' +
    '{"type":"paragraph","content":['.repeat(levels) +
    '{"type":"text","text":"Deep."}' +
    ']}'.repeat(levels) +
    ']}'
  );
}

describe('document limits on API bodies', () => {
  const sendRaw = (session: TestSession, path: string, method: string, body: string) =>
    session.api(path, { method, body });

  it('refuses a 5,000-deep proposed clause, a 20,000-deep resolution and a too-long clause with a 400 naming the limit, storing nothing', async () => {
    const setup = await openReview();
    const target = simpleOperative(setup)[0]!;
    const amendmentJSON = (proposed: string) =>
      `{"kind":"modify","clauseId":"${target.id}","proposed":${proposed},"justification":"Deep.","pillars":[]}`;
    const amendments = async () => ((await valdoria.api(setup.path)).body.amendments as Amendment[]).length;

    const deep = await sendRaw(valdoria, `${setup.path}/amendments`, 'POST', amendmentJSON(deepClauseJSON(5000)));
    expect(deep.status, JSON.stringify(deep.body)).toBe(400);
    expect(deep.body).toEqual({
      error: 'document_limit',
      message: 'The proposed clause nests elements 5,002 levels deep below the document; a draft allows at most 16.',
    });

    const long = plainClause('x'.repeat(MAX_CLAUSE_CHARACTERS + 1));
    const tooLong = await valdoria.api(`${setup.path}/amendments`, {
      method: 'POST',
      json: { kind: 'add', clauseId: target.id, proposed: long, justification: 'Long.', pillars: [] },
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.message).toBe(
      `The proposed clause holds ${formatCount(MAX_CLAUSE_CHARACTERS + 1)} characters; ` +
        `a clause may hold at most ${formatCount(MAX_CLAUSE_CHARACTERS)}.`,
    );
    // Attribute values are not elements, but they are read (and stored) too: deep ones are refused as well.
    const deepNote = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const deepAttribute =
      `{"type":"clause","attrs":{"id":"new","note":${deepNote}},` +
      `"content":[{"type":"paragraph","content":[{"type":"text","text":"A."}]}]}`;
    const attribute = await sendRaw(valdoria, `${setup.path}/amendments`, 'POST', amendmentJSON(deepAttribute));
    expect(attribute.status).toBe(400);
    expect(attribute.body).toMatchObject({
      error: 'body_too_deep',
      message: 'The request body nests values 20,003 levels deep; the API reads at most 64.',
    });
    expect(await amendments()).toBe(0);

    // A draft's rewrite and a decision's revised text are measured the same way; the amendment is left as it was.
    const draft = await propose(setup, valdoria, {
      kind: 'modify',
      clauseId: target.id,
      proposed: rewrite(setup, target.id, 'Reworded, within limits.'),
    });
    const edited = await sendRaw(
      valdoria,
      `${setup.path}/amendments/${draft.id}`,
      'PATCH',
      `{"proposed":${deepClauseJSON(20_000)}}`,
    );
    expect(edited.status).toBe(400);
    expect(edited.body.message).toMatch(/^The proposed clause nests elements 20,002 levels deep/);
    const revised = await sendRaw(
      chair,
      `${setup.path}/amendments/${draft.id}/status`,
      'POST',
      `{"to":"adopted-as-revised","decision":{"method":"consensus"},"revised":${deepClauseJSON(5000)}}`,
    );
    expect(revised.status).toBe(400);
    expect(revised.body.message).toMatch(/^The revised clause nests elements 5,002 levels deep/);
    const kept = (await valdoria.api(`${setup.path}/amendments/${draft.id}`)).body.amendment as Amendment;
    expect(kept).toMatchObject({ status: 'draft', proposed: rewrite(setup, target.id, 'Reworded, within limits.') });

    const resolution = await sendRaw(
      chair,
      `${setup.path}/resolutions/${target.id}`,
      'PUT',
      `{"clauses":[${deepClauseJSON(20_000)}],"note":"Deep."}`,
    );
    expect(resolution.status).toBe(400);
    expect(resolution.body).toEqual({
      error: 'document_limit',
      message:
        'Clause 1 of the resolution nests elements 20,002 levels deep below the document; a draft allows at most 16.',
    });
    expect(((await chair.api(`${setup.path}/consolidation`)).body as unknown as ConsolidationPlan).resolutions).toEqual(
      [],
    );
    // The server is well: a clause within the limits is taken.
    expect((await valdoria.api(setup.path)).status).toBe(200);
  });
});

/** A clause's text without its last word. */
function withoutLastWord(text: string): string {
  return text.slice(0, text.lastIndexOf(' '));
}

/** Replaces the last word of a paragraph's text, as a delegate typing over it would. */
function replaceLastWord(text: Y.XmlText, word: string): void {
  const current = text.toString();
  const start = current.lastIndexOf(' ') + 1;
  text.doc!.transact(() => {
    text.delete(start, current.length - start);
    text.insert(start, word);
  });
}

/** The words a redline inserts, joined. */
function insertedWords(words: readonly { op: string; text: string }[]): string {
  return words
    .filter((word) => word.op === 'insert')
    .map((word) => word.text)
    .join('');
}

/** A delegate's live editor on the draft, synced. */
async function openEditor(review: Setup, session: TestSession): Promise<CollabClient> {
  const client = connectClient(s.collabUrl, review.draftId, { token: session.token });
  clients.push(client);
  await client.synced();
  return client;
}

/** Where each operative clause stands among the operative clauses of the live text now. */
async function operativeIndexes(review: Setup): Promise<(clauseId: string) => number> {
  const operative = (await liveOutline(review.draftId)).clauses.filter((c) => c.kind === 'operative');
  return (clauseId) => operative.findIndex((c) => c.id === clauseId);
}
