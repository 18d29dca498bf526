import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RefusalCode } from '../../shared/closeCodes';
import { DOCUMENT_FIELD } from '../../shared/collab';
import { MAX_FOOTNOTE_LENGTH } from '../../shared/limits';
import type { Outline } from '../../shared/outline';
import type { CollabClient } from '../testing/collabClient';
import { connectClient, documentString } from '../testing/collabClient';
import { RawCollabClient } from '../testing/RawCollabClient';
import type { TestSession } from '../testing/session';
import { DEMO, signIn } from '../testing/session';
import type { TestServer } from '../testing/startTestServer';
import { startTestServer } from '../testing/startTestServer';
import {
  STRUCTURED_SPEC,
  clauseIdOf,
  createStructuredDraft,
  elementWithId,
  fetchOutline,
  newAnnex,
  newDivision,
  newFootnote,
  newPoint,
  ownText,
  pointByReference,
  topElement,
} from '../testing/structuredDraft';
import { waitFor } from '../testing/waitFor';

let s: TestServer;
let chair: TestSession;
let delegate: TestSession;
const cleanups: (() => unknown)[] = [];
beforeAll(async () => {
  s = await startTestServer();
  [chair, delegate] = await Promise.all([signIn(s.url, DEMO.chair), signIn(s.url, DEMO.valdoria)]);
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(async () => {
  await s.close();
});

async function raw(draftId: string, session: TestSession): Promise<RawCollabClient> {
  const client = await RawCollabClient.connect(s.collabUrl, draftId, session.token);
  cleanups.push(() => client.close());
  return client;
}

async function watch(draftId: string): Promise<CollabClient> {
  const client = connectClient(s.collabUrl, draftId, { token: chair.token });
  cleanups.push(() => client.destroy());
  await client.synced();
  return client;
}

const draftWith = (spec = STRUCTURED_SPEC) =>
  createStructuredDraft(s, chair, [{ session: delegate, role: 'delegate' }], spec);

/** The paragraph holding a clause's or a point's own words. */
const ownParagraph = (doc: Y.Doc, id: string) => elementWithId(doc, id).get(0) as Y.XmlElement;

/** Each change a delegate's raw client tries on the structure, with the refusal it must meet. */
function attacks(o: Outline): { name: string; code: string; reason: RegExp; change: (doc: Y.Doc) => void }[] {
  const op1 = clauseIdOf(o, 'OP1');
  const op2 = clauseIdOf(o, 'OP2');
  const op3 = clauseIdOf(o, 'OP3');
  const deepest = pointByReference(o, 'OP1(b)(ii)(A)').id;
  const agreedPoint = pointByReference(o, 'OP2(a)').id;
  const agreedInner = pointByReference(o, 'OP2(b)').id;
  const fourDeep = /^The change nests points 4 levels deep; points go at most 3 levels deep/;
  const agreed = /^OP2 is agreed; only the chair can change its text/;
  return [
    {
      name: 'a point under (A), the fourth level',
      code: RefusalCode.Limit,
      reason: fourDeep,
      change: (doc) => elementWithId(doc, deepest).insert(1, [newPoint('too deep')]),
    },
    {
      name: 'four levels of points written at once in an open clause',
      code: RefusalCode.Limit,
      reason: fourDeep,
      change: (doc) => elementWithId(doc, op3).insert(1, [newPoint('a', newPoint('i', newPoint('A', newPoint('?'))))]),
    },
    {
      name: 'a division of the level "chapter"',
      code: RefusalCode.Schema,
      reason: /the attribute "level" must be part or section/,
      change: (doc) => topElement(doc, 'operative')!.insert(3, [newDivision('chapter', 'Chapter 1')]),
    },
    {
      name: 'a footnote longer than the limit',
      code: RefusalCode.Schema,
      reason: new RegExp(`the attribute "note" must be a text of at most ${MAX_FOOTNOTE_LENGTH} characters`),
      change: (doc) => ownParagraph(doc, op3).insert(1, [newFootnote('x'.repeat(MAX_FOOTNOTE_LENGTH + 1))]),
    },
    {
      name: 'a point id that is not an id',
      code: RefusalCode.Schema,
      reason: /the attribute "id" must be a short id/,
      change: (doc) => elementWithId(doc, pointByReference(o, 'OP1(a)').id).setAttribute('id', 'not an id!'),
    },
    {
      name: 'typing in the opening formula',
      code: RefusalCode.NotAllowed,
      reason: /^Only the chair can change the opening formula, which names the body that adopts the text/,
      change: (doc) => (topElement(doc, 'formula')!.get(0) as Y.XmlText).insert(0, 'Hijacked: '),
    },
    {
      name: 'removing the opening formula',
      code: RefusalCode.NotAllowed,
      reason: /^Only the chair can change the opening formula/,
      change: (doc) => doc.getXmlFragment(DOCUMENT_FIELD).delete(1, 1),
    },
    {
      name: 'a footnote in an agreed clause',
      code: RefusalCode.AgreedClause,
      reason: agreed,
      change: (doc) => ownParagraph(doc, op2).insert(0, [newFootnote('A/1/1.')]),
    },
    {
      name: 'a point in an agreed clause',
      code: RefusalCode.AgreedClause,
      reason: agreed,
      change: (doc) => {
        const clause = elementWithId(doc, op2);
        clause.insert(clause.length, [newPoint('an extra point')]);
      },
    },
    {
      name: 'a point inside a point of an agreed clause',
      code: RefusalCode.AgreedClause,
      reason: agreed,
      change: (doc) => elementWithId(doc, agreedInner).insert(2, [newPoint('later;')]),
    },
    {
      name: 'editing the words of a point of an agreed clause',
      code: RefusalCode.AgreedClause,
      reason: agreed,
      change: (doc) => ownText(elementWithId(doc, agreedPoint)).insert(0, 'never '),
    },
    {
      name: 'removing a point of an agreed clause',
      code: RefusalCode.AgreedClause,
      reason: agreed,
      change: (doc) => elementWithId(doc, op2).delete(1, 1),
    },
    {
      name: 'changing the note of a footnote in an agreed clause',
      code: RefusalCode.AgreedClause,
      reason: agreed,
      change: (doc) => {
        const footnote = ownParagraph(doc, op2)
          .toArray()
          .find((child) => child instanceof Y.XmlElement && child.nodeName === 'footnote') as Y.XmlElement;
        footnote.setAttribute('note', 'A/99/999.');
      },
    },
    {
      name: 'moving a point of an open clause under a point of an agreed one',
      code: RefusalCode.AgreedClause,
      reason: agreed,
      change: (doc) => {
        const point = elementWithId(doc, pointByReference(o, 'OP1(c)').id);
        elementWithId(doc, agreedInner).insert(1, [point.clone()]);
        elementWithId(doc, op1).delete(3, 1);
      },
    },
  ];
}

describe('the server judges changes to the structure of the text', () => {
  it('refuses each change a delegate may not make, tells the sender why, and nobody sees it', async () => {
    const draftId = await draftWith();
    const outline = await fetchOutline(chair, draftId);
    const watcher = await watch(draftId);
    const before = documentString(watcher.doc);
    for (const attack of attacks(outline)) {
      const attacker = await raw(draftId, delegate);
      attacker.send(attack.change);
      await waitFor(() => expect(attacker.refusals).toHaveLength(1), { message: attack.name });
      expect(attacker.refusals[0], attack.name).toMatchObject({
        code: attack.code,
        reason: expect.stringMatching(attack.reason),
      });
      attacker.close();
    }
    // The same delegate still types in an open clause.
    const honest = await raw(draftId, delegate);
    const op3 = clauseIdOf(outline, 'OP3');
    honest.send((doc) => ownText(elementWithId(doc, op3)).insert(0, 'Honestly, '));
    await waitFor(() => expect(ownText(elementWithId(watcher.doc, op3)).toString()).toMatch(/^Honestly, /));
    expect(honest.refusals).toEqual([]);
    expect(documentString(watcher.doc).replace('Honestly, ', '')).toBe(before);
    expect((await fetchOutline(chair, draftId)).problems).toEqual([]);
  });

  it('lets a delegate nest points to (A), add a division, a footnote and an annex in open text, and the chair write the formula', async () => {
    const draftId = await draftWith();
    const outline = await fetchOutline(chair, draftId);
    const op1 = clauseIdOf(outline, 'OP1');
    const op3 = clauseIdOf(outline, 'OP3');
    const author = await raw(draftId, delegate);
    author.send((doc) =>
      elementWithId(doc, op3).insert(1, [newPoint('first;', newPoint('second;', newPoint('third;')))]),
    );
    author.send((doc) => topElement(doc, 'operative')!.insert(3, [newDivision('part', 'Follow-up')]));
    author.send((doc) => ownParagraph(doc, op3).insert(1, [newFootnote('A/78/265.')]));
    author.send((doc) => {
      const fragment = doc.getXmlFragment(DOCUMENT_FIELD);
      fragment.insert(fragment.length, [newAnnex('Points of contact', 'States may designate points of contact.')]);
    });
    author.send((doc) => {
      const title = (topElement(doc, 'annex')!.get(0) as Y.XmlElement).get(0) as Y.XmlText;
      title.insert(title.length, ' of cooperation');
    });
    // Moving (c) before (a) in the open clause, as the editor does: a copy, then the original deleted.
    author.send((doc) => {
      const clause = elementWithId(doc, op1);
      clause.insert(1, [(clause.get(3) as Y.XmlElement).clone()]);
      clause.delete(4, 1);
    });
    const secretariat = await raw(draftId, chair);
    secretariat.send((doc) => {
      const words = topElement(doc, 'formula')!.get(0) as Y.XmlText;
      words.delete(0, words.length);
      words.insert(0, 'The Human Rights Council,');
    });
    await waitFor(async () => {
      const after = await fetchOutline(chair, draftId);
      expect(after.formula).toBe('The Human Rights Council,');
      const op3Now = after.clauses.find((clause) => clause.id === op3)!;
      expect(op3Now.points.map((point) => [point.reference, point.text])).toEqual([
        ['OP3(a)', 'first;'],
        ['OP3(a)(i)', 'second;'],
        ['OP3(a)(i)(A)', 'third;'],
      ]);
      // The server gives the new points their ids.
      expect(op3Now.points.every((point) => point.id !== '')).toBe(true);
      expect(after.clauses.find((clause) => clause.id === op1)!.points[0]!.text).toBe('to report on their measures.');
      expect(after.divisions.map((division) => [division.number, division.title])).toEqual([
        ['Part I', 'Norms'],
        ['Part II', 'Follow-up'],
        ['Section A', 'Review'],
      ]);
      expect(after.annexes.map((annex) => [annex.label, annex.title])).toEqual([
        ['Annex I', 'Voluntary measures of cooperation'],
        ['Annex II', 'Points of contact'],
      ]);
      expect(after.clauses.at(-1)!.number).toBe('A2.1');
      expect(after.footnotes.map((footnote) => [footnote.number, footnote.note, footnote.reference])).toEqual([
        [1, 'A/70/174.', 'PP1'],
        [2, 'See A/76/135.', 'OP2'],
        [3, 'A/78/265.', 'OP3'],
      ]);
      expect(after.problems).toEqual([]);
    });
    expect([...author.refusals, ...secretariat.refusals]).toEqual([]);

    // And removes them again: a footnote, a division, a point with the points within it, an annex.
    author.send((doc) => {
      const footnoted = ownParagraph(doc, op3);
      footnoted.delete(footnoted.length - 1, 1);
    });
    author.send((doc) => topElement(doc, 'operative')!.delete(3, 1));
    author.send((doc) => elementWithId(doc, op3).delete(1, 1));
    author.send((doc) => doc.getXmlFragment(DOCUMENT_FIELD).delete(doc.getXmlFragment(DOCUMENT_FIELD).length - 1, 1));
    await waitFor(async () => {
      const after = await fetchOutline(chair, draftId);
      expect(after.clauses.find((clause) => clause.id === op3)!.points).toEqual([]);
      expect(after.divisions.map((division) => division.number)).toEqual(['Part I', 'Section A']);
      expect(after.annexes.map((annex) => annex.label)).toEqual(['Annex']);
      expect(after.footnotes.map((footnote) => footnote.note)).toEqual(['A/70/174.', 'See A/76/135.']);
    });
    expect(author.refusals).toEqual([]);
  });

  it('names an agreed annex paragraph by its number when it refuses a change to it', async () => {
    const annexes = [
      { title: 'Measures', clauses: ['Open.', { text: 'States shall share.', status: 'agreed' as const }] },
    ];
    const draftId = await draftWith({ ...STRUCTURED_SPEC, annexes });
    const agreedParagraph = clauseIdOf(await fetchOutline(chair, draftId), 'A1.2');
    const delegation = await raw(draftId, delegate);
    delegation.send((doc) => ownText(elementWithId(doc, agreedParagraph)).insert(0, 'Never '));
    await waitFor(() => expect(delegation.refusals).toHaveLength(1));
    expect(delegation.refusals[0]).toMatchObject({
      code: RefusalCode.AgreedClause,
      reason: expect.stringMatching(/^A1\.2 is agreed; only the chair can change its text/),
    });
  });

  it('keeps the formula the chair’s to add as well: a delegate adding one is refused, the chair adding one is not', async () => {
    const { formula: _formula, ...spec } = STRUCTURED_SPEC;
    const draftId = await draftWith(spec);
    const formula = () => {
      const element = new Y.XmlElement('formula');
      element.insert(0, [new Y.XmlText('The States participating in this Framework,')]);
      return element;
    };
    const delegation = await raw(draftId, delegate);
    delegation.send((doc) => doc.getXmlFragment(DOCUMENT_FIELD).insert(1, [formula()]));
    await waitFor(() => expect(delegation.refusals).toMatchObject([{ code: RefusalCode.NotAllowed }]));
    expect(delegation.refusals[0]!.reason).toMatch(/^Only the chair can change the opening formula/);
    expect((await fetchOutline(chair, draftId)).formula).toBe('');
    const secretariat = await raw(draftId, chair);
    secretariat.send((doc) => doc.getXmlFragment(DOCUMENT_FIELD).insert(1, [formula()]));
    await waitFor(async () =>
      expect((await fetchOutline(chair, draftId)).formula).toBe('The States participating in this Framework,'),
    );
    expect(secretariat.refusals).toEqual([]);
  });
});
