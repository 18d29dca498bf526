import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocumentNodeJSON } from '../../../../shared/documentJSON';
import type { DraftSpec } from '../../../../shared/draftText';
import { readMarkers } from '../../../../shared/negotiationMarkers';
import { documentJSON } from '../../../drafts/documentOutline';
import { connectClient } from '../../../testing/collabClient';
import { marker, markerAttribution, placeMarkers } from '../../../testing/markers';
import { negotiationRoom } from '../../../testing/negotiationRoom';
import { clauseIdOf, elementWithId, fetchOutline } from '../../../testing/structuredDraft';
import { waitFor } from '../../../testing/waitFor';
import { readSuggestions } from '../../../suggestions/readSuggestions';

const SPEC: DraftSpec = {
  title: 'Versions of a negotiation',
  preamble: [],
  operative: ['States should cooperate promptly.', 'States should act without delay.'],
};

const room = negotiationRoom();

describe('versions and restore carry suggestions, brackets and alternatives', () => {
  it('a version keeps them as they stood; restoring it brings them back after they were settled', async () => {
    const draftId = await room.draft(SPEC);
    const outline = await fetchOutline(room.chair, draftId);
    const [op1, op2] = [clauseIdOf(outline, 'OP1'), clauseIdOf(outline, 'OP2')];
    const by = (tail: string) => markerAttribution(room.valdoria.user.id, room.affiliationOf(room.valdoria), tail);
    const a = await room.raw(draftId, room.valdoria);
    const bracket = by('bra700');
    const set = by('alt700');
    a.send((doc) => {
      placeMarkers(doc, op1, [
        [24, marker('bracket', { ...bracket, side: 'open' })],
        [32, marker('bracket', { ...bracket, side: 'close' })],
      ]);
      placeMarkers(doc, op2, [
        [7, marker('alternative', { ...set, side: 'open', option: `${room.valdoria.user.id}:opt701` })],
        [14, marker('alternative', { ...set, side: 'next', option: `${room.valdoria.user.id}:opt702` })],
        [14, new Y.XmlText('must ')],
        [14, marker('alternative', { ...set, side: 'close', option: null })],
      ]);
    });
    a.send((doc) => {
      const last = (elementWithId(doc, op2).get(0) as Y.XmlElement).get(6) as Y.XmlText;
      last.insert(last.length - 1, ' together', { insertion: by('ins700') });
    });
    const reader = connectClient(room.s.collabUrl, draftId, { token: room.chair.token });
    room.later(() => reader.destroy());
    await reader.synced();
    const marksOf = (document: DocumentNodeJSON) => ({
      brackets: readMarkers(document).brackets.map((b) => b.text),
      wordings: readMarkers(document).alternatives.map((s) => s.options.map((o) => o.text)),
      suggestions: readSuggestions(document).map((s) => s.text),
    });
    const expected = { brackets: ['promptly'], wordings: [['should', 'must']], suggestions: [' together'] };
    const live = async () => marksOf((await room.s.registry.withDocument(draftId, async (d) => documentJSON(d.doc)))!);
    await waitFor(async () => expect(await live()).toEqual(expected));
    expect(a.refusals).toEqual([]);

    const created = await room.chair.api(`/api/drafts/${draftId}/versions`, {
      method: 'POST',
      json: { label: 'Rev.1' },
    });
    expect(created.status).toBe(201);
    const versionId = (created.body.version as { id: string }).id;
    const version = await room.chair.api(`/api/drafts/${draftId}/versions/${versionId}`);
    expect(marksOf(version.body.document as DocumentNodeJSON)).toEqual(expected);

    // Settled in the live text …
    const suggestionId = (await room.chair.api(`/api/drafts/${draftId}/suggestions`)).body.suggestions as {
      id: string;
    }[];
    await room.chair.api(`/api/drafts/${draftId}/suggestions/${suggestionId[0]!.id}/accept`, { method: 'POST' });
    await room.chair.api(`/api/drafts/${draftId}/brackets/${bracket.id}`, { method: 'DELETE' });
    await room.chair.api(`/api/drafts/${draftId}/alternatives/${set.id}/select`, {
      method: 'POST',
      json: { option: `${room.valdoria.user.id}:opt702` },
    });
    await waitFor(async () => expect(await live()).toEqual({ brackets: [], wordings: [], suggestions: [] }));

    // … and back, as they stood in Rev.1, once Rev.1 is restored.
    const restored = await room.chair.api(`/api/drafts/${draftId}/versions/${versionId}/restore`, {
      method: 'POST',
      json: {},
    });
    expect(restored.status).toBe(200);
    await waitFor(async () => expect(await live()).toEqual(expected));
  });
});
