import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DraftSummary } from '../../../../shared/api';
import { MAX_TITLE_LENGTH } from '../../../../shared/limits';
import { clauseText, connectClient } from '../../../testing/collabClient';
import { readDocumentTitle } from '../../../drafts/documentTitle';
import type { TestServer } from '../../../testing/startTestServer';
import { startTestServer } from '../../../testing/startTestServer';
import { waitFor } from '../../../testing/waitFor';
import type { TestSession } from '../../../testing/session';
import { DEMO, signIn } from '../../../testing/session';

let s: TestServer;
let chair: TestSession;
beforeAll(async () => {
  s = await startTestServer();
  chair = await signIn(s.url, DEMO.chair);
});
afterAll(async () => {
  await s.close();
});

/** The API as the demo chair. */
async function api(
  path: string,
  init: RequestInit & { json?: unknown } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const { status, body } = await chair.api(path, init);
  return { status, body };
}

describe('HTTP API', () => {
  it('reports health', async () => {
    expect(await api('/api/health')).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('lists the seeded demo draft, once', async () => {
    const { status, body } = await api('/api/drafts');
    expect(status).toBe(200);
    const drafts = body.drafts as DraftSummary[];
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({
      title: expect.stringMatching(/Proportionate State Responses/),
      archivedAt: null,
      facilitatorMode: false,
    });
    expect(Object.keys(drafts[0]!).sort()).toEqual([
      'archivedAt',
      'createdAt',
      'facilitatorMode',
      'id',
      'pillars',
      'role',
      'title',
      'updatedAt',
    ]);
    expect(drafts[0]!.role).toBe('chair');
  });

  it('creates a draft that opens with a title, a preambular and an operative clause', async () => {
    const created = await api('/api/drafts', { method: 'POST', json: { title: '  Confidence-building measures  ' } });
    expect(created.status).toBe(201);
    const draft = created.body.draft as DraftSummary;
    expect(draft.title).toBe('Confidence-building measures');
    expect((await api(`/api/drafts/${draft.id}`)).body.draft).toEqual(draft);
    expect(draft.role).toBe('chair');

    const client = connectClient(s.collabUrl, draft.id, { token: chair.token });
    try {
      await client.synced();
      expect(readDocumentTitle(client.doc)).toBe('Confidence-building measures');
      expect(clauseText(client.doc, 'preamble', 0).toString()).toBe('');
      expect(clauseText(client.doc, 'operative', 0).toString()).toBe('');
    } finally {
      client.destroy();
    }
  });

  it('renames a draft by editing its title live for open clients, and the list follows', async () => {
    const { body } = await api('/api/drafts', { method: 'POST', json: { title: 'Old name' } });
    const id = (body.draft as DraftSummary).id;
    const client = connectClient(s.collabUrl, id, { token: chair.token });
    try {
      await client.synced();
      const renamed = await api(`/api/drafts/${id}`, { method: 'PATCH', json: { title: 'New name' } });
      expect(renamed.status).toBe(200);
      expect((renamed.body.draft as DraftSummary).title).toBe('New name');
      await waitFor(() => expect(readDocumentTitle(client.doc)).toBe('New name'));

      // A title typed in the editor becomes the listed name too.
      const titleText = (
        client.doc.getXmlFragment('default').get(0) as unknown as {
          get(i: number): { insert(i: number, s: string): void };
        }
      ).get(0);
      titleText.insert(0, 'Revised ');
      await waitFor(async () =>
        expect(((await api(`/api/drafts/${id}`)).body.draft as DraftSummary).title).toBe('Revised New name'),
      );
    } finally {
      client.destroy();
    }
  });

  it('archives instead of deleting, and restores', async () => {
    const { body } = await api('/api/drafts', { method: 'POST', json: { title: 'To archive' } });
    const id = (body.draft as DraftSummary).id;
    const archived = await api(`/api/drafts/${id}`, { method: 'PATCH', json: { archived: true } });
    expect((archived.body.draft as DraftSummary).archivedAt).toEqual(expect.any(String));
    const active = (await api('/api/drafts')).body.drafts as DraftSummary[];
    expect(active.map((d) => d.id)).not.toContain(id);
    const hidden = (await api('/api/drafts?archived=true')).body.drafts as DraftSummary[];
    expect(hidden.map((d) => d.id)).toEqual([id]);
    expect((await api(`/api/drafts/${id}`)).status).toBe(200);
    const restored = await api(`/api/drafts/${id}`, { method: 'PATCH', json: { archived: false } });
    expect((restored.body.draft as DraftSummary).archivedAt).toBeNull();
    expect((await api(`/api/drafts/${id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('refuses a body over the size limit with 413 before reading it', async () => {
    const response = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.request(
        `${s.url}/api/drafts`,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': 2 * 1024 * 1024,
            authorization: `Bearer ${chair.token}`,
          },
        },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      request.on('error', reject);
      request.write('{"title":"');
    });
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body)).toMatchObject({ error: 'body_too_large' });
  });

  it('answers bad requests with 4xx JSON errors carrying a stable id and a sentence, never a stack trace', async () => {
    const cases: [string, RequestInit & { json?: unknown }, number, string][] = [
      ['/api/drafts', { method: 'POST', body: '{not json' }, 400, 'invalid_json'],
      ['/api/drafts', { method: 'POST', json: {} }, 400, 'invalid_request'],
      ['/api/drafts', { method: 'POST', json: { title: '   ' } }, 400, 'invalid_request'],
      ['/api/drafts', { method: 'POST', json: { title: 'x'.repeat(MAX_TITLE_LENGTH + 1) } }, 400, 'invalid_request'],
      ['/api/drafts', { method: 'POST', json: { title: 'ok', extra: 1 } }, 400, 'invalid_request'],
      ['/api/drafts?archived=maybe', {}, 400, 'invalid_query'],
      ['/api/drafts/nope', {}, 404, 'draft_not_found'],
      ['/api/drafts/..%2F..%2Fetc', {}, 404, 'draft_not_found'],
      ['/api/drafts/nope', { method: 'PATCH', json: { title: 'x' } }, 404, 'draft_not_found'],
      ['/api/no-such-route', {}, 404, 'not_found'],
    ];
    const drafts = (await api('/api/drafts')).body.drafts as DraftSummary[];
    cases.push([`/api/drafts/${drafts[0]!.id}`, { method: 'PATCH', json: {} }, 400, 'invalid_request']);
    cases.push([
      `/api/drafts/${drafts[0]!.id}`,
      { method: 'PATCH', json: { archived: 'yes' } },
      400,
      'invalid_request',
    ]);
    for (const [path, init, status, error] of cases) {
      const response = await api(path, init);
      expect({ path, status: response.status, error: response.body.error }).toEqual({ path, status, error });
      expect(typeof response.body.message).toBe('string');
      expect(JSON.stringify(response.body)).not.toMatch(/at .*\.ts:\d+/);
    }
  });
});
