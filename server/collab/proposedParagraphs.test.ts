import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RefusalCode } from '../../shared/closeCodes';
import type { DraftSpec } from '../../shared/draftText';
import type { Suggestion, SuggestionAttributes } from '../../shared/suggestions';
import { connectClient, sectionElement } from '../testing/collabClient';
import { negotiationRoom } from '../testing/negotiationRoom';
import type { RawCollabClient } from '../testing/RawCollabClient';
import type { TestSession } from '../testing/session';
import { clauseIdOf, elementWithId, fetchOutline, ownText } from '../testing/structuredDraft';
import { waitFor } from '../testing/waitFor';

const SPEC: DraftSpec = {
  title: 'Proposed paragraphs',
  preamble: [],
  operative: ['States shall protect hospitals.', 'States should cooperate.', 'States may ask for help.'],
};

const room = negotiationRoom();

function by(session: TestSession, tail: string): SuggestionAttributes {
  return {
    id: `${session.user.id}:${tail}`,
    author: session.user.id,
    delegation: room.affiliationOf(session),
    at: new Date().toISOString(),
  };
}

/** A clause of one paragraph of `words`, each word in the insertion `attributes` (or plain, without), or several runs. */
function proposedClause(words: string, attributes: SuggestionAttributes | null, plainTail = ''): Y.XmlElement {
  const text = new Y.XmlText();
  if (words) text.insert(0, words, attributes ? { insertion: attributes } : {});
  if (plainTail) text.insert(words.length, plainTail, { insertion: null });
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [text]);
  const clause = new Y.XmlElement('clause');
  clause.setAttribute('pillars', [] as unknown as string);
  clause.setAttribute('status', 'open');
  clause.insert(0, [paragraph]);
  return clause;
}

/** The words of the operative clauses, in order, as a reader's text holds them. */
function operativeWords(doc: Y.Doc): string[] {
  return sectionElement(doc, 'operative')
    .toArray()
    .map((clause) =>
      (ownText(clause as Y.XmlElement).toDelta() as { insert: string }[]).map((op) => op.insert).join(''),
    );
}

async function facilitatedDraft(): Promise<{ draftId: string; ids: string[] }> {
  const draftId = await room.draft(SPEC);
  const answer = await room.chair.api(`/api/drafts/${draftId}/facilitator-mode`, { method: 'PUT', json: { on: true } });
  expect(answer.status).toBe(200);
  const outline = await fetchOutline(room.chair, draftId);
  return { draftId, ids: ['OP1', 'OP2', 'OP3'].map((number) => clauseIdOf(outline, number)) };
}

async function reader(draftId: string): Promise<Y.Doc> {
  const client = connectClient(room.s.collabUrl, draftId, { token: room.chair.token });
  room.later(() => client.destroy());
  await client.synced();
  return client.doc;
}

async function refusalOf(client: RawCollabClient): Promise<{ code: string; reason: string }> {
  await waitFor(() => expect(client.refusals).toHaveLength(1));
  return client.refusals[0]!;
}

async function suggestions(draftId: string): Promise<Suggestion[]> {
  return ((await room.chair.api(`/api/drafts/${draftId}/suggestions`)).body as { suggestions: Suggestion[] })
    .suggestions;
}

describe('a paragraph proposed as a whole', () => {
  it('is a suggestion a delegate makes in facilitator mode: listed as a whole paragraph, withdrawn by deleting it', async () => {
    const { draftId } = await facilitatedDraft();
    const a = await room.raw(draftId, room.valdoria);
    a.send((doc) =>
      sectionElement(doc, 'operative').insert(1, [
        proposedClause('States should share warnings.', by(room.valdoria, 'new001')),
      ]),
    );
    const doc = await reader(draftId);
    await waitFor(() =>
      expect(operativeWords(doc)).toEqual([
        'States shall protect hospitals.',
        'States should share warnings.',
        'States should cooperate.',
        'States may ask for help.',
      ]),
    );
    expect(a.refusals).toEqual([]);
    // Numbered after the clause before it, moving no other; only the negotiation export shows it.
    const outline = await fetchOutline(room.chair, draftId);
    expect(outline.clauses.filter((clause) => clause.kind === 'operative').map((clause) => clause.number)).toEqual([
      'OP1',
      'OP1 bis',
      'OP2',
      'OP3',
    ]);
    const exported = async (mode: string) =>
      String((await room.chair.api(`/api/drafts/${draftId}/export?format=md&mode=${mode}`)).body.text);
    expect(await exported('clean')).not.toContain('share warnings');
    expect(await exported('clean')).toMatch(/OP2[^\n]*States should cooperate/);
    expect(await exported('negotiation')).toContain('share warnings');
    const [proposal] = await suggestions(draftId);
    expect(proposal).toMatchObject({
      kind: 'insert',
      text: 'States should share warnings.',
      wholeParagraph: true,
      status: 'open',
    });
    // Its author goes on typing in it, then withdraws it by deleting the paragraph.
    a.send((d) =>
      ownText(sectionElement(d, 'operative').get(1) as Y.XmlElement).insert(28, ' early', {
        insertion: by(room.valdoria, 'new001'),
      }),
    );
    await waitFor(() => expect(operativeWords(doc)[1]).toBe('States should share warnings early.'));
    a.send((d) => sectionElement(d, 'operative').delete(1, 1));
    await waitFor(() => expect(operativeWords(doc)).toHaveLength(3));
    expect(a.refusals).toEqual([]);
  });

  const refused: { name: string; change: (doc: Y.Doc, ids: string[]) => void; reason: RegExp }[] = [
    {
      name: 'an empty new clause',
      change: (doc) => sectionElement(doc, 'operative').insert(1, [proposedClause('', null)]),
      reason: /only the chair adds or removes clauses/,
    },
    {
      name: 'a new clause of plain words',
      change: (doc) => sectionElement(doc, 'operative').insert(1, [proposedClause('Plain words.', null)]),
      reason: /only the chair adds or removes clauses/,
    },
    {
      name: 'a new clause whose words are partly plain',
      change: (doc) =>
        sectionElement(doc, 'operative').insert(1, [
          proposedClause('Proposed', by(room.valdoria, 'new002'), ' and plain.'),
        ]),
      reason: /only the chair adds or removes clauses/,
    },
    {
      name: 'a new clause in another delegation’s name',
      change: (doc) =>
        sectionElement(doc, 'operative').insert(1, [
          proposedClause('Forged.', { ...by(room.valdoria, 'new003'), delegation: room.affiliationOf(room.norland) }),
        ]),
      reason: /only be made in your own name/,
    },
    {
      name: 'deleting a clause that is not their proposal',
      change: (doc) => sectionElement(doc, 'operative').delete(1, 1),
      reason: /suggesting the only way/,
    },
    {
      name: 'deleting another delegation’s proposed paragraph',
      change: (doc) => sectionElement(doc, 'operative').delete(3, 1),
      reason: /suggesting the only way|Only the chair can accept, reject or change another delegation’s suggestion/,
    },
  ];

  it.each(refused)('refuses a delegate’s raw client in facilitator mode: $name', async ({ change, reason }) => {
    const { draftId, ids } = await facilitatedDraft();
    const n = await room.raw(draftId, room.norland);
    n.send((doc) =>
      sectionElement(doc, 'operative').insert(3, [
        proposedClause('Norland proposes this.', by(room.norland, 'new010')),
      ]),
    );
    const doc = await reader(draftId);
    await waitFor(() => expect(operativeWords(doc)).toHaveLength(4));
    const before = operativeWords(doc);
    const a = await room.raw(draftId, room.valdoria);
    a.send((d) => change(d, ids));
    const refusal = await refusalOf(a);
    expect(refusal.code).toBe(RefusalCode.NotAllowed);
    expect(refusal.reason).toMatch(reason);
    // A later allowed change lands after it, and the refused one is nowhere.
    const later = await room.raw(draftId, room.chair);
    later.send((d) => ownText(elementWithId(d, ids[2]!)).insert(0, 'Now '));
    await waitFor(() => expect(operativeWords(doc)[2]).toBe(`Now ${before[2]}`));
    expect(operativeWords(doc)).toEqual([before[0], before[1], `Now ${before[2]}`, before[3]]);
  });

  it('comes out of the text when the chair rejects it, and stays as an ordinary paragraph when accepted', async () => {
    const { draftId } = await facilitatedDraft();
    const a = await room.raw(draftId, room.valdoria);
    const n = await room.raw(draftId, room.norland);
    a.send((doc) =>
      sectionElement(doc, 'operative').insert(1, [proposedClause('Valdoria proposes.', by(room.valdoria, 'new020'))]),
    );
    n.send((doc) =>
      sectionElement(doc, 'operative').insert(0, [proposedClause('Norland proposes.', by(room.norland, 'new021'))]),
    );
    const doc = await reader(draftId);
    await waitFor(() => expect(operativeWords(doc)).toHaveLength(5));
    const open = await suggestions(draftId);
    const valdoria = open.find((s) => s.text === 'Valdoria proposes.')!;
    const norland = open.find((s) => s.text === 'Norland proposes.')!;
    expect([valdoria.wholeParagraph, norland.wholeParagraph]).toEqual([true, true]);
    const decide = (id: string, action: string) =>
      room.chair.api(`/api/drafts/${draftId}/suggestions/${encodeURIComponent(id)}/${action}`, { method: 'POST' });
    expect((await decide(valdoria.id, 'reject')).status).toBe(200);
    expect((await decide(norland.id, 'accept')).status).toBe(200);
    await waitFor(() =>
      expect(operativeWords(doc)).toEqual([
        'Norland proposes.',
        'States shall protect hospitals.',
        'States should cooperate.',
        'States may ask for help.',
      ]),
    );
    const accepted = (sectionElement(doc, 'operative').get(0) as Y.XmlElement).get(0) as Y.XmlElement;
    expect((accepted.get(0) as Y.XmlText).toDelta()).toEqual([{ insert: 'Norland proposes.' }]);
  });

  it('takes a paragraph out when the chair accepts a proposal to delete every word of it', async () => {
    const { draftId, ids } = await facilitatedDraft();
    const a = await room.raw(draftId, room.valdoria);
    a.send((doc) => {
      const text = ownText(elementWithId(doc, ids[1]!));
      text.format(0, text.length, { 'deletion--dddddddd': by(room.valdoria, 'del030') });
    });
    const doc = await reader(draftId);
    await waitFor(() => expect(ownText(elementWithId(doc, ids[1]!)).toDelta()).toHaveLength(1));
    const [proposal] = await suggestions(draftId);
    expect(proposal).toMatchObject({ kind: 'delete', wholeParagraph: true, text: 'States should cooperate.' });
    const answer = await room.chair.api(
      `/api/drafts/${draftId}/suggestions/${encodeURIComponent(proposal!.id)}/accept`,
      { method: 'POST' },
    );
    expect(answer.status).toBe(200);
    await waitFor(() =>
      expect(operativeWords(doc)).toEqual(['States shall protect hospitals.', 'States may ask for help.']),
    );
  });
});
