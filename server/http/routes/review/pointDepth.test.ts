import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentNodeJSON } from '../../../../shared/documentJSON';
import type { Amendment, ReviewCycle } from '../../../../shared/review/types';
import type { TestSession } from '../../../testing/session';
import { DEMO, signIn } from '../../../testing/session';
import type { TestServer } from '../../../testing/startTestServer';
import { startTestServer } from '../../../testing/startTestServer';
import { STRUCTURED_SPEC, clauseIdOf, createStructuredDraft, fetchOutline } from '../../../testing/structuredDraft';
import { futureSchedule } from '../../../testing/reviewSchedule';

let s: TestServer;
let chair: TestSession;
let valdoria: TestSession;
let path: string;
let target: string;

/** A structured draft with Valdoria's delegation, published as Rev.1, and a review cycle open on it. */
beforeAll(async () => {
  s = await startTestServer();
  [chair, valdoria] = await Promise.all([signIn(s.url, DEMO.chair), signIn(s.url, DEMO.valdoria)]);
  const draftId = await createStructuredDraft(s, chair, [], STRUCTURED_SPEC);
  const made = await chair.api(`/api/drafts/${draftId}/invites`, {
    method: 'POST',
    json: { role: 'delegate', affiliation: { kind: 'delegation', name: 'Republic of Valdoria', code: 'XVA' } },
  });
  expect(
    (await valdoria.api(`/api/invites/${made.body.token as string}/accept`, { method: 'POST', json: {} })).status,
  ).toBe(200);
  const version = await chair.api(`/api/drafts/${draftId}/versions`, { method: 'POST', json: { label: 'Rev.1' } });
  const baseVersionId = (version.body.version as { id: string }).id;
  await chair.api(`/api/drafts/${draftId}/versions/${baseVersionId}/publish`, {
    method: 'POST',
    json: { published: true },
  });
  const opened = await chair.api(`/api/drafts/${draftId}/review-cycles`, {
    method: 'POST',
    json: {
      name: '2027 periodic review',
      baseVersionId,
      schedule: futureSchedule(),
    },
  });
  expect(opened.status).toBe(201);
  path = `/api/drafts/${draftId}/review-cycles/${(opened.body.cycle as ReviewCycle).id}`;
  target = clauseIdOf(await fetchOutline(chair, draftId), 'OP3');
});
afterAll(async () => {
  await s.close();
});

/** A clause whose points nest `levels` deep: (a), (i) in it, (A) in that … */
function clauseWithPoints(levels: number): DocumentNodeJSON {
  const paragraph = (text: string): DocumentNodeJSON => ({ type: 'paragraph', content: [{ type: 'text', text }] });
  let point: DocumentNodeJSON | null = null;
  for (let level = levels; level >= 1; level--)
    point = { type: 'subparagraph', content: [paragraph(`at level ${level};`), ...(point ? [point] : [])] };
  return {
    type: 'clause',
    attrs: { id: target, pillars: [], status: 'open' },
    content: [paragraph('Requests the Secretary-General to report on:'), point!],
  };
}

const proposal = (levels: number) => ({
  kind: 'modify',
  clauseId: target,
  proposed: clauseWithPoints(levels),
  justification: 'The report needs a structure.',
  pillars: [],
});

describe('clauses with points, proposed through the API', () => {
  it('accepts a proposed clause with points three levels deep, and refuses four with a 400 that names the figure', async () => {
    const accepted = await valdoria.api(`${path}/amendments`, { method: 'POST', json: proposal(3) });
    expect(accepted.status).toBe(201);
    const amendment = accepted.body.amendment as Amendment;
    expect(JSON.stringify(amendment.proposed)).toContain('at level 3;');

    const refused = await valdoria.api(`${path}/amendments`, { method: 'POST', json: proposal(4) });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      error: 'document_limit',
      message:
        'The proposed clause nests points 4 levels deep; points go at most 3 levels deep: (a), then (i), then (A).',
    });
    const edited = await valdoria.api(`${path}/amendments/${amendment.id}`, {
      method: 'PATCH',
      json: { proposed: clauseWithPoints(5) },
    });
    expect(edited.status).toBe(400);
    expect(edited.body.message).toMatch(/^The proposed clause nests points 5 levels deep/);
  });

  it('refuses an oral revision and a resolution whose points nest four levels deep', async () => {
    const revised = await chair.api(`${path}/amendments/any/status`, {
      method: 'POST',
      json: { to: 'adopted-as-revised', revised: clauseWithPoints(4) },
    });
    expect(revised.status).toBe(400);
    expect(revised.body.message).toMatch(/^The revised clause nests points 4 levels deep/);
    const resolution = await chair.api(`${path}/resolutions/${target}`, {
      method: 'PUT',
      json: { clauses: [clauseWithPoints(2), clauseWithPoints(4)] },
    });
    expect(resolution.status).toBe(400);
    expect(resolution.body.message).toMatch(/^Clause 2 of the resolution nests points 4 levels deep/);
  });
});
