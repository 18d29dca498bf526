import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Comment } from '../../../../shared/comments';
import { spanAnchor } from '../../../comments/anchors';
import type { CollabClient } from '../../../testing/collabClient';
import { connectClient } from '../../../testing/collabClient';
import type { TestSession } from '../../../testing/session';
import { DEMO, signIn } from '../../../testing/session';
import type { TestServer } from '../../../testing/startTestServer';
import { startTestServer } from '../../../testing/startTestServer';
import {
  clauseIdOf,
  createStructuredDraft,
  elementWithId,
  fetchOutline,
  newPoint,
  ownText,
  pointByReference,
} from '../../../testing/structuredDraft';
import { waitFor } from '../../../testing/waitFor';

let s: TestServer;
let chair: TestSession;
let delegate: TestSession;
const clients: CollabClient[] = [];
beforeAll(async () => {
  s = await startTestServer({ commentsPerMinute: 1000 });
  [chair, delegate] = await Promise.all([signIn(s.url, DEMO.chair), signIn(s.url, DEMO.valdoria)]);
});
afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});
afterAll(async () => {
  await s.close();
});

async function join(draftId: string, session: TestSession): Promise<CollabClient> {
  const client = connectClient(s.collabUrl, draftId, { token: session.token });
  clients.push(client);
  await client.synced();
  return client;
}

const post = (draftId: string, json: unknown) =>
  delegate.api(`/api/drafts/${draftId}/comments`, { method: 'POST', json });
const list = async (draftId: string) =>
  (await delegate.api(`/api/drafts/${draftId}/comments`)).body.comments as Comment[];
const one = async (draftId: string, id: string) => (await list(draftId)).find((comment) => comment.id === id)!;

describe('comments on a whole point', () => {
  it('anchor to a point of its clause by id, name it by its reference, and follow it when it is renumbered, moved and removed', async () => {
    const draftId = await createStructuredDraft(s, chair, [{ session: delegate, role: 'delegate' }]);
    const outline = await fetchOutline(chair, draftId);
    const op1 = clauseIdOf(outline, 'OP1');
    const op3 = clauseIdOf(outline, 'OP3');
    const point = pointByReference(outline, 'OP1(b)(ii)');

    const created = await post(draftId, {
      body: 'Escalation deserves its own clause.',
      anchor: { clauseId: op1, pointId: point.id },
    });
    expect(created.status).toBe(201);
    const comment = created.body.comment as Comment;
    expect(comment).toMatchObject({
      anchor: { clauseId: op1, pointId: point.id },
      anchorState: 'attached',
      clauseNumber: 'OP1',
      pointReference: 'OP1(b)(ii)',
      currentText: null,
    });

    // The point must be in the clause named; the clause must exist; nothing else rides on the anchor.
    const elsewhere = await post(draftId, { body: 'x', anchor: { clauseId: op3, pointId: point.id } });
    expect(elsewhere).toMatchObject({ status: 404, body: { error: 'point_not_found' } });
    expect((await post(draftId, { body: 'x', anchor: { clauseId: op1, pointId: 'c_nosuchpoint' } })).status).toBe(404);
    const noClause = await post(draftId, { body: 'x', anchor: { clauseId: 'c_nosuchclause', pointId: point.id } });
    expect(noClause).toMatchObject({ status: 404, body: { error: 'clause_not_found' } });
    const extra = await post(draftId, { body: 'x', anchor: { clauseId: op1, pointId: point.id, quote: 'y' } });
    expect(extra).toMatchObject({ status: 400, body: { error: 'invalid_request' } });

    // A point inserted before (b) renumbers it: the comment's reference follows.
    const editor = await join(draftId, chair);
    editor.doc.transact(() => elementWithId(editor.doc, op1).insert(1, [newPoint('to cooperate;')]));
    await waitFor(async () => expect((await one(draftId, comment.id)).pointReference).toBe('OP1(c)(ii)'));

    // Moved to another clause (a copy with the same id, the original deleted): the comment goes with it.
    editor.doc.transact(() => {
      const moving = elementWithId(editor.doc, point.id);
      elementWithId(editor.doc, op3).insert(1, [moving.clone()]);
      (moving.parent as Y.XmlElement).delete((moving.parent as Y.XmlElement).toArray().indexOf(moving), 1);
    });
    await waitFor(async () =>
      expect(await one(draftId, comment.id)).toMatchObject({
        anchor: { clauseId: op3, pointId: point.id },
        anchorState: 'attached',
        clauseNumber: 'OP3',
        pointReference: 'OP3(a)',
      }),
    );
    const moved = await fetchOutline(chair, draftId);
    expect(pointByReference(moved, 'OP3(a)').id).toBe(point.id);
    expect(pointByReference(moved, 'OP3(a)(i)').text).toBe('to civilians;');

    // The record names the place by the point's reference.
    const csv = await delegate.api(`/api/drafts/${draftId}/comments/export?format=csv`);
    expect(csv.status).toBe(200);
    expect(String(csv.body.text).split('\r\n')[1]).toMatch(new RegExp(`^${comment.id},${comment.id},OP3\\(a\\),`));

    // Removed: the thread stays on its clause, marked as text removed, without a reference.
    editor.doc.transact(() => elementWithId(editor.doc, op3).delete(1, 1));
    await waitFor(async () => expect((await one(draftId, comment.id)).anchorState).toBe('text-removed'));
    const removed = await one(draftId, comment.id);
    expect(removed.clauseNumber).toBe('OP3');
    expect(removed.pointReference).toBeUndefined();
    const csvAfter = await delegate.api(`/api/drafts/${draftId}/comments/export?format=csv`);
    expect(String(csvAfter.body.text).split('\r\n')[1]).toMatch(new RegExp(`^${comment.id},${comment.id},OP3,`));
  });
});

describe('comments on words inside points', () => {
  it('stay on their words at any level of points, across the line between two points, and when the clause moves', async () => {
    const draftId = await createStructuredDraft(s, chair, [{ session: delegate, role: 'delegate' }]);
    const outline = await fetchOutline(chair, draftId);
    const op1 = clauseIdOf(outline, 'OP1');
    const editor = await join(draftId, chair);
    const text = outline.clauses.find((clause) => clause.id === op1)!.points.map((p) => p.text);
    // The clause as the server flattens it: its paragraph, then each point's words on a line of their own.
    const flat = ['Calls upon Member States:', ...text].join('\n');
    const span = (words: string) => {
      const at = flat.indexOf(words);
      expect(at).toBeGreaterThan(0);
      return spanAnchor(editor.doc, op1, at, at + words.length);
    };
    const inner = await post(draftId, { body: 'Which third States?', anchor: span('third States') });
    const across = await post(draftId, { body: 'Both.', anchor: span('civilians;\nto third') });
    expect(inner.status).toBe(201);
    expect(across.status).toBe(201);
    const innerId = (inner.body.comment as Comment).id;
    const acrossId = (across.body.comment as Comment).id;
    expect(inner.body.comment).toMatchObject({ currentText: 'third States', clauseNumber: 'OP1' });
    expect((across.body.comment as Comment).currentText).toBe('civilians;\nto third');

    // Typing before the words inside their point, then moving the whole clause after OP3.
    const deepest = pointByReference(outline, 'OP1(b)(ii)(B)').id;
    editor.doc.transact(() => ownText(elementWithId(editor.doc, deepest)).insert(3, 'all '));
    await waitFor(async () => expect((await one(draftId, innerId)).currentText).toBe('third States'));
    editor.doc.transact(() => {
      const clause = elementWithId(editor.doc, op1);
      const operative = clause.parent as Y.XmlElement;
      operative.insert(operative.length, [clause.clone()]);
      operative.delete(operative.toArray().indexOf(clause), 1);
    });
    await waitFor(async () => {
      const [innerNow, acrossNow] = [await one(draftId, innerId), await one(draftId, acrossId)];
      expect(innerNow).toMatchObject({ anchorState: 'attached', currentText: 'third States', clauseNumber: 'OP3' });
      expect(acrossNow).toMatchObject({ anchorState: 'attached', currentText: 'civilians;\nto all third' });
    });
  });
});
