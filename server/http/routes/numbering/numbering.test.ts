import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RefusalCode } from '../../../../shared/closeCodes';
import type { DraftSpec } from '../../../../shared/draftText';
import type { Outline } from '../../../../shared/outline';
import { insertClause, sectionElement } from '../../../testing/collabClient';
import { negotiationRoom } from '../../../testing/negotiationRoom';
import { elementWithId, fetchOutline } from '../../../testing/structuredDraft';
import { waitFor } from '../../../testing/waitFor';
import { futureSchedule } from '../../../testing/reviewSchedule';

const SPEC: DraftSpec = {
  title: 'Stable numbers',
  preamble: ['Recalling,'],
  operative: ['One.', 'Two.', 'Three.', 'Four.', 'Five.', 'Six.'],
};

const room = negotiationRoom();
const numbers = (outline: Outline) => outline.clauses.filter((c) => c.kind === 'operative').map((c) => c.number);

describe('stable numbers', () => {
  it('frozen: a clause inserted after OP5 is OP5 bis and a deleted one stays OP3 [deleted]; renumbering rewrites the numbers comments cite', async () => {
    const draftId = await room.draft(SPEC);
    const outline = await fetchOutline(room.chair, draftId);
    const idOf = (number: string) => outline.clauses.find((clause) => clause.number === number)!.id;
    expect((await room.valdoria.api(`/api/drafts/${draftId}/numbering/freeze`, { method: 'POST' })).status).toBe(403);
    expect((await room.chair.api(`/api/drafts/${draftId}/numbering/freeze`, { method: 'POST' })).status).toBe(200);
    expect((await fetchOutline(room.chair, draftId)).numbering).toEqual({ frozen: true, deleted: [] });

    const a = await room.raw(draftId, room.valdoria);
    a.send((doc) => insertClause(doc, 'operative', 5, { id: 'c_inserted0001', text: 'Five and a half.' }));
    await waitFor(async () =>
      expect(numbers(await fetchOutline(room.chair, draftId))).toEqual([
        'OP1',
        'OP2',
        'OP3',
        'OP4',
        'OP5',
        'OP5 bis',
        'OP6',
      ]),
    );
    a.send((doc) => {
      const section = sectionElement(doc, 'operative');
      section.delete(section.toArray().indexOf(elementWithId(doc, idOf('OP3'))), 1);
    });
    await waitFor(async () => {
      const now = await fetchOutline(room.chair, draftId);
      expect(numbers(now)).toEqual(['OP1', 'OP2', 'OP4', 'OP5', 'OP5 bis', 'OP6']);
      expect(now.numbering.deleted).toEqual([{ number: 'OP3', before: idOf('OP4') }]);
    });
    expect(a.refusals).toEqual([]);

    // Nobody but the chair changes the frozen numbers, even from a raw client.
    const forger = await room.raw(draftId, room.norland);
    forger.send((doc) => (sectionElement(doc, 'operative') as Y.XmlElement).removeAttribute('numbering'));
    await waitFor(() => expect(forger.refusals).toHaveLength(1));
    expect(forger.refusals[0]).toMatchObject({ code: RefusalCode.NotAllowed });

    // An amendment of a review cycle cites numbers in its justification.
    const saved = await room.chair.api(`/api/drafts/${draftId}/versions`, { method: 'POST', json: { label: 'Rev.1' } });
    const baseVersionId = (saved.body.version as { id: string }).id;
    await room.chair.api(`/api/drafts/${draftId}/versions/${baseVersionId}/publish`, {
      method: 'POST',
      json: { published: true },
    });
    const cycle = await room.chair.api(`/api/drafts/${draftId}/review-cycles`, {
      method: 'POST',
      json: {
        name: 'Review',
        baseVersionId,
        schedule: futureSchedule(),
      },
    });
    expect(cycle.status).toBe(201);
    const cyclePath = `/api/drafts/${draftId}/review-cycles/${(cycle.body.cycle as { id: string }).id}`;
    const amendment = await room.valdoria.api(`${cyclePath}/amendments`, {
      method: 'POST',
      json: {
        kind: 'delete',
        clauseId: idOf('OP6'),
        proposed: null,
        justification: 'OP6 repeats OP5 bis.',
        pillars: [],
      },
    });
    expect(amendment.status, JSON.stringify(amendment.body)).toBe(201);

    const comment = await room.chair.api(`/api/drafts/${draftId}/comments`, {
      method: 'POST',
      json: { body: 'See OP6, OP5 bis and OP4; not OP60.', anchor: { clauseId: idOf('OP1') } },
    });
    expect(comment.status).toBe(201);
    const renumbered = await room.chair.api(`/api/drafts/${draftId}/numbering/renumber`, { method: 'POST' });
    expect(renumbered.status).toBe(200);
    expect(renumbered.body).toMatchObject({ renumbered: { OP4: 'OP3', OP5: 'OP4', 'OP5 bis': 'OP5' }, references: 3 });
    const amendmentId = (amendment.body.amendment as { id: string }).id;
    const rewritten = (await room.valdoria.api(`${cyclePath}/amendments/${amendmentId}`)).body.amendment as {
      justification: string;
    };
    expect(rewritten.justification).toBe('OP6 repeats OP5.');
    const after = await fetchOutline(room.chair, draftId);
    expect(numbers(after)).toEqual(['OP1', 'OP2', 'OP3', 'OP4', 'OP5', 'OP6']);
    expect(after.numbering).toEqual({ frozen: true, deleted: [] });
    const comments = (await room.chair.api(`/api/drafts/${draftId}/comments`)).body.comments as { body: string }[];
    expect(comments.map((c) => c.body)).toContain('See OP6, OP5 and OP3; not OP60.');
    const history = async () =>
      (await room.chair.api(`/api/drafts/${draftId}/history`)).body.changes as { author: { name: string } | null }[];
    await waitFor(async () => expect((await history())[0]?.author?.name).toBe('Amina Diallo'));

    await room.chair.api(`/api/drafts/${draftId}/numbering/unfreeze`, { method: 'POST' });
    expect((await fetchOutline(room.chair, draftId)).numbering.frozen).toBe(false);
  });

  it('names a clause by its frozen number when it refuses a change to it', async () => {
    const draftId = await room.draft(SPEC);
    expect((await room.chair.api(`/api/drafts/${draftId}/numbering/freeze`, { method: 'POST' })).status).toBe(200);
    const chair = await room.raw(draftId, room.chair);
    chair.send((doc) =>
      insertClause(doc, 'operative', 2, { id: 'c_agreedbis001', text: 'Two and a half.', status: 'agreed' }),
    );
    await waitFor(async () => expect(numbers(await fetchOutline(room.chair, draftId))).toContain('OP2 bis'));
    const a = await room.raw(draftId, room.valdoria);
    a.send((doc) => ((elementWithId(doc, 'c_agreedbis001').get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'X'));
    await waitFor(() => expect(a.refusals).toHaveLength(1));
    expect(a.refusals[0]).toMatchObject({
      code: RefusalCode.AgreedClause,
      reason: expect.stringMatching(/^OP2 bis is agreed; only the chair can change its text directly/),
    });
  });
});
