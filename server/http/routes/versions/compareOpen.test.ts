import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DraftSpec } from '../../../../shared/draftText';
import { readMarkers } from '../../../../shared/negotiationMarkers';
import type { OpenItem } from '../../../../shared/openItems';
import { documentJSON } from '../../../drafts/documentOutline';
import { readSuggestions } from '../../../suggestions/readSuggestions';
import { connectClient } from '../../../testing/collabClient';
import { marker, markerAttribution, placeMarkers } from '../../../testing/markers';
import { negotiationRoom } from '../../../testing/negotiationRoom';
import type { TestSession } from '../../../testing/session';
import { clauseIdOf, elementWithId, fetchOutline, ownText } from '../../../testing/structuredDraft';
import { waitFor } from '../../../testing/waitFor';

const SPEC: DraftSpec = {
  title: 'Compare what is open',
  preamble: [],
  operative: ['States should cooperate promptly.', 'States should act without delay.'],
};

const room = negotiationRoom();

describe('compare lists the open suggestions, brackets and alternatives of both texts', () => {
  it('says what was settled since a version, what is new and what is still open, with who stands behind each', async () => {
    const draftId = await room.draft(SPEC);
    const outline = await fetchOutline(room.chair, draftId);
    const [op1, op2] = [clauseIdOf(outline, 'OP1'), clauseIdOf(outline, 'OP2')];
    const by = (session: TestSession, tail: string) =>
      markerAttribution(session.user.id, room.affiliationOf(session), tail);
    const writer = async (session: TestSession) => {
      const client = connectClient(room.s.collabUrl, draftId, { token: session.token });
      room.later(() => client.destroy());
      await client.synced();
      return client;
    };
    const live = async () => {
      const document = (await room.s.registry.withDocument(draftId, async (d) => documentJSON(d.doc)))!;
      return {
        brackets: readMarkers(document).brackets.map((bracket) => bracket.text),
        suggestions: readSuggestions(document).map((suggestion) => suggestion.text),
      };
    };

    // Valdoria brackets “promptly” in OP1 and suggests “ firmly” in OP2; Norland joins the bracket.
    const bracket = by(room.valdoria, 'bra800');
    const firmly = by(room.valdoria, 'ins801');
    const valdoria = await writer(room.valdoria);
    valdoria.doc.transact(() =>
      placeMarkers(valdoria.doc, op1, [
        [24, marker('bracket', { ...bracket, side: 'open' })],
        [32, marker('bracket', { ...bracket, side: 'close' })],
      ]),
    );
    valdoria.doc.transact(() => ownText(elementWithId(valdoria.doc, op2)).insert(17, ' firmly', { insertion: firmly }));
    await waitFor(async () => expect(await live()).toEqual({ brackets: ['promptly'], suggestions: [' firmly'] }));
    const joined = await room.norland.api(`/api/drafts/${draftId}/brackets/${bracket.id}/holding`, {
      method: 'PUT',
      json: { holding: true },
    });
    expect(joined.status).toBe(200);

    const created = await room.chair.api(`/api/drafts/${draftId}/versions`, {
      method: 'POST',
      json: { label: 'Rev.1' },
    });
    const versionId = (created.body.version as { id: string }).id;

    // Since Rev.1: the chair accepts “ firmly”, and Norland suggests “ today” in OP1.
    const accepted = await room.chair.api(`/api/drafts/${draftId}/suggestions/${firmly.id}/accept`, { method: 'POST' });
    expect(accepted.status).toBe(200);
    const today = by(room.norland, 'ins802');
    const norland = await writer(room.norland);
    await waitFor(async () => expect(readSuggestions(documentJSON(norland.doc))).toEqual([]));
    // OP1's paragraph reads "States should cooperate ", [, "promptly", ], "."
    const afterBracket = (elementWithId(norland.doc, op1).get(0) as Y.XmlElement).get(4) as Y.XmlText;
    norland.doc.transact(() => afterBracket.insert(0, ' today', { insertion: today }));
    await waitFor(async () => expect(await live()).toEqual({ brackets: ['promptly'], suggestions: [' today'] }));

    const compared = await room.valdoria.api(`/api/drafts/${draftId}/compare?from=${versionId}&to=live`);
    expect(compared.status).toBe(200);
    const held = 'Republic of Valdoria, Kingdom of Norland';
    const promptly: OpenItem = {
      key: `bracket:${bracket.id}`,
      clauseId: op1,
      number: 'OP1',
      kind: 'bracket',
      text: 'promptly',
      by: held,
    };
    expect(compared.body.open).toEqual({
      from: [
        promptly,
        {
          key: `insert:${firmly.id}`,
          clauseId: op2,
          number: 'OP2',
          kind: 'insert',
          text: ' firmly',
          by: 'Republic of Valdoria',
        },
      ],
      to: [
        {
          key: `insert:${today.id}`,
          clauseId: op1,
          number: 'OP1',
          kind: 'insert',
          text: ' today',
          by: 'Kingdom of Norland',
        },
        promptly,
      ],
    });

    // The HTML redline lists the same, by clause.
    const html = (await room.valdoria.api(`/api/drafts/${draftId}/compare?from=${versionId}&to=live&format=html`)).body
      .text as string;
    const section = html.slice(html.indexOf('OPEN SUGGESTIONS, BRACKETS AND ALTERNATIVES'));
    const lines = [...section.matchAll(/<span class="num">([^<]*)<\/span>|<li class="[^"]*">(.*?)<\/li>/g)].map(
      (match) => (match[1] ?? match[2]!).replace(/<[^>]+>/g, ''),
    );
    expect(lines).toEqual([
      'OP1',
      'new since Rev.1 Insert “today” — suggested by Kingdom of Norland',
      `still open [promptly] — held open by ${held}`,
      'OP2',
      'settled since Rev.1 Insert “firmly” — suggested by Republic of Valdoria',
    ]);
  });
});
