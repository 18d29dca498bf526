import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import type { DraftSummary } from '../../../../shared/api';
import type { CollabEvent } from '../../../../shared/collab';
import { ACCORD_EVENT_MESSAGE } from '../../../../shared/collab';
import type { ImportPreview } from '../../../../shared/importPreview';
import type { Outline } from '../../../../shared/outline';
import { CYBER_PILLARS } from '../../../../shared/pillars';
import type { CollabClient } from '../../../testing/collabClient';
import { connectClient, insertClause, sectionElement } from '../../../testing/collabClient';
import type { TestSession } from '../../../testing/session';
import { DEMO, signIn } from '../../../testing/session';
import type { TestServer } from '../../../testing/startTestServer';
import { startTestServer } from '../../../testing/startTestServer';
import { waitFor } from '../../../testing/waitFor';
import { CABLES_MARKDOWN } from '../../../testing/cablesText';
import { draftUnderReview, rewordedClause } from '../../../testing/reviewRoom';

/** A draft on undersea cables with three pillars of its own. */
const CABLES = [
  { label: 'Cable protection', short: 'CAB', description: 'Keeping the cables on the seabed whole.', color: '#0B6FB8' },
  { label: 'Repair access', description: 'Letting repair ships reach a fault in any waters.' },
  { label: 'Shared monitoring', color: '#00875A' },
];
const CABLE_KEYS = ['cable-protection', 'repair-access', 'shared-monitoring'];

let s: TestServer;
let chair: TestSession;
let delegate: TestSession;
const clients: CollabClient[] = [];

beforeAll(async () => {
  s = await startTestServer();
  chair = await signIn(s.url, DEMO.chair);
  delegate = await signIn(s.url, DEMO.valdoria);
});
afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});
afterAll(async () => {
  await s.close();
});

async function cablesDraft(template: 'blank' | 'pillar-framework' = 'blank'): Promise<DraftSummary> {
  const response = await chair.api('/api/drafts', {
    method: 'POST',
    json: { title: 'Undersea cables', template, pillars: CABLES },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.draft as DraftSummary;
}

async function withDelegate(draftId: string): Promise<void> {
  const invite = await chair.api(`/api/drafts/${draftId}/invites`, {
    method: 'POST',
    json: { role: 'delegate', affiliation: { kind: 'delegation', name: 'Republic of Valdoria', code: 'XVA' } },
  });
  expect(invite.status).toBe(201);
  await delegate.api(`/api/invites/${invite.body.token as string}/accept`, { method: 'POST', json: {} });
}

async function join(draftId: string, session: TestSession): Promise<{ client: CollabClient; events: CollabEvent[] }> {
  const client = connectClient(s.collabUrl, draftId, { token: session.token });
  clients.push(client);
  const events: CollabEvent[] = [];
  client.provider.messageHandlers[ACCORD_EVENT_MESSAGE] = (_encoder, decoder) =>
    void events.push(JSON.parse(decoding.readVarString(decoder)) as CollabEvent);
  await client.synced();
  return { client, events };
}

async function outline(draftId: string): Promise<Outline> {
  const response = await chair.api(`/api/drafts/${draftId}/outline`);
  expect(response.status).toBe(200);
  return response.body as unknown as Outline;
}

function tag(draftId: string, clauseId: string, pillars: string[], session: TestSession = chair) {
  return session.api(`/api/drafts/${draftId}/clauses/${clauseId}`, { method: 'PATCH', json: { pillars } });
}

async function exported(draftId: string, format: string): Promise<string> {
  const response = await fetch(`${s.url}/api/drafts/${draftId}/export?format=${format}&pillars=true`, {
    headers: { authorization: `Bearer ${chair.token}` },
  });
  expect(response.status).toBe(200);
  return response.text();
}

function expectNoCyberPillars(text: string): void {
  for (const pillar of CYBER_PILLARS) {
    expect(text).not.toContain(pillar.label);
    expect(text).not.toContain(pillar.key);
  }
}

describe("a draft's own pillars", () => {
  it('are given at creation, completed where left out, and read back with the draft', async () => {
    const draft = await cablesDraft();
    expect(draft.pillars.map((pillar) => pillar.key)).toEqual(CABLE_KEYS);
    expect(draft.pillars[1]).toMatchObject({
      label: 'Repair access',
      short: 'REP',
      color: expect.stringMatching(/^#/),
    });
    const read = await chair.api(`/api/drafts/${draft.id}`);
    expect((read.body.draft as DraftSummary).pillars).toEqual(draft.pillars);
    // Without a choice a draft has the demo framework's; "none" gives a draft without pillars.
    const plain = await chair.api('/api/drafts', { method: 'POST', json: { title: 'Plain' } });
    expect((plain.body.draft as DraftSummary).pillars).toEqual(CYBER_PILLARS);
    const bare = await chair.api('/api/drafts', { method: 'POST', json: { title: 'Bare', pillars: 'none' } });
    expect((bare.body.draft as DraftSummary).pillars).toEqual([]);
  });

  it('refuses a taxonomy that does not hold together, with a sentence per problem', async () => {
    const bad = await chair.api('/api/drafts', {
      method: 'POST',
      json: {
        title: 'Bad',
        pillars: [{ key: 'same', label: 'One' }, { key: 'same', label: 'Two', color: 'blue' }, { label: '   ' }],
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('Two pillars share the key “same”');
    expect(bad.body.message).toContain('must be written #rrggbb');
    expect(bad.body.message).toContain('Pillar 3 needs a label');
  });

  it("keeps a template's text tagged only where the draft has the pillar", async () => {
    const draft = await cablesDraft('pillar-framework');
    const clauses = (await outline(draft.id)).clauses;
    expect(clauses.length).toBeGreaterThan(5);
    expect(clauses.flatMap((clause) => clause.pillars)).toEqual([]);
  });

  it('tags clauses only with the pillars of the draft, through the API and the collab socket alike', async () => {
    const draft = await cablesDraft();
    await withDelegate(draft.id);
    const [first] = (await outline(draft.id)).clauses;
    const tagged = await tag(draft.id, first!.id, ['repair-access', 'cable-protection'], delegate);
    expect(tagged.status).toBe(200);
    expect(tagged.body.clause).toMatchObject({ pillars: ['cable-protection', 'repair-access'] });
    const refused = await tag(draft.id, first!.id, ['attribution']);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: 'unknown_pillar' });
    expect(refused.body.message).toContain('"attribution"');
    expect(refused.body.message).toContain('cable-protection, repair-access, shared-monitoring');

    // A raw client that skips the editor: its own pillar stands, a cyber pillar is refused and not stored.
    const { client, events } = await join(draft.id, delegate);
    insertClause(client.doc, 'operative', 1, {
      id: 'c_cables00001',
      text: 'States should map cables.',
      pillars: ['shared-monitoring'],
    });
    await waitFor(async () =>
      expect((await outline(draft.id)).clauses.find((c) => c.id === 'c_cables00001')?.pillars).toEqual([
        'shared-monitoring',
      ]),
    );
    const other = await join(draft.id, delegate);
    const element = sectionElement(other.client.doc, 'operative').get(1) as Y.XmlElement;
    element.setAttribute('pillars', ['shared-monitoring', 'attribution'] as unknown as string);
    await waitFor(() =>
      expect(other.events.find((event) => event.type === 'edit-refused')).toMatchObject({
        reason: expect.stringContaining('“attribution” is not a pillar of this draft'),
      }),
    );
    expect((await outline(draft.id)).clauses.find((c) => c.id === 'c_cables00001')?.pillars).toEqual([
      'shared-monitoring',
    ]);
    expect(events.some((event) => event.type === 'edit-refused')).toBe(false);
  });

  it("are the chair's to change: a rename keeps the tags, a removal in use asks, moves or drops them, live", async () => {
    const draft = await cablesDraft();
    await withDelegate(draft.id);
    const [first, second] = (await outline(draft.id)).clauses;
    expect((await tag(draft.id, first!.id, ['cable-protection', 'repair-access'])).status).toBe(200);
    expect((await tag(draft.id, second!.id, ['repair-access'])).status).toBe(200);
    const { client, events } = await join(draft.id, delegate);
    const save = (pillars: unknown, removed?: unknown, session = chair) =>
      session.api(`/api/drafts/${draft.id}/pillars`, {
        method: 'PUT',
        json: { pillars, ...(removed !== undefined && { removed }) },
      });
    const current = draft.pillars;

    expect((await save(current, undefined, delegate)).status).toBe(403);

    // Renamed and recoloured, same key: the clauses keep it, and the export says the new name.
    const renamed = current.map((pillar) =>
      pillar.key === 'cable-protection' ? { ...pillar, label: 'Protection of cables', color: '#BE123C' } : pillar,
    );
    const afterRename = await save(renamed);
    expect(afterRename.status).toBe(200);
    expect((afterRename.body.draft as DraftSummary).pillars[0]).toMatchObject({
      key: 'cable-protection',
      label: 'Protection of cables',
    });
    await waitFor(() =>
      expect(events.filter((event) => event.type === 'pillars').at(-1)).toMatchObject({
        pillars: expect.arrayContaining([expect.objectContaining({ label: 'Protection of cables' })]),
      }),
    );
    expect((await outline(draft.id)).clauses[0]!.pillars).toEqual(['cable-protection', 'repair-access']);
    expect(await exported(draft.id, 'md')).toContain('Protection of cables');

    // Removing a pillar clauses carry, without saying what becomes of them: refused, naming them.
    const withoutRepair = renamed.filter((pillar) => pillar.key !== 'repair-access');
    const asked = await save(withoutRepair);
    expect(asked.status).toBe(409);
    expect(asked.body).toMatchObject({
      error: 'pillar_in_use',
      details: { inUse: { 'repair-access': ['PP1', 'OP1'] } },
    });
    expect(asked.body.message).toContain('“repair-access” (PP1, OP1)');
    expect((await chair.api(`/api/drafts/${draft.id}`)).body.draft).toMatchObject({
      pillars: expect.arrayContaining([expect.objectContaining({ key: 'repair-access' })]),
    });
    // Moved to a pillar the new list does not have: refused too.
    expect((await save(withoutRepair, { 'repair-access': 'attribution' })).status).toBe(400);

    // Moved to another pillar: in the stored text and in open clients at once.
    expect((await save(withoutRepair, { 'repair-access': 'shared-monitoring' })).status).toBe(200);
    const clauses = (await outline(draft.id)).clauses;
    expect(clauses[0]!.pillars).toEqual(['cable-protection', 'shared-monitoring']);
    expect(clauses[1]!.pillars).toEqual(['shared-monitoring']);
    await waitFor(() =>
      expect((sectionElement(client.doc, 'preamble').get(0) as Y.XmlElement).getAttribute('pillars')).toEqual([
        'cable-protection',
        'shared-monitoring',
      ]),
    );

    // Dropped: the clauses keep their other pillars.
    const onlyCables = withoutRepair.filter((pillar) => pillar.key === 'cable-protection');
    expect((await save(onlyCables, { 'shared-monitoring': null })).status).toBe(200);
    const dropped = (await outline(draft.id)).clauses;
    expect(dropped[0]!.pillars).toEqual(['cable-protection']);
    expect(dropped[1]!.pillars).toEqual([]);
    expect((await outline(draft.id)).problems).toEqual([]);
    const audit = await chair.api(`/api/drafts/${draft.id}/audit`);
    expect(audit.status).toBe(200);
    expect(JSON.stringify(audit.body)).toContain('draft.pillars-changed');
  });
});

describe("a version's pillars", () => {
  it('are kept with it: renamed or removed later, its tags keep their names, and a restore tags only with pillars the draft has', async () => {
    const draft = await cablesDraft();
    const [first, second] = (await outline(draft.id)).clauses;
    expect((await tag(draft.id, first!.id, ['cable-protection', 'repair-access'])).status).toBe(200);
    expect((await tag(draft.id, second!.id, ['repair-access'])).status).toBe(200);
    const saved = await chair.api(`/api/drafts/${draft.id}/versions`, {
      method: 'POST',
      json: { label: 'Rev.1', note: '' },
    });
    expect(saved.status).toBe(201);
    const versionId = (saved.body.version as { id: string }).id;

    // Afterwards: cable protection renamed, repair access removed with its tags, the first clause untagged.
    const pillars = draft.pillars
      .filter((pillar) => pillar.key !== 'repair-access')
      .map((pillar) => (pillar.key === 'cable-protection' ? { ...pillar, label: 'Protection of cables' } : pillar));
    const changed = await chair.api(`/api/drafts/${draft.id}/pillars`, {
      method: 'PUT',
      json: { pillars, removed: { 'repair-access': null } },
    });
    expect(changed.status).toBe(200);
    expect((await tag(draft.id, first!.id, [])).status).toBe(200);

    // The version is exported, compared and published with its tags named as they were.
    const version = await exported(draft.id, `md&version=${versionId}`);
    expect(version).toContain('*Pillars: Cable protection; Repair access*');
    expect(version).not.toContain('Protection of cables');
    expect(await exported(draft.id, 'md')).not.toContain('Repair access');
    const compared = await chair.api(`/api/drafts/${draft.id}/compare?from=${versionId}&to=live`);
    expect(compared.status).toBe(200);
    expect((compared.body.redline as { pillarLabels: Record<string, string> }).pillarLabels).toEqual({
      'cable-protection': 'Protection of cables',
      'repair-access': 'Repair access',
    });
    await chair.api(`/api/drafts/${draft.id}/versions/${versionId}/publish`, {
      method: 'POST',
      json: { published: true },
    });
    const published = await fetch(`${s.url}/api/public/versions/${versionId}`);
    expect(((await published.json()) as { pillars: { label: string }[] }).pillars.map((p) => p.label)).toEqual([
      'Cable protection',
      'Repair access',
      'Shared monitoring',
    ]);

    // Restored, its clauses are tagged again, but only with the pillars the draft has now.
    const restored = await chair.api(`/api/drafts/${draft.id}/versions/${versionId}/restore`, { method: 'POST' });
    expect(restored.status).toBe(200);
    const now = await outline(draft.id);
    expect(now.clauses[0]!.pillars).toEqual(['cable-protection']);
    expect(now.clauses[1]!.pillars).toEqual([]);
    expect(now.problems).toEqual([]);
  });
});

describe('an imported draft', () => {
  it('brings the pillars its file names, is exported with them, and without the cyber pillars', async () => {
    const form = new FormData();
    form.set('file', new Blob([CABLES_MARKDOWN], { type: 'text/markdown' }), 'cables.md');
    const previewed = await fetch(`${s.url}/api/imports/preview`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${chair.token}` },
    });
    const { preview } = (await previewed.json()) as { preview: ImportPreview };
    expect(preview.pillars.map((pillar) => [pillar.key, pillar.label])).toEqual([
      ['cable-protection', 'Cable protection'],
      ['repair-access', 'Repair access'],
      ['shared-monitoring', 'Shared monitoring'],
    ]);
    expect(preview.operative.map((entry) => (entry.type === 'clause' ? entry.pillars : []))).toEqual([
      ['cable-protection', 'repair-access'],
      ['repair-access'],
      ['shared-monitoring'],
    ]);

    // Created from the preview as the person corrected it: the pillars renamed, one recoloured.
    const pillars = preview.pillars.map((pillar) =>
      pillar.key === 'shared-monitoring' ? { ...pillar, label: 'Joint monitoring', color: '#6D4AB3' } : pillar,
    );
    const spec = {
      title: preview.title,
      preamble: preview.preamble.map((clause) => ({ text: clause.text, pillars: clause.pillars })),
      operative: preview.operative.flatMap((entry) =>
        entry.type === 'clause' ? [{ text: entry.text, pillars: entry.pillars }] : [],
      ),
      pillars,
    };
    const created = await chair.api('/api/imports', { method: 'POST', json: spec });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const draft = created.body.draft as DraftSummary;
    expect(draft.pillars.map((pillar) => pillar.label)).toEqual([
      'Cable protection',
      'Repair access',
      'Joint monitoring',
    ]);
    expect((await outline(draft.id)).clauses.map((clause) => clause.pillars)).toEqual([
      ['cable-protection'],
      ['cable-protection', 'repair-access'],
      ['repair-access'],
      ['shared-monitoring'],
    ]);

    const markdown = await exported(draft.id, 'md');
    expect(markdown).toContain('*Pillars: Cable protection; Repair access*');
    expect(markdown).toContain('Joint monitoring');
    expectNoCyberPillars(markdown);
    const akn = await exported(draft.id, 'akn');
    expect(akn).toContain('showAs="Joint monitoring"');
    expectNoCyberPillars(akn);
    const html = await exported(draft.id, 'html');
    expect(html).toContain('Repair access');
    expectNoCyberPillars(html);

    // Imported again from its own Akoma Ntoso export, it brings back the same pillars.
    const again = await fetch(`${s.url}/api/imports/preview`, {
      method: 'POST',
      body: (() => {
        const f = new FormData();
        f.set('file', new Blob([akn], { type: 'application/akn+xml' }), 'cables.akn.xml');
        return f;
      })(),
      headers: { authorization: `Bearer ${chair.token}` },
    });
    const reread = ((await again.json()) as { preview: ImportPreview }).preview;
    expect(reread.pillars.map((pillar) => [pillar.key, pillar.label])).toEqual([
      ['cable-protection', 'Cable protection'],
      ['repair-access', 'Repair access'],
      ['shared-monitoring', 'Joint monitoring'],
    ]);
  });

  it('refuses a tag that is not among the pillars it is given', async () => {
    const created = await chair.api('/api/imports', {
      method: 'POST',
      json: {
        title: 'Cables',
        preamble: [{ text: 'Recognizing,', pillars: ['attribution'] }],
        operative: [{ text: 'States should.' }],
        pillars: CABLES,
      },
    });
    expect(created.status).toBe(400);
    expect(created.body).toMatchObject({ error: 'unknown_pillar' });
  });
});

describe("an amendment's pillars", () => {
  it('follow a removal as the clauses do: moved where the chair says, dropped where the chair says so', async () => {
    const [valdoria, norland, observer] = await Promise.all(
      [DEMO.valdoria, DEMO.norland, DEMO.rightsObserver].map((email) => signIn(s.url, email)),
    );
    const room = await draftUnderReview(chair, { valdoria: valdoria!, norland: norland!, observer: observer! });
    const clauseId = room.base.outline.clauses[0]!.id;
    const proposed = rewordedClause(room, clauseId, 'Reworded.');
    const tags = ['attribution', 'escalation-control', 'civilian-protection'];
    const made = await valdoria!.api(`${room.path}/amendments`, {
      method: 'POST',
      json: { kind: 'modify', clauseId, proposed, justification: 'For clarity.', pillars: tags },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const id = (made.body.amendment as { id: string }).id;
    const draft = (await chair.api(`/api/drafts/${room.draftId}`)).body.draft as DraftSummary;
    const kept = draft.pillars.filter((pillar) => pillar.key !== 'attribution' && pillar.key !== 'escalation-control');
    const removed = { attribution: 'enforcement-review', 'escalation-control': null };
    const saved = await chair.api(`/api/drafts/${room.draftId}/pillars`, {
      method: 'PUT',
      json: { pillars: kept, removed },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const amendment = await valdoria!.api(`${room.path}/amendments/${id}`);
    expect((amendment.body.amendment as { pillars: string[] }).pillars).toEqual([
      'civilian-protection',
      'enforcement-review',
    ]);
  });
});
