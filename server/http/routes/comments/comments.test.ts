import * as decoding from 'lib0/decoding';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { CollabEvent } from '../../../../shared/collab';
import { ACCORD_EVENT_MESSAGE } from '../../../../shared/collab';
import type { Comment } from '../../../../shared/comments';
import { MAX_COMMENT_LENGTH } from '../../../../shared/limits';
import { spanAnchor } from '../../../comments/anchors';
import type { CollabClient } from '../../../testing/collabClient';
import { clauseText, connectClient, moveClause, sectionElement } from '../../../testing/collabClient';
import type { TestSession } from '../../../testing/session';
import { DEMO, callApi, signIn } from '../../../testing/session';
import type { TestServer } from '../../../testing/startTestServer';
import { startTestServer } from '../../../testing/startTestServer';
import { waitFor } from '../../../testing/waitFor';

let s: TestServer;
let chair: TestSession;
let delegate: TestSession;
let otherDelegate: TestSession;
let observer: TestSession;
let stranger: TestSession;
const clients: CollabClient[] = [];

beforeAll(async () => {
  s = await startTestServer({ commentsPerMinute: 1000 });
  [chair, delegate, otherDelegate, observer] = await Promise.all([
    signIn(s.url, DEMO.chair),
    signIn(s.url, DEMO.valdoria),
    signIn(s.url, DEMO.norland),
    signIn(s.url, DEMO.rightsObserver),
  ]);
});
afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});
afterAll(async () => {
  await s.close();
});

/** A fresh draft with the demo's people: the chair, two delegates, an observer; a stranger outside it. */
async function freshDraft(): Promise<string> {
  const draftId = (
    (await chair.api('/api/drafts', { method: 'POST', json: { title: 'Comments', template: 'pillar-framework' } })).body
      .draft as { id: string }
  ).id;
  for (const [session, role, affiliation] of [
    [delegate, 'delegate', { kind: 'delegation', name: 'Republic of Valdoria', code: 'XVA' }],
    [otherDelegate, 'delegate', { kind: 'delegation', name: 'Kingdom of Norland', code: 'XNO' }],
    [observer, 'observer', { kind: 'organisation', name: 'Digital Rights Watch' }],
  ] as const) {
    const invite = await chair.api(`/api/drafts/${draftId}/invites`, { method: 'POST', json: { role, affiliation } });
    await session.api(`/api/invites/${invite.body.token as string}/accept`, { method: 'POST', json: {} });
  }
  stranger ??= await signIn(s.url, DEMO.meridia);
  return draftId;
}

async function join(draftId: string, session: TestSession): Promise<CollabClient> {
  const client = connectClient(s.collabUrl, draftId, { token: session.token });
  clients.push(client);
  await client.synced();
  return client;
}

function clauseId(doc: Y.Doc, index: number): string {
  return String((sectionElement(doc, 'operative').get(index) as Y.XmlElement).getAttribute('id'));
}

async function comments(draftId: string, session: TestSession = delegate): Promise<Comment[]> {
  return (await session.api(`/api/drafts/${draftId}/comments`)).body.comments as Comment[];
}

function post(draftId: string, session: TestSession, json: unknown) {
  return session.api(`/api/drafts/${draftId}/comments`, { method: 'POST', json });
}

describe('comment anchors in the live text', () => {
  it('stay on their words while two clients type before, inside and after them, and while the clause is moved', async () => {
    const draftId = await freshDraft();
    const a = await join(draftId, delegate);
    const b = await join(draftId, otherDelegate);
    const text = clauseText(a.doc, 'operative', 1).toString();
    const words = 'establish responsibility';
    const at = text.indexOf(words);
    expect(at).toBeGreaterThan(0);
    const id = clauseId(a.doc, 1);

    // The observer comments on a span, with relative positions computed on its own copy of the text.
    await chair.api(`/api/drafts/${draftId}/comment-periods`, {
      method: 'POST',
      json: {
        startsAt: new Date(Date.now() - 1000).toISOString(),
        endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      },
    });
    const observerCopy = await join(draftId, observer);
    const anchor = spanAnchor(observerCopy.doc, id, at, at + words.length);
    expect(anchor).toMatchObject({ clauseId: id, quote: words });
    const created = await post(draftId, observer, { body: 'Whose standard?', anchor });
    expect(created.status).toBe(201);
    const commentId = (created.body.comment as Comment).id;
    expect(created.body.comment).toMatchObject({ anchorState: 'attached', currentText: words, clauseNumber: 'OP2' });

    // Before, inside and after the words, by two people at once.
    clauseText(a.doc, 'operative', 1).insert(0, 'AAA ');
    clauseText(b.doc, 'operative', 1).insert(at + 'establish'.length, ' clearly');
    const local = clauseText(a.doc, 'operative', 1);
    local.insert(local.toString().indexOf(words) + words.length, ' ZZZ');
    await waitFor(() =>
      expect(clauseText(a.doc, 'operative', 1).toString()).toBe(clauseText(b.doc, 'operative', 1).toString()),
    );
    await waitFor(async () =>
      expect((await comments(draftId)).find((c) => c.id === commentId)?.currentText).toBe(
        'establish clearly responsibility',
      ),
    );

    // The clause is moved to the end of the operative part (a deletion and a copy, as the editor does).
    moveClause(a.doc, 'operative', 1, sectionElement(a.doc, 'operative').length - 1);
    await waitFor(async () => {
      const comment = (await comments(draftId)).find((c) => c.id === commentId)!;
      expect(comment).toMatchObject({
        anchorState: 'attached',
        currentText: 'establish clearly responsibility',
        clauseNumber: 'OP8',
      });
    });
    // The stored anchor now points into the moved clause, so later typing inside still follows.
    clauseText(b.doc, 'operative', 7).insert(
      clauseText(b.doc, 'operative', 7).toString().indexOf('responsibility'),
      'the ',
    );
    await waitFor(async () =>
      expect((await comments(draftId)).find((c) => c.id === commentId)?.currentText).toBe(
        'establish clearly the responsibility',
      ),
    );
  });

  it('shows a comment whose words were all deleted as "text removed", with its quote', async () => {
    const draftId = await freshDraft();
    const a = await join(draftId, delegate);
    const text = clauseText(a.doc, 'operative', 3).toString();
    const words = 'least escalatory';
    const at = text.indexOf(words);
    const created = await post(draftId, delegate, {
      body: 'Keep this.',
      anchor: spanAnchor(a.doc, clauseId(a.doc, 3), at, at + words.length),
    });
    const commentId = (created.body.comment as Comment).id;
    clauseText(a.doc, 'operative', 3).delete(at - 1, words.length + 2);
    await waitFor(async () =>
      expect((await comments(draftId)).find((c) => c.id === commentId)).toMatchObject({
        anchorState: 'text-removed',
        currentText: '',
        anchor: { quote: words },
      }),
    );

    // A deleted clause: the comment stays, on "clause removed".
    const whole = await post(draftId, delegate, {
      body: 'On the whole clause.',
      anchor: { clauseId: clauseId(a.doc, 0) },
    });
    sectionElement(a.doc, 'operative').delete(0, 1);
    await waitFor(async () =>
      expect((await comments(draftId)).find((c) => c.id === (whole.body.comment as Comment).id)).toMatchObject({
        anchorState: 'clause-removed',
        clauseNumber: null,
      }),
    );
  });
});

describe('threads, moderation and the live channel', () => {
  it('pushes a new comment, a reply, a resolve and a hide to every open client at once; the author is told why', async () => {
    const draftId = await freshDraft();
    const events: CollabEvent[] = [];
    const watcher = connectClient(s.collabUrl, draftId, { token: otherDelegate.token });
    clients.push(watcher);
    watcher.provider.messageHandlers[ACCORD_EVENT_MESSAGE] = (_encoder, decoder) => {
      events.push(JSON.parse(decoding.readVarString(decoder)) as CollabEvent);
    };
    await watcher.synced();
    const authorEvents: CollabEvent[] = [];
    const author = connectClient(s.collabUrl, draftId, { token: delegate.token });
    clients.push(author);
    author.provider.messageHandlers[ACCORD_EVENT_MESSAGE] = (_encoder, decoder) => {
      authorEvents.push(JSON.parse(decoding.readVarString(decoder)) as CollabEvent);
    };
    await author.synced();

    const started = Date.now();
    const root = (
      await post(draftId, delegate, { body: 'First thought', anchor: { clauseId: clauseId(watcher.doc, 2) } })
    ).body.comment as Comment;
    await waitFor(() => expect(events.some((e) => e.type === 'comment' && e.comment.id === root.id)).toBe(true), {
      timeoutMs: 1000,
    });
    expect(Date.now() - started).toBeLessThan(1000);

    const reply = (await post(draftId, otherDelegate, { body: 'A reply', parentId: root.id })).body.comment as Comment;
    expect(reply).toMatchObject({ parentId: root.id, anchor: root.anchor });
    // A reply to a reply joins the same thread.
    expect(
      ((await post(draftId, chair, { body: 'Nested', parentId: reply.id })).body.comment as Comment).parentId,
    ).toBe(root.id);

    expect(
      (await otherDelegate.api(`/api/drafts/${draftId}/comments/${root.id}/resolve`, { method: 'POST' })).body.comment,
    ).toMatchObject({ status: 'resolved' });
    expect(
      (await delegate.api(`/api/drafts/${draftId}/comments/${root.id}/reopen`, { method: 'POST' })).body.comment,
    ).toMatchObject({ status: 'open' });

    const hidden = await chair.api(`/api/drafts/${draftId}/comments/${root.id}/hide`, {
      method: 'POST',
      json: { reason: 'Off topic' },
    });
    expect(hidden.body.comment).toMatchObject({ hidden: { reason: 'Off topic' }, body: 'First thought' });
    await waitFor(() => {
      const seen = events
        .filter((e): e is Extract<CollabEvent, { type: 'comment' }> => e.type === 'comment' && e.comment.id === root.id)
        .at(-1);
      expect(seen?.comment).toMatchObject({ hidden: { reason: 'Off topic' }, body: null });
      const told = authorEvents
        .filter((e): e is Extract<CollabEvent, { type: 'comment' }> => e.type === 'comment' && e.comment.id === root.id)
        .at(-1);
      expect(told?.comment).toMatchObject({ hidden: { reason: 'Off topic' }, body: 'First thought' });
    });
    // It stays in the record, shown as hidden with the reason.
    expect((await comments(draftId, otherDelegate)).find((c) => c.id === root.id)).toMatchObject({
      body: null,
      hidden: { reason: 'Off topic' },
    });
    // A hidden thread takes no replies.
    const refused = await post(draftId, otherDelegate, { body: 'Still?', parentId: root.id });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('thread_hidden');
  });

  it('lets authors edit their own comment only, within the edit window', async () => {
    const draftId = await freshDraft();
    const doc = (await join(draftId, delegate)).doc;
    const comment = (await post(draftId, delegate, { body: 'Typo hre', anchor: { clauseId: clauseId(doc, 0) } })).body
      .comment as Comment;
    const edited = await delegate.api(`/api/drafts/${draftId}/comments/${comment.id}`, {
      method: 'PATCH',
      json: { body: 'Typo here' },
    });
    expect(edited.body.comment).toMatchObject({ body: 'Typo here', editedAt: expect.any(String) });
    expect(
      (
        await otherDelegate.api(`/api/drafts/${draftId}/comments/${comment.id}`, {
          method: 'PATCH',
          json: { body: 'Mine now' },
        })
      ).status,
    ).toBe(403);
  });
});

describe('who may comment', () => {
  it('observers only during an open comment period; delegates and the chair always; strangers never', async () => {
    const draftId = await freshDraft();
    const doc = (await join(draftId, chair)).doc;
    const anchor = { clauseId: clauseId(doc, 0) };
    const statuses = async () => ({
      chair: (await post(draftId, chair, { body: 'c', anchor })).status,
      delegate: (await post(draftId, delegate, { body: 'd', anchor })).status,
      observer: (await post(draftId, observer, { body: 'o', anchor })).status,
      stranger: (await post(draftId, stranger, { body: 's', anchor })).status,
      anonymous: (
        await callApi(s.url, undefined, `/api/drafts/${draftId}/comments`, {
          method: 'POST',
          json: { body: 'a', anchor },
        })
      ).status,
    });
    expect(await statuses()).toEqual({ chair: 201, delegate: 201, observer: 403, stranger: 403, anonymous: 401 });
    const outside = await post(draftId, observer, { body: 'o', anchor });
    expect(outside.body.error).toBe('no_comment_period');

    // Only the chair opens a period; a future one does not count yet.
    const window = {
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
    };
    expect(
      (await delegate.api(`/api/drafts/${draftId}/comment-periods`, { method: 'POST', json: window })).status,
    ).toBe(403);
    await chair.api(`/api/drafts/${draftId}/comment-periods`, {
      method: 'POST',
      json: {
        startsAt: new Date(Date.now() + 3_600_000).toISOString(),
        endsAt: new Date(Date.now() + 7_200_000).toISOString(),
      },
    });
    expect((await post(draftId, observer, { body: 'early', anchor })).status).toBe(403);
    const period = (await chair.api(`/api/drafts/${draftId}/comment-periods`, { method: 'POST', json: window })).body
      .period as { id: string };
    expect(await statuses()).toEqual({ chair: 201, delegate: 201, observer: 201, stranger: 403, anonymous: 401 });

    // Everyone sees the periods; after the chair closes it, observers are back to reading.
    expect(((await observer.api(`/api/drafts/${draftId}/comment-periods`)).body.periods as unknown[]).length).toBe(2);
    await chair.api(`/api/drafts/${draftId}/comment-periods/${period.id}/close`, { method: 'POST' });
    expect((await post(draftId, observer, { body: 'late', anchor })).status).toBe(403);

    // Observers can still read and resolve their own threads; only the chair hides.
    expect((await observer.api(`/api/drafts/${draftId}/comments`)).status).toBe(200);
    const own = (await comments(draftId, observer)).find((c) => c.author.name === 'Priya Nair')!;
    expect((await observer.api(`/api/drafts/${draftId}/comments/${own.id}/resolve`, { method: 'POST' })).status).toBe(
      200,
    );
    const others = (await comments(draftId, observer)).find((c) => c.author.name === 'Lena Varga')!;
    expect(
      (await observer.api(`/api/drafts/${draftId}/comments/${others.id}/resolve`, { method: 'POST' })).status,
    ).toBe(403);
    expect(
      (
        await delegate.api(`/api/drafts/${draftId}/comments/${own.id}/hide`, {
          method: 'POST',
          json: { reason: 'not allowed' },
        })
      ).status,
    ).toBe(403);
    expect((await stranger.api(`/api/drafts/${draftId}/comments`)).status).toBe(403);
  });
});

describe('bad input', () => {
  it('is refused with a 4xx and a sentence: empty or over-long bodies, missing clauses, broken anchors', async () => {
    const draftId = await freshDraft();
    const doc = (await join(draftId, delegate)).doc;
    const anchor = { clauseId: clauseId(doc, 0) };
    const cases: [unknown, number, string][] = [
      [{ body: '   ', anchor }, 400, 'invalid_request'],
      [{ body: 'x'.repeat(MAX_COMMENT_LENGTH + 1), anchor }, 400, 'invalid_request'],
      [{ body: 'no anchor' }, 400, 'invalid_request'],
      [{ body: 'x', anchor: { clauseId: 'c_doesnotexist' } }, 404, 'clause_not_found'],
      [
        { body: 'x', anchor: { clauseId: anchor.clauseId, from: 'AAAA', to: 'AAAA', quote: 'q' } },
        400,
        'invalid_anchor',
      ],
      [
        { body: 'x', anchor: { clauseId: anchor.clauseId, from: 'not base64!', to: 'x', quote: 'q' } },
        400,
        'invalid_request',
      ],
      [{ body: 'x', anchor: spanAnchor(doc, clauseId(doc, 1), 0, 5), parentId: 'nope' }, 400, 'invalid_request'],
      [{ body: 'x', parentId: 'nope' }, 404, 'comment_not_found'],
      [{ body: 'x', anchor, mentions: ['nope'] }, 400, 'unknown_affiliation'],
    ];
    // A span whose positions are in another clause than the one named.
    cases.push([
      { body: 'x', anchor: { ...spanAnchor(doc, clauseId(doc, 1), 0, 5), clauseId: anchor.clauseId } },
      400,
      'invalid_anchor',
    ]);
    for (const [json, status, error] of cases) {
      const response = await post(draftId, delegate, json);
      expect({ json, status: response.status, error: response.body.error }).toEqual({ json, status, error });
      expect(typeof response.body.message).toBe('string');
    }
  });

  it('rate-limits posting per person', async () => {
    const limited = await startTestServer({ commentsPerMinute: 3 });
    try {
      const session = await signIn(limited.url, DEMO.valdoria);
      const draftId = ((await session.api('/api/drafts')).body.drafts as { id: string }[])[0]!.id;
      const outline = (await session.api(`/api/drafts/${draftId}/outline`)).body.clauses as { id: string }[];
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++)
        statuses.push(
          (
            await session.api(`/api/drafts/${draftId}/comments`, {
              method: 'POST',
              json: { body: `n${i}`, anchor: { clauseId: outline[0]!.id } },
            })
          ).status,
        );
      expect(statuses).toEqual([201, 201, 201, 429]);
      const other = await signIn(limited.url, DEMO.norland);
      expect(
        (
          await other.api(`/api/drafts/${draftId}/comments`, {
            method: 'POST',
            json: { body: 'mine', anchor: { clauseId: outline[0]!.id } },
          })
        ).status,
      ).toBe(201);
    } finally {
      await limited.close();
    }
  });

  it('counts edits against the same limit as posts', async () => {
    const limit = 5;
    const limited = await startTestServer({ commentsPerMinute: limit });
    try {
      const session = await signIn(limited.url, DEMO.valdoria);
      const draftId = ((await session.api('/api/drafts')).body.drafts as { id: string }[])[0]!.id;
      const outline = (await session.api(`/api/drafts/${draftId}/outline`)).body.clauses as { id: string }[];
      const list = `/api/drafts/${draftId}/comments`;
      const posted = await session.api(list, {
        method: 'POST',
        json: { body: 'first', anchor: { clauseId: outline[0]!.id } },
      });
      expect(posted.status).toBe(201);
      const commentId = (posted.body.comment as { id: string }).id;
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++)
        statuses.push(
          (await session.api(`${list}/${commentId}`, { method: 'PATCH', json: { body: `edit ${i}` } })).status,
        );
      // One post and four edits use up the five; every later edit is refused.
      expect(statuses).toEqual([...Array<number>(limit - 1).fill(200), ...Array<number>(30 - limit + 1).fill(429)]);
      const stored = ((await session.api(list)).body.comments as { id: string; body: string }[]).find(
        (comment) => comment.id === commentId,
      );
      expect(stored?.body).toBe(`edit ${limit - 2}`);
      // Posting shares the spent limit.
      const another = await session.api(list, {
        method: 'POST',
        json: { body: 'second', anchor: { clauseId: outline[0]!.id } },
      });
      expect([another.status, another.body.error]).toEqual([429, 'too_many_comments']);
    } finally {
      await limited.close();
    }
  });
});

describe('the public record', () => {
  it('exports every comment with author, affiliation, clause number, quote, dates and status, as CSV and JSON', async () => {
    const draftId = await freshDraft();
    const doc = (await join(draftId, delegate)).doc;
    const text = clauseText(doc, 'operative', 2).toString();
    await post(draftId, delegate, {
      body: 'Line one\nline "two", with a comma',
      anchor: spanAnchor(doc, clauseId(doc, 2), 0, 12),
    });
    await post(draftId, otherDelegate, {
      body: '=HYPERLINK("http://evil.example")',
      anchor: { clauseId: clauseId(doc, 4) },
    });

    const json = await delegate.api(`/api/drafts/${draftId}/comments/export?format=json`);
    expect(json.status).toBe(200);
    expect(json.headers.get('content-disposition')).toBe('attachment; filename="comments-comments.json"');
    const exported = (json.body.comments as Comment[]).map((c) => ({
      author: c.author.name,
      affiliation: c.author.affiliation.name,
      clause: c.clauseNumber,
      status: c.status,
    }));
    expect(exported).toEqual([
      { author: 'Lena Varga', affiliation: 'Republic of Valdoria', clause: 'OP3', status: 'open' },
      { author: 'Erik Holm', affiliation: 'Kingdom of Norland', clause: 'OP5', status: 'open' },
    ]);

    const csv = await fetch(`${s.url}/api/drafts/${draftId}/comments/export?format=csv`, {
      headers: { authorization: `Bearer ${delegate.token}` },
    });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const body = await csv.text();
    const lines = body.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'id,thread,clause,author,affiliation,role,quote,current_text,anchor,body,created_at,edited_at,status,resolved_at,hidden_reason',
    );
    expect(body).toContain(`,OP3,Lena Varga,Republic of Valdoria (XVA),delegate,${text.slice(0, 12)},`);
    expect(body).toContain('"Line one\nline ""two"", with a comma"');
    expect(body).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect((await delegate.api(`/api/drafts/${draftId}/comments/export?format=xml`)).status).toBe(400);

    // A hidden comment is in the record with the reason, without its words, even in the chair's export.
    const hiddenId = (await comments(draftId, chair)).find((c) => c.author.name === 'Erik Holm')!.id;
    await chair.api(`/api/drafts/${draftId}/comments/${hiddenId}/hide`, {
      method: 'POST',
      json: { reason: 'Spam link' },
    });
    const record = (await chair.api(`/api/drafts/${draftId}/comments/export?format=json`)).body.comments as Comment[];
    expect(record.find((c) => c.id === hiddenId)).toMatchObject({ body: null, hidden: { reason: 'Spam link' } });
    const chairCsv = await (
      await fetch(`${s.url}/api/drafts/${draftId}/comments/export?format=csv`, {
        headers: { authorization: `Bearer ${chair.token}` },
      })
    ).text();
    expect(chairCsv).not.toContain('HYPERLINK');
    expect(chairCsv).toContain('Spam link');
    expect((await stranger.api(`/api/drafts/${draftId}/comments/export?format=csv`)).status).toBe(403);
  });
});
