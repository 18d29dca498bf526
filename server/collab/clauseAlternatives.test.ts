import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RefusalCode } from '../../shared/closeCodes';
import type { DraftSpec } from '../../shared/draftText';
import type { AlternativeView, ClauseAlternative } from '../../shared/negotiation';
import { connectClient, sectionElement } from '../testing/collabClient';
import { negotiationRoom } from '../testing/negotiationRoom';
import type { RawCollabClient } from '../testing/RawCollabClient';
import type { TestSession } from '../testing/session';
import { clauseIdOf, elementWithId, fetchOutline, newPoint } from '../testing/structuredDraft';
import { waitFor } from '../testing/waitFor';

const SPEC: DraftSpec = {
  title: 'Wordings of a whole clause',
  preamble: [],
  operative: [
    'States shall protect hospitals.',
    { text: 'Responses should be graduated, so that:', points: ['measures are reviewed;', 'measures end.'] },
    'States may ask for help.',
  ],
};

const room = negotiationRoom();

function wording(session: TestSession, set: string, tail: string): ClauseAlternative {
  return {
    set,
    id: tail === 'first' ? set : `${session.user.id}:${tail}`,
    author: session.user.id,
    delegation: room.affiliationOf(session),
    at: new Date().toISOString(),
  };
}

/** A clause with its own paragraph and points, holding the wording `alternative`. */
function wordingClause(words: string, points: string[], alternative: ClauseAlternative): Y.XmlElement {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(words)]);
  const clause = new Y.XmlElement('clause');
  clause.setAttribute('pillars', [] as unknown as string);
  clause.setAttribute('status', 'open');
  clause.setAttribute('alternative', alternative as unknown as string);
  clause.insert(0, [paragraph, ...points.map((point) => newPoint(point))]);
  return clause;
}

/** Valdoria proposes a second wording of OP2 (with points of its own): OP2 becomes Alt 1 of the set. */
function proposeSecondWording(client: RawCollabClient, op2: string, set: string): void {
  client.send((doc) => {
    elementWithId(doc, op2).setAttribute('alternative', wording(room.valdoria, set, 'first') as unknown as string);
    sectionElement(doc, 'operative').insert(2, [
      wordingClause('Responses shall be proportionate:', ['to the harm;'], wording(room.valdoria, set, 'alt002')),
    ]);
  });
}

async function setUp() {
  const draftId = await room.draft(SPEC);
  const outline = await fetchOutline(room.chair, draftId);
  const op2 = clauseIdOf(outline, 'OP2');
  const a = await room.raw(draftId, room.valdoria);
  const set = `${room.valdoria.user.id}:set001`;
  proposeSecondWording(a, op2, set);
  await waitFor(async () =>
    expect(
      (await fetchOutline(room.chair, draftId)).clauses.filter((c) => c.kind === 'operative').map((c) => c.number),
    ).toEqual(['OP1', 'OP2', 'OP2 Alt 2', 'OP3']),
  );
  expect(a.refusals).toEqual([]);
  return { draftId, op2, set, a };
}

async function alternatives(draftId: string): Promise<AlternativeView[]> {
  return ((await room.chair.api(`/api/drafts/${draftId}/brackets`)).body as { alternatives: AlternativeView[] })
    .alternatives;
}

describe('wordings of a whole clause', () => {
  it('are numbered OP2 Alt 2, listed as a set with support, and the chair’s selection keeps one under OP2’s id', async () => {
    const { draftId, op2, set } = await setUp();
    const [listed] = await alternatives(draftId);
    expect(listed).toMatchObject({ id: set, clauseId: op2, clauseNumber: 'OP2', wholeClause: true });
    expect(listed!.options.map((option) => [option.label, option.text])).toEqual([
      ['Alt 1', 'Responses should be graduated, so that:\nmeasures are reviewed;\nmeasures end.'],
      ['Alt 2', 'Responses shall be proportionate:\nto the harm;'],
    ]);
    const alt2 = listed!.options[1]!.id;
    const support = await room.norland.api(`/api/drafts/${draftId}/alternatives/${encodeURIComponent(set)}/support`, {
      method: 'PUT',
      json: { option: alt2 },
    });
    expect(support.status).toBe(200);
    // Selecting is the chair's.
    const select = (session: TestSession) =>
      session.api(`/api/drafts/${draftId}/alternatives/${encodeURIComponent(set)}/select`, {
        method: 'POST',
        json: { option: alt2 },
      });
    expect((await select(room.valdoria)).status).toBe(403);
    expect((await select(room.chair)).status).toBe(200);
    const outline = await fetchOutline(room.chair, draftId);
    const chosen = outline.clauses.find((clause) => clause.number === 'OP2')!;
    expect(chosen.id).toBe(op2);
    expect(chosen.text).toBe('Responses shall be proportionate:\n(a) to the harm;');
    expect(outline.clauses.filter((c) => c.kind === 'operative').map((c) => c.number)).toEqual(['OP1', 'OP2', 'OP3']);
    expect(await alternatives(draftId)).toEqual([]);
    // The record keeps both wordings and who supported which.
    const { settled } = (await room.chair.api(`/api/drafts/${draftId}/brackets`)).body as {
      settled: { alternative: AlternativeView; selectedOption: string }[];
    };
    expect(settled[0]!.selectedOption).toBe(alt2);
    expect(settled[0]!.alternative.options.map((option) => option.supporters.map((s) => s.name))).toEqual([
      [],
      ['Kingdom of Norland'],
    ]);
  });

  const refused: { name: string; change: (doc: Y.Doc, ids: { op2: string; set: string }) => void }[] = [
    {
      name: 'a wording in another delegation’s name',
      change: (doc, { set }) =>
        sectionElement(doc, 'operative').insert(3, [
          wordingClause('Forged.', [], { ...wording(room.norland, set, 'alt009'), author: room.valdoria.user.id }),
        ]),
    },
    {
      name: 'deleting another delegation’s wording',
      change: (doc) => sectionElement(doc, 'operative').delete(2, 1),
    },
    {
      name: 'taking a clause out of the set',
      change: (doc, { op2 }) => elementWithId(doc, op2).removeAttribute('alternative'),
    },
  ];

  it.each(refused)('refuses a raw client of another delegation: $name', async ({ change }) => {
    const { draftId, op2, set } = await setUp();
    const n = await room.raw(draftId, room.norland);
    n.send((doc) => change(doc, { op2, set }));
    await waitFor(() => expect(n.refusals).toHaveLength(1));
    expect(n.refusals[0]!.code).toBe(RefusalCode.NotAllowed);
    const reader = connectClient(room.s.collabUrl, draftId, { token: room.chair.token });
    room.later(() => reader.destroy());
    await reader.synced();
    expect(sectionElement(reader.doc, 'operative').length).toBe(4);
    expect(elementWithId(reader.doc, op2).getAttribute('alternative')).toMatchObject({ set });
  });

  it('in facilitator mode, lets a delegate add a wording of a whole clause and write it, but not others’ clauses', async () => {
    const draftId = await room.draft(SPEC);
    expect(
      (await room.chair.api(`/api/drafts/${draftId}/facilitator-mode`, { method: 'PUT', json: { on: true } })).status,
    ).toBe(200);
    const op2 = clauseIdOf(await fetchOutline(room.chair, draftId), 'OP2');
    const a = await room.raw(draftId, room.valdoria);
    proposeSecondWording(a, op2, `${room.valdoria.user.id}:set002`);
    a.send((doc) => {
      const alt = sectionElement(doc, 'operative').get(2) as Y.XmlElement;
      ((alt.get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'All ');
      alt.insert(2, [newPoint('to the duration.')]);
    });
    await waitFor(async () =>
      expect((await fetchOutline(room.chair, draftId)).clauses.find((c) => c.number === 'OP2 Alt 2')?.text).toBe(
        'All Responses shall be proportionate:\n(a) to the harm;\n(b) to the duration.',
      ),
    );
    expect(a.refusals).toEqual([]);
    a.send((doc) => ((elementWithId(doc, op2).get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'Direct '));
    await waitFor(() => expect(a.refusals).toHaveLength(1));
    expect(a.refusals[0]!.reason).toMatch(/suggesting the only way/);
  });
});
