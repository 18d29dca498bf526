import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DraftSpec } from '../../../../shared/draftText';
import type { AlternativeView, BracketView, SettlementView } from '../../../../shared/negotiation';
import { documentOutline } from '../../../drafts/documentOutline';
import { connectClient } from '../../../testing/collabClient';
import { marker, markerAttribution, placeMarkers, shownWithMarkers } from '../../../testing/markers';
import { RawCollabClient } from '../../../testing/RawCollabClient';
import { clauseIdOf, fetchOutline } from '../../../testing/structuredDraft';
import { negotiationRoom } from '../../../testing/negotiationRoom';
import type { TestSession } from '../../../testing/session';
import { waitFor } from '../../../testing/waitFor';

const SPEC: DraftSpec = {
  title: 'Brackets and alternatives',
  preamble: [],
  operative: [
    { text: 'States should cooperate promptly.', pillars: ['transparency-cooperation'] },
    'States should act without delay.',
  ],
};

const room = negotiationRoom();

const by = (session: TestSession, tail: string) =>
  markerAttribution(session.user.id, room.affiliationOf(session), tail);

interface Listing {
  brackets: BracketView[];
  alternatives: AlternativeView[];
  counts: { byClause: Record<string, number>; byPillar: Record<string, number>; byDelegation: Record<string, number> };
  settled: SettlementView[];
}

async function listing(session: TestSession, draftId: string): Promise<Listing> {
  const response = await session.api(`/api/drafts/${draftId}/brackets`);
  expect(response.status).toBe(200);
  return response.body as unknown as Listing;
}

/** A draft where Valdoria brackets "promptly" in OP1 and tables "should" / "must" in OP2. */
async function negotiated(): Promise<{ draftId: string; op1: string; op2: string; bracketId: string; setId: string }> {
  const draftId = await room.draft(SPEC);
  const outline = await fetchOutline(room.chair, draftId);
  const op1 = clauseIdOf(outline, 'OP1');
  const op2 = clauseIdOf(outline, 'OP2');
  const bracket = by(room.valdoria, 'bra100');
  const set = by(room.valdoria, 'alt100');
  const client = await RawCollabClient.connect(room.s.collabUrl, draftId, room.valdoria.token);
  room.later(() => client.close());
  client.send((doc) => {
    placeMarkers(doc, op1, [
      [24, marker('bracket', { ...bracket, side: 'open' })],
      [32, marker('bracket', { ...bracket, side: 'close' })],
    ]);
    placeMarkers(doc, op2, [
      [7, marker('alternative', { ...set, side: 'open', option: `${room.valdoria.user.id}:opt101` })],
      [14, marker('alternative', { ...set, side: 'next', option: `${room.valdoria.user.id}:opt102` })],
      [14, new Y.XmlText('must ')],
      [14, marker('alternative', { ...set, side: 'close', option: null })],
    ]);
  });
  await waitFor(async () => expect((await listing(room.chair, draftId)).alternatives).toHaveLength(1));
  expect(client.refusals).toEqual([]);
  return { draftId, op1, op2, bracketId: bracket.id, setId: set.id };
}

describe('brackets and alternatives through the API', () => {
  it('lists brackets with their holders and counts them per clause, pillar and delegation; others join and leave', async () => {
    const { draftId, bracketId } = await negotiated();
    const first = await listing(room.norland, draftId);
    expect(first.brackets).toEqual([
      expect.objectContaining({
        id: bracketId,
        clauseNumber: 'OP1',
        text: 'promptly',
        holders: [{ id: room.affiliationOf(room.valdoria), name: 'Republic of Valdoria' }],
        openedBy: expect.objectContaining({ author: { id: room.valdoria.user.id, name: expect.any(String) } }),
      }),
    ]);
    expect(first.counts).toEqual({
      byClause: { OP1: 1 },
      byPillar: { 'transparency-cooperation': 1 },
      byDelegation: { [room.affiliationOf(room.valdoria)]: 1 },
    });
    const joined = await room.norland.api(`/api/drafts/${draftId}/brackets/${bracketId}/holding`, {
      method: 'PUT',
      json: { holding: true },
    });
    expect(joined.status).toBe(200);
    expect((joined.body.bracket as BracketView).holders.map((holder) => holder.id).sort()).toEqual(
      [room.affiliationOf(room.valdoria), room.affiliationOf(room.norland)].sort(),
    );
    await room.valdoria.api(`/api/drafts/${draftId}/brackets/${bracketId}/holding`, {
      method: 'PUT',
      json: { holding: false },
    });
    expect((await listing(room.chair, draftId)).brackets[0]!.holders.map((holder) => holder.id)).toEqual([
      room.affiliationOf(room.norland),
    ]);
  });

  it('lets only the chair lift a bracket: the words stay, the markers go, the record keeps who held it', async () => {
    const { draftId, op1, bracketId } = await negotiated();
    const refused = await room.valdoria.api(`/api/drafts/${draftId}/brackets/${bracketId}`, { method: 'DELETE' });
    expect(refused.status).toBe(403);
    const reader = connectClient(room.s.collabUrl, draftId, { token: room.norland.token });
    room.later(() => reader.destroy());
    await reader.synced();
    await waitFor(() => expect(shownWithMarkers(reader.doc, op1)).toBe('States should cooperate [promptly].'));
    const lifted = await room.chair.api(`/api/drafts/${draftId}/brackets/${bracketId}`, { method: 'DELETE' });
    expect(lifted.status).toBe(200);
    await waitFor(() => expect(shownWithMarkers(reader.doc, op1)).toBe('States should cooperate promptly.'));
    const after = await listing(room.chair, draftId);
    expect(after.brackets).toEqual([]);
    expect(after.settled).toEqual([
      expect.objectContaining({
        kind: 'bracket',
        markerId: bracketId,
        bracket: expect.objectContaining({ text: 'promptly' }),
      }),
    ]);
    expect((await room.chair.api(`/api/drafts/${draftId}/brackets/${bracketId}`, { method: 'DELETE' })).status).toBe(
      404,
    );
  });

  it('records support per wording; the chair selects one and the others stay in the record', async () => {
    const { draftId, op2, setId } = await negotiated();
    const set = (await listing(room.chair, draftId)).alternatives[0]!;
    expect(set.options.map((option) => [option.label, option.text])).toEqual([
      ['Alt 1', 'should'],
      ['Alt 2', 'must'],
    ]);
    const [should, must] = set.options;
    await room.norland.api(`/api/drafts/${draftId}/alternatives/${setId}/support`, {
      method: 'PUT',
      json: { option: must!.id },
    });
    const supported = (await listing(room.chair, draftId)).alternatives[0]!;
    expect(supported.options[1]!.supporters).toEqual([
      { id: room.affiliationOf(room.norland), name: 'Kingdom of Norland' },
    ]);
    expect(
      (
        await room.norland.api(`/api/drafts/${draftId}/alternatives/${setId}/select`, {
          method: 'POST',
          json: { option: must!.id },
        })
      ).status,
    ).toBe(403);
    const selected = await room.chair.api(`/api/drafts/${draftId}/alternatives/${setId}/select`, {
      method: 'POST',
      json: { option: must!.id },
    });
    expect(selected.status).toBe(200);
    const outline = await registryOutline(draftId);
    expect(outline.clauses.find((clause) => clause.id === op2)!.text).toBe('States must act without delay.');
    const record = (await listing(room.chair, draftId)).settled[0]!;
    expect(record).toMatchObject({ kind: 'alternative', selectedOption: must!.id });
    expect(record.alternative!.options.map((option) => [option.text, option.supporters.length])).toEqual([
      [should!.text, 0],
      ['must', 1],
    ]);
  });
});

async function registryOutline(draftId: string) {
  return (await room.s.registry.withDocument(draftId, async (document) => documentOutline(document.doc)))!;
}
