import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../../shared/importPreview';
import { specFromPreview } from '../../../shared/importPreview';
import type { Outline } from '../../../shared/outline';
import type { TestSession } from '../../testing/session';
import { DEMO, signIn } from '../../testing/session';
import type { TestServer } from '../../testing/startTestServer';
import { startTestServer } from '../../testing/startTestServer';
import { DOCX_MEDIA_TYPE } from '../readImportFile';
import type { CorpusDocument } from '.';
import { CORPUS, outlineListing, previewListing } from '.';

let s: TestServer;
let chair: TestSession;
beforeAll(async () => {
  s = await startTestServer();
  chair = await signIn(s.url, DEMO.chair);
});
afterAll(async () => {
  await s.close();
});

const MEDIA_TYPES = {
  docx: DOCX_MEDIA_TYPE,
  markdown: 'text/markdown',
  text: 'text/plain',
  akn: 'application/akn+xml',
} as const;

/** Uploads a corpus document as the import page does (multipart, field "file"). */
async function upload(
  path: string,
  document: CorpusDocument,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const form = new FormData();
  form.set(
    'file',
    new Blob([new Uint8Array(await document.bytes())], { type: MEDIA_TYPES[document.format] }),
    document.fileName,
  );
  const response = await fetch(`${s.url}${path}`, {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${chair.token}` },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function outlineOf(draftId: string): Promise<Outline> {
  return (await chair.api(`/api/drafts/${draftId}/outline`)).body as unknown as Outline;
}

describe('the import corpus, through the HTTP import routes', () => {
  it('has documents of every kind the issue names', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(8);
    expect(new Set(CORPUS.map((document) => document.format))).toEqual(new Set(['docx', 'markdown', 'text', 'akn']));
    const all = CORPUS.flatMap((document) => document.expected.listing);
    // Between them: three levels of points, parts and sections, footnotes, formulas, annexes.
    for (const line of [/^OP\d+\(\w+\)\(\w+\)\(\w+\) /, /^Part I/, /^Section B/, /^note \d/, /^formula: /, /^Annex II/])
      expect(all.some((entry) => line.test(entry))).toBe(true);
  });

  for (const document of CORPUS) {
    it(`${document.name}: ${document.shows}`, async () => {
      const read = await upload('/api/imports/preview', document);
      expect(read.status).toBe(200);
      const preview = read.body.preview as ImportPreview;
      // The preview shows exactly what will be created …
      expect(previewListing(preview)).toEqual(document.expected.listing);
      expect(preview.warnings).toHaveLength(document.expected.warnings.length);
      document.expected.warnings.forEach((words, index) => expect(preview.warnings[index]).toContain(words));
      expect(preview.warnings.length === 0 || document.expected.warnings.length > 0).toBe(true);

      // … creating from the file makes it, every label, level, heading, footnote and annex as listed …
      const created = await upload('/api/imports', document);
      expect(created.status).toBe(201);
      const fromFile = await outlineOf((created.body.draft as { id: string }).id);
      expect(outlineListing(fromFile)).toEqual(document.expected.listing);
      expect(fromFile.problems).toEqual([]);

      // … and so does creating from the preview, as the import page sends it back.
      const fromPreview = await chair.api('/api/imports', { method: 'POST', json: specFromPreview(preview) });
      expect(fromPreview.status).toBe(201);
      const outline = await outlineOf((fromPreview.body.draft as { id: string }).id);
      expect(outlineListing(outline)).toEqual(document.expected.listing);
    });
  }
});
