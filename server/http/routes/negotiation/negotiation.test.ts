import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DraftSpec } from '../../../../shared/draftText';
import type { AlternativeView, BracketView, SettlementView } from '../../../../shared/negotiation';
import { documentOutline } from '../../../drafts/documentOutline';
import { connectClient } from '../../../testing/collabClient';
import { marker, markerAttribution, placeMarkers, shownWithMarkers } from '../../../testing/markers';
import { RawCollabClient } from '../../../testing/RawCollabClient';
import type { TestSession } from '../../../testing/session';
import { DEMO, signIn } from '../../../testing/session';
import type { TestServer } from '../../../testing/startTestServer';
import { startTestServer } from '../../../testing/startTestServer';
import { clauseIdOf, createStructuredDraft, fetchOutline } from '../../../testing/structuredDraft';
import { waitFor } from '../../../testing/waitFor';

const SPEC: DraftSpec = {
  title: 'Brackets and alternatives',
  preamble: [],
  operative: [
    { text: 'States should cooperate promptly.', pillars: ['transparency-cooperation'] },
    'States should act without delay.',
  ],
};

let s: TestServer;
let chair: TestSession;
let valdoria: TestSession;
let norland: TestSession;
const affiliationOf = new Map<TestSession, string>();
const cleanups: (() => unknown)[] = [];
beforeAll(async () => {
  s = await startTestServer();
  [chair, valdoria, norland] = await Promise.all([
    signIn(s.url, DEMO.chair),
    signIn(s.url, DEMO.valdoria),
    signIn(s.url, DEMO.norland),
  ]);
  for (const session of [chair, valdoria, norland])
    affiliationOf.set(session, (await s.storage.getUser(session.user.id))!.affiliationId);
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(async () => {
  await s.close();
});

const by = (session: TestSession, tail: string) =>
  markerAttribution(session.user.id, affiliationOf.get(session)!, tail);

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
  const draftId = await createStructuredDraft(
    s,
    chair,
    [
      { session: valdoria, role: 'delegate' },
      { session: norland, role: 'delegate' },
    ],
    SPEC,
  );
  const outline = await fetchOutline(chair, draftId);
  const op1 = clauseIdOf(outline, 'OP1');
  const op2 = clauseIdOf(outline, 'OP2');
  const bracket = by(valdoria, 'bra100');
  const set = by(valdoria, 'alt100');
  const client = await RawCollabClient.connect(s.collabUrl, draftId, valdoria.token);
  cleanups.push(() => client.close());
  client.send((doc) => {
    placeMarkers(doc, op1, [
      [24, marker('bracket', { ...bracket, side: 'open' })],
      [32, marker('bracket', { ...bracket, side: 'close' })],
    ]);
    placeMarkers(doc, op2, [
      [7, marker('alternative', { ...set, side: 'open', option: `${valdoria.user.id}:opt101` })],
      [14, marker('alternative', { ...set, side: 'next', option: `${valdoria.user.id}:opt102` })],
      [14, new Y.XmlText('must ')],
      [14, marker('alternative', { ...set, side: 'close', option: null })],
    ]);
  });
  await waitFor(async () => expect((await listing(chair, draftId)).alternatives).toHaveLength(1));
  expect(client.refusals).toEqual([]);
  return { draftId, op1, op2, bracketId: bracket.id, setId: set.id };
}

describe('brackets and alternatives through the API', () => {
  it('lists brackets with their holders and counts them per clause, pillar and delegation; others join and leave', async () => {
    const { draftId, bracketId } = await negotiated();
    const first = await listing(norland, draftId);
    expect(first.brackets).toEqual([
      expect.objectContaining({
        id: bracketId,
        clauseNumber: 'OP1',
        text: 'promptly',
        holders: [{ id: affiliationOf.get(valdoria), name: 'Republic of Valdoria' }],
        openedBy: expect.objectContaining({ author: { id: valdoria.user.id, name: expect.any(String) } }),
      }),
    ]);
    expect(first.counts).toEqual({
      byClause: { OP1: 1 },
      byPillar: { 'transparency-cooperation': 1 },
      byDelegation: { [affiliationOf.get(valdoria)!]: 1 },
    });
    const joined = await norland.api(`/api/drafts/${draftId}/brackets/${bracketId}/holding`, {
      method: 'PUT',
      json: { holding: true },
    });
    expect(joined.status).toBe(200);
    expect((joined.body.bracket as BracketView).holders.map((holder) => holder.id).sort()).toEqual(
      [affiliationOf.get(valdoria), affiliationOf.get(norland)].sort(),
    );
    await valdoria.api(`/api/drafts/${draftId}/brackets/${bracketId}/holding`, {
      method: 'PUT',
      json: { holding: false },
    });
    expect((await listing(chair, draftId)).brackets[0]!.holders.map((holder) => holder.id)).toEqual([
      affiliationOf.get(norland),
    ]);
  });

  it('lets only the chair lift a bracket: the words stay, the markers go, the record keeps who held it', async () => {
    const { draftId, op1, bracketId } = await negotiated();
    const refused = await valdoria.api(`/api/drafts/${draftId}/brackets/${bracketId}`, { method: 'DELETE' });
    expect(refused.status).toBe(403);
    const reader = connectClient(s.collabUrl, draftId, { token: norland.token });
    cleanups.push(() => reader.destroy());
    await reader.synced();
    await waitFor(() => expect(shownWithMarkers(reader.doc, op1)).toBe('States should cooperate [promptly].'));
    const lifted = await chair.api(`/api/drafts/${draftId}/brackets/${bracketId}`, { method: 'DELETE' });
    expect(lifted.status).toBe(200);
    await waitFor(() => expect(shownWithMarkers(reader.doc, op1)).toBe('States should cooperate promptly.'));
    const after = await listing(chair, draftId);
    expect(after.brackets).toEqual([]);
    expect(after.settled).toEqual([
      expect.objectContaining({
        kind: 'bracket',
        markerId: bracketId,
        bracket: expect.objectContaining({ text: 'promptly' }),
      }),
    ]);
    expect((await chair.api(`/api/drafts/${draftId}/brackets/${bracketId}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('records support per wording; the chair selects one and the others stay in the record', async () => {
    const { draftId, op2, setId } = await negotiated();
    const set = (await listing(chair, draftId)).alternatives[0]!;
    expect(set.options.map((option) => [option.label, option.text])).toEqual([
      ['Alt 1', 'should'],
      ['Alt 2', 'must'],
    ]);
    const [should, must] = set.options;
    await norland.api(`/api/drafts/${draftId}/alternatives/${setId}/support`, {
      method: 'PUT',
      json: { option: must!.id },
    });
    const supported = (await listing(chair, draftId)).alternatives[0]!;
    expect(supported.options[1]!.supporters).toEqual([{ id: affiliationOf.get(norland), name: 'Kingdom of Norland' }]);
    expect(
      (
        await norland.api(`/api/drafts/${draftId}/alternatives/${setId}/select`, {
          method: 'POST',
          json: { option: must!.id },
        })
      ).status,
    ).toBe(403);
    const selected = await chair.api(`/api/drafts/${draftId}/alternatives/${setId}/select`, {
      method: 'POST',
      json: { option: must!.id },
    });
    expect(selected.status).toBe(200);
    const outline = await registryOutline(draftId);
    expect(outline.clauses.find((clause) => clause.id === op2)!.text).toBe('States must act without delay.');
    const record = (await listing(chair, draftId)).settled[0]!;
    expect(record).toMatchObject({ kind: 'alternative', selectedOption: must!.id });
    expect(record.alternative!.options.map((option) => [option.text, option.supporters.length])).toEqual([
      [should!.text, 0],
      ['must', 1],
    ]);
  });
});

async function registryOutline(draftId: string) {
  return (await s.registry.withDocument(draftId, async (document) => documentOutline(document.doc)))!;
}
