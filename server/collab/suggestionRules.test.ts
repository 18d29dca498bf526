import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RefusalCode } from '../../shared/closeCodes';
import type { DraftSpec } from '../../shared/draftText';
import type { Outline } from '../../shared/outline';
import type { SuggestionAttributes } from '../../shared/suggestions';
import { connectClient } from '../testing/collabClient';
import { RawCollabClient } from '../testing/RawCollabClient';
import { clauseIdOf, elementWithId, fetchOutline, ownText } from '../testing/structuredDraft';
import { negotiationRoom } from '../testing/negotiationRoom';
import type { TestSession } from '../testing/session';
import { waitFor } from '../testing/waitFor';

const SPEC: DraftSpec = {
  title: 'Suggestions',
  preamble: [],
  operative: [{ text: 'States shall protect hospitals.', status: 'agreed' }, 'States should cooperate.'],
};

const room = negotiationRoom();

async function setUp(): Promise<{ draftId: string; outline: Outline }> {
  const draftId = await room.draft(SPEC);
  return { draftId, outline: await fetchOutline(room.chair, draftId) };
}

/** A suggestion's attributes in `session`'s name (or another's, for the forgeries). */
function by(session: TestSession, tail: string, as: TestSession = session): SuggestionAttributes {
  return {
    id: `${as.user.id}:${tail}`,
    author: as.user.id,
    delegation: room.affiliationOf(as),
    at: new Date().toISOString(),
  };
}

/** The text of a clause as every reader's text holds it: each character with its suggestion marks. */
function marked(doc: Y.Doc, clauseId: string): string {
  return ownText(elementWithId(doc, clauseId))
    .toDelta()
    .map((op: { insert: string; attributes?: Record<string, { author?: string }> }) => {
      const keys = Object.keys(op.attributes ?? {}).map((key) => key.replace(/--.*$/, ''));
      return keys.length === 0 ? op.insert : `<${keys.sort().join('+')}>${op.insert}</>`;
    })
    .join('');
}

async function refusalOf(client: RawCollabClient): Promise<{ code: string; reason: string }> {
  await waitFor(() => expect(client.refusals).toHaveLength(1));
  return client.refusals[0]!;
}

describe('the server judges suggestions', () => {
  it('lets a delegate suggest in an agreed clause, and two delegations suggest on the same words at once', async () => {
    const { draftId, outline } = await setUp();
    const op1 = clauseIdOf(outline, 'OP1');
    const a = await room.raw(draftId, room.valdoria);
    const b = await room.raw(draftId, room.norland);
    // Valdoria proposes "should" for "shall"; Norland also proposes removing "shall", and adds words at the end.
    a.send((doc) => {
      const text = ownText(elementWithId(doc, op1));
      text.format(7, 5, { ['deletion--aaaaaaaa']: by(room.valdoria, 'del001') });
      // One character away from the words Norland strikes at the same moment: formatting that meets
      // concurrent typing exactly at its edge may take it in, as in any Yjs text.
      text.insert(13, 'should ', { insertion: by(room.valdoria, 'ins001') });
    });
    b.send((doc) => {
      const text = ownText(elementWithId(doc, op1));
      text.format(7, 5, { ['deletion--bbbbbbbb']: by(room.norland, 'del002') });
      text.insert(text.length - 1, ' and schools', { insertion: by(room.norland, 'ins002') });
    });
    const reader = connectClient(room.s.collabUrl, draftId, { token: room.chair.token });
    room.later(() => reader.destroy());
    await reader.synced();
    await waitFor(() =>
      expect(marked(reader.doc, op1)).toBe(
        'States <deletion+deletion>shall</> <insertion>should </>protect hospitals<insertion> and schools</>.',
      ),
    );
    expect(a.refusals).toEqual([]);
    expect(b.refusals).toEqual([]);
  });

  it('refuses a delegate typing directly into an agreed clause, but lets them withdraw their own suggestion', async () => {
    const { draftId, outline } = await setUp();
    const op1 = clauseIdOf(outline, 'OP1');
    const a = await room.raw(draftId, room.valdoria);
    a.send((doc) => ownText(elementWithId(doc, op1)).insert(0, 'Own ', { insertion: by(room.valdoria, 'ins003') }));
    a.send((doc) => ownText(elementWithId(doc, op1)).delete(0, 4));
    expect(a.refusals).toEqual([]);
    a.send((doc) => ownText(elementWithId(doc, op1)).insert(0, 'Direct '));
    expect(await refusalOf(a)).toMatchObject({
      code: RefusalCode.AgreedClause,
      reason: expect.stringMatching(/^OP1 is agreed; only the chair can change its text directly/),
    });
  });

  const forgeries: {
    name: string;
    code: string;
    change: (doc: Y.Doc, clauses: { op1: string; op2: string }) => void;
  }[] = [
    {
      name: "a suggestion in another delegation's name",
      code: RefusalCode.NotAllowed,
      change: (doc, { op2 }) =>
        ownText(elementWithId(doc, op2)).insert(0, 'Forged ', { insertion: by(room.valdoria, 'ins010', room.norland) }),
    },
    {
      name: 'a suggestion with its own author but another delegation',
      code: RefusalCode.NotAllowed,
      change: (doc, { op2 }) =>
        ownText(elementWithId(doc, op2)).insert(0, 'Forged ', {
          insertion: { ...by(room.valdoria, 'ins011'), delegation: room.affiliationOf(room.norland) },
        }),
    },
    {
      name: "an id that is not the author's",
      code: RefusalCode.Schema,
      change: (doc, { op2 }) =>
        ownText(elementWithId(doc, op2)).insert(0, 'Odd ', {
          insertion: { ...by(room.valdoria, 'ins012'), id: `${room.norland.user.id}:ins012` },
        }),
    },
    {
      name: "accepting another delegation's insertion (taking its mark off)",
      code: RefusalCode.NotAllowed,
      change: (doc, { op2 }) => ownText(elementWithId(doc, op2)).format(0, 6, { insertion: null }),
    },
    {
      name: "rejecting another delegation's insertion (deleting its words)",
      code: RefusalCode.NotAllowed,
      change: (doc, { op2 }) => ownText(elementWithId(doc, op2)).delete(0, 6),
    },
    {
      name: 'accepting its own insertion in an agreed clause',
      code: RefusalCode.AgreedClause,
      change: (doc, { op1 }) => ownText(elementWithId(doc, op1)).format(0, 4, { insertion: null }),
    },
    {
      name: 'accepting its own deletion in an agreed clause (deleting the words)',
      code: RefusalCode.AgreedClause,
      change: (doc, { op1 }) => ownText(elementWithId(doc, op1)).delete(11, 5),
    },
  ];

  it.each(forgeries)('refuses a delegate’s raw client $name, and nobody sees it', async ({ code, change }) => {
    const { draftId, outline } = await setUp();
    const clauses = { op1: clauseIdOf(outline, 'OP1'), op2: clauseIdOf(outline, 'OP2') };
    // Norland's suggestion in the open clause; Valdoria's own insertion and deletion in the agreed one.
    const n = await room.raw(draftId, room.norland);
    n.send((doc) =>
      ownText(elementWithId(doc, clauses.op2)).insert(0, 'Also ', { insertion: by(room.norland, 'ins020') }),
    );
    const a = await room.raw(draftId, room.valdoria);
    a.send((doc) => {
      const text = ownText(elementWithId(doc, clauses.op1));
      text.insert(0, 'Own ', { insertion: by(room.valdoria, 'ins021') });
      text.format(11, 5, { ['deletion--cccccccc']: by(room.valdoria, 'del021') });
    });
    const reader = connectClient(room.s.collabUrl, draftId, { token: room.chair.token });
    room.later(() => reader.destroy());
    await reader.synced();
    await waitFor(() => expect(marked(reader.doc, clauses.op1)).toContain('<deletion>shall</>'));
    await waitFor(() => expect(marked(reader.doc, clauses.op2)).toBe('<insertion>Also </>States should cooperate.'));
    const before = [marked(reader.doc, clauses.op1), marked(reader.doc, clauses.op2)];
    expect([n.refusals, a.refusals]).toEqual([[], []]);

    a.send((doc) => change(doc, clauses));
    expect((await refusalOf(a)).code).toBe(code);
    // A later allowed change from a fresh connection lands, and the refused one is absent.
    const later = await room.raw(draftId, room.valdoria);
    later.send((doc) =>
      ownText(elementWithId(doc, clauses.op2)).insert(ownText(elementWithId(doc, clauses.op2)).length, ' '),
    );
    await waitFor(() => expect(marked(reader.doc, clauses.op2)).toBe(`${before[1]} `));
    expect(marked(reader.doc, clauses.op1)).toBe(before[0]);
  });

  it('judges a suggestion put on an open text it had read as holding none, and what comes after it', async () => {
    const { draftId, outline } = await setUp();
    const op2 = clauseIdOf(outline, 'OP2');
    const a = await room.raw(draftId, room.valdoria);
    const n = await room.raw(draftId, room.norland);
    // Plain typing in an open clause without suggestions: read once, then judged by what each change puts on it.
    a.send((doc) => ownText(elementWithId(doc, op2)).insert(0, 'Plain '));
    await waitFor(() => expect(ownText(elementWithId(n.doc, op2)).toString()).toBe('Plain States should cooperate.'));
    a.send((doc) =>
      ownText(elementWithId(doc, op2)).insert(0, 'Forged ', { insertion: by(room.valdoria, 'ins040', room.norland) }),
    );
    expect((await refusalOf(a)).code).toBe(RefusalCode.NotAllowed);
    n.send((doc) => ownText(elementWithId(doc, op2)).insert(0, 'Also ', { insertion: by(room.norland, 'ins041') }));
    const later = await room.raw(draftId, room.valdoria);
    await waitFor(() => expect(marked(later.doc, op2)).toBe('<insertion>Also </>Plain States should cooperate.'));
    later.send((doc) => ownText(elementWithId(doc, op2)).delete(0, 5));
    expect((await refusalOf(later)).code).toBe(RefusalCode.NotAllowed);
    expect(n.refusals).toEqual([]);
  });

  it('lets the chair take a suggestion off directly, but not make one in a delegation’s name', async () => {
    const { draftId, outline } = await setUp();
    const op2 = clauseIdOf(outline, 'OP2');
    const n = await room.raw(draftId, room.norland);
    n.send((doc) => ownText(elementWithId(doc, op2)).insert(0, 'Also ', { insertion: by(room.norland, 'ins030') }));
    const c = await room.raw(draftId, room.chair);
    await waitFor(() => expect(ownText(elementWithId(c.doc, op2)).toString()).toContain('Also'));
    c.send((doc) => ownText(elementWithId(doc, op2)).format(0, 5, { insertion: null }));
    const reader = connectClient(room.s.collabUrl, draftId, { token: room.chair.token });
    room.later(() => reader.destroy());
    await reader.synced();
    await waitFor(() => expect(marked(reader.doc, op2)).toBe('Also States should cooperate.'));
    c.send((doc) =>
      ownText(elementWithId(doc, op2)).insert(0, 'Fake ', { insertion: by(room.chair, 'ins031', room.norland) }),
    );
    expect((await refusalOf(c)).code).toBe(RefusalCode.NotAllowed);
    expect(c.refusals[0]!.reason).toMatch(/only be made in your own name/);
  });
});
