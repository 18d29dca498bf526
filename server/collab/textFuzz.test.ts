import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import * as prng from 'lib0/prng';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../../shared/collab';
import { draftSchema } from '../../shared/schema';
import { validateDocument } from '../text/validateDocument';
import { clauseText, insertClause, sectionElement, childIndexOfClause } from '../testing/collabClient';
import { RawCollabClient } from '../testing/RawCollabClient';
import type { TestSession } from '../testing/session';
import { DEMO, signIn } from '../testing/session';
import { startTestServer } from '../testing/startTestServer';
import { waitFor } from '../testing/waitFor';

const SEED = Number(process.env.TEXT_FUZZ_SEED ?? 20261204);
const ROUNDS = 60;
const schema = draftSchema();

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

type Section = 'preamble' | 'operative';

function clausesOf(doc: Y.Doc, section: Section): Y.XmlElement[] {
  return sectionElement(doc, section)
    .toArray()
    .filter((child): child is Y.XmlElement => child instanceof Y.XmlElement && child.nodeName === 'clause');
}

/** A random change a client might send: most are what the editor writes, some are not. */
function randomChange(gen: prng.PRNG, doc: Y.Doc): { name: string; change: () => void } {
  const section: Section = prng.bool(gen) ? 'preamble' : 'operative';
  const clauses = clausesOf(doc, section);
  const index = prng.int32(gen, 0, clauses.length - 1);
  const clause = clauses[index]!;
  const text = (): Y.XmlText => clauseText(doc, section, index);
  const word = prng.word(gen, 1, 6);
  const choices: { name: string; change: () => void }[] = [
    { name: 'type', change: () => text().insert(prng.int32(gen, 0, text().length), ` ${word}`) },
    { name: 'type', change: () => text().insert(text().length, `${word} `) },
    {
      name: 'delete',
      change: () => {
        const length = text().length;
        if (length > 2) text().delete(prng.int32(gen, 0, length - 2), 1);
        else text().insert(0, word);
      },
    },
    { name: 'bold', change: () => text().format(0, Math.min(3, text().length), { bold: {} }) },
    {
      name: 'add clause',
      change: () => insertClause(doc, section, index + 1, { id: `c_fz${prng.uint32(gen, 1, 1e9)}`, text: word }),
    },
    {
      name: 'remove clause',
      change: () =>
        clauses.length > 1 &&
        sectionElement(doc, section).delete(childIndexOfClause(sectionElement(doc, section), index), 1),
    },
    {
      name: 'agree',
      change: () => clause.setAttribute('status', prng.oneOf(gen, ['open', 'agreed', 'agreed-ad-ref'])),
    },
    { name: 'retag', change: () => clause.setAttribute('pillars', ['attribution'] as unknown as string) },
    {
      name: 'rename',
      change: () => ((doc.getXmlFragment(DOCUMENT_FIELD).get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'X'),
    },
    { name: 'unknown element', change: () => clause.insert(1, [new Y.XmlElement('iframe')]) },
    { name: 'bad attribute', change: () => clause.setAttribute('status', 'signed') },
    { name: 'unknown mark', change: () => text().format(0, 1, { underline: {} }) },
    {
      name: 'misplaced paragraph',
      change: () => sectionElement(doc, section).insert(0, [new Y.XmlElement('paragraph')]),
    },
    { name: 'empty clause', change: () => clause.delete(0, clause.length) },
    { name: 'other root', change: () => doc.getArray('junk').insert(0, [word]) },
    {
      name: 'deep nesting',
      change: () => {
        let outer: Y.XmlElement = clause;
        for (let i = 0; i < 40; i++) {
          const inner = new Y.XmlElement('subparagraph');
          outer.insert(outer.length, [inner]);
          outer = inner;
        }
      },
    },
  ];
  return prng.oneOf(gen, choices);
}

/** Whether a document holds everything an update carries: its items and its deletions. */
function holds(doc: Y.Doc, update: Uint8Array): boolean {
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update))) {
    if (Y.getState(doc.store, client) < clock) return false;
  }
  const deleted = Y.snapshot(doc).ds;
  for (const [client, ranges] of Y.decodeUpdate(update).ds.clients) {
    for (const { clock, len } of ranges) {
      for (let i = 0; i < len; i++) if (!Y.isDeleted(deleted, Y.createID(client, clock + i))) return false;
    }
  }
  return true;
}

interface Participant {
  session: TestSession;
  client: RawCollabClient;
}

describe('fuzzing the text rules', () => {
  it(`keeps the stored text valid and delivers every accepted change to every client (seed ${SEED})`, async () => {
    const s = await startTestServer();
    cleanups.push(() => s.close());
    const [chair, valdoria, norland] = await Promise.all([
      signIn(s.url, DEMO.chair),
      signIn(s.url, DEMO.valdoria),
      signIn(s.url, DEMO.norland),
    ]);
    const draftId = ((await chair.api('/api/drafts')).body.drafts as { id: string }[])[0]!.id;
    const open = async (session: TestSession): Promise<RawCollabClient> => {
      const client = await RawCollabClient.connect(s.collabUrl, draftId, session.token);
      cleanups.push(() => client.close());
      return client;
    };
    const participants: Participant[] = [];
    for (const session of [chair, valdoria, norland, valdoria])
      participants.push({ session, client: await open(session) });
    const watcher = await open(chair);
    const gen = prng.create(SEED);
    const accepted: Uint8Array[] = [];
    const tally = new Map<string, { accepted: number; refused: number }>();

    try {
      for (let round = 0; round < ROUNDS; round++) {
        // A refusal that came after its change seemed to arrive (someone else made the same deletion) is handled now.
        for (const participant of participants) {
          if (participant.client.refusals.length === 0) continue;
          participant.client.close();
          participant.client = await open(participant.session);
        }
        // A few participants send one change each, at once.
        const senders = participants.filter(() => prng.bool(gen));
        const sent = senders.map((participant) => {
          const { name, change } = randomChange(gen, participant.client.doc);
          const refusalsBefore = participant.client.refusals.length;
          const update = participant.client.send(() => change());
          return { participant, name, refusalsBefore, update };
        });
        // Each is either refused (its sender is told) or reaches the watcher.
        for (const { participant, name, refusalsBefore, update } of sent) {
          const refused = (): boolean => participant.client.refusals.length > refusalsBefore;
          await waitFor(() => refused() || holds(watcher.doc, update), {
            message: `round ${round}: ${name}, seed ${SEED}`,
          });
          const entry = tally.get(name) ?? { accepted: 0, refused: 0 };
          if (refused()) {
            entry.refused++;
            // The editor discards its copy and starts again from the server's text.
            participant.client.close();
            participant.client = await open(participant.session);
          } else {
            entry.accepted++;
            accepted.push(update);
          }
          tally.set(name, entry);
        }
      }

      // Every accepted change reached every connected client.
      for (const { client } of [...participants, { client: watcher }]) {
        await waitFor(() => expect(accepted.filter((update) => !holds(client.doc, update))).toEqual([]));
      }
      // The stored text is valid for the editor's schema, as the server and ProseMirror read it.
      await s.registry.closeAll();
      const stored = await s.storage.loadDocument(draftId);
      const doc = new Y.Doc();
      for (const update of [...(stored.state ? [stored.state] : []), ...stored.updates]) Y.applyUpdate(doc, update);
      expect(validateDocument(doc, schema, DOCUMENT_FIELD).map((problem) => problem.message)).toEqual([]);
      expect(() =>
        schema.nodeFromJSON(yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(DOCUMENT_FIELD))).check(),
      ).not.toThrow();
      // Both kinds happened, so the run tested something.
      const totals = [...tally.values()].reduce((a, b) => ({
        accepted: a.accepted + b.accepted,
        refused: a.refused + b.refused,
      }));
      expect(totals.accepted).toBeGreaterThan(20);
      expect(totals.refused).toBeGreaterThan(20);
    } catch (error) {
      throw new Error(`text fuzz failed with seed ${SEED} (rerun with TEXT_FUZZ_SEED=${SEED}): ${String(error)}`, {
        cause: error,
      });
    }
  });
});
