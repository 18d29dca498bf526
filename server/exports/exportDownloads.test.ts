import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clauseText, connectClient } from '../testing/collabClient';
import type { TestSession } from '../testing/session';
import { DEMO, signIn } from '../testing/session';
import type { TestServer } from '../testing/startTestServer';
import { startTestServer } from '../testing/startTestServer';
import { waitFor } from '../testing/waitFor';
import { pdfPages } from './testing/pdfText';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

let s: TestServer;
let chair: TestSession;
beforeAll(async () => {
  s = await startTestServer();
  chair = await signIn(s.url, DEMO.chair);
});
afterAll(async () => {
  await s.close();
});

async function download(
  path: string,
  token: string | undefined = chair.token,
): Promise<{ status: number; type: string | null; disposition: string | null; bytes: Buffer }> {
  const response = await fetch(`${s.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    disposition: response.headers.get('content-disposition'),
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

async function newDraft(title: string): Promise<string> {
  const response = await chair.api('/api/drafts', { method: 'POST', json: { title, template: 'pillar-framework' } });
  return (response.body.draft as { id: string }).id;
}

async function saveVersion(draftId: string, label: string): Promise<string> {
  const response = await chair.api(`/api/drafts/${draftId}/versions`, { method: 'POST', json: { label } });
  expect(response.status).toBe(201);
  return (response.body.version as { id: string }).id;
}

describe('DOCX and PDF downloads', () => {
  it('exports the live text and a version as Word and PDF files, named and typed, with the same numbers as the outline', async () => {
    const draftId = await newDraft('Norms on essential services');
    const versionId = await saveVersion(draftId, 'Rev.1');
    for (const [query, label] of [
      ['', 'Live text'],
      [`&version=${versionId}`, 'Rev.1'],
    ] as const) {
      const docx = await download(`/api/drafts/${draftId}/export?format=docx&pillars=true${query}`);
      expect(docx.status).toBe(200);
      expect(docx.type).toBe(DOCX_TYPE);
      expect(docx.disposition).toBe(
        `attachment; filename="norms-on-essential-services-${label === 'Rev.1' ? 'Rev.1' : 'live'}.docx"`,
      );
      const xml = strFromU8(unzipSync(new Uint8Array(docx.bytes))['word/document.xml']!);
      for (const number of ['PP1.', 'PP3.', 'OP1.', 'OP8.']) expect(xml).toContain(`>${number}</w:t>`);
      // Sub-paragraphs are points of Word's own list, which draws their labels.
      expect(xml).toMatch(
        /<w:numPr><w:ilvl w:val="0"\/><w:numId w:val="\d+"\/><\/w:numPr><\/w:pPr><w:r><w:t xml:space="preserve">the likely harm/,
      );
      expect(xml).toContain('Pillars: Civilian protection');
      expect(xml).toContain(label);

      const pdf = await download(`/api/drafts/${draftId}/export?format=pdf${query}`);
      expect(pdf.status).toBe(200);
      expect(pdf.type).toBe('application/pdf');
      expect(pdf.disposition).toBe(
        `attachment; filename="norms-on-essential-services-${label === 'Rev.1' ? 'Rev.1' : 'live'}.pdf"`,
      );
      const pages = await pdfPages(pdf.bytes);
      expect(pages.join(' ').replace(/\s+/g, ' ')).toContain(
        'OP3. Any response should have a basis in international law',
      );
      pages.forEach((page, i) =>
        expect(page.replace(/\s+/g, ' ')).toMatch(
          new RegExp(`${label} — \\d{4}-\\d{2}-\\d{2} — Page ${i + 1} of ${pages.length}`),
        ),
      );
    }
  });

  it('serves a published version as Word and PDF to anyone, and nothing for an unpublished one', async () => {
    const draftId = await newDraft('Published norms');
    const versionId = await saveVersion(draftId, 'Final');
    expect((await download(`/api/public/versions/${versionId}/export?format=pdf`, undefined)).status).toBe(404);
    await chair.api(`/api/drafts/${draftId}/versions/${versionId}/publish`, {
      method: 'POST',
      json: { published: true },
    });
    const docx = await download(`/api/public/versions/${versionId}/export?format=docx`, undefined);
    expect(docx.status).toBe(200);
    expect(strFromU8(unzipSync(new Uint8Array(docx.bytes))['word/document.xml']!)).toContain('Published norms');
    const pdf = await download(`/api/public/versions/${versionId}/export?format=pdf`, undefined);
    expect((await pdfPages(pdf.bytes))[0]).toContain('Final — ');
  });

  it('downloads the redline between a version and the live text as Word and PDF with the changed words marked', async () => {
    const draftId = await newDraft('Redlined norms');
    const fromId = await saveVersion(draftId, 'Rev.1');
    const client = connectClient(s.collabUrl, draftId, { token: chair.token });
    try {
      await client.synced();
      const op1 = clauseText(client.doc, 'operative', 0);
      const at = op1.toString().indexOf('protect');
      op1.delete(at, 'protect'.length);
      op1.insert(at, 'safeguard');
      await waitFor(async () =>
        expect(
          ((await chair.api(`/api/drafts/${draftId}/outline`)).body.clauses as { text: string }[])[3]!.text,
        ).toContain('safeguard'),
      );
    } finally {
      client.destroy();
    }
    const docx = await download(`/api/drafts/${draftId}/compare?from=${fromId}&to=live&format=docx`);
    expect(docx.type).toBe(DOCX_TYPE);
    expect(docx.disposition).toBe('attachment; filename="redlined-norms-Rev.1-to-live-redline.docx"');
    const xml = strFromU8(unzipSync(new Uint8Array(docx.bytes))['word/document.xml']!);
    // Tracked changes by the two texts compared, marked as before.
    expect(xml).toMatch(
      /<w:del [^>]*w:author="Rev\.1 → Live text"[^>]*><w:r><w:rPr><w:strike\/>(?:(?!<\/w:r>).)*>protect<\/w:delText>/,
    );
    expect(xml).toMatch(
      /<w:ins [^>]*w:author="Rev\.1 → Live text"[^>]*><w:r><w:rPr>(?:(?!<\/w:r>).)*<w:u w:val="single"\/>(?:(?!<\/w:r>).)*>safeguard<\/w:t>/,
    );

    const pdf = await download(`/api/drafts/${draftId}/compare?from=${fromId}&to=live&format=pdf`);
    expect(pdf.type).toBe('application/pdf');
    expect(pdf.disposition).toBe('attachment; filename="redlined-norms-Rev.1-to-live-redline.pdf"');
    const text = (await pdfPages(pdf.bytes)).join(' ').replace(/\s+/g, ' ');
    expect(text).toContain('Changes from Rev.1 to Live text: 1 modified, 0 added, 0 removed, 0 moved.');
    expect(text).toContain('OP1. States should protectsafeguard the continuity');
    expect((await chair.api(`/api/drafts/${draftId}/compare?from=${fromId}&format=odt`)).status).toBe(400);
  });

  it('names every download after the draft, the text and the format, in full for a title beyond ASCII', async () => {
    const draftId = await newDraft('Cadre de normes — révision');
    const rev1 = await saveVersion(draftId, 'Rev.1');
    const rev2 = await saveVersion(draftId, 'Rev.2');
    const names = new Map<string, string | null>();
    for (const path of [
      `/export?format=md&version=${rev2}`,
      '/export?format=akn',
      `/compare?from=${rev1}&to=${rev2}&format=docx`,
      `/compare?from=${rev1}&to=live&format=html`,
    ])
      names.set(path, (await download(`/api/drafts/${draftId}${path}`)).disposition);
    const utf8 = (name: string) => `filename*=UTF-8''${encodeURIComponent(name)}`;
    expect([...names.values()]).toEqual([
      `attachment; filename="cadre-de-normes-revision-Rev.2.md"; ${utf8('cadre-de-normes-révision-Rev.2.md')}`,
      `attachment; filename="cadre-de-normes-revision-live.akn.xml"; ${utf8('cadre-de-normes-révision-live.akn.xml')}`,
      `attachment; filename="cadre-de-normes-revision-Rev.1-to-Rev.2-redline.docx"; ${utf8('cadre-de-normes-révision-Rev.1-to-Rev.2-redline.docx')}`,
      `inline; filename="cadre-de-normes-revision-Rev.1-to-live-redline.html"; ${utf8('cadre-de-normes-révision-Rev.1-to-live-redline.html')}`,
    ]);
  });
});
