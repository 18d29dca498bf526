import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RefusalCode } from '../../shared/closeCodes';
import { clauseText, connectClient, documentString, sectionElement } from '../testing/collabClient';
import { RawCollabClient } from '../testing/RawCollabClient';
import { changeOf, nestParagraphs, readStoredDraft, storeUnchecked } from '../testing/storedText';
import { DEMO, signIn } from '../testing/session';
import { startTestServer } from '../testing/startTestServer';
import { waitFor } from '../testing/waitFor';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-recovery-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('a draft whose stored text cannot be read', () => {
  it('opens read-only for everyone with the reason, answers 409 instead of 500, and comes back when the chair restores it', async () => {
    const dataDir = tempDir();
    await (await startTestServer({ dataDir })).close();
    const { draftId, doc } = await readStoredDraft(dataDir);
    const before = changeOf(doc, (copy) => clauseText(copy, 'operative', 2).insert(0, 'Kept before. '));
    const junk = changeOf(doc, nestParagraphs);
    const after = changeOf(doc, (copy) => clauseText(copy, 'operative', 3).insert(0, 'Kept after. '));
    await storeUnchecked(dataDir, draftId, [before, junk, after]);

    const s = await startTestServer({ dataDir });
    cleanups.push(() => s.close());
    expect(await s.storedDraftsChecked).toMatchObject({ checked: 1, unreadable: [draftId], repaired: [] });
    const [chair, delegate] = await Promise.all([signIn(s.url, DEMO.chair), signIn(s.url, DEMO.valdoria)]);

    // Nothing is synced; every change is refused; services answer 409 with the reason.
    const editor = await RawCollabClient.connect(s.collabUrl, draftId, delegate.token).catch((error: unknown) => error);
    expect(editor).toBeInstanceOf(Error);
    const provider = connectClient(s.collabUrl, draftId, { token: delegate.token });
    cleanups.push(() => provider.destroy());
    const events: string[] = [];
    provider.provider.messageHandlers[100] = (_encoder, decoder) =>
      void events.push(new TextDecoder().decode(decoder.arr));
    await waitFor(() => expect(events.join()).toMatch(/draft-unreadable.*nested more than 16 levels deep/));
    expect(provider.provider.synced).toBe(false);
    const outline = await chair.api(`/api/drafts/${draftId}/outline`);
    expect(outline).toMatchObject({ status: 409, body: { error: 'draft_unreadable' } });
    expect((await chair.api(`/api/drafts/${draftId}/export?format=md`)).status).toBe(409);

    // The chair is offered the text without what broke it; a delegate may look but not restore.
    const status = await delegate.api(`/api/drafts/${draftId}/recovery`);
    expect(status.body).toMatchObject({
      unreadable: expect.stringMatching(/nested more than 16 levels deep/),
      plan: { kind: 'salvage', kept: 2, dropped: 1 },
    });
    expect((await delegate.api(`/api/drafts/${draftId}/recovery`, { method: 'POST' })).status).toBe(403);
    const restored = await chair.api(`/api/drafts/${draftId}/recovery`, { method: 'POST' });
    expect(restored).toMatchObject({ status: 200, body: { restored: { kind: 'salvage', kept: 2, dropped: 1 } } });
    await waitFor(() => expect(events.join()).toMatch(/draft-recovered/));

    const reader = connectClient(s.collabUrl, draftId, { token: chair.token });
    cleanups.push(() => reader.destroy());
    await reader.synced();
    expect(clauseText(reader.doc, 'operative', 2).toString()).toMatch(/^Kept before\. /);
    expect(clauseText(reader.doc, 'operative', 3).toString()).toMatch(/^Kept after\. /);
    expect((sectionElement(reader.doc, 'operative').get(1) as Y.XmlElement).length).toBe(1);
    expect((await chair.api(`/api/drafts/${draftId}/outline`)).status).toBe(200);
    const audit = await chair.api(`/api/drafts/${draftId}/audit`);
    expect(JSON.stringify(audit.body)).toContain('draft.recovered');
  });

  it('offers the newest readable version when the compacted state itself cannot be read', async () => {
    const dataDir = tempDir();
    const first = await startTestServer({ dataDir });
    const chairFirst = await signIn(first.url, DEMO.chair);
    const draftId = ((await chairFirst.api('/api/drafts')).body.drafts as { id: string }[])[0]!.id;
    const saved = await chairFirst.api(`/api/drafts/${draftId}/versions`, { method: 'POST', json: { label: 'Rev.1' } });
    expect(saved.status).toBe(201);
    await first.close();
    const { doc } = await readStoredDraft(dataDir);
    await storeUnchecked(dataDir, draftId, [changeOf(doc, nestParagraphs)], true);

    const s = await startTestServer({ dataDir });
    cleanups.push(() => s.close());
    const chair = await signIn(s.url, DEMO.chair);
    expect((await chair.api(`/api/drafts/${draftId}/recovery`)).body).toMatchObject({
      plan: { kind: 'version', label: 'Rev.1' },
    });
    expect((await chair.api(`/api/drafts/${draftId}/recovery`, { method: 'POST' })).status).toBe(200);
    const reader = connectClient(s.collabUrl, draftId, { token: chair.token });
    cleanups.push(() => reader.destroy());
    await reader.synced();
    expect(documentString(reader.doc)).toBe(documentString(doc));
  });

  it('mends at start-up what loses no words, and says so', async () => {
    const dataDir = tempDir();
    await (await startTestServer({ dataDir })).close();
    const { draftId, doc } = await readStoredDraft(dataDir);
    const odd = changeOf(doc, (copy) => {
      (sectionElement(copy, 'operative').get(1) as Y.XmlElement).setAttribute('onclick', 'steal()');
      clauseText(copy, 'operative', 1).format(0, 5, { blink: {} });
      copy.getMap('elsewhere').set('junk', 'x'.repeat(1000));
    });
    await storeUnchecked(dataDir, draftId, [odd]);
    const s = await startTestServer({ dataDir });
    cleanups.push(() => s.close());
    expect(await s.storedDraftsChecked).toMatchObject({ checked: 1, repaired: [draftId], unreadable: [] });
    const chair = await signIn(s.url, DEMO.chair);
    const reader = await RawCollabClient.connect(s.collabUrl, draftId, chair.token);
    cleanups.push(() => reader.close());
    const clause = sectionElement(reader.doc, 'operative').get(1) as Y.XmlElement;
    expect(clause.getAttribute('onclick')).toBeUndefined();
    expect(JSON.stringify(clauseText(reader.doc, 'operative', 1).toDelta())).not.toContain('blink');
    expect(reader.doc.getMap('elsewhere').size).toBe(0);
    expect(reader.refusals.map((refusal) => refusal.code)).not.toContain(RefusalCode.Unreadable);
  });
});
