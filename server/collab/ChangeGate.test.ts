import { CYBER_TAXONOMY } from '../../shared/pillars';
import { prosemirrorJSONToYDoc } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RefusalCode } from '../../shared/closeCodes';
import { DOCUMENT_FIELD } from '../../shared/collab';
import { draftFromSpec } from '../../shared/draftText';
import { MAX_CLAUSE_CHARACTERS, MAX_CLAUSES_PER_DRAFT, MAX_NESTING_DEPTH } from '../../shared/limits';
import type { Role } from '../../shared/roles';
import { draftSchema } from '../../shared/schema';
import { clauseText, insertClause, sectionElement } from '../testing/collabClient';
import type { Admission } from './ChangeGate';
import type { Author } from '../text/checkSuggestions';
import { ClientOwners } from './ClientOwners';
import { ChangeGate } from './ChangeGate';

/** The person behind a change in these tests: one delegate, or the chair, never in facilitator mode. */
function authorFor(role: Role, userId = 'u1'): Author {
  return { userId, affiliationId: 'a1', editsEverything: role === 'chair', suggestsOnly: false };
}

const schema = draftSchema();
let ids = 0;

/** A draft as the server creates it: PP1 open, OP1 agreed, OP2 open. */
function draft(): Y.Doc {
  const json = draftFromSpec(
    {
      title: 'Norms',
      preamble: ['Recalling earlier work,'],
      operative: [{ text: 'States should protect hospitals.', status: 'agreed' }, 'States should cooperate.'],
    },
    () => `c_test${++ids}`,
  );
  return prosemirrorJSONToYDoc(schema, json, DOCUMENT_FIELD);
}

/** What each gate has admitted, as the live text would hold it: the gate rebuilds from it after a refusal. */
const admitted = new WeakMap<ChangeGate, Uint8Array[]>();

/** A gate over a fresh draft, and a client document in step with it. */
function setup(announcedBy: (client: number) => string | undefined = () => undefined): {
  gate: ChangeGate;
  client: Y.Doc;
} {
  const base = draft();
  const state = Y.encodeStateAsUpdate(base);
  const effects: Uint8Array[] = [];
  const owners = new ClientOwners(new Map(), { announcedBy });
  const gate = new ChangeGate(schema, DOCUMENT_FIELD, () => [state, ...effects], undefined, owners);
  admitted.set(gate, effects);
  const client = new Y.Doc();
  Y.applyUpdate(client, state);
  return { gate, client };
}

const owner = {};

/** Makes a change in the client's document and asks the gate about the update it produces. */
function send(gate: ChangeGate, client: Y.Doc, change: () => void, role: Role = 'delegate'): Admission {
  const before = Y.encodeStateVector(client);
  client.transact(change);
  return admit(gate, Y.encodeStateAsUpdate(client, before), role, owner);
}

/** Asks the gate about an update; what it admits is kept as the live text would keep it. */
function admit(
  gate: ChangeGate,
  update: Uint8Array,
  role: Role = 'delegate',
  from: object = owner,
  userId = 'u1',
): Admission {
  const admission = gate.admit([update], {
    role,
    owner: from,
    author: authorFor(role, userId),
    pillars: new Set(CYBER_TAXONOMY.keys),
  });
  if (admission.kind === 'admitted' && admission.effect) admitted.get(gate)?.push(admission.effect);
  return admission;
}

function refusal(admission: Admission): { code: string; reason: string } | null {
  return admission.kind === 'refused' ? admission.refusal : null;
}

const agreed = (doc: Y.Doc): Y.XmlElement => sectionElement(doc, 'operative').get(0) as Y.XmlElement;
const title = (doc: Y.Doc): Y.XmlElement => doc.getXmlFragment(DOCUMENT_FIELD).get(0) as Y.XmlElement;

function staged(gate: ChangeGate): string {
  return gate.doc.getXmlFragment(DOCUMENT_FIELD).toString();
}

describe('the validation stage (ChangeGate)', () => {
  it('admits typing in an open clause and keeps it staged', () => {
    const { gate, client } = setup();
    const admission = send(gate, client, () => clauseText(client, 'operative', 1).insert(0, 'All '));
    expect(admission).toMatchObject({ kind: 'admitted' });
    expect(staged(gate)).toContain('All States should cooperate.');
  });

  it('refuses a delegate typing into, deleting or moving an agreed clause; the chair may', () => {
    const { gate, client } = setup();
    const before = staged(gate);
    expect(refusal(send(gate, client, () => clauseText(client, 'operative', 0).insert(0, 'x')))).toMatchObject({
      code: RefusalCode.AgreedClause,
      reason: expect.stringMatching(/^OP1 is agreed; only the chair can change its text/),
    });
    expect(staged(gate)).toBe(before);

    const second = setup();
    expect(
      refusal(send(second.gate, second.client, () => sectionElement(second.client, 'operative').delete(0, 1))),
    ).toMatchObject({
      code: RefusalCode.AgreedClause,
      reason: expect.stringMatching(/only the chair can delete or move it/),
    });

    const third = setup();
    const moved = send(third.gate, third.client, () => {
      const section = sectionElement(third.client, 'operative');
      const clause = section.get(0) as Y.XmlElement;
      const copy = clause.clone();
      section.delete(0, 1);
      section.insert(1, [copy]);
    });
    expect(refusal(moved)?.code).toBe(RefusalCode.AgreedClause);

    const chair = setup();
    expect(
      send(chair.gate, chair.client, () => clauseText(chair.client, 'operative', 0).insert(0, 'All '), 'chair'),
    ).toMatchObject({
      kind: 'admitted',
    });
  });

  it('refuses formatting inside an agreed clause, but lets a delegate retag it', () => {
    const { gate, client } = setup();
    expect(refusal(send(gate, client, () => clauseText(client, 'operative', 0).format(0, 6, { bold: {} })))?.code).toBe(
      RefusalCode.AgreedClause,
    );
    // After a refusal the editor starts again from the server's text.
    const fresh = setup();
    const tags = ['attribution'] as unknown as string;
    expect(send(fresh.gate, fresh.client, () => agreed(fresh.client).setAttribute('pillars', tags))).toMatchObject({
      kind: 'admitted',
    });
  });

  it('lets only the chair agree, reopen or record who agreed a clause', () => {
    const { gate, client } = setup();
    const open = (): Y.XmlElement => sectionElement(client, 'operative').get(1) as Y.XmlElement;
    expect(refusal(send(gate, client, () => open().setAttribute('status', 'agreed')))).toMatchObject({
      code: RefusalCode.NotAllowed,
      reason: expect.stringMatching(/Only the chair can agree a clause or reopen it; the status of OP2/),
    });
    const again = setup();
    expect(
      refusal(send(again.gate, again.client, () => agreed(again.client).setAttribute('status', 'open')))?.code,
    ).toBe(RefusalCode.NotAllowed);
    const forged = setup();
    const openOf = (doc: Y.Doc): Y.XmlElement => sectionElement(doc, 'operative').get(1) as Y.XmlElement;
    expect(
      refusal(send(forged.gate, forged.client, () => openOf(forged.client).setAttribute('statusBy', 'The Chair')))
        ?.code,
    ).toBe(RefusalCode.NotAllowed);
    const chair = setup();
    expect(
      send(chair.gate, chair.client, () => openOf(chair.client).setAttribute('status', 'agreed'), 'chair'),
    ).toMatchObject({
      kind: 'admitted',
    });
  });

  it('lets a delegate add and remove open clauses, but not add one already agreed', () => {
    const { gate, client } = setup();
    expect(send(gate, client, () => insertClause(client, 'operative', 2, { id: 'c_new1', text: 'New' }))).toMatchObject(
      {
        kind: 'admitted',
      },
    );
    expect(send(gate, client, () => sectionElement(client, 'operative').delete(2, 1))).toMatchObject({
      kind: 'admitted',
    });
    expect(
      refusal(
        send(gate, client, () =>
          insertClause(client, 'operative', 2, { id: 'c_new2', text: 'Pre-agreed', status: 'agreed' }),
        ),
      )?.code,
    ).toBe(RefusalCode.NotAllowed);
  });

  it('keeps the title the chair’s', () => {
    const { gate, client } = setup();
    expect(refusal(send(gate, client, () => (title(client).get(0) as Y.XmlText).insert(0, 'Draft ')))).toMatchObject({
      code: RefusalCode.NotAllowed,
      reason: expect.stringMatching(/Only the chair can rename the draft/),
    });
    const chair = setup();
    expect(
      send(chair.gate, chair.client, () => (title(chair.client).get(0) as Y.XmlText).insert(0, 'Draft '), 'chair'),
    ).toMatchObject({
      kind: 'admitted',
    });
  });

  it('refuses an observer anything', () => {
    const { gate, client } = setup();
    expect(refusal(send(gate, client, () => clauseText(client, 'operative', 1).insert(0, 'x'), 'observer'))?.code).toBe(
      RefusalCode.NotAllowed,
    );
  });

  it.each([
    [
      'an unknown element',
      (doc: Y.Doc) => (sectionElement(doc, 'operative').get(1) as Y.XmlElement).insert(1, [new Y.XmlElement('script')]),
      /the element "script" is not part of a draft/,
    ],
    [
      'a paragraph straight in a section',
      (doc: Y.Doc) => sectionElement(doc, 'operative').insert(0, [new Y.XmlElement('paragraph')]),
      /"paragraph" cannot be there in an operative/,
    ],
    [
      'a clause opening with a sub-paragraph',
      (doc: Y.Doc) => {
        const clause = new Y.XmlElement('clause');
        const sub = new Y.XmlElement('subparagraph');
        sub.insert(0, [new Y.XmlElement('paragraph')]);
        clause.insert(0, [sub]);
        sectionElement(doc, 'operative').insert(2, [clause]);
      },
      /"subparagraph" cannot be there in a clause/,
    ],
    [
      'an attribute the clause does not have',
      (doc: Y.Doc) => (sectionElement(doc, 'operative').get(1) as Y.XmlElement).setAttribute('onclick', 'x'),
      /a "clause" has no attribute "onclick"/,
    ],
    [
      'pillars that are not a list',
      (doc: Y.Doc) => (sectionElement(doc, 'operative').get(1) as Y.XmlElement).setAttribute('pillars', 'attribution'),
      /"pillars" must be a list/,
    ],
    [
      'an unknown formatting',
      (doc: Y.Doc) => clauseText(doc, 'operative', 1).format(0, 3, { link: { href: 'x' } }),
      /the formatting "link" is not part of a draft/,
    ],
    [
      'bold in the title',
      (doc: Y.Doc) => (title(doc).get(0) as Y.XmlText).format(0, 3, { bold: {} }),
      /text in a title cannot be bold/,
    ],
    [
      'an embedded object',
      (doc: Y.Doc) => clauseText(doc, 'operative', 1).insertEmbed(0, { image: 'x' }),
      /an embedded object/,
    ],
    ['data outside the text', (doc: Y.Doc) => doc.getMap('elsewhere').set('x', 1), /outside the text of the draft/],
  ])('refuses %s as breaking the schema', (_what, change, reason) => {
    const { gate, client } = setup();
    const before = staged(gate);
    expect(refusal(send(gate, client, () => change(client), 'chair'))).toMatchObject({
      code: RefusalCode.Schema,
      reason: expect.stringMatching(reason),
    });
    expect(staged(gate)).toBe(before);
  });

  it('refuses nesting past the limit, with the figure, at any depth', () => {
    const { gate, client } = setup();
    // Built as a raw client would, one level at a time (the editor could never make it).
    const admission = send(gate, client, () => {
      let outer = sectionElement(client, 'operative').get(1) as Y.XmlElement;
      for (let i = 0; i < 3000; i++) {
        const inner = new Y.XmlElement('paragraph');
        outer.insert(outer.length, [inner]);
        outer = inner;
      }
    });
    expect(refusal(admission)).toMatchObject({
      code: RefusalCode.Limit,
      reason: `The change nests elements 3,002 levels deep; a draft allows at most ${MAX_NESTING_DEPTH}.`,
    });
  });

  it('refuses a clause longer than the limit, with the figure, but lets anyone shorten one that is too long', () => {
    const { gate, client } = setup();
    expect(
      refusal(
        send(gate, client, () => clauseText(client, 'operative', 1).insert(0, 'x'.repeat(MAX_CLAUSE_CHARACTERS))),
      ),
    ).toMatchObject({
      code: RefusalCode.Limit,
      reason: expect.stringMatching(/^OP2 would hold 100,024 characters; a clause may hold at most 100,000/),
    });
    // A clause stored too long before the limit existed can still be shortened.
    const long = draft();
    clauseText(long, 'operative', 1).insert(0, 'x'.repeat(MAX_CLAUSE_CHARACTERS));
    const state = Y.encodeStateAsUpdate(long);
    const lenient = new ChangeGate(schema, DOCUMENT_FIELD, () => [state], undefined, ClientOwners.inMemory());
    admitted.set(lenient, []);
    const editor = new Y.Doc();
    Y.applyUpdate(editor, state);
    expect(send(lenient, editor, () => clauseText(editor, 'operative', 1).delete(0, 10))).toMatchObject({
      kind: 'admitted',
    });
    expect(refusal(send(lenient, editor, () => clauseText(editor, 'operative', 1).insert(0, 'y')))?.code).toBe(
      RefusalCode.Limit,
    );
  });

  it('refuses more clauses than a draft may hold', () => {
    const { gate, client } = setup();
    const admission = send(gate, client, () => {
      for (let i = 0; i < MAX_CLAUSES_PER_DRAFT; i++)
        insertClause(client, 'operative', 2, { id: `c_many${i}`, text: '' });
    });
    expect(refusal(admission)).toMatchObject({
      code: RefusalCode.Limit,
      reason: 'The draft would hold 2,003 clauses; a draft may hold at most 2,000.',
    });
  });

  it('judges taking off a suggestion the server or another instance put on a text it had read as holding none', () => {
    const suggestion = { id: 'u2:s1', author: 'u2', delegation: 'a2', at: '2026-12-06T00:00:00.000Z' };
    const ways: Record<string, (gate: ChangeGate, change: (doc: Y.Doc) => void) => Uint8Array | null> = {
      // A restore or a consolidation: the server's own change, not judged by the suggestion rules.
      server: (gate, change) => gate.write(change),
      // Rows another instance judged and stored.
      'another instance': (gate, change) => {
        const peer = new Y.Doc();
        Y.applyUpdate(peer, Y.encodeStateAsUpdate(gate.doc));
        const before = Y.encodeStateVector(peer);
        peer.transact(() => change(peer));
        const update = Y.encodeStateAsUpdate(peer, before);
        gate.absorb(update);
        return update;
      },
    };
    for (const [way, suggest] of Object.entries(ways)) {
      const { gate, client } = setup();
      // Plain typing: the gate reads the text once and finds no suggestion in it.
      expect(send(gate, client, () => clauseText(client, 'operative', 1).insert(0, 'Plain '))).toMatchObject({
        kind: 'admitted',
      });
      const effect = suggest(gate, (doc) =>
        clauseText(doc, 'operative', 1).insert(0, 'Also ', { insertion: suggestion }),
      );
      admitted.get(gate)!.push(effect!);
      Y.applyUpdate(client, effect!);
      // Another delegation's suggestion: a delegate may not take it off by deleting it.
      const deleted = send(gate, client, () => clauseText(client, 'operative', 1).delete(0, 5));
      expect(refusal(deleted)?.code, way).toBe(RefusalCode.NotAllowed);
    }
  });

  /** An update adding a word at the start of OP2 under `clientID`, made on a copy of `from`'s text. */
  function writtenAs(from: Y.Doc, clientID: number, word: string): Uint8Array {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(from));
    copy.clientID = clientID;
    const before = Y.encodeStateVector(copy);
    clauseText(copy, 'operative', 1).insert(0, word);
    return Y.encodeStateAsUpdate(copy, before);
  }

  it('refuses a change under another person’s or the server’s Yjs client id, even once they have left', () => {
    const { gate, client } = setup();
    expect(send(gate, client, () => clauseText(client, 'operative', 1).insert(0, 'a'))).toMatchObject({
      kind: 'admitted',
    });
    // Another person, on another connection, sending items under the first one's Yjs client id;
    // the first one's connection has gone by now: the id is still theirs.
    const impostor = writtenAs(client, client.clientID, 'b');
    expect(refusal(admit(gate, impostor, 'delegate', {}, 'u2'))?.code).toBe(RefusalCode.NotAllowed);
    // The same person coming back on a new connection goes on under it.
    expect(admit(gate, writtenAs(client, client.clientID, 'c'), 'delegate', {}, 'u1')).toMatchObject({
      kind: 'admitted',
    });
    // The server's own id is nobody's to write under, a chair's included.
    expect(refusal(admit(gate, writtenAs(client, gate.doc.clientID, 'd'), 'chair', {}, 'u9'))?.code).toBe(
      RefusalCode.NotAllowed,
    );
  });

  it('keeps the Yjs client ids of other instances’ writers and of people present for them', () => {
    const announced = 4242;
    const { gate, client } = setup((id) => (id === announced ? 'u4' : undefined));
    // Another instance stored a row of u3's: its client id is u3's here too.
    const elsewhere = new Y.Doc();
    Y.applyUpdate(elsewhere, Y.encodeStateAsUpdate(client));
    elsewhere.clientID = 777;
    const before = Y.encodeStateVector(elsewhere);
    clauseText(elsewhere, 'preamble', 0).insert(0, 'Also ');
    const row = Y.encodeStateAsUpdate(elsewhere, before);
    gate.absorb(row);
    gate.owners.claimRows([row], ['u3']);
    admitted.get(gate)!.push(row);
    Y.applyUpdate(client, row);
    expect(refusal(admit(gate, writtenAs(client, 777, 'x'), 'delegate', {}, 'u2'))?.code).toBe(RefusalCode.NotAllowed);
    expect(admit(gate, writtenAs(client, 777, 'y'), 'delegate', {}, 'u3')).toMatchObject({ kind: 'admitted' });
    // An id announced in presence by u4, who has written nothing yet, is u4's.
    expect(refusal(admit(gate, writtenAs(client, announced, 'z'), 'delegate', {}, 'u2'))?.code).toBe(
      RefusalCode.NotAllowed,
    );
    expect(admit(gate, writtenAs(client, announced, 'w'), 'delegate', {}, 'u4')).toMatchObject({ kind: 'admitted' });
  });

  it('gives the ids a person first writes under as claims to store with the change; a dropped change’s go with the next one stored', () => {
    const { gate, client } = setup();
    const write = (clientID: number, word: string, userId: string): Admission => {
      const update = writtenAs(client, clientID, word);
      const admission = admit(gate, update, 'delegate', {}, userId);
      Y.applyUpdate(client, update);
      return admission;
    };
    const claimsOf = (admission: Admission) => (admission.kind === 'admitted' ? admission.claims : 'not admitted');
    expect(claimsOf(write(501, 'a', 'u1'))).toEqual([{ clientId: 501, userId: 'u1' }]);
    expect(claimsOf(write(501, 'b', 'u1'))).toEqual([]);
    // The change that carried u1's claim could not be stored: it was dropped.
    gate.reset([{ claims: [{ clientId: 501, userId: 'u1' }] }]);
    // The server's own change stores no claim, and leaves the dropped one for a person's.
    const effect = gate.write((doc) => clauseText(doc, 'preamble', 0).insert(0, 'Server '));
    expect(effect).not.toBeNull();
    admitted.get(gate)!.push(effect!);
    Y.applyUpdate(client, effect!);
    expect(claimsOf(write(502, 'c', 'u2'))).toEqual([
      { clientId: 501, userId: 'u1' },
      { clientId: 502, userId: 'u2' },
    ]);
    expect(claimsOf(write(502, 'd', 'u2'))).toEqual([]);
    // The ids stayed their writers' throughout.
    expect(refusal(admit(gate, writtenAs(client, 501, 'e'), 'delegate', {}, 'u2'))?.code).toBe(RefusalCode.NotAllowed);
  });

  it('refuses a change that builds on text it does not have, and one it cannot read', () => {
    const { gate, client } = setup();
    const before = Y.encodeStateVector(client);
    clauseText(client, 'operative', 1).insert(0, 'first ');
    const middle = Y.encodeStateVector(client);
    clauseText(client, 'operative', 1).insert(6, 'second ');
    expect(refusal(admit(gate, Y.encodeStateAsUpdate(client, middle)))?.code).toBe(RefusalCode.Schema);
    expect(admit(gate, Y.encodeStateAsUpdate(client, before))).toMatchObject({ kind: 'admitted' });
    expect(admit(gate, Uint8Array.of(4, 200, 200, 200))).toMatchObject({ kind: 'malformed' });
  });

  it('judges what one connection sent in a turn as one change', () => {
    const { gate, client } = setup();
    const updates = [0, 1, 2].map((i) => {
      const before = Y.encodeStateVector(client);
      clauseText(client, 'operative', 1).insert(0, `${i} `);
      return Y.encodeStateAsUpdate(client, before);
    });
    const admission = gate.admit(updates, { role: 'delegate', owner, author: authorFor('delegate'), pillars: null });
    expect(admission).toMatchObject({ kind: 'admitted' });
    expect(staged(gate)).toContain('2 1 0 States should cooperate.');
    // One of them refused refuses the turn: what follows a refusal would be dropped anyway.
    const fresh = setup();
    const typing = Y.encodeStateVector(fresh.client);
    clauseText(fresh.client, 'operative', 1).insert(0, 'ok ');
    const first = Y.encodeStateAsUpdate(fresh.client, typing);
    const agreeing = Y.encodeStateVector(fresh.client);
    agreed(fresh.client).setAttribute('status', 'open');
    const second = Y.encodeStateAsUpdate(fresh.client, agreeing);
    expect(
      refusal(
        fresh.gate.admit([first, second], { role: 'delegate', owner, author: authorFor('delegate'), pillars: null }),
      )?.code,
    ).toBe(RefusalCode.NotAllowed);
    expect(staged(fresh.gate)).not.toContain('ok States');
  });

  it('checks the server’s own changes against the schema too: a broken one throws and changes nothing', () => {
    const { gate } = setup();
    const before = staged(gate);
    expect(() => gate.write((doc) => sectionElement(doc, 'operative').insert(0, [new Y.XmlElement('script')]))).toThrow(
      /a change by the server was refused/,
    );
    expect(staged(gate)).toBe(before);
    expect(gate.write((doc) => clauseText(doc, 'operative', 0).insert(0, 'Chair: '))).not.toBeNull();
  });

  it('stages what another instance stored while its staging copy was still being built, once it is', async () => {
    const base = draft();
    const state = Y.encodeStateAsUpdate(base);
    let built: (start: { doc: Y.Doc; characters: number }) => void = () => undefined;
    const building = new Promise<{ doc: Y.Doc; characters: number }>((resolve) => (built = resolve));
    const gate = new ChangeGate(schema, DOCUMENT_FIELD, () => [state], building, ClientOwners.inMemory());
    expect(gate.isReady).toBe(false);
    expect(() => gate.doc).toThrow(/still being built/);
    const peer = new Y.Doc();
    Y.applyUpdate(peer, state);
    const before = Y.encodeStateVector(peer);
    clauseText(peer, 'operative', 1).insert(0, 'Elsewhere. ');
    gate.absorb(Y.encodeStateAsUpdate(peer, before));
    // The copy the load built holds the stored text only.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, state);
    built({ doc: copy, characters: 0 });
    await gate.ready;
    expect(clauseText(gate.doc, 'operative', 1).toString()).toMatch(/^Elsewhere\. States should cooperate/);
    // Its text is judged from there on: a delegate typing after it is admitted.
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(peer));
    expect(send(gate, client, () => clauseText(client, 'operative', 1).insert(0, 'Here. '))).toMatchObject({
      kind: 'admitted',
    });
    expect(clauseText(gate.doc, 'operative', 1).toString()).toMatch(/^Here\. Elsewhere\. /);
  });
});
