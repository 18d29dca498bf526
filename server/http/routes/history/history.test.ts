import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CollabClient } from '../../../testing/collabClient';
import { clauseElement, clauseText, connectClient, sectionElement } from '../../../testing/collabClient';
import type { TestSession } from '../../../testing/session';
import { DEMO, signIn } from '../../../testing/session';
import type { TestServer } from '../../../testing/startTestServer';
import { startTestServer } from '../../../testing/startTestServer';
import { SQLITE_FILE } from '../../../storage/openSqliteStorage';
import { waitFor } from '../../../testing/waitFor';

interface Change {
  at: string;
  author: { name: string; affiliation: string } | null;
  clauses: { id: string; number: string | null }[];
}

let s: TestServer;
let chair: TestSession;
let valdoria: TestSession;
let norland: TestSession;
let draftId: string;
const clients: CollabClient[] = [];
beforeAll(async () => {
  s = await startTestServer();
  [chair, valdoria, norland] = await Promise.all([
    signIn(s.url, DEMO.chair),
    signIn(s.url, DEMO.valdoria),
    signIn(s.url, DEMO.norland),
  ]);
  draftId = ((await chair.api('/api/drafts')).body.drafts as { id: string }[])[0]!.id;
});
afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});
afterAll(async () => {
  await s.close();
});

async function history(): Promise<Change[]> {
  return (await valdoria.api(`/api/drafts/${draftId}/history`)).body.changes as Change[];
}

describe('the history of a draft', () => {
  it('records who changed which clause and when, newest first, and survives compaction', async () => {
    const a = connectClient(s.collabUrl, draftId, { token: valdoria.token });
    const b = connectClient(s.collabUrl, draftId, { token: norland.token });
    clients.push(a, b);
    await Promise.all([a.synced(), b.synced()]);
    const op2 = String(clauseElement(a.doc, 'operative', 1).getAttribute('id'));
    const pp4 = String(clauseElement(a.doc, 'preamble', 3).getAttribute('id'));

    clauseText(a.doc, 'operative', 1).insert(0, 'Valdoria: ');
    await waitFor(async () => expect((await history())[0]?.author?.name).toBe('Lena Varga'));
    clauseText(b.doc, 'preamble', 3).insert(0, 'Norland: ');
    await waitFor(async () => expect((await history())[0]?.author?.name).toBe('Erik Holm'));

    const [newest, older] = await history();
    expect(newest).toMatchObject({
      author: { name: 'Erik Holm', affiliation: 'Kingdom of Norland' },
      clauses: [{ id: pp4, number: 'PP4' }],
    });
    expect(older).toMatchObject({
      author: { name: 'Lena Varga', affiliation: 'Republic of Valdoria' },
      clauses: [{ id: op2, number: 'OP2' }],
    });
    expect(Date.parse(newest!.at)).toBeGreaterThanOrEqual(Date.parse(older!.at));

    // Deleting a clause is recorded against it; its number is gone.
    const operative = sectionElement(a.doc, 'operative');
    operative.delete(operative.toArray().indexOf(clauseElement(a.doc, 'operative', 1)), 1);
    await waitFor(async () => expect((await history())[0]?.clauses).toEqual([{ id: op2, number: null }]));

    // Unloading compacts the update log; the history stays.
    a.destroy();
    b.destroy();
    await waitFor(() => expect(s.registry.openCount).toBe(0));
    expect((await history()).slice(0, 3).map((change) => change.author?.name)).toEqual([
      'Lena Varga',
      'Erik Holm',
      'Lena Varga',
    ]);
  });

  it('attributes a rename to the chair who made it', async () => {
    const watcher = connectClient(s.collabUrl, draftId, { token: valdoria.token });
    clients.push(watcher);
    await watcher.synced();
    await chair.api(`/api/drafts/${draftId}`, { method: 'PATCH', json: { title: 'Renamed framework' } });
    // The stored update carries the chair as its author.
    const db = new SQLite(path.join(s.dataDir, SQLITE_FILE), { readonly: true });
    const row = db
      .prepare('select author_id from document_updates where draft_id = ? order by seq desc limit 1')
      .get(draftId) as { author_id: string };
    db.close();
    expect(row.author_id).toBe(chair.user.id);
    const audit = (await chair.api(`/api/drafts/${draftId}/audit`)).body.entries as {
      action: string;
      details: { to?: string };
    }[];
    expect(audit[0]).toMatchObject({ action: 'draft.renamed', details: { to: 'Renamed framework' } });
  });
});
