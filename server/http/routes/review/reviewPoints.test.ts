import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clauseNodesById } from '../../../../shared/clauseBlocks';
import { newClauseId } from '../../../../shared/clauseId';
import type { DocumentNodeJSON } from '../../../../shared/documentJSON';
import type { DraftSpec } from '../../../../shared/draftText';
import { draftFromSpec, paragraphFromText } from '../../../../shared/draftText';
import type { Outline } from '../../../../shared/outline';
import type { Redline } from '../../../../shared/redline';
import type { Amendment, ReviewCycle } from '../../../../shared/review/types';
import type { TestSession } from '../../../testing/session';
import { DEMO, signIn } from '../../../testing/session';
import type { TestServer } from '../../../testing/startTestServer';
import { startTestServer } from '../../../testing/startTestServer';
import { futureSchedule } from '../../../testing/reviewSchedule';

let s: TestServer;
let chair: TestSession;
let valdoria: TestSession;
let norland: TestSession;

beforeAll(async () => {
  s = await startTestServer();
  [chair, valdoria, norland] = await Promise.all([
    signIn(s.url, DEMO.chair),
    signIn(s.url, DEMO.valdoria),
    signIn(s.url, DEMO.norland),
  ]);
});
afterAll(async () => {
  await s.close();
});

/** A resolution with points under OP1, a part and a section, a footnote and an annex. */
const SPEC: DraftSpec = {
  title: 'Responsible State behaviour',
  formula: 'The General Assembly,',
  preamble: ['Recalling its resolution 70/237^[A/70/174.],'],
  operative: [
    { division: 'part', title: 'Norms' },
    {
      text: 'Calls upon Member States:',
      points: [
        'to protect essential services;',
        { text: 'to take into account:', points: ['the harm caused;'] },
        'to report on their measures.',
      ],
    },
    { division: 'section', title: 'Review' },
    'Requests the Secretary-General to report.',
  ],
  annexes: [{ title: 'Voluntary measures', clauses: ['States may share information.'] }],
};

interface Review {
  draftId: string;
  path: string;
  baseVersionId: string;
  base: Outline;
  baseDocument: DocumentNodeJSON;
}

async function invite(draftId: string, session: TestSession, name: string, code: string): Promise<void> {
  const made = await chair.api(`/api/drafts/${draftId}/invites`, {
    method: 'POST',
    json: { role: 'delegate', affiliation: { kind: 'delegation', name, code } },
  });
  expect(made.status).toBe(201);
  expect(
    (await session.api(`/api/invites/${made.body.token as string}/accept`, { method: 'POST', json: {} })).status,
  ).toBe(200);
}

/** The structured draft with two delegations, its Rev.1 published and a review cycle open on it. */
async function openReview(): Promise<Review> {
  const draft = await s.drafts.create(SPEC.title, {
    content: draftFromSpec(SPEC, newClauseId),
    chairId: chair.user.id,
  });
  await invite(draft.id, valdoria, 'Republic of Valdoria', 'XVA');
  await invite(draft.id, norland, 'Kingdom of Norland', 'XNO');
  const saved = await chair.api(`/api/drafts/${draft.id}/versions`, { method: 'POST', json: { label: 'Rev.1' } });
  const baseVersionId = (saved.body.version as { id: string }).id;
  await chair.api(`/api/drafts/${draft.id}/versions/${baseVersionId}/publish`, {
    method: 'POST',
    json: { published: true },
  });
  const opened = await chair.api(`/api/drafts/${draft.id}/review-cycles`, {
    method: 'POST',
    json: {
      name: '2027 periodic review',
      baseVersionId,
      schedule: futureSchedule(),
    },
  });
  expect(opened.status).toBe(201);
  const read = await chair.api(`/api/drafts/${draft.id}/versions/${baseVersionId}`);
  return {
    draftId: draft.id,
    path: `/api/drafts/${draft.id}/review-cycles/${(opened.body.cycle as ReviewCycle).id}`,
    baseVersionId,
    base: read.body.outline as Outline,
    baseDocument: read.body.document as DocumentNodeJSON,
  };
}

function clauseAt(review: Review, number: string): { id: string; node: DocumentNodeJSON } {
  const id = review.base.clauses.find((clause) => clause.number === number)!.id;
  return { id, node: structuredClone(clauseNodesById(review.baseDocument).get(id)!) };
}

async function propose(review: Review, session: TestSession, body: Record<string, unknown>): Promise<Amendment> {
  const response = await session.api(`${review.path}/amendments`, {
    method: 'POST',
    json: { justification: 'The text needs it.', pillars: [], ...body },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  const amendment = response.body.amendment as Amendment;
  const submitted = await session.api(`${review.path}/amendments/${amendment.id}/status`, {
    method: 'POST',
    json: { to: 'submitted' },
  });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  return submitted.body.amendment as Amendment;
}

async function adoptAll(review: Review, amendments: Amendment[]): Promise<void> {
  const phase = async (to: string) =>
    expect((await chair.api(`${review.path}/phase`, { method: 'POST', json: { to } })).status).toBe(200);
  const decide = async (amendment: Amendment, body: Record<string, unknown>) =>
    expect(
      (await chair.api(`${review.path}/amendments/${amendment.id}/status`, { method: 'POST', json: body })).status,
    ).toBe(200);
  await phase('comment');
  for (const amendment of amendments) await decide(amendment, { to: 'under-consideration' });
  await phase('deliberation');
  await phase('decision');
  for (const amendment of amendments) await decide(amendment, { to: 'adopted', decision: { method: 'consensus' } });
}

const point = (text: string, points: DocumentNodeJSON[] = []): DocumentNodeJSON => ({
  type: 'subparagraph',
  content: [paragraphFromText(text), ...points],
});

describe('amendments to points, through the API', () => {
  it('adds a (ii) under OP1(b), changes OP1(c) and an annex paragraph, adds one in the annex, adopts and consolidates', async () => {
    const review = await openReview();
    const op1 = clauseAt(review, 'OP1');
    // Valdoria: a new (ii) under (b), three levels deep with a footnote, its points sent without ids.
    const pointB = op1.node.content![2]!;
    pointB.content!.push(point('the risk of escalation^[See A/76/135.], in particular:', [point('to civilians;')]));
    const a1 = await propose(review, valdoria, { kind: 'modify', clauseId: op1.id, proposed: op1.node });
    expect(a1.pointChanges).toEqual([
      { reference: 'OP1(b)(ii)', change: 'added' },
      { reference: 'OP1(b)(ii)(A)', change: 'added' },
    ]);
    expect(a1.blocks.filter((b) => b.change === 'added').map((b) => [b.level, b.toLabel])).toEqual([
      [2, '(ii)'],
      [3, '(A)'],
    ]);
    expect(a1.redline.filter((w) => w.op === 'insert').map((w) => w.text)).toEqual([
      '\n(ii) the risk of escalation^[See A/76/135.], in particular:\n(A) to civilians;',
    ]);
    // The server gave the new points ids of their own; the base points kept theirs.
    const proposedIds = JSON.stringify(a1.proposed).match(/"id":"[^"]+"/g)!;
    expect(new Set(proposedIds).size).toBe(proposedIds.length);
    const baseIds = review.base.clauses.find((c) => c.id === op1.id)!.points.map((p) => p.id);
    for (const id of baseIds) expect(JSON.stringify(a1.proposed)).toContain(`"id":"${id}"`);

    // Norland: other words of the same clause, in OP1(c).
    const other = clauseAt(review, 'OP1');
    other.node.content![3]!.content![0] = paragraphFromText('to report annually on their measures.');
    const a2 = await propose(review, norland, { kind: 'modify', clauseId: op1.id, proposed: other.node });
    expect(a2.pointChanges).toEqual([{ reference: 'OP1(c)', change: 'insert' }]);

    // An annex paragraph changed, and a new one added after it.
    const annex = clauseAt(review, 'A1.1');
    annex.node.content![0] = paragraphFromText('States may share information and good practice.');
    const a3 = await propose(review, valdoria, { kind: 'modify', clauseId: annex.id, proposed: annex.node });
    expect(a3.clauseNumber).toBe('A1.1');
    const added: DocumentNodeJSON = {
      type: 'clause',
      attrs: { id: newClauseId(), pillars: [], status: 'open' },
      content: [paragraphFromText('States may train together:'), point('at the regional level.')],
    };
    const a4 = await propose(review, norland, { kind: 'add', clauseId: annex.id, proposed: added });

    await adoptAll(review, [a1, a2, a3, a4]);
    const plan = await chair.api(`${review.path}/consolidation`);
    expect(plan.body.conflicts).toEqual([]);
    const consolidated = await chair.api(`${review.path}/consolidate`, { method: 'POST', json: { label: 'Rev.2' } });
    expect(consolidated.status, JSON.stringify(consolidated.body)).toBe(200);
    const versionId = (consolidated.body.version as { id: string }).id;

    const live = (await chair.api(`/api/drafts/${review.draftId}/outline`)).body as unknown as Outline;
    const liveOp1 = live.clauses.find((c) => c.id === op1.id)!;
    expect(liveOp1.text).toBe(
      [
        'Calls upon Member States:',
        '(a) to protect essential services;',
        '(b) to take into account:',
        '(i) the harm caused;',
        '(ii) the risk of escalation^[See A/76/135.], in particular:',
        '(A) to civilians;',
        '(c) to report annually on their measures.',
      ].join('\n'),
    );
    expect(liveOp1.points.map((p) => p.reference)).toEqual([
      'OP1(a)',
      'OP1(b)',
      'OP1(b)(i)',
      'OP1(b)(ii)',
      'OP1(b)(ii)(A)',
      'OP1(c)',
    ]);
    // The points keep the ids they were tabled with.
    const tabled = JSON.stringify(a1.proposed);
    for (const p of liveOp1.points.slice(0, 5)) expect(tabled).toContain(`"id":"${p.id}"`);
    expect(live.problems).toEqual([]);
    expect(live.formula).toBe('The General Assembly,');
    expect(live.divisions.map((d) => d.number)).toEqual(['Part I', 'Section A']);
    expect(live.footnotes.map((f) => [f.note, f.reference])).toEqual([
      ['A/70/174.', 'PP1'],
      ['See A/76/135.', 'OP1(b)(ii)'],
    ]);
    expect(live.clauses.filter((c) => c.kind === 'annex').map((c) => `${c.number} ${c.text}`)).toEqual([
      'A1.1 States may share information and good practice.',
      'A1.2 States may train together:\n(a) at the regional level.',
    ]);

    // The version compare API between the base and the consolidated text, point by point.
    const compared = await chair.api(
      `/api/drafts/${review.draftId}/compare?from=${review.baseVersionId}&to=${versionId}`,
    );
    expect(compared.status).toBe(200);
    const redline = compared.body.redline as Redline;
    const op1Redline = redline.clauses.find((c) => c.id === op1.id)!;
    expect(op1Redline.change).toBe('modified');
    expect(
      op1Redline.blocks
        .filter((b) => b.change !== 'unchanged')
        .map((b) => [b.change, b.level, b.fromReference, b.toReference]),
    ).toEqual([
      ['added', 2, null, 'OP1(b)(ii)'],
      ['added', 3, null, 'OP1(b)(ii)(A)'],
      ['modified', 1, 'OP1(c)', 'OP1(c)'],
    ]);
    expect(redline.clauses.find((c) => c.toNumber === 'A1.2')).toMatchObject({ change: 'added', kind: 'annex' });
    expect(redline.headings.map((h) => [h.kind, h.change])).toEqual([
      ['part', 'unchanged'],
      ['section', 'unchanged'],
      ['annex', 'unchanged'],
    ]);
    const docx = await fetch(
      `${s.url}/api/drafts/${review.draftId}/compare?from=${review.baseVersionId}&to=${versionId}&format=docx`,
      { headers: { authorization: `Bearer ${chair.token}` } },
    );
    expect(docx.status).toBe(200);
  });

  it('makes an amendment to the same words of one point fall when the other is adopted, naming the point', async () => {
    const review = await openReview();
    const op1 = clauseAt(review, 'OP1');
    const reword = (words: string) => {
      const clause = structuredClone(op1.node);
      clause.content![2]!.content![1]!.content![0] = paragraphFromText(words);
      return clause;
    };
    const a1 = await propose(review, valdoria, {
      kind: 'modify',
      clauseId: op1.id,
      proposed: reword('the direct harm caused;'),
    });
    expect(a1.pointChanges).toEqual([{ reference: 'OP1(b)(i)', change: 'insert' }]);
    const a2 = await propose(review, norland, {
      kind: 'modify',
      clauseId: op1.id,
      proposed: reword('the likely harm caused;'),
    });
    await adoptAll(review, [a1]);
    const fallen = (await chair.api(`${review.path}/amendments/${a2.id}`)).body.amendment as Amendment;
    expect(fallen.status).toBe('fallen');
    expect(fallen.transitions.at(-1)!.note).toBe(
      'Falls with the adoption of A-1: A-1 and A-2 change the same words of OP1(b)(i).',
    );
    const status = (body: Record<string, unknown>) =>
      chair.api(`${review.path}/amendments/${a2.id}/status`, { method: 'POST', json: body });
    expect((await status({ to: 'under-consideration' })).status).toBe(200);
    const refused = await status({ to: 'adopted', decision: { method: 'consensus' } });
    expect(refused.status).toBe(409);
    const pointId = review.base.clauses.find((c) => c.id === op1.id)!.points[2]!.id;
    expect((refused.body.details as { conflicts: unknown[] }).conflicts).toEqual([
      expect.objectContaining({
        clauseId: op1.id,
        point: { id: pointId, reference: 'OP1(b)(i)' },
        reason: 'same-words',
        amendments: ['A-1', 'A-2'],
      }),
    ]);
  });
});
