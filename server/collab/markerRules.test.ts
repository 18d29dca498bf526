import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RefusalCode } from '../../shared/closeCodes';
import type { DraftSpec } from '../../shared/draftText';
import { connectClient } from '../testing/collabClient';
import { RawCollabClient } from '../testing/RawCollabClient';
import { marker, markerAttribution, placeMarkers, shownWithMarkers as shown } from '../testing/markers';
import { clauseIdOf, elementWithId, fetchOutline } from '../testing/structuredDraft';
import { negotiationRoom } from '../testing/negotiationRoom';
import type { TestSession } from '../testing/session';
import { waitFor } from '../testing/waitFor';

const SPEC: DraftSpec = {
  title: 'Brackets',
  preamble: [],
  operative: [{ text: 'States shall protect hospitals.', status: 'agreed' }, 'States should cooperate promptly.'],
};

const room = negotiationRoom();

async function setUp(): Promise<{ draftId: string; op1: string; op2: string }> {
  const draftId = await room.draft(SPEC);
  const outline = await fetchOutline(room.chair, draftId);
  return { draftId, op1: clauseIdOf(outline, 'OP1'), op2: clauseIdOf(outline, 'OP2') };
}

function attribution(session: TestSession, tail: string, as: TestSession = session) {
  return markerAttribution(as.user.id, room.affiliationOf(as), tail);
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
  const a = await room.raw(ids.draftId, room.valdoria);
  const bracket = attribution(room.valdoria, 'bra001');
  a.send((doc) =>
    placeMarkers(doc, ids.op2, [
      [24, marker('bracket', { ...bracket, side: 'open' })],
      [32, marker('bracket', { ...bracket, side: 'close' })],
    ]),
  );
  const reader = connectClient(room.s.collabUrl, ids.draftId, { token: room.chair.token });
  room.later(() => reader.destroy());
  await reader.synced();
  await waitFor(() => expect(shown(reader.doc, ids.op2)).toBe('States should cooperate [promptly].'));
  expect(a.refusals).toEqual([]);
  return { ...ids, reader };
}

describe('the server judges brackets and alternatives', () => {
  it('lets a delegate bracket words, and others type inside the brackets', async () => {
    const { draftId, op2, reader } = await bracketed();
    const n = await room.raw(draftId, room.norland);
    n.send((doc) => ((elementWithId(doc, op2).get(0) as Y.XmlElement).get(2) as Y.XmlText).insert(0, 'very '));
    await waitFor(() => expect(shown(reader.doc, op2)).toBe('States should cooperate [very promptly].'));
    expect(n.refusals).toEqual([]);
  });

  it('refuses another delegation removing the bracket, or deleting the clause that holds it; the chair may', async () => {
    const { draftId, op2, reader } = await bracketed();
    const n = await room.raw(draftId, room.norland);
    n.send((doc) => (elementWithId(doc, op2).get(0) as Y.XmlElement).delete(1, 1));
    expect(await refusalOf(n)).toMatchObject({
      code: RefusalCode.NotAllowed,
      reason: expect.stringMatching(/^Only the chair removes a bracket/),
    });
    const n2 = await room.raw(draftId, room.norland);
    n2.send((doc) => {
      const section = elementWithId(doc, op2).parent as Y.XmlElement;
      section.delete(section.toArray().indexOf(elementWithId(doc, op2)), 1);
    });
    expect((await refusalOf(n2)).code).toBe(RefusalCode.NotAllowed);
    // Even the delegation that placed it cannot lift it: only the chair settles brackets.
    const a = await room.raw(draftId, room.valdoria);
    a.send((doc) => (elementWithId(doc, op2).get(0) as Y.XmlElement).delete(3, 1));
    expect((await refusalOf(a)).code).toBe(RefusalCode.NotAllowed);
    const c = await room.raw(draftId, room.chair);
    c.send((doc) => (elementWithId(doc, op2).get(0) as Y.XmlElement).delete(1, 1));
    await waitFor(() => expect(shown(reader.doc, op2)).toBe('States should cooperate promptly].'));
    expect(c.refusals).toEqual([]);
  });

  it('refuses a bracket in another delegation’s name, and a bracket in an agreed clause', async () => {
    const { draftId, op1, op2 } = await setUp();
    const a = await room.raw(draftId, room.valdoria);
    const forged = attribution(room.valdoria, 'bra002', room.norland);
    a.send((doc) => placeMarkers(doc, op2, [[0, marker('bracket', { ...forged, side: 'open' })]]));
    expect((await refusalOf(a)).code).toBe(RefusalCode.NotAllowed);
    const b = await room.raw(draftId, room.valdoria);
    const own = attribution(room.valdoria, 'bra003');
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
    const a = await room.raw(draftId, room.valdoria);
    const set = attribution(room.valdoria, 'alt001');
    a.send((doc) =>
      placeMarkers(doc, op2, [
        [7, marker('alternative', { ...set, side: 'open', option: `${room.valdoria.user.id}:opt001` })],
        [14, marker('alternative', { ...set, side: 'next', option: `${room.valdoria.user.id}:opt002` })],
        [14, new Y.XmlText('shall ')],
        [14, marker('alternative', { ...set, side: 'close', option: null })],
      ]),
    );
    const reader = connectClient(room.s.collabUrl, draftId, { token: room.chair.token });
    room.later(() => reader.destroy());
    await reader.synced();
    await waitFor(() => expect(shown(reader.doc, op2)).toBe('States [should |shall ]cooperate promptly.'));
    const n = await room.raw(draftId, room.norland);
    n.send((doc) => {
      const paragraph = elementWithId(doc, op2).get(0) as Y.XmlElement;
      const next = { ...set, author: room.norland.user.id, delegation: room.affiliationOf(room.norland) };
      paragraph.insert(5, [
        marker('alternative', { ...next, side: 'next', option: `${room.norland.user.id}:opt003` }),
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
    await room.s.storage.updateDraft(draftId, { facilitatorSince: new Date() });
    const a = await room.raw(draftId, room.valdoria);
    const bracket = attribution(room.valdoria, 'bra004');
    a.send((doc) =>
      placeMarkers(doc, op2, [
        [0, marker('bracket', { ...bracket, side: 'open' })],
        [6, marker('bracket', { ...bracket, side: 'close' })],
      ]),
    );
    const reader = connectClient(room.s.collabUrl, draftId, { token: room.chair.token });
    room.later(() => reader.destroy());
    await reader.synced();
    await waitFor(() => expect(shown(reader.doc, op2)).toBe('[States] should cooperate promptly.'));
    expect(a.refusals).toEqual([]);
    a.send((doc) => ((elementWithId(doc, op2).get(0) as Y.XmlElement).get(3) as Y.XmlText).insert(0, ' now'));
    expect(await refusalOf(a)).toMatchObject({
      code: RefusalCode.NotAllowed,
      reason: expect.stringMatching(/suggesting the only way/),
    });
  });

  it('keeps a bracket placed while another delegation types in the same paragraph, and every word typed, the same for everyone', async () => {
    const { draftId, op2 } = await setUp();
    const a = await room.raw(draftId, room.valdoria);
    const n = await room.raw(draftId, room.norland);
    const bracket = attribution(room.valdoria, 'bra005');
    // Valdoria brackets "promptly" as the editor's binding writes it: the paragraph's text keeps the
    // words before the bracket, and the bracket, its words and the rest come after it. Norland types
    // at the start and after the bracketed word before either has heard of the other's change.
    a.send((doc) => {
      const paragraph = elementWithId(doc, op2).get(0) as Y.XmlElement;
      const text = paragraph.get(0) as Y.XmlText;
      text.delete(24, text.length - 24);
      paragraph.insert(1, [
        marker('bracket', { ...bracket, side: 'open' }),
        new Y.XmlText('promptly'),
        marker('bracket', { ...bracket, side: 'close' }),
        new Y.XmlText('.'),
      ]);
    });
    n.send((doc) => {
      const text = (elementWithId(doc, op2).get(0) as Y.XmlElement).get(0) as Y.XmlText;
      text.insert(text.length, ' Also');
      text.insert(0, 'All ');
    });
    const reader = connectClient(room.s.collabUrl, draftId, { token: room.chair.token });
    room.later(() => reader.destroy());
    await reader.synced();
    await waitFor(() => {
      const seen = shown(reader.doc, op2);
      expect(shown(a.doc, op2)).toBe(seen);
      expect(shown(n.doc, op2)).toBe(seen);
      // Nothing is lost and the bracket holds its words. Words typed after the bracketed span at the
      // very moment it was placed land before it (docs/brackets-and-alternatives.md).
      expect(seen).toBe('All States should cooperate  Also[promptly].');
    });
    expect([a.refusals, n.refusals]).toEqual([[], []]);
  });
});
