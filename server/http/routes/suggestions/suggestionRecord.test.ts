import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { RefusalCode } from '../../../../shared/closeCodes';
import type { DraftSpec } from '../../../../shared/draftText';
import type { Suggestion } from '../../../../shared/suggestions';
import { connectClient } from '../../../testing/collabClient';
import { markerAttribution } from '../../../testing/markers';
import { negotiationRoom } from '../../../testing/negotiationRoom';
import { SuggestionService } from '../../../suggestions/SuggestionService';
import type { RawCollabClient } from '../../../testing/RawCollabClient';
import type { TestSession } from '../../../testing/session';
import { clauseIdOf, elementWithId, fetchOutline, ownText } from '../../../testing/structuredDraft';
import { waitFor } from '../../../testing/waitFor';

const SPEC: DraftSpec = {
  title: 'Suggestions on the record',
  preamble: [],
  operative: ['States should protect hospitals promptly.', 'States should cooperate.'],
};

const room = negotiationRoom();

const by = (session: TestSession, tail: string) =>
  markerAttribution(session.user.id, room.affiliationOf(session), tail);

/** A clause's own words as every reader's text holds them, each run with the names of its marks. */
function marked(doc: Y.Doc, clauseId: string): string {
  return (ownText(elementWithId(doc, clauseId)).toDelta() as { insert: string; attributes?: object }[])
    .map(({ insert, attributes }) => {
      const marks = Object.keys(attributes ?? {}).map((key) => key.replace(/--.*$/, ''));
      return marks.length === 0 ? insert : `<${marks.sort().join('+')}>${insert}</>`;
    })
    .join('');
}

/** Where `words` start in a clause's own words (the offset a change there uses). */
function offsetOf(doc: Y.Doc, clauseId: string, words: string): number {
  const text = (ownText(elementWithId(doc, clauseId)).toDelta() as { insert: string }[])
    .map((op) => op.insert)
    .join('');
  return text.indexOf(words);
}

/** `session` proposes to strike `words` from the clause, as a deletion of theirs. */
function strike(client: RawCollabClient, session: TestSession, clauseId: string, words: string, tail: string): void {
  client.send((doc) =>
    ownText(elementWithId(doc, clauseId)).format(offsetOf(doc, clauseId, words), words.length, {
      'deletion--nnnnnnnn': by(session, tail),
    }),
  );
}

async function setUp() {
  const draftId = await room.draft(SPEC);
  const outline = await fetchOutline(room.chair, draftId);
  const [op1, op2] = [clauseIdOf(outline, 'OP1'), clauseIdOf(outline, 'OP2')];
  const watcher = connectClient(room.s.collabUrl, draftId, { token: room.chair.token });
  room.later(() => watcher.destroy());
  await watcher.synced();
  return { draftId, op1, op2, watcher };
}

async function suggestions(draftId: string): Promise<Suggestion[]> {
  const response = await room.chair.api(`/api/drafts/${draftId}/suggestions`);
  expect(response.status).toBe(200);
  return response.body.suggestions as Suggestion[];
}

const decide = (draftId: string, id: string, action: 'accept' | 'reject') =>
  room.chair.api(`/api/drafts/${draftId}/suggestions/${encodeURIComponent(id)}/${action}`, { method: 'POST' });

/** Valdoria proposes " and clinics" after "hospitals" in OP1, and waits until the server lists it. */
async function suggestClinics(draftId: string, op1: string, tail: string): Promise<RawCollabClient> {
  const valdoria = await room.raw(draftId, room.valdoria);
  valdoria.send((doc) =>
    ownText(elementWithId(doc, op1)).insert(offsetOf(doc, op1, ' promptly'), ' and clinics', {
      insertion: by(room.valdoria, tail),
    }),
  );
  await waitFor(async () => expect((await suggestions(draftId)).map((s) => s.status)).toContain('open'));
  expect(valdoria.refusals).toEqual([]);
  return valdoria;
}

describe('decisions on suggestions, on the record', () => {
  it('reads in the clause’s history as what was decided, and is in the audit log with everything about it', async () => {
    const { draftId, op1, watcher } = await setUp();
    await suggestClinics(draftId, op1, 'ins800');
    strike(await room.raw(draftId, room.norland), room.norland, op1, ' promptly', 'del800');
    await waitFor(async () => expect(await suggestions(draftId)).toHaveLength(2));
    const listed = await suggestions(draftId);
    const clinics = listed.find((s) => s.kind === 'insert')!;
    const promptly = listed.find((s) => s.kind === 'delete')!;
    expect(promptly.text).toBe(' promptly');

    expect((await decide(draftId, clinics.id, 'accept')).status).toBe(200);
    expect((await decide(draftId, promptly.id, 'reject')).status).toBe(200);
    await waitFor(() => expect(marked(watcher.doc, op1)).toBe('States should protect hospitals and clinics promptly.'));

    type Entry = { author: { name: string } | null; clauses: { id: string }[]; summary: string | null };
    const history = async () => (await room.valdoria.api(`/api/drafts/${draftId}/history`)).body.changes as Entry[];
    // The decisions are also the chair's changes to OP1, as every edit is (written with the history's next batch).
    await waitFor(async () =>
      expect(await history()).toContainEqual(
        expect.objectContaining({ summary: null, author: expect.objectContaining({ name: 'Amina Diallo' }) }),
      ),
    );
    const lines = (await history()).filter((entry) => entry.summary !== null);
    expect(lines.map((entry) => entry.summary)).toEqual([
      'Rejected Kingdom of Norland’s suggestion to delete “promptly” in OP1',
      'Accepted Republic of Valdoria’s suggestion to insert “and clinics” in OP1',
    ]);
    expect(lines.map((entry) => [entry.author?.name, entry.clauses])).toEqual([
      ['Amina Diallo', [{ id: op1, number: 'OP1' }]],
      ['Amina Diallo', [{ id: op1, number: 'OP1' }]],
    ]);

    const audit = (await room.chair.api(`/api/drafts/${draftId}/audit`)).body.entries as {
      action: string;
      actorId: string;
      details: Record<string, unknown>;
    }[];
    expect(audit.filter((entry) => entry.action.startsWith('suggestion.'))).toEqual([
      {
        id: expect.any(Number),
        at: expect.any(String),
        draftId,
        actorId: room.chair.user.id,
        action: 'suggestion.rejected',
        details: {
          suggestionId: promptly.id,
          clauseId: op1,
          kind: 'delete',
          text: ' promptly',
          delegationId: room.affiliationOf(room.norland),
          authorId: room.norland.user.id,
        },
      },
      expect.objectContaining({
        action: 'suggestion.accepted',
        details: expect.objectContaining({ text: ' and clinics' }),
      }),
    ]);
  });

  it('lets only one of several decisions made at once on the same suggestion apply; the others answer 409 and change nothing', async () => {
    const { draftId, op1, op2, watcher } = await setUp();
    strike(await room.raw(draftId, room.norland), room.norland, op1, ' promptly', 'del810');
    await waitFor(async () => expect(await suggestions(draftId)).toHaveLength(1));
    const [promptly] = await suggestions(draftId);

    // The chair's two windows, and a double click in each, all at once.
    const actions = ['accept', 'reject', 'accept', 'reject'] as const;
    const answers = await Promise.all(actions.map((action) => decide(draftId, promptly!.id, action)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409, 409, 409]);
    const winner = actions[answers.findIndex((answer) => answer.status === 200)] === 'accept' ? 'accepted' : 'rejected';
    for (const answer of answers.filter((candidate) => candidate.status === 409))
      expect(answer.body.error).toMatch(/^suggestion_(decided|gone)$/);
    expect((await suggestions(draftId)).map((s) => [s.id, s.status])).toEqual([[promptly!.id, winner]]);
    const words =
      winner === 'accepted' ? 'States should protect hospitals.' : 'States should protect hospitals promptly.';
    await waitFor(() => expect(marked(watcher.doc, op1)).toBe(words));
    const audit = (await room.chair.api(`/api/drafts/${draftId}/audit`)).body.entries as { action: string }[];
    expect(audit.filter((entry) => entry.action.startsWith('suggestion.')).map((entry) => entry.action)).toEqual([
      `suggestion.${winner}`,
    ]);

    // Over HTTP the embedded database answers so fast that requests rarely overlap; in one turn of the
    // event loop they do: both read the suggestion as open before either changes the text.
    strike(await room.raw(draftId, room.norland), room.norland, op2, ' should', 'del811');
    await waitFor(async () => expect((await suggestions(draftId)).map((s) => s.status)).toContain('open'));
    const again = (await suggestions(draftId)).find((s) => s.status === 'open')!;
    const service = new SuggestionService(room.s.storage, room.s.registry, room.s.logger);
    const chair = { userId: room.chair.user.id, affiliationId: room.affiliationOf(room.chair) };
    const outcomes = await Promise.allSettled([
      service.decide(draftId, again.id, 'accepted', chair),
      service.decide(draftId, again.id, 'rejected', chair),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(outcomes.find((outcome) => outcome.status === 'rejected')?.reason).toMatchObject({ status: 409 });
    const decided = outcomes.find((outcome) => outcome.status === 'fulfilled')!.value.status;
    expect((await suggestions(draftId)).find((s) => s.id === again.id)?.status).toBe(decided);
    const op2Words = decided === 'accepted' ? 'States cooperate.' : 'States should cooperate.';
    await waitFor(() => expect(marked(watcher.doc, op2)).toBe(op2Words));
  });

  it('lists a decided suggestion that restoring a version brought back as open, and lets the chair decide it again', async () => {
    const { draftId, op1 } = await setUp();
    const valdoria = await suggestClinics(draftId, op1, 'ins820');
    const [clinics] = await suggestions(draftId);
    const created = await room.chair.api(`/api/drafts/${draftId}/versions`, {
      method: 'POST',
      json: { label: 'Rev.1' },
    });
    expect(created.status).toBe(201);
    expect((await decide(draftId, clinics!.id, 'accept')).status).toBe(200);
    valdoria.close();

    const versionId = (created.body.version as { id: string }).id;
    const restored = await room.chair.api(`/api/drafts/${draftId}/versions/${versionId}/restore`, {
      method: 'POST',
      json: {},
    });
    expect(restored.status).toBe(200);
    // Its marks are in the text again: it is open, whatever was decided before.
    expect((await suggestions(draftId)).map((s) => [s.id, s.status])).toEqual([[clinics!.id, 'open']]);

    const rejected = await decide(draftId, clinics!.id, 'reject');
    expect(rejected.status).toBe(200);
    expect((rejected.body.suggestion as Suggestion).status).toBe('rejected');
    expect((await suggestions(draftId)).map((s) => [s.id, s.status])).toEqual([[clinics!.id, 'rejected']]);
    const live = await room.s.registry.withDocument(draftId, async (document) => marked(document.doc, op1));
    expect(live).toBe('States should protect hospitals promptly.');
  });

  it('applies facilitator mode to open connections both ways without reconnecting, and the draft says which mode it is in', async () => {
    const { draftId, op2, watcher } = await setUp();
    const mode = async () =>
      (await room.valdoria.api(`/api/drafts/${draftId}`)).body.draft as { facilitatorMode: boolean };
    expect(await mode()).toMatchObject({ facilitatorMode: false });
    // Both connections are open before the chair turns it on, and stay open throughout.
    const typist = await room.raw(draftId, room.valdoria);
    const suggester = await room.raw(draftId, room.norland);
    const facilitate = (on: boolean) =>
      room.chair.api(`/api/drafts/${draftId}/facilitator-mode`, { method: 'PUT', json: { on } });

    expect((await facilitate(true)).status).toBe(200);
    expect(await mode()).toMatchObject({ facilitatorMode: true });
    await waitFor(() => expect(suggester.events).toContainEqual({ type: 'facilitator-mode', on: true }));
    suggester.send((doc) =>
      ownText(elementWithId(doc, op2)).insert(0, 'All ', { insertion: by(room.norland, 'ins830') }),
    );
    await waitFor(() => expect(marked(watcher.doc, op2)).toBe('<insertion>All </>States should cooperate.'));
    typist.send((doc) => ownText(elementWithId(doc, op2)).insert(ownText(elementWithId(doc, op2)).length, ' Now'));
    await waitFor(() => expect(typist.refusals).toHaveLength(1));
    expect(typist.refusals[0]).toEqual({
      type: 'edit-refused',
      code: RefusalCode.NotAllowed,
      reason:
        'The chair has made suggesting the only way to change this draft; switch to suggesting. The change was not applied.',
    });

    expect((await facilitate(false)).status).toBe(200);
    expect(await mode()).toMatchObject({ facilitatorMode: false });
    await waitFor(() => expect(suggester.events).toContainEqual({ type: 'facilitator-mode', on: false }));
    // The same connection that could only suggest a moment ago now types directly.
    suggester.send((doc) => ownText(elementWithId(doc, op2)).insert(ownText(elementWithId(doc, op2)).length, ' Soon'));
    await waitFor(() => expect(marked(watcher.doc, op2)).toBe('<insertion>All </>States should cooperate. Soon'));
    expect(suggester.refusals).toEqual([]);
    expect(suggester.closeCode).toBeNull();
  });
});
