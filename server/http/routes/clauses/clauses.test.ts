import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { ACCORD_EVENT_MESSAGE } from '../../../../shared/collab';
import type { DraftSummary } from '../../../../shared/api';
import type { Outline } from '../../../../shared/outline';
import { CYBER_TAXONOMY } from '../../../../shared/pillars';
import type { CollabClient } from '../../../testing/collabClient';
import { clauseText, connectClient, insertClause, moveClause, sectionElement } from '../../../testing/collabClient';
import type { TestServer } from '../../../testing/startTestServer';
import { startTestServer } from '../../../testing/startTestServer';
import { waitFor } from '../../../testing/waitFor';
import type { TestSession } from '../../../testing/session';
import { DEMO, signIn } from '../../../testing/session';

let s: TestServer;
let chair: TestSession;
const clients: CollabClient[] = [];
beforeAll(async () => {
  s = await startTestServer();
  chair = await signIn(s.url, DEMO.chair);
});
afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});
afterAll(async () => {
  await s.close();
});

async function createDraft(template: 'blank' | 'pillar-framework' = 'pillar-framework'): Promise<string> {
  const response = await chair.api('/api/drafts', { method: 'POST', json: { title: 'Clauses', template } });
  expect(response.status).toBe(201);
  return (response.body.draft as DraftSummary).id;
}

async function outline(draftId: string): Promise<Outline> {
  const response = await chair.api(`/api/drafts/${draftId}/outline`);
  expect(response.status).toBe(200);
  return response.body as unknown as Outline;
}

async function join(draftId: string): Promise<CollabClient> {
  const client = connectClient(s.collabUrl, draftId, { token: chair.token });
  clients.push(client);
  await client.synced();
  return client;
}

function clauseIds(doc: Y.Doc, section: 'preamble' | 'operative'): string[] {
  return sectionElement(doc, section)
    .toArray()
    .map((clause) => String((clause as Y.XmlElement).getAttribute('id')));
}

function patchClause(
  draftId: string,
  clauseId: string,
  body: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  return chair.api(`/api/drafts/${draftId}/clauses/${clauseId}`, { method: 'PATCH', json: body });
}

describe('the outline API', () => {
  it('numbers clauses from their position after inserting, moving and deleting, and ids never change', async () => {
    const draftId = await createDraft();
    const before = await outline(draftId);
    expect(before.clauses.map((c) => c.number)).toEqual([
      'PP1',
      'PP2',
      'PP3',
      'OP1',
      'OP2',
      'OP3',
      'OP4',
      'OP5',
      'OP6',
      'OP7',
      'OP8',
    ]);
    const op = before.clauses.filter((c) => c.kind === 'operative');
    const client = await join(draftId);

    insertClause(client.doc, 'operative', 0, { id: 'c_inserted0001', text: 'States should first do this.' });
    await waitFor(async () =>
      expect((await outline(draftId)).clauses[3]).toMatchObject({ id: 'c_inserted0001', number: 'OP1' }),
    );
    const afterInsert = await outline(draftId);
    // Every former OPn is now OP(n+1), with the same id.
    expect(op.map((c) => afterInsert.clauses.find((x) => x.id === c.id)?.number)).toEqual(
      op.map((_, i) => `OP${i + 2}`),
    );

    moveClause(client.doc, 'operative', 1, 4); // former OP1 moves to fifth place
    await waitFor(async () =>
      expect((await outline(draftId)).clauses.find((c) => c.id === op[0]!.id)?.number).toBe('OP5'),
    );
    const afterMove = await outline(draftId);
    expect(afterMove.clauses.find((c) => c.id === op[1]!.id)?.number).toBe('OP2');
    expect(afterMove.clauses.find((c) => c.id === op[0]!.id)?.text).toBe(op[0]!.text);

    sectionElement(client.doc, 'operative').delete(0, 1);
    await waitFor(async () =>
      expect((await outline(draftId)).clauses.find((c) => c.id === op[1]!.id)?.number).toBe('OP1'),
    );
    const afterDelete = await outline(draftId);
    expect(afterDelete.clauses.map((c) => c.id)).not.toContain('c_inserted0001');
    expect(afterDelete.clauses.filter((c) => c.kind === 'operative').map((c) => c.number)).toEqual(
      op.map((_, i) => `OP${i + 1}`),
    );
    expect(afterDelete.problems).toEqual([]);
  });

  it('keeps ids stable while two clients renumber and edit concurrently', async () => {
    const draftId = await createDraft();
    const a = await join(draftId);
    const b = await join(draftId);
    const idsBefore = clauseIds(a.doc, 'operative');
    insertClause(a.doc, 'operative', 2, { id: 'c_fromclienta1', text: 'A adds.' });
    insertClause(b.doc, 'operative', 0, { id: 'c_fromclientb1', text: 'B adds.' });
    clauseText(b.doc, 'operative', 5).insert(0, 'B edits ');
    await waitFor(() => expect(clauseIds(a.doc, 'operative')).toEqual(clauseIds(b.doc, 'operative')));
    const idsAfter = clauseIds(a.doc, 'operative');
    expect(idsAfter.filter((id) => idsBefore.includes(id))).toEqual(idsBefore);
    expect(new Set(idsAfter).size).toBe(idsAfter.length);
    const api = await outline(draftId);
    expect(api.clauses.filter((c) => c.kind === 'operative').map((c) => c.id)).toEqual(idsAfter);
  });

  it('repairs duplicate ids from concurrent moves of the same clause to the same result on every client', async () => {
    const draftId = await createDraft();
    const a = await join(draftId);
    const b = await join(draftId);
    const original = clauseIds(a.doc, 'operative')[0]!;
    // Both delegates move OP1 at the same moment, to different places: each inserts a copy with the same id.
    a.provider.disconnect();
    b.provider.disconnect();
    moveClause(a.doc, 'operative', 0, 3);
    moveClause(b.doc, 'operative', 0, 6);
    a.provider.connect();
    b.provider.connect();
    await waitFor(() => {
      const idsA = clauseIds(a.doc, 'operative');
      expect(idsA).toEqual(clauseIds(b.doc, 'operative'));
      expect(new Set(idsA).size).toBe(idsA.length);
      expect(idsA.filter((id) => id === original)).toHaveLength(1);
    });
    expect(clauseIds(a.doc, 'operative')).toHaveLength(9);
    expect((await outline(draftId)).problems).toEqual([]);
  });

  it('repairs an id duplicated by re-tagging an existing clause, after typing that needed no repair', async () => {
    const draftId = await createDraft();
    const client = await join(draftId);
    const [first, second] = clauseIds(client.doc, 'operative');
    // Typing first: the upkeep after it has no structure to look at.
    clauseText(client.doc, 'operative', 1).insert(0, 'Typed before the re-tag. ');
    await waitFor(async () =>
      expect((await outline(draftId)).clauses.find((c) => c.id === second)?.text).toContain('Typed before the re-tag.'),
    );
    // Then only an attribute changes: the second clause takes the first one's id.
    (sectionElement(client.doc, 'operative').get(1) as Y.XmlElement).setAttribute('id', first!);
    await waitFor(() => {
      const ids = clauseIds(client.doc, 'operative');
      expect(ids[0]).toBe(first);
      expect(ids[1]).not.toBe(first);
      expect(new Set(ids).size).toBe(ids.length);
    });
    expect((await outline(draftId)).problems).toEqual([]);
  });

  it('gives a clause written without an id an id, so nothing is left unaddressable', async () => {
    const draftId = await createDraft('blank');
    const client = await join(draftId);
    insertClause(client.doc, 'operative', 1, { id: null, text: 'A clause from a client that set no id.' });
    await waitFor(() =>
      expect((sectionElement(client.doc, 'operative').get(1) as Y.XmlElement).getAttribute('id')).toMatch(/^c_/),
    );
    expect((await outline(draftId)).problems).toEqual([]);
  });

  it('refuses a tag that is not a pillar of the draft, and an element the schema does not have', async () => {
    const draftId = await createDraft('blank');
    const client = await join(draftId);
    const refused: string[] = [];
    client.provider.messageHandlers[ACCORD_EVENT_MESSAGE] = (_encoder, decoder) =>
      void refused.push(decoding.readVarString(decoder));
    insertClause(client.doc, 'operative', 1, {
      id: 'c_badpillar001',
      text: 'Tagged oddly.',
      pillars: ['attribution', 'astrology'],
    });
    await waitFor(() => expect(refused.join()).toMatch(/astrology.*is not a pillar of this draft/));
    expect((await outline(draftId)).clauses.some((c) => c.id === 'c_badpillar001')).toBe(false);
    expect((await outline(draftId)).problems).toEqual([]);
    // An unknown element never reaches the stored text, even from the chair (from a fresh copy of the text).
    const fresh = await join(draftId);
    const refusedToo: string[] = [];
    fresh.provider.messageHandlers[ACCORD_EVENT_MESSAGE] = (_encoder, decoder) =>
      void refusedToo.push(decoding.readVarString(decoder));
    sectionElement(fresh.doc, 'preamble').insert(1, [new Y.XmlElement('table')]);
    await waitFor(() => expect(refusedToo.join()).toMatch(/the element \\"table\\" is not part of a draft/));
    const later = await join(draftId);
    expect(
      sectionElement(later.doc, 'preamble')
        .toArray()
        .some((n) => n instanceof Y.XmlElement && n.nodeName === 'table'),
    ).toBe(false);
  });

  it('answers 404 for a missing draft', async () => {
    expect((await chair.api('/api/drafts/nope/outline')).status).toBe(404);
  });
});

describe('tagging a clause through the API', () => {
  it('sets pillars and status live in open clients, in taxonomy order', async () => {
    const draftId = await createDraft('blank');
    const client = await join(draftId);
    const clauseId = clauseIds(client.doc, 'operative')[0]!;
    const response = await patchClause(draftId, clauseId, {
      pillars: ['escalation-control', 'attribution', 'attribution'],
      status: 'agreed-ad-ref',
    });
    expect(response.status).toBe(200);
    expect((response.body as { clause: { pillars: string[]; status: string } }).clause).toMatchObject({
      pillars: ['attribution', 'escalation-control'],
      status: 'agreed-ad-ref',
    });
    const element = sectionElement(client.doc, 'operative').get(0) as Y.XmlElement;
    await waitFor(() => expect(element.getAttribute('pillars')).toEqual(['attribution', 'escalation-control']), {
      timeoutMs: 1000,
    });
    expect(element.getAttribute('status')).toBe('agreed-ad-ref');
    // The clause records who agreed it and when, for the lock its delegates see.
    expect(element.getAttribute('statusBy')).toBe('Amina Diallo (Conference Secretariat)');
    expect(Date.parse(String(element.getAttribute('statusAt')))).toBeGreaterThan(Date.now() - 60_000);
  });

  it('leaves the status to the chair: a delegate is refused with a sentence and changes nothing, yet tags pillars', async () => {
    const draftId = await createDraft('blank');
    const invite = await chair.api(`/api/drafts/${draftId}/invites`, {
      method: 'POST',
      json: { role: 'delegate', affiliation: { kind: 'delegation', name: 'Republic of Valdoria', code: 'XVA' } },
    });
    const delegate = await signIn(s.url, DEMO.valdoria);
    await delegate.api(`/api/invites/${invite.body.token as string}/accept`, { method: 'POST', json: {} });
    const clauseId = (await outline(draftId)).clauses[1]!.id;
    const byDelegate = (body: unknown) =>
      delegate.api(`/api/drafts/${draftId}/clauses/${clauseId}`, { method: 'PATCH', json: body });

    for (const body of [{ status: 'agreed' }, { pillars: ['attribution'], status: 'agreed-ad-ref' }]) {
      const refused = await byDelegate(body);
      expect(refused.status, JSON.stringify(refused.body)).toBe(403);
      expect(refused.body).toMatchObject({
        error: 'forbidden',
        message: expect.stringMatching(
          /^Only the chair sets the status of a clause .*delegates may still tag its pillars\.$/,
        ),
      });
    }
    // Nothing of a refused request was applied, pillars included.
    expect((await outline(draftId)).clauses[1]).toMatchObject({ status: 'open', pillars: [] });

    const tagged = await byDelegate({ pillars: ['attribution'] });
    expect(tagged.status).toBe(200);
    expect((await outline(draftId)).clauses[1]).toMatchObject({ status: 'open', pillars: ['attribution'] });

    const agreed = await patchClause(draftId, clauseId, { status: 'agreed' });
    expect(agreed.status).toBe(200);
    expect((await outline(draftId)).clauses[1]).toMatchObject({ status: 'agreed', pillars: ['attribution'] });
  });

  it('refuses unknown pillar keys with a 400 that names them, and changes nothing', async () => {
    const draftId = await createDraft('blank');
    const clauseId = (await outline(draftId)).clauses[1]!.id;
    const response = await patchClause(draftId, clauseId, { pillars: ['attribution', 'astrology'] });
    expect(response.status).toBe(400);
    const body = response.body as { error: string; message: string };
    expect(body.error).toBe('unknown_pillar');
    expect(body.message).toMatch(/"astrology"/);
    expect(body.message).toContain(CYBER_TAXONOMY.keys[0]!);
    expect((await outline(draftId)).clauses[1]!.pillars).toEqual([]);
  });

  it('refuses other bad input with clear 4xx errors', async () => {
    const draftId = await createDraft('blank');
    const clauseId = (await outline(draftId)).clauses[1]!.id;
    expect((await patchClause(draftId, 'c_nosuchclause', { status: 'agreed' })).status).toBe(404);
    expect((await patchClause(draftId, clauseId, { status: 'done' })).status).toBe(400);
    expect((await patchClause(draftId, clauseId, {})).status).toBe(400);
    expect((await patchClause(draftId, clauseId, { pillars: 'attribution' })).status).toBe(400);
    expect((await patchClause('nope', clauseId, { status: 'agreed' })).status).toBe(404);
  });
});
