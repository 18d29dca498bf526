import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RefusalCode } from '../../../../shared/closeCodes';
import type { DraftSpec } from '../../../../shared/draftText';
import type { Outline } from '../../../../shared/outline';
import type { Suggestion } from '../../../../shared/suggestions';
import type { CollabClient } from '../../../testing/collabClient';
import { connectClient } from '../../../testing/collabClient';
import { markerAttribution } from '../../../testing/markers';
import { RawCollabClient } from '../../../testing/RawCollabClient';
import type { TestSession } from '../../../testing/session';
import { DEMO, signIn } from '../../../testing/session';
import type { TestServer } from '../../../testing/startTestServer';
import { startTestServer } from '../../../testing/startTestServer';
import {
  clauseIdOf,
  createStructuredDraft,
  elementWithId,
  fetchOutline,
  ownText,
} from '../../../testing/structuredDraft';
import { waitFor } from '../../../testing/waitFor';

const SPEC: DraftSpec = {
  title: 'Suggestions decided',
  preamble: [],
  operative: [{ text: 'States shall protect hospitals.', status: 'agreed' }, 'States should cooperate.'],
};

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Room {
  s: TestServer;
  chair: TestSession;
  valdoria: TestSession;
  norland: TestSession;
  meridia: TestSession;
  affiliation: Map<TestSession, string>;
}

async function open(dataDir: string): Promise<Room> {
  const s = await startTestServer({ dataDir });
  cleanups.push(() => s.close());
  const [chair, valdoria, norland, meridia] = await Promise.all(
    [DEMO.chair, DEMO.valdoria, DEMO.norland, DEMO.meridia].map((email) => signIn(s.url, email)),
  );
  const affiliation = new Map<TestSession, string>();
  for (const session of [chair!, valdoria!, norland!, meridia!])
    affiliation.set(session, (await s.storage.getUser(session.user.id))!.affiliationId);
  return { s, chair: chair!, valdoria: valdoria!, norland: norland!, meridia: meridia!, affiliation };
}

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-suggestions-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function raw(room: Room, draftId: string, session: TestSession): Promise<RawCollabClient> {
  const client = await RawCollabClient.connect(room.s.collabUrl, draftId, session.token);
  cleanups.push(() => client.close());
  return client;
}

function reader(room: Room, draftId: string, session: TestSession): CollabClient {
  const client = connectClient(room.s.collabUrl, draftId, { token: session.token });
  cleanups.push(() => client.destroy());
  return client;
}

/** A clause's own words as a reader sees them (marked or not). */
const words = (doc: Y.Doc, clauseId: string) =>
  (ownText(elementWithId(doc, clauseId)).toDelta() as { insert: string }[]).map((op) => op.insert).join('');

async function list(room: Room, draftId: string): Promise<Suggestion[]> {
  const response = await room.chair.api(`/api/drafts/${draftId}/suggestions`);
  expect(response.status).toBe(200);
  return response.body.suggestions as Suggestion[];
}

describe('suggestions decided through the API', () => {
  it(
    'two delegations suggest on one clause while a third types elsewhere; the chair accepts one and rejects the other; ' +
      'every client and the stored text after a restart hold exactly the accepted words',
    async () => {
      const dataDir = tempDir();
      const room = await open(dataDir);
      const members = [room.valdoria, room.norland, room.meridia].map((session) => ({
        session,
        role: 'delegate' as const,
      }));
      const draftId = await createStructuredDraft(room.s, room.chair, members, SPEC);
      const outline: Outline = await fetchOutline(room.chair, draftId);
      const [op1, op2] = [clauseIdOf(outline, 'OP1'), clauseIdOf(outline, 'OP2')];
      const by = (session: TestSession, tail: string) =>
        markerAttribution(session.user.id, room.affiliation.get(session)!, tail);

      const watchers = [reader(room, draftId, room.chair), reader(room, draftId, room.meridia)];
      await Promise.all(watchers.map((watcher) => watcher.synced()));
      const [a, b, c] = (await Promise.all(
        [room.valdoria, room.norland, room.meridia].map((who) => raw(room, draftId, who)),
      )) as [RawCollabClient, RawCollabClient, RawCollabClient];
      // At once: Valdoria proposes "and clinics", Norland proposes to strike "shall"; Meridia types in OP2.
      a.send((doc) =>
        ownText(elementWithId(doc, op1)).insert(30, ' and clinics', { insertion: by(room.valdoria, 'ins900') }),
      );
      b.send((doc) =>
        ownText(elementWithId(doc, op1)).format(7, 5, { 'deletion--nnnnnnnn': by(room.norland, 'del900') }),
      );
      c.send((doc) => ownText(elementWithId(doc, op2)).insert(23, ' promptly'));
      await waitFor(async () => expect((await list(room, draftId)).map((s) => s.id).sort()).toHaveLength(2));
      expect([a.refusals, b.refusals, c.refusals]).toEqual([[], [], []]);

      const suggestions = await list(room, draftId);
      const insertion = suggestions.find((s) => s.kind === 'insert')!;
      const deletion = suggestions.find((s) => s.kind === 'delete')!;
      expect(insertion).toMatchObject({
        clauseId: op1,
        text: ' and clinics',
        status: 'open',
        delegation: { id: room.affiliation.get(room.valdoria), name: 'Republic of Valdoria' },
        author: { id: room.valdoria.user.id },
        supporters: [],
      });
      expect(deletion).toMatchObject({ clauseId: op1, text: 'shall', delegation: { name: 'Kingdom of Norland' } });

      // A delegate cannot decide; Meridia supports Valdoria's words; Valdoria cannot support its own.
      expect(
        (await room.norland.api(`/api/drafts/${draftId}/suggestions/${insertion.id}/accept`, { method: 'POST' }))
          .status,
      ).toBe(403);
      const supported = await room.meridia.api(`/api/drafts/${draftId}/suggestions/${insertion.id}/stance`, {
        method: 'PUT',
        json: { stance: 'support' },
      });
      expect((supported.body.suggestion as Suggestion).supporters).toEqual([
        { id: room.affiliation.get(room.meridia), name: 'Federated States of Meridia' },
      ]);
      expect(
        (
          await room.valdoria.api(`/api/drafts/${draftId}/suggestions/${insertion.id}/stance`, {
            method: 'PUT',
            json: { stance: 'support' },
          })
        ).status,
      ).toBe(409);

      const accepted = await room.chair.api(`/api/drafts/${draftId}/suggestions/${insertion.id}/accept`, {
        method: 'POST',
      });
      expect(accepted.status).toBe(200);
      expect((accepted.body.suggestion as Suggestion).status).toBe('accepted');
      const rejected = await room.chair.api(`/api/drafts/${draftId}/suggestions/${deletion.id}/reject`, {
        method: 'POST',
      });
      expect((rejected.body.suggestion as Suggestion).status).toBe('rejected');
      expect(
        (await room.chair.api(`/api/drafts/${draftId}/suggestions/${deletion.id}/accept`, { method: 'POST' })).status,
      ).toBe(409);

      const expected = 'States shall protect hospitals and clinics.';
      for (const watcher of watchers) await waitFor(() => expect(words(watcher.doc, op1)).toBe(expected));
      await waitFor(() => expect(words(watchers[0]!.doc, op2)).toBe('States should cooperate promptly.'));
      for (const watcher of watchers)
        expect(ownText(elementWithId(watcher.doc, op1)).toDelta()).toEqual([{ insert: expected }]);
      // The decisions are the chair's changes in the history.
      const history = async () =>
        (await room.chair.api(`/api/drafts/${draftId}/history`)).body.changes as { author: { name: string } | null }[];
      await waitFor(async () => expect((await history())[0]?.author?.name).toBe('Amina Diallo'));

      // After a restart the stored text holds exactly the accepted words, and the record stays.
      await room.s.close();
      cleanups.pop();
      const again = await open(dataDir);
      const restored = await fetchOutline(again.chair, draftId);
      expect(restored.clauses.find((clause) => clause.id === op1)!.text).toBe(expected);
      expect((await list(again, draftId)).map((s) => [s.kind, s.status])).toEqual([
        ['insert', 'accepted'],
        ['delete', 'rejected'],
      ]);
    },
  );

  it('lets the author withdraw their own suggestion and nobody else; accept-all takes a clause’s suggestions at once', async () => {
    const room = await open(tempDir());
    const members = [room.valdoria, room.norland].map((session) => ({ session, role: 'delegate' as const }));
    const draftId = await createStructuredDraft(room.s, room.chair, members, SPEC);
    const op2 = clauseIdOf(await fetchOutline(room.chair, draftId), 'OP2');
    const by = (session: TestSession, tail: string) =>
      markerAttribution(session.user.id, room.affiliation.get(session)!, tail);
    const a = await raw(room, draftId, room.valdoria);
    a.send((doc) => {
      const text = ownText(elementWithId(doc, op2));
      text.insert(0, 'All ', { insertion: by(room.valdoria, 'ins901') });
      text.insert(text.length - 1, ' fully', { insertion: by(room.valdoria, 'ins902') });
    });
    await waitFor(async () => expect(await list(room, draftId)).toHaveLength(2));
    const [first] = await list(room, draftId);
    expect(
      (await room.norland.api(`/api/drafts/${draftId}/suggestions/${first!.id}/withdraw`, { method: 'POST' })).status,
    ).toBe(403);
    const withdrawn = await room.valdoria.api(`/api/drafts/${draftId}/suggestions/${first!.id}/withdraw`, {
      method: 'POST',
    });
    expect((withdrawn.body.suggestion as Suggestion).status).toBe('withdrawn');
    const all = await room.chair.api(`/api/drafts/${draftId}/clauses/${op2}/suggestions/accept-all`, {
      method: 'POST',
    });
    expect((all.body.suggestions as Suggestion[]).map((s) => [s.text, s.status])).toEqual([[' fully', 'accepted']]);
    const outline = await fetchOutline(room.chair, draftId);
    expect(outline.clauses.find((clause) => clause.id === op2)!.text).toBe('States should cooperate fully.');
  });

  it('facilitator mode: a delegate’s direct typing is refused while a suggestion is admitted, live, and allowed again once it ends', async () => {
    const room = await open(tempDir());
    const draftId = await createStructuredDraft(
      room.s,
      room.chair,
      [{ session: room.valdoria, role: 'delegate' }],
      SPEC,
    );
    const op2 = clauseIdOf(await fetchOutline(room.chair, draftId), 'OP2');
    const by = (tail: string) => markerAttribution(room.valdoria.user.id, room.affiliation.get(room.valdoria)!, tail);
    const watcher = reader(room, draftId, room.chair);
    await watcher.synced();
    const a = await raw(room, draftId, room.valdoria);
    expect(
      (await room.valdoria.api(`/api/drafts/${draftId}/facilitator-mode`, { method: 'PUT', json: { on: true } }))
        .status,
    ).toBe(403);
    expect(
      (await room.chair.api(`/api/drafts/${draftId}/facilitator-mode`, { method: 'PUT', json: { on: true } })).status,
    ).toBe(200);
    await waitFor(() => expect(a.events.some((event) => event.type === 'facilitator-mode')).toBe(true));
    expect((await room.chair.api(`/api/drafts/${draftId}/suggestions`)).body.facilitatorMode).toBe(true);
    a.send((doc) => ownText(elementWithId(doc, op2)).insert(0, 'Suggested ', { insertion: by('ins903') }));
    await waitFor(() => expect(words(watcher.doc, op2)).toBe('Suggested States should cooperate.'));
    a.send((doc) => ownText(elementWithId(doc, op2)).insert(0, 'Direct '));
    await waitFor(() => expect(a.refusals).toHaveLength(1));
    expect(a.refusals[0]).toMatchObject({
      code: RefusalCode.NotAllowed,
      reason: expect.stringMatching(/suggesting the only way/),
    });

    await room.chair.api(`/api/drafts/${draftId}/facilitator-mode`, { method: 'PUT', json: { on: false } });
    const fresh = await raw(room, draftId, room.valdoria);
    fresh.send((doc) => ownText(elementWithId(doc, op2)).insert(ownText(elementWithId(doc, op2)).length, ' Now'));
    await waitFor(() => expect(words(watcher.doc, op2)).toBe('Suggested States should cooperate. Now'));
    expect(fresh.refusals).toEqual([]);
  });
});
