import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestSession } from '../../../testing/session';
import { DEMO, signIn } from '../../../testing/session';
import type { TestServer } from '../../../testing/startTestServer';
import { startTestServer } from '../../../testing/startTestServer';
import { createStructuredDraft, fetchOutline } from '../../../testing/structuredDraft';

let s: TestServer;
let chair: TestSession;
let observer: TestSession;
beforeAll(async () => {
  s = await startTestServer();
  [chair, observer] = await Promise.all([signIn(s.url, DEMO.chair), signIn(s.url, DEMO.rightsObserver)]);
});
afterAll(async () => {
  await s.close();
});

describe('GET /api/drafts/:id/outline of a structured draft', () => {
  it('returns the formula, divisions, annexes, footnotes and every point with its reference, to any member', async () => {
    const draftId = await createStructuredDraft(s, chair, [{ session: observer, role: 'observer' }]);
    const outline = await fetchOutline(observer, draftId);
    expect(outline.title).toBe('Responsible State behaviour in cyberspace');
    expect(outline.formula).toBe('The General Assembly,');
    expect(outline.clauses.map((c) => [c.number, c.status, c.subparagraphs])).toEqual([
      ['PP1', 'open', 0],
      ['OP1', 'open', 3],
      ['OP2', 'agreed', 2],
      ['OP3', 'open', 0],
      ['A1.1', 'open', 0],
    ]);
    const [, op1, op2, op3, a11] = outline.clauses;
    expect(op1!.points.map((p) => [p.level, p.reference, p.text])).toEqual([
      [1, 'OP1(a)', 'to protect essential services;'],
      [1, 'OP1(b)', 'to take into account:'],
      [2, 'OP1(b)(i)', 'the harm caused;'],
      [2, 'OP1(b)(ii)', 'the risk of escalation, in particular:'],
      [3, 'OP1(b)(ii)(A)', 'to civilians;'],
      [3, 'OP1(b)(ii)(B)', 'to third States;'],
      [1, 'OP1(c)', 'to report on their measures.'],
    ]);
    expect(op2!.points.map((p) => p.reference)).toEqual(['OP2(a)', 'OP2(b)', 'OP2(b)(i)']);
    const allIds = outline.clauses.flatMap((c) => [c.id, ...c.points.map((p) => p.id)]);
    expect(allIds.every((id) => /^c_[a-z0-9]{12}$/.test(id))).toBe(true);
    expect(new Set(allIds).size).toBe(allIds.length);

    expect(outline.divisions.map((d) => [d.level, d.number, d.title])).toEqual([
      ['part', 'Part I', 'Norms'],
      ['section', 'Section A', 'Review'],
    ]);
    expect([op1!.divisionId, op2!.divisionId, op3!.divisionId]).toEqual([
      outline.divisions[0]!.id,
      outline.divisions[0]!.id,
      outline.divisions[1]!.id,
    ]);
    expect(outline.annexes).toEqual([{ id: expect.any(String), label: 'Annex', title: 'Voluntary measures' }]);
    expect(a11).toMatchObject({
      kind: 'annex',
      annexId: outline.annexes[0]!.id,
      text: 'States may share information.',
    });
    expect(outline.footnotes).toEqual([
      { number: 1, note: 'A/70/174.', clauseId: outline.clauses[0]!.id, reference: 'PP1' },
      { number: 2, note: 'See A/76/135.', clauseId: op2!.id, reference: 'OP2' },
    ]);
    expect(op2!.text.split('\n')[0]).toBe('Decides that States shall^[See A/76/135.]:');
    expect(outline.problems).toEqual([]);
  });
});
