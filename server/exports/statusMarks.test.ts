import { describe, expect, it } from 'vitest';
import { validateAkn } from '../testing/validateAkn';
import type { TextSnapshot } from '../versions/VersionService';
import { renderExport } from './renderExport';
import type { ExportFormat } from './renderExport';
import { docxDocumentXml } from './testing/docxXml';
import { pdfPages } from './testing/pdfText';
import { snapshotFromSpec } from './testing/snapshotFromSpec';

const live = snapshotFromSpec({
  title: 'Norms with agreed clauses',
  preamble: [{ text: 'Recalling its earlier work,', status: 'agreed' }],
  operative: [
    { text: 'Decides to act together.', status: 'agreed-ad-ref' },
    { text: 'Requests a report.', status: 'open' },
  ],
});

/** The same text as a published version. */
const published: TextSnapshot = {
  ...live,
  label: 'Rev.2',
  version: {
    id: 'v_published',
    draftId: 'd_test',
    label: 'Rev.2',
    note: '',
    createdBy: 'u_chair',
    createdAt: live.at,
    publishedAt: live.at,
    publishedBy: 'u_chair',
  },
};

/** What a reader of each format reads, as one line of text (tags dropped from HTML and Word). */
async function readable(snapshot: TextSnapshot, format: ExportFormat): Promise<string> {
  const { body } = await renderExport(snapshot, format, { pillars: false, draftId: 'd_test', organizations: [] });
  const text =
    format === 'pdf'
      ? (await pdfPages(body as Uint8Array)).join(' ')
      : format === 'docx'
        ? docxDocumentXml(body as Uint8Array).replace(/<w:p[ >]/g, ' $&')
        : String(body);
  return text
    .replace(/<[^>]+>/g, ' ')
    .replace(/\*/g, '')
    .replace(/\s+/g, ' ');
}

describe('clause status and the draft marking in every export', () => {
  for (const format of ['md', 'html', 'docx', 'pdf'] as const) {
    it(`${format}: marks agreed and ad ref clauses after their number, and an unpublished text as a draft`, async () => {
      const text = await readable(live, format);
      expect(text).toMatch(/PP1\. \(Agreed\) Recalling its earlier work,/);
      expect(text).toMatch(/OP1\. \(Agreed ad ref\) Decides to act together\./);
      expect(text).toMatch(/OP2\. Requests a report\./);
      expect(text).toContain('DRAFT — not agreed');
      expect(text.indexOf('DRAFT — not agreed')).toBeLessThan(text.indexOf('PP1.'));

      const final = await readable(published, format);
      expect(final).toMatch(/OP1\. \(Agreed ad ref\) Decides to act together\./);
      expect(final).not.toContain('DRAFT');
    });
  }

  it('akn: the status in each clause’s class and the draft marking as the preface’s docStatus, valid against the schema', async () => {
    const render = async (snapshot: TextSnapshot) =>
      String((await renderExport(snapshot, 'akn', { pillars: false, draftId: 'd_test', organizations: [] })).body);
    const draft = await render(live);
    expect(await validateAkn(draft)).toEqual([]);
    expect(draft).toMatch(/<preface>.*<docStatus>DRAFT — not agreed<\/docStatus>.*<\/preface>/s);
    expect(draft).toMatch(/class="status-agreed-ad-ref"[^>]*>(?:(?!<\/paragraph>).)*Decides to act together/s);
    const final = await render(published);
    expect(await validateAkn(final)).toEqual([]);
    expect(final).not.toContain('docStatus');
  });
});
