import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Outline } from '../../../shared/outline';
import { viewDocxInLibreOffice } from '../../exports/testing/libreOffice';
import type { TestSession } from '../../testing/session';
import { DEMO, signIn } from '../../testing/session';
import type { TestServer } from '../../testing/startTestServer';
import { startTestServer } from '../../testing/startTestServer';
import { validateAkn } from '../../testing/validateAkn';
import type { CorpusDocument } from '.';
import { CORPUS, outlineListing } from '.';

let s: TestServer;
let chair: TestSession;
beforeAll(async () => {
  s = await startTestServer();
  chair = await signIn(s.url, DEMO.chair);
});
afterAll(async () => {
  await s.close();
});

/** Uploads a file to the import route, as the import page does, and answers the new draft's id. */
async function importFile(fileName: string, bytes: Uint8Array): Promise<string> {
  const form = new FormData();
  form.set('file', new Blob([new Uint8Array(bytes)]), fileName);
  const response = await fetch(`${s.url}/api/imports`, {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${chair.token}` },
  });
  const body = (await response.json()) as { draft?: { id: string } };
  expect(response.status, JSON.stringify(body)).toBe(201);
  return body.draft!.id;
}

async function exported(draftId: string, format: 'akn' | 'docx'): Promise<Uint8Array> {
  const response = await fetch(`${s.url}/api/drafts/${draftId}/export?format=${format}`, {
    headers: { authorization: `Bearer ${chair.token}` },
  });
  expect(response.status).toBe(200);
  return new Uint8Array(await response.arrayBuffer());
}

async function outlineOf(draftId: string): Promise<Outline> {
  return (await chair.api(`/api/drafts/${draftId}/outline`)).body as unknown as Outline;
}

/** Every clause's number and full text (points and footnotes in it), as the outline reads them. */
const texts = (outline: Outline) => outline.clauses.map((clause) => `${clause.number} ${clause.text}`);

// LibreOffice starts cold with a fresh profile for every document: seconds each.
const ROUND_TRIP_TIMEOUT = 180_000;

describe('every corpus document survives Accord’s exports', () => {
  it.each(CORPUS.map((document) => [document.name, document] as [string, CorpusDocument]))(
    '%s: AKN export is schema-valid and imports back the same; Word export opens in LibreOffice with labels and footnotes',
    async (_name, document) => {
      const first = await importFile(document.fileName, await document.bytes());
      const original = await outlineOf(first);
      expect(outlineListing(original)).toEqual(document.expected.listing);

      const akn = new TextDecoder().decode(await exported(first, 'akn'));
      expect(await validateAkn(akn)).toEqual([]);
      const again = await outlineOf(await importFile(`${document.name}.xml`, new TextEncoder().encode(akn)));
      expect(outlineListing(again)).toEqual(outlineListing(original));
      expect(texts(again)).toEqual(texts(original));
      expect(again.problems).toEqual([]);

      const view = await viewDocxInLibreOffice(await exported(first, 'docx'));
      const points = original.clauses.flatMap((clause) => clause.points.map((point) => point.label));
      expect(
        view.paragraphs.filter((paragraph) => paragraph.label !== null).map((paragraph) => paragraph.label),
      ).toEqual(points);
      expect(view.footnotes.map((note) => note.text)).toEqual(original.footnotes.map((footnote) => footnote.note));
      for (const clause of original.clauses) {
        const opening = clause.text
          .split('\n')[0]!
          .replace(/\^\[[^\]]*\]/g, '')
          .slice(0, 30);
        expect(view.paragraphs.some((paragraph) => paragraph.text.includes(opening.trim()))).toBe(true);
      }
    },
    ROUND_TRIP_TIMEOUT,
  );
});
