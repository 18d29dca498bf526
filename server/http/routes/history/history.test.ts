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
  id: number | string;
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

  it('gives the word redline of what a run of entries did to one clause, its words before and after', async () => {
    const a = connectClient(s.collabUrl, draftId, { token: valdoria.token });
    const b = connectClient(s.collabUrl, draftId, { token: norland.token });
    clients.push(a, b);
    await Promise.all([a.synced(), b.synced()]);
    // An open clause, which any delegate may change.
    const index = [0, 1, 2, 3, 4].find((i) => clauseElement(a.doc, 'operative', i).getAttribute('status') === 'open')!;
    const clauseId = String(clauseElement(a.doc, 'operative', index).getAttribute('id'));
    const clauseWords = clauseText(a.doc, 'operative', index);
    const before = clauseWords.toString();
    const outline = async () =>
      ((await valdoria.api(`/api/drafts/${draftId}/outline`)).body.clauses as { id: string; text: string }[]).find(
        (clause) => clause.id === clauseId,
      )!.text;
    const wholeBefore = await outline();
    const newest = async (name: string) => {
      let found: Change | undefined;
      await waitFor(async () => {
        found = (await history()).find((change) => change.clauses.some((clause) => clause.id === clauseId));
        expect(found?.author?.name).toBe(name);
      });
      return Number(found!.id);
    };
    const redline = (from: number, to: number) =>
      valdoria.api(`/api/drafts/${draftId}/history/redline?clause=${clauseId}&from=${from}&to=${to}`);

    clauseWords.insert(before.length, ' Promptly.');
    const first = await newest('Lena Varga');
    const one = await redline(first, first);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ clauseId, change: 'modified' });
    const words = one.body.words as { op: string; text: string }[];
    expect(words.filter((word) => word.op === 'insert').map((word) => word.text.trim())).toEqual(['Promptly.']);
    // The clause's words as the outline reads them, points included, before and after.
    const side = (skip: string) =>
      words
        .filter((word) => word.op !== skip)
        .map((word) => word.text)
        .join('');
    expect(side('insert')).toBe(wholeBefore);
    expect(side('delete')).toBe(await outline());

    // A second change by another delegation: alone it shows its own words; over both, both from the first "before".
    const theirs = clauseText(b.doc, 'operative', index);
    await waitFor(() => expect(theirs.toString()).toContain('Promptly.'));
    const at = theirs.toString().indexOf('Promptly.');
    theirs.delete(at, 'Promptly.'.length);
    theirs.insert(at, 'At once.');
    const second = await newest('Erik Holm');
    const only = (run: { op: string; text: string }[], op: string) =>
      run
        .filter((word) => word.op === op)
        .map((word) => word.text)
        .join('')
        .trim();
    const alone = (await redline(second, second)).body.words as { op: string; text: string }[];
    expect([only(alone, 'delete'), only(alone, 'insert')]).toEqual(['Promptly', 'At once']);
    const both = (await redline(first, second)).body.words as { op: string; text: string }[];
    expect([only(both, 'delete'), only(both, 'insert')]).toEqual(['', 'At once.']);

    // An entry that did not touch the clause has nothing to show; nor does anyone outside the draft.
    expect((await redline(1, first - 1)).status).toBe(404);
    expect((await valdoria.api(`/api/drafts/${draftId}/history/redline?clause=${clauseId}&from=2&to=1`)).status).toBe(
      400,
    );
  });
});
