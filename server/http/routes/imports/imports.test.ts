import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES } from '../../../../shared/importLimits';
import type { ImportedClause, ImportPreview } from '../../../../shared/importPreview';
import { specFromPreview } from '../../../../shared/importPreview';
import { MAX_FOOTNOTE_LENGTH } from '../../../../shared/limits';
import type { Outline } from '../../../../shared/outline';
import { outlineListing } from '../../../imports/corpus/listing';
import { DOCX_MEDIA_TYPE } from '../../../imports/readImportFile';
import { OPERATIVE, RECITALS, numberedDocx } from '../../../imports/testing/numberedDocx';
import type { TestSession } from '../../../testing/session';
import { DEMO, signIn } from '../../../testing/session';
import type { TestServer } from '../../../testing/startTestServer';
import { startTestServer } from '../../../testing/startTestServer';

let s: TestServer;
let chair: TestSession;
let delegate: TestSession;
beforeAll(async () => {
  s = await startTestServer();
  [chair, delegate] = await Promise.all([signIn(s.url, DEMO.chair), signIn(s.url, DEMO.valdoria)]);
});
afterAll(async () => {
  await s.close();
});

/** Posts a file as a browser form would (multipart/form-data, field "file"). */
async function upload(
  path: string,
  file: Blob,
  name: string,
  session: TestSession = chair,
  fields: Record<string, string> = {},
) {
  const form = new FormData();
  form.set('file', file, name);
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  const response = await fetch(`${s.url}${path}`, {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${session.token}` },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function draftCount(): Promise<number> {
  return ((await chair.api('/api/drafts')).body.drafts as unknown[]).length;
}

describe('importing a draft', () => {
  it('previews a .docx with 20 numbered paragraphs as 20 clauses of the right kinds, creating nothing', async () => {
    const before = await draftCount();
    const docx = new Blob([new Uint8Array(await numberedDocx('word'))], { type: DOCX_MEDIA_TYPE });
    const { status, body } = await upload('/api/imports/preview', docx, 'resolution.docx');
    expect(status).toBe(200);
    const preview = body.preview as ImportPreview;
    expect(preview.title).toBe('Protecting essential services');
    expect(preview.preamble.map((c) => c.text)).toEqual(RECITALS);
    expect(preview.operative.map((c) => c.text)).toEqual(OPERATIVE);
    expect(preview.preamble.length + preview.operative.length).toBe(20);
    expect((preview.operative[3] as ImportedClause).blocks.map((b) => [b.level, b.label])).toEqual([
      [1, '(a)'],
      [1, '(b)'],
    ]);
    expect(await draftCount()).toBe(before);
  });

  it('creates the draft from the file with the caller as its chair, and its outline has the 20 clauses', async () => {
    const docx = new Blob([new Uint8Array(await numberedDocx('word'))], { type: DOCX_MEDIA_TYPE });
    const { status, body } = await upload('/api/imports', docx, 'resolution.docx', chair, {
      title: 'Imported resolution',
    });
    expect(status).toBe(201);
    const draft = body.draft as { id: string; title: string; role: string };
    expect(draft).toMatchObject({ title: 'Imported resolution', role: 'chair' });
    const outline = (await chair.api(`/api/drafts/${draft.id}/outline`)).body as unknown as Outline;
    expect(outline.title).toBe('Imported resolution');
    expect(outline.clauses.map((c) => c.number)).toEqual([
      ...RECITALS.map((_, i) => `PP${i + 1}`),
      ...OPERATIVE.map((_, i) => `OP${i + 1}`),
    ]);
    expect(outline.clauses[8]!.text).toBe('Decides to establish a review mechanism;');
    expect(outline.clauses[11]).toMatchObject({
      subparagraphs: 2,
      text: 'Encourages States to take into account:\n(a) the criticality of the affected services;\n(b) the risk of cascading effects;',
    });
    const members = (await chair.api(`/api/drafts/${draft.id}/members`)).body.members as {
      user: { id: string };
      role: string;
    }[];
    expect(members.map((m) => [m.user.id, m.role])).toEqual([[chair.user.id, 'chair']]);
  });

  it('imports Markdown sent as the raw body, and creates a corrected preview sent back as a draft spec', async () => {
    const markdown =
      '# Norms\n\n## Preamble\n\n**PP1.** Recalling the Charter,\n\n## Operative part\n\n**OP1.** Decides to act;\n\n*Pillars: Attribution*\n';
    const preview = await fetch(`${s.url}/api/imports/preview?filename=norms.md`, {
      method: 'POST',
      body: markdown,
      headers: { authorization: `Bearer ${chair.token}`, 'content-type': 'text/markdown' },
    });
    expect(preview.status).toBe(200);
    const { preview: read } = (await preview.json()) as { preview: ImportPreview };
    expect(read).toMatchObject({
      title: 'Norms',
      preamble: [{ number: 'PP1', text: 'Recalling the Charter,' }],
      operative: [{ number: 'OP1', text: 'Decides to act;', pillars: ['attribution'] }],
    });

    const spec = specFromPreview(read);
    const corrected = {
      ...spec,
      title: 'Norms (corrected)',
      formula: 'The Parties,',
      operative: [
        ...spec.operative,
        { division: 'part', title: 'Reporting' },
        {
          text: 'Requests a report^[To be issued yearly.] covering:',
          blocks: [
            { text: 'incidents, in particular:', points: [{ text: 'their effects;' }] },
            { paragraph: 'and responses.' },
          ],
          pillars: [],
        },
      ],
      annexes: [{ title: 'Model form', clauses: [{ text: 'Name of the State:' }] }],
    };
    const created = await chair.api('/api/imports', { method: 'POST', json: corrected });
    expect(created.status).toBe(201);
    const outline = (await chair.api(`/api/drafts/${(created.body.draft as { id: string }).id}/outline`))
      .body as unknown as Outline;
    expect(outlineListing(outline)).toEqual([
      'title: Norms (corrected)',
      'formula: The Parties,',
      'PP1 Recalling the Charter,',
      'OP1 Decides to act;',
      'Part I — Reporting',
      'OP2 Requests a report^[To be issued yearly.] covering:',
      'OP2(a) incidents, in particular:',
      'OP2(a)(i) their effects;',
      'OP2 ¶ and responses.',
      'Annex — Model form',
      'A1.1 Name of the State:',
      'note 1 OP2: To be issued yearly.',
    ]);
    expect(outline.clauses[1]!.pillars).toEqual(['attribution']);
    // Every point, heading and annex has an id of its own.
    const ids = [
      ...outline.clauses.flatMap((c) => [c.id, ...c.points.map((p) => p.id)]),
      ...outline.divisions.map((d) => d.id),
      ...outline.annexes.map((a) => a.id),
    ];
    expect(ids.every((id) => id.length > 0) && new Set(ids).size === ids.length).toBe(true);

    const refused = async (json: unknown) => (await chair.api('/api/imports', { method: 'POST', json })).status;
    expect(await refused({ ...corrected, operative: [{ text: 'x', pillars: ['no-such-pillar'] }] })).toBe(400);
    // Four levels of points, and a footnote longer than a footnote may be, are refused.
    const deep = {
      text: 'a',
      points: [{ text: 'b', points: [{ text: 'c', points: [{ text: 'd', points: [{ text: 'e' }] }] }] }],
    };
    expect(await refused({ ...corrected, operative: [{ text: 'x', blocks: [deep] }] })).toBe(400);
    expect(await refused({ ...corrected, operative: [{ text: `x^[${'n'.repeat(MAX_FOOTNOTE_LENGTH + 1)}]` }] })).toBe(
      400,
    );
  });

  it('refuses bad files with a clear message and leaves no draft behind', async () => {
    const before = await draftCount();
    const notDocx = await upload('/api/imports', new Blob(['this is not a zip']), 'draft.docx');
    expect(notDocx).toMatchObject({
      status: 400,
      body: { error: 'invalid_docx', message: expect.stringContaining('Save it as .docx') },
    });
    const tooLarge = await upload('/api/imports', new Blob([new Uint8Array(MAX_IMPORT_BYTES + 1)]), 'big.docx');
    expect(tooLarge).toMatchObject({
      status: 413,
      body: { error: 'file_too_large', message: expect.stringContaining('5 MiB') },
    });
    const wayTooLarge = await fetch(`${s.url}/api/imports?filename=big.md`, {
      method: 'POST',
      body: new Uint8Array(MAX_IMPORT_BYTES + 200_000),
      headers: { authorization: `Bearer ${chair.token}`, 'content-type': 'text/markdown' },
    });
    expect(wayTooLarge.status).toBe(413);
    const noClauses = await upload('/api/imports', new Blob(['A title\n\nSome prose.']), 'notes.md');
    expect(noClauses).toMatchObject({ status: 422, body: { error: 'no_clauses' } });
    expect(await upload('/api/imports', new Blob(['1. Decides;']), 'ok.md', delegate)).toMatchObject({ status: 403 });
    expect(
      (
        await fetch(`${s.url}/api/imports`, {
          method: 'POST',
          body: new FormData(),
          headers: { authorization: `Bearer ${chair.token}` },
        })
      ).status,
    ).toBe(400);
    expect(await draftCount()).toBe(before);
  });
});
