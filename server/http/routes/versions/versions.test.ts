import path from 'node:path';
import SQLite from 'better-sqlite3';
import type * as Y from 'yjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SQLITE_FILE } from '../../../storage/openSqliteStorage';
import type { CollabClient } from '../../../testing/collabClient';
import { clauseText, connectClient, insertClause, moveClause, sectionElement } from '../../../testing/collabClient';
import type { TestSession } from '../../../testing/session';
import { DEMO, callApi, signIn } from '../../../testing/session';
import type { TestServer } from '../../../testing/startTestServer';
import { startTestServer } from '../../../testing/startTestServer';
import { waitFor } from '../../../testing/waitFor';
import type { Redline } from '../../../versions/redline';
import type { Outline } from '../../../../shared/outline';

let s: TestServer;
let chair: TestSession;
let delegate: TestSession;
let stranger: TestSession;
const clients: CollabClient[] = [];
beforeAll(async () => {
  s = await startTestServer();
  [chair, delegate] = await Promise.all([signIn(s.url, DEMO.chair), signIn(s.url, DEMO.valdoria)]);
});
afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});
afterAll(async () => {
  await s.close();
});

async function demoDraft(): Promise<string> {
  const id = (
    (await chair.api('/api/drafts', { method: 'POST', json: { title: 'Versions', template: 'pillar-framework' } })).body
      .draft as { id: string }
  ).id;
  const invite = await chair.api(`/api/drafts/${id}/invites`, {
    method: 'POST',
    json: { role: 'delegate', affiliation: { kind: 'delegation', name: 'Republic of Valdoria', code: 'XVA' } },
  });
  await delegate.api(`/api/invites/${invite.body.token as string}/accept`, { method: 'POST', json: {} });
  stranger ??= await signIn(s.url, DEMO.norland);
  return id;
}

async function join(draftId: string, session: TestSession = delegate): Promise<CollabClient> {
  const client = connectClient(s.collabUrl, draftId, { token: session.token });
  clients.push(client);
  await client.synced();
  return client;
}

async function saveVersion(draftId: string, label: string): Promise<string> {
  const response = await chair.api(`/api/drafts/${draftId}/versions`, {
    method: 'POST',
    json: { label, note: `${label} note` },
  });
  expect(response.status).toBe(201);
  return (response.body.version as { id: string }).id;
}

async function outline(draftId: string): Promise<Outline> {
  return (await chair.api(`/api/drafts/${draftId}/outline`)).body as unknown as Outline;
}

describe('named versions', () => {
  it('are immutable: a version does not change when the live text changes afterwards', async () => {
    const draftId = await demoDraft();
    const client = await join(draftId);
    clauseText(client.doc, 'operative', 0).insert(0, 'Before the version. ');
    await waitFor(async () => expect((await outline(draftId)).clauses[3]!.text).toMatch(/^Before the version\. /));
    const versionId = await saveVersion(draftId, 'Rev.1');
    clauseText(client.doc, 'operative', 0).insert(0, 'After. ');
    await waitFor(async () => expect((await outline(draftId)).clauses[3]!.text).toMatch(/^After\. /));

    const version = await delegate.api(`/api/drafts/${draftId}/versions/${versionId}`);
    expect(version.status).toBe(200);
    expect(version.body.version).toMatchObject({ label: 'Rev.1', note: 'Rev.1 note', published: false });
    expect((version.body.outline as Outline).clauses[3]!.text).toMatch(/^Before the version\. /);
    expect(
      ((await delegate.api(`/api/drafts/${draftId}/versions`)).body.versions as { label: string }[]).map(
        (v) => v.label,
      ),
    ).toEqual(['Rev.1']);
    expect(
      (await delegate.api(`/api/drafts/${draftId}/versions`, { method: 'POST', json: { label: 'Mine' } })).status,
    ).toBe(403);
  });

  it('restores a version as a new change on top of the live text, attributed to the chair', async () => {
    const draftId = await demoDraft();
    const client = await join(draftId);
    const original = await outline(draftId);
    const versionId = await saveVersion(draftId, 'Zero draft');
    clauseText(client.doc, 'operative', 2).insert(0, 'Later words. ');
    sectionElement(client.doc, 'operative').delete(5, 1);
    await waitFor(async () => expect((await outline(draftId)).clauses).toHaveLength(original.clauses.length - 1));

    expect(
      (await delegate.api(`/api/drafts/${draftId}/versions/${versionId}/restore`, { method: 'POST' })).status,
    ).toBe(403);
    expect((await chair.api(`/api/drafts/${draftId}/versions/${versionId}/restore`, { method: 'POST' })).status).toBe(
      200,
    );
    const restored = await outline(draftId);
    expect(restored.clauses.map((c) => [c.id, c.number, c.text, c.pillars])).toEqual(
      original.clauses.map((c) => [c.id, c.number, c.text, c.pillars]),
    );
    // Open editors receive it live.
    await waitFor(() => expect(clauseText(client.doc, 'operative', 2).toString()).not.toMatch(/^Later words/));
    // History is never rewritten: the restore is a new stored change by the chair.
    const db = new SQLite(path.join(s.dataDir, SQLITE_FILE), { readonly: true });
    const last = db
      .prepare('select author_id from document_updates where draft_id = ? order by seq desc limit 1')
      .get(draftId) as { author_id: string };
    db.close();
    expect(last.author_id).toBe(chair.user.id);
    await waitFor(async () => {
      const history = (await chair.api(`/api/drafts/${draftId}/history`)).body.changes as {
        author: { name: string } | null;
      }[];
      expect(history[0]?.author?.name).toBe('Amina Diallo');
    });
  });

  it('publishes a version at a read-only address anyone can open; an unpublished one is 404 to strangers', async () => {
    const draftId = await demoDraft();
    const versionId = await saveVersion(draftId, 'Rev.2');
    expect((await callApi(s.url, undefined, `/api/public/versions/${versionId}`)).status).toBe(404);
    expect(
      (
        await delegate.api(`/api/drafts/${draftId}/versions/${versionId}/publish`, {
          method: 'POST',
          json: { published: true },
        })
      ).status,
    ).toBe(403);
    const published = await chair.api(`/api/drafts/${draftId}/versions/${versionId}/publish`, {
      method: 'POST',
      json: { published: true },
    });
    expect(published.body).toMatchObject({ version: { published: true }, publicPath: `/public/versions/${versionId}` });
    const open = await callApi(s.url, undefined, `/api/public/versions/${versionId}`);
    expect(open.status).toBe(200);
    expect(open.body).toMatchObject({ title: 'Versions', version: { label: 'Rev.2' } });
    const md = await fetch(`${s.url}/api/public/versions/${versionId}/export?format=md`);
    expect(await md.text()).toContain('**OP1.**');
    await chair.api(`/api/drafts/${draftId}/versions/${versionId}/publish`, {
      method: 'POST',
      json: { published: false },
    });
    expect((await callApi(s.url, undefined, `/api/public/versions/${versionId}`)).status).toBe(404);
    expect((await callApi(s.url, undefined, '/api/public/versions/nope')).status).toBe(404);
  });
});

describe('exports', () => {
  it('writes the live text or a version as JSON, Markdown and printable HTML with the same numbers as the outline', async () => {
    const draftId = await demoDraft();
    const versionId = await saveVersion(draftId, 'Rev.1');
    const expected = await outline(draftId);
    for (const query of ['', `&version=${versionId}`]) {
      const json = await chair.api(`/api/drafts/${draftId}/export?format=json${query}`);
      expect(json.status).toBe(200);
      const numbers = [
        ...(json.body.preamble as { number: string }[]),
        ...(json.body.operative as { number: string }[]),
      ].map((c) => c.number);
      expect(numbers).toEqual(expected.clauses.map((c) => c.number));
      expect(json.body.version === null ? [] : Object.keys(json.body.version as object).sort()).toEqual(
        query ? ['createdAt', 'createdBy', 'id', 'label', 'note', 'publishedAt'] : [],
      );

      const md = await (
        await fetch(`${s.url}/api/drafts/${draftId}/export?format=md&pillars=true${query}`, {
          headers: { authorization: `Bearer ${chair.token}` },
        })
      ).text();
      expect(md).toMatch(/^# Versions\n/);
      expect(md).toContain('**PP1.** Noting that essential services');
      expect(md).toContain('- (a) the criticality of the affected services;');
      expect(md).toContain('*Pillars: Civilian protection*');

      const htmlResponse = await fetch(`${s.url}/api/drafts/${draftId}/export?format=html${query}`, {
        headers: { authorization: `Bearer ${chair.token}` },
      });
      expect(htmlResponse.headers.get('content-disposition')).toBe(
        `attachment; filename="versions-${query ? 'Rev.1' : 'live'}.html"`,
      );
      const html = await htmlResponse.text();
      expect(html).toContain('<span class="num">OP3.</span>');
      expect(html).toContain('@page { size: A4');
    }
  });

  it('refuses unknown formats, missing versions and people who cannot read the draft', async () => {
    const draftId = await demoDraft();
    expect((await chair.api(`/api/drafts/${draftId}/export?format=odt`)).status).toBe(400);
    expect((await chair.api(`/api/drafts/${draftId}/export?format=json&version=nope`)).status).toBe(404);
    expect((await stranger.api(`/api/drafts/${draftId}/export?format=json`)).status).toBe(403);
    expect((await callApi(s.url, undefined, `/api/drafts/${draftId}/export?format=json`)).status).toBe(401);
  });

  it('escapes the text in HTML and Markdown', async () => {
    const draftId = await demoDraft();
    const client = await join(draftId);
    clauseText(client.doc, 'operative', 0).insert(0, '<script>alert(1)</script> *not bold* ');
    await waitFor(async () => expect((await outline(draftId)).clauses[3]!.text).toMatch(/^<script>/));
    const html = await (
      await fetch(`${s.url}/api/drafts/${draftId}/export?format=html`, {
        headers: { authorization: `Bearer ${chair.token}` },
      })
    ).text();
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const md = await (
      await fetch(`${s.url}/api/drafts/${draftId}/export?format=md`, {
        headers: { authorization: `Bearer ${chair.token}` },
      })
    ).text();
    expect(md).toContain('\\*not bold\\*');
  });
});

describe('redline compare', () => {
  it('yields exactly the known insertions and deletions, shows a move as a move, and does not flag renumbering', async () => {
    const draftId = await demoDraft();
    // The chair: a delegate may not agree a clause.
    const client = await join(draftId, chair);
    const before = await outline(draftId);
    const fromId = await saveVersion(draftId, 'Rev.1');

    const op1 = clauseText(client.doc, 'operative', 0);
    const text = op1.toString();
    op1.delete(text.indexOf('protect'), 'protect'.length);
    op1.insert(text.indexOf('protect'), 'safeguard');
    insertClause(client.doc, 'preamble', 0, { id: 'c_newrecital01', text: 'Welcoming the work of regional bodies,' });
    moveClause(client.doc, 'operative', 6, 1);
    sectionElement(client.doc, 'operative').delete(7, 1);
    (sectionElement(client.doc, 'operative').get(3) as Y.XmlElement).setAttribute('status', 'agreed');
    await waitFor(async () => expect((await outline(draftId)).clauses[0]!.id).toBe('c_newrecital01'));
    await waitFor(async () =>
      expect((await outline(draftId)).clauses.find((c) => c.status === 'agreed')).toBeDefined(),
    );
    const toId = await saveVersion(draftId, 'Rev.2');

    const compare = async (to: string) =>
      (await chair.api(`/api/drafts/${draftId}/compare?from=${fromId}&to=${to}`)).body.redline as Redline;
    const redline = await compare(toId);
    expect(redline).toEqual(await compare('live'));
    const byId = new Map(redline.clauses.map((c) => [c.id, c]));
    const op = before.clauses.filter((c) => c.kind === 'operative');

    expect(byId.get(op[0]!.id)).toMatchObject({ change: 'modified', moved: false, fromNumber: 'OP1', toNumber: 'OP1' });
    expect(byId.get(op[0]!.id)!.words.filter((w) => w.op !== 'equal')).toEqual([
      { op: 'delete', text: 'protect' },
      { op: 'insert', text: 'safeguard' },
    ]);
    expect(byId.get('c_newrecital01')).toMatchObject({ change: 'added', toNumber: 'PP1', fromNumber: null });
    expect(byId.get(op[6]!.id)).toMatchObject({ change: 'unchanged', moved: true, fromNumber: 'OP7', toNumber: 'OP2' });
    expect(byId.get(op[7]!.id)).toMatchObject({ change: 'removed', toNumber: null, fromNumber: 'OP8' });
    // PP1 became PP2 by the insertion before it: renumbered, not changed.
    expect(byId.get(before.clauses[0]!.id)).toMatchObject({
      change: 'unchanged',
      moved: false,
      fromNumber: 'PP1',
      toNumber: 'PP2',
    });
    expect(redline.clauses.filter((c) => c.status)).toHaveLength(1);
    expect(redline.summary).toEqual({
      added: 1,
      removed: 1,
      modified: 2,
      moved: 1,
      unchanged: before.clauses.length - 3,
    });

    const html = await (
      await fetch(`${s.url}/api/drafts/${draftId}/compare?from=${fromId}&to=${toId}&format=html`, {
        headers: { authorization: `Bearer ${chair.token}` },
      })
    ).text();
    expect(html).toContain('<del>protect</del><ins>safeguard</ins>');
    expect(html).toContain('Moved (was OP7)');
    expect((await chair.api(`/api/drafts/${draftId}/compare?from=nope&to=live`)).status).toBe(404);
  });
});
