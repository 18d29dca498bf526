import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RefusalCode } from '../../shared/closeCodes';
import { DOCUMENT_FIELD } from '../../shared/collab';
import { MAX_PRESENCE_PER_CONNECTION } from '../../shared/limits';
import type { CollabClient } from '../testing/collabClient';
import {
  caretAt,
  clauseElement,
  clauseText,
  connectClient,
  documentString,
  sectionElement,
} from '../testing/collabClient';
import { RawCollabClient } from '../testing/RawCollabClient';
import type { TestSession } from '../testing/session';
import { DEMO, signIn } from '../testing/session';
import type { TestServer } from '../testing/startTestServer';
import { startTestServer } from '../testing/startTestServer';
import { waitFor } from '../testing/waitFor';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serverAt(
  overrides: Parameters<typeof startTestServer>[0],
): Promise<{ s: TestServer; chair: TestSession; delegate: TestSession; draftId: string }> {
  const s = await startTestServer(overrides);
  cleanups.push(() => s.close());
  const [chair, delegate] = await Promise.all([signIn(s.url, DEMO.chair), signIn(s.url, DEMO.valdoria)]);
  const draftId = ((await chair.api('/api/drafts')).body.drafts as { id: string }[])[0]!.id;
  return { s, chair, delegate, draftId };
}

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-rules-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function raw(s: TestServer, draftId: string, session: TestSession): Promise<RawCollabClient> {
  const client = await RawCollabClient.connect(s.collabUrl, draftId, session.token);
  cleanups.push(() => client.close());
  return client;
}

async function provider(s: TestServer, draftId: string, session: TestSession): Promise<CollabClient> {
  const client = connectClient(s.collabUrl, draftId, { token: session.token });
  cleanups.push(() => client.destroy());
  await client.synced();
  return client;
}

/** In the demo draft PP1 and PP2 are agreed, OP1 agreed ad ref, OP5 agreed; OP2 is open. */
const openClause = (doc: Y.Doc): Y.XmlElement => clauseElement(doc, 'operative', 1);
const nextClause = (doc: Y.Doc): Y.XmlElement => clauseElement(doc, 'operative', 2);
const titleText = (doc: Y.Doc): Y.XmlText =>
  (doc.getXmlFragment(DOCUMENT_FIELD).get(0) as Y.XmlElement).get(0) as Y.XmlText;

/** Each attack a delegate's raw client tried before the server checked what is written. */
const ATTACKS: { name: string; code: string; reason: RegExp; change: (doc: Y.Doc) => void }[] = [
  {
    name: '3,000 nested paragraphs',
    code: RefusalCode.Limit,
    reason: /nests elements 3,002 levels deep; a draft allows at most 16/,
    change: (doc) => {
      let outer = openClause(doc);
      for (let i = 0; i < 3000; i++) {
        const inner = new Y.XmlElement('paragraph');
        outer.insert(outer.length, [inner]);
        outer = inner;
      }
    },
  },
  {
    name: 'agreeing a clause',
    code: RefusalCode.NotAllowed,
    reason: /Only the chair can agree a clause or reopen it; the status of OP2/,
    change: (doc) => openClause(doc).setAttribute('status', 'agreed'),
  },
  {
    name: 'renaming the draft in its title',
    code: RefusalCode.NotAllowed,
    reason: /Only the chair can rename the draft/,
    change: (doc) => titleText(doc).insert(0, 'Hijacked: '),
  },
  {
    name: 'typing into an agreed clause',
    code: RefusalCode.AgreedClause,
    reason: /^PP1 is agreed; only the chair can change its text/,
    change: (doc) => clauseText(doc, 'preamble', 0).insert(0, 'Not '),
  },
  {
    name: 'deleting words of an agreed clause',
    code: RefusalCode.AgreedClause,
    reason: /^PP1 is agreed/,
    change: (doc) => clauseText(doc, 'preamble', 0).delete(0, 10),
  },
  {
    name: 'deleting an agreed clause',
    code: RefusalCode.AgreedClause,
    reason: /^PP2 is agreed; only the chair can delete or move it/,
    change: (doc) => sectionElement(doc, 'preamble').delete(1, 1),
  },
  {
    name: 'a script element',
    code: RefusalCode.Schema,
    reason: /the element "script" is not part of a draft/,
    change: (doc) => openClause(doc).insert(1, [new Y.XmlElement('script')]),
  },
];

describe('the server judges what a raw client writes', () => {
  it('refuses each attack of a delegate’s raw client: the sender is told, nobody sees it, and it is absent after a restart', async () => {
    const dataDir = tempDir();
    const first = await serverAt({ dataDir });
    const watcher = await provider(first.s, first.draftId, first.chair);
    const before = documentString(watcher.doc);
    for (const attack of ATTACKS) {
      // A fresh raw client each time, as the editor starts again after a refusal.
      const attacker = await raw(first.s, first.draftId, first.delegate);
      attacker.send(attack.change);
      await waitFor(() => expect(attacker.refusals).toHaveLength(1), { message: attack.name });
      expect(attacker.refusals[0]).toMatchObject({ code: attack.code, reason: expect.stringMatching(attack.reason) });
      // What it sends after a refusal is dropped too, even an allowed change.
      attacker.send((doc) => clauseText(doc, 'operative', 1).insert(0, 'after-refusal '));
      attacker.close();
    }
    // A delegate typing in an open clause still goes through, and the outline still answers.
    const honest = await raw(first.s, first.draftId, first.delegate);
    honest.send((doc) => clauseText(doc, 'operative', 1).insert(0, 'Honest words. '));
    await waitFor(() => expect(clauseText(watcher.doc, 'operative', 1).toString()).toMatch(/^Honest words\. /));
    expect(honest.refusals).toEqual([]);
    expect(documentString(watcher.doc).replace('Honest words. ', '')).toBe(before);
    expect((await first.chair.api(`/api/drafts/${first.draftId}/outline`)).status).toBe(200);
    const expected = documentString(watcher.doc);
    const newcomer = await provider(first.s, first.draftId, first.chair);
    expect(documentString(newcomer.doc)).toBe(expected);
    await first.s.close();

    const second = await serverAt({ dataDir });
    const reader = await provider(second.s, second.draftId, second.chair);
    expect(documentString(reader.doc)).toBe(expected);
    expect(documentString(reader.doc)).not.toMatch(/Hijacked|after-refusal|script|Not Recalling/);
  });

  it('refuses, unread, the changes of someone whose refused changes cost too much rebuilding; others go on', async () => {
    // A budget of one byte: the first refused change spends it.
    const { s, chair, delegate, draftId } = await serverAt({ refusalRebuildBytesPerMinute: 1 });
    const other = await signIn(s.url, DEMO.norland);
    const attacker = await raw(s, draftId, delegate);
    attacker.send((doc) => openClause(doc).setAttribute('status', 'agreed'));
    await waitFor(() => expect(attacker.refusals).toMatchObject([{ code: RefusalCode.NotAllowed }]));
    // The draft unloads when its last connection leaves; what the refusal cost is remembered all the same.
    attacker.close();
    await waitFor(() => expect(s.registry.openCount).toBe(0));
    const watcher = await provider(s, draftId, chair);
    // A fresh connection of the same person: even an allowed change is refused now, before it is read.
    const again = await raw(s, draftId, delegate);
    again.send((doc) => clauseText(doc, 'operative', 1).insert(0, 'Spent. '));
    await waitFor(() =>
      expect(again.refusals).toMatchObject([
        {
          code: RefusalCode.RefusedTooOften,
          reason: expect.stringMatching(/takes none from you for up to a minute; this one was not applied/),
        },
      ]),
    );
    // Another delegate and the chair are not held up.
    const honest = await raw(s, draftId, other);
    honest.send((doc) => clauseText(doc, 'operative', 1).insert(0, 'Norland. '));
    const chairClient = await raw(s, draftId, chair);
    chairClient.send((doc) => clauseText(doc, 'preamble', 0).insert(0, 'Chair. '));
    await waitFor(() => {
      expect(clauseText(watcher.doc, 'operative', 1).toString()).toMatch(/^Norland\. /);
      expect(clauseText(watcher.doc, 'preamble', 0).toString()).toMatch(/^Chair\. /);
    });
    expect([...honest.refusals, ...chairClient.refusals]).toEqual([]);
    expect(documentString(watcher.doc)).not.toMatch(/Spent\./);
    expect(openClause(watcher.doc).getAttribute('status')).not.toBe('agreed');
  });

  it('lets the chair change agreed text and agree clauses while a delegate types in an open clause, at once', async () => {
    const dataDir = tempDir();
    const first = await serverAt({ dataDir });
    const chair = await raw(first.s, first.draftId, first.chair);
    const delegate = await raw(first.s, first.draftId, first.delegate);
    const watcher = await provider(first.s, first.draftId, first.delegate);
    for (let i = 0; i < 20; i++) {
      chair.send((doc) => clauseText(doc, 'preamble', 0).insert(0, `c${i} `));
      delegate.send((doc) => {
        const text = clauseText(doc, 'operative', 1);
        text.insert(text.length, ` d${i}`);
      });
    }
    chair.send((doc) => nextClause(doc).setAttribute('status', 'agreed-ad-ref'));
    await waitFor(() => {
      expect(clauseText(watcher.doc, 'preamble', 0).toString()).toMatch(/^c19 c18 .* c0 /);
      expect(clauseText(watcher.doc, 'operative', 1).toString()).toMatch(/ d0 d1 .* d19$/);
      expect(nextClause(watcher.doc).getAttribute('status')).toBe('agreed-ad-ref');
    });
    expect([...chair.refusals, ...delegate.refusals]).toEqual([]);
    // The server records who agreed the clause, on the clause.
    await waitFor(() =>
      expect(nextClause(watcher.doc).getAttribute('statusBy')).toBe('Amina Diallo (Conference Secretariat)'),
    );
    expect(Date.parse(String(nextClause(watcher.doc).getAttribute('statusAt')))).toBeGreaterThan(Date.now() - 60_000);
    // The delegate typing in the clause that is now agreed ad ref is refused.
    delegate.send((doc) => clauseText(doc, 'operative', 2).insert(0, 'late '));
    await waitFor(() => expect(delegate.refusals).toMatchObject([{ code: RefusalCode.AgreedClause }]));
    const expected = documentString(watcher.doc);
    await first.s.close();

    const second = await serverAt({ dataDir });
    const reader = await provider(second.s, second.draftId, second.chair);
    expect(documentString(reader.doc)).toBe(expected);
  });

  it('keeps presence to four entries per connection, of bounded size, with only the caret and the stamped identity', async () => {
    const { s, chair, delegate, draftId } = await serverAt({ dataDir: tempDir() });
    const watcher = await raw(s, draftId, chair);
    const flooder = await raw(s, draftId, delegate);
    const caret = caretAt(clauseText(flooder.doc, 'operative', 1), 0);
    const entries = Array.from({ length: 20_000 }, (_, i) => ({
      clientId: 1_000_000 + i,
      clock: 1,
      state: { user: { name: 'Someone else' }, cursor: caret, script: '<img src=x>' },
    }));
    flooder.sendPresence(entries);
    flooder.sendPresence([{ clientId: 42, clock: 1, state: { cursor: caret, padding: 'x'.repeat(4 * 1024 * 1024) } }]);
    await waitFor(() => expect(watcher.presence.size).toBe(MAX_PRESENCE_PER_CONNECTION));
    for (const state of watcher.presence.values()) {
      expect(state).toEqual({
        user: expect.objectContaining({ name: 'Lena Varga', affiliation: 'Republic of Valdoria' }),
        cursor: caret,
      });
    }
    // A newcomer is handed the same four, not the flood.
    const newcomer = await raw(s, draftId, chair);
    await waitFor(() => expect(newcomer.presence.size).toBe(MAX_PRESENCE_PER_CONNECTION));
    expect(watcher.presence.has(42)).toBe(false);
  });
});
