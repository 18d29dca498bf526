import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RefusalCode } from '../../shared/closeCodes';
import type { DraftSpec } from '../../shared/draftText';
import { connectClient } from '../testing/collabClient';
import { RawCollabClient } from '../testing/RawCollabClient';
import type { TestSession } from '../testing/session';
import { DEMO, signIn } from '../testing/session';
import type { TestServer } from '../testing/startTestServer';
import { startTestServer } from '../testing/startTestServer';
import { marker, markerAttribution, placeMarkers, shownWithMarkers as shown } from '../testing/markers';
import { clauseIdOf, createStructuredDraft, elementWithId, fetchOutline } from '../testing/structuredDraft';
import { waitFor } from '../testing/waitFor';

const SPEC: DraftSpec = {
  title: 'Brackets',
  preamble: [],
  operative: [{ text: 'States shall protect hospitals.', status: 'agreed' }, 'States should cooperate promptly.'],
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

async function setUp(): Promise<{ draftId: string; op1: string; op2: string }> {
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
  return { draftId, op1: clauseIdOf(outline, 'OP1'), op2: clauseIdOf(outline, 'OP2') };
}

async function raw(draftId: string, session: TestSession): Promise<RawCollabClient> {
  const client = await RawCollabClient.connect(s.collabUrl, draftId, session.token);
  cleanups.push(() => client.close());
  return client;
}

function attribution(session: TestSession, tail: string, as: TestSession = session) {
  return markerAttribution(as.user.id, affiliationOf.get(as)!, tail);
}

async function refusalOf(client: RawCollabClient): Promise<{ code: string; reason: string }> {
  await waitFor(() => expect(client.refusals).toHaveLength(1));
  return client.refusals[0]!;
}

/** Valdoria brackets "promptly" in OP2; the reader sees it. */
async function bracketed(): Promise<{
  draftId: string;
  op1: string;
  op2: string;
  reader: ReturnType<typeof connectClient>;
}> {
  const ids = await setUp();
  const a = await raw(ids.draftId, valdoria);
  const bracket = attribution(valdoria, 'bra001');
  a.send((doc) =>
    placeMarkers(doc, ids.op2, [
      [24, marker('bracket', { ...bracket, side: 'open' })],
      [32, marker('bracket', { ...bracket, side: 'close' })],
    ]),
  );
  const reader = connectClient(s.collabUrl, ids.draftId, { token: chair.token });
  cleanups.push(() => reader.destroy());
  await reader.synced();
  await waitFor(() => expect(shown(reader.doc, ids.op2)).toBe('States should cooperate [promptly].'));
  expect(a.refusals).toEqual([]);
  return { ...ids, reader };
}

describe('the server judges brackets and alternatives', () => {
  it('lets a delegate bracket words, and others type inside the brackets', async () => {
    const { draftId, op2, reader } = await bracketed();
    const n = await raw(draftId, norland);
    n.send((doc) => ((elementWithId(doc, op2).get(0) as Y.XmlElement).get(2) as Y.XmlText).insert(0, 'very '));
    await waitFor(() => expect(shown(reader.doc, op2)).toBe('States should cooperate [very promptly].'));
    expect(n.refusals).toEqual([]);
  });

  it('refuses another delegation removing the bracket, or deleting the clause that holds it; the chair may', async () => {
    const { draftId, op2, reader } = await bracketed();
    const n = await raw(draftId, norland);
    n.send((doc) => (elementWithId(doc, op2).get(0) as Y.XmlElement).delete(1, 1));
    expect(await refusalOf(n)).toMatchObject({
      code: RefusalCode.NotAllowed,
      reason: expect.stringMatching(/^Only the chair removes a bracket/),
    });
    const n2 = await raw(draftId, norland);
    n2.send((doc) => {
      const section = elementWithId(doc, op2).parent as Y.XmlElement;
      section.delete(section.toArray().indexOf(elementWithId(doc, op2)), 1);
    });
    expect((await refusalOf(n2)).code).toBe(RefusalCode.NotAllowed);
    // Even the delegation that placed it cannot lift it: only the chair settles brackets.
    const a = await raw(draftId, valdoria);
    a.send((doc) => (elementWithId(doc, op2).get(0) as Y.XmlElement).delete(3, 1));
    expect((await refusalOf(a)).code).toBe(RefusalCode.NotAllowed);
    const c = await raw(draftId, chair);
    c.send((doc) => (elementWithId(doc, op2).get(0) as Y.XmlElement).delete(1, 1));
    await waitFor(() => expect(shown(reader.doc, op2)).toBe('States should cooperate promptly].'));
    expect(c.refusals).toEqual([]);
  });

  it('refuses a bracket in another delegation’s name, and a bracket in an agreed clause', async () => {
    const { draftId, op1, op2 } = await setUp();
    const a = await raw(draftId, valdoria);
    const forged = attribution(valdoria, 'bra002', norland);
    a.send((doc) => placeMarkers(doc, op2, [[0, marker('bracket', { ...forged, side: 'open' })]]));
    expect((await refusalOf(a)).code).toBe(RefusalCode.NotAllowed);
    const b = await raw(draftId, valdoria);
    const own = attribution(valdoria, 'bra003');
    b.send((doc) =>
      placeMarkers(doc, op1, [
        [7, marker('bracket', { ...own, side: 'open' })],
        [12, marker('bracket', { ...own, side: 'close' })],
      ]),
    );
    expect((await refusalOf(b)).code).toBe(RefusalCode.AgreedClause);
  });

  it('lets another delegation add its own wording to alternatives, but not take away someone else’s', async () => {
    const { draftId, op2 } = await setUp();
    const a = await raw(draftId, valdoria);
    const set = attribution(valdoria, 'alt001');
    a.send((doc) =>
      placeMarkers(doc, op2, [
        [7, marker('alternative', { ...set, side: 'open', option: `${valdoria.user.id}:opt001` })],
        [14, marker('alternative', { ...set, side: 'next', option: `${valdoria.user.id}:opt002` })],
        [14, new Y.XmlText('shall ')],
        [14, marker('alternative', { ...set, side: 'close', option: null })],
      ]),
    );
    const reader = connectClient(s.collabUrl, draftId, { token: chair.token });
    cleanups.push(() => reader.destroy());
    await reader.synced();
    await waitFor(() => expect(shown(reader.doc, op2)).toBe('States [should |shall ]cooperate promptly.'));
    const n = await raw(draftId, norland);
    n.send((doc) => {
      const paragraph = elementWithId(doc, op2).get(0) as Y.XmlElement;
      const next = { ...set, author: norland.user.id, delegation: affiliationOf.get(norland)! };
      paragraph.insert(5, [
        marker('alternative', { ...next, side: 'next', option: `${norland.user.id}:opt003` }),
        new Y.XmlText('must '),
      ]);
    });
    await waitFor(() => expect(shown(reader.doc, op2)).toBe('States [should |shall |must ]cooperate promptly.'));
    expect(n.refusals).toEqual([]);
    n.send((doc) => (elementWithId(doc, op2).get(0) as Y.XmlElement).delete(3, 2));
    expect((await refusalOf(n)).code).toBe(RefusalCode.NotAllowed);
  });

  it('in facilitator mode, lets delegates bracket words but not type directly', async () => {
    const { draftId, op2 } = await setUp();
    await s.storage.updateDraft(draftId, { facilitatorSince: new Date() });
    const a = await raw(draftId, valdoria);
    const bracket = attribution(valdoria, 'bra004');
    a.send((doc) =>
      placeMarkers(doc, op2, [
        [0, marker('bracket', { ...bracket, side: 'open' })],
        [6, marker('bracket', { ...bracket, side: 'close' })],
      ]),
    );
    const reader = connectClient(s.collabUrl, draftId, { token: chair.token });
    cleanups.push(() => reader.destroy());
    await reader.synced();
    await waitFor(() => expect(shown(reader.doc, op2)).toBe('[States] should cooperate promptly.'));
    expect(a.refusals).toEqual([]);
    a.send((doc) => ((elementWithId(doc, op2).get(0) as Y.XmlElement).get(3) as Y.XmlText).insert(0, ' now'));
    expect(await refusalOf(a)).toMatchObject({
      code: RefusalCode.NotAllowed,
      reason: expect.stringMatching(/suggesting the only way/),
    });
  });
});
