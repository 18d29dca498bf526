import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { templateSpec } from '../../shared/templates';
import { renderDocx } from '../exports/renderDocx';
import { renderMarkdown } from '../exports/renderMarkdown';
import { snapshotFromSpec } from '../exports/testing/snapshotFromSpec';
import { exportText } from '../exports/textModel';
import { ApiError } from '../errors';
import { outlineListing, previewListing } from './corpus/listing';
import type { ImportedClause, ImportedEntry, ImportPreview } from './ImportPreview';
import { readImportFile } from './readImportFile';
import { OPERATIVE, RECITALS, SUBPARAGRAPHS, numberedDocx } from './testing/numberedDocx';

const bytes = (text: string) => new TextEncoder().encode(text);

/** The clauses among operative entries (headings left aside). */
function clausesOf(entries: readonly ImportedEntry[]): ImportedClause[] {
  return entries.filter((entry): entry is ImportedClause => entry.type === 'clause');
}

async function refusal(promise: Promise<unknown>): Promise<{ status: number; id: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return { status: error.status, id: error.id, message: error.message };
    throw error;
  }
  throw new Error('the import was not refused');
}

function expectTwentyClauses(preview: ImportPreview): void {
  expect(preview.title).toBe('Protecting essential services');
  expect(preview.preamble.map((c) => c.text)).toEqual(RECITALS);
  expect(preview.operative.map((c) => c.text)).toEqual(OPERATIVE);
  expect(preview.preamble.map((c) => c.number)).toEqual(RECITALS.map((_, i) => `PP${i + 1}`));
  expect(clausesOf(preview.operative)[3]!.blocks).toEqual(
    SUBPARAGRAPHS.map((text, i) => ({ level: 1, label: `(${'ab'[i]})`, sourceLabel: null, text })),
  );
  expect(preview.warnings).toEqual([]);
}

describe('readImportFile', () => {
  it('reads a .docx with 20 paragraphs numbered by Word as 20 clauses, preambular and operative told apart by their wording', async () => {
    const { preview, source } = await readImportFile({
      bytes: await numberedDocx('word'),
      fileName: 'resolution.docx',
      contentType: null,
    });
    expect(source).toBe('docx');
    expectTwentyClauses(preview);
    expect(clausesOf(preview.operative).every((c) => c.kindFrom === 'wording' && c.sourceNumber === null)).toBe(true);
  });

  it('reads the same 20 paragraphs numbered as typed text ("1.", "(a)")', async () => {
    const { preview } = await readImportFile({
      bytes: await numberedDocx('text'),
      fileName: null,
      contentType: 'application/octet-stream',
    });
    expectTwentyClauses(preview);
    expect(clausesOf(preview.operative)[0]!.sourceNumber).toBe('9.');
  });

  it('reads back its own Word and Markdown exports with the same clauses, points and pillars', async () => {
    const spec = templateSpec('pillar-framework', 'Norms');
    // An agreed clause's status mark after its number is not read as its words.
    const [first, ...rest] = spec.operative;
    const snapshot = snapshotFromSpec({
      ...spec,
      operative: [{ ...(typeof first === 'string' ? { text: first } : first!), status: 'agreed' }, ...rest],
    });
    const text = exportText(snapshot);
    for (const [bytesOf, fileName] of [
      [await renderDocx(text, { pillars: true }), 'norms.docx'],
      [bytes(renderMarkdown(text, { pillars: true })), 'norms.md'],
    ] as const) {
      const { preview } = await readImportFile({ bytes: bytesOf, fileName, contentType: null });
      expect(previewListing(preview)).toEqual(outlineListing(snapshot.outline));
      const pillars = [...preview.preamble, ...clausesOf(preview.operative)].map((c) => c.pillars);
      expect(pillars).toEqual(snapshot.outline.clauses.map((c) => c.pillars));
      expect(clausesOf(preview.operative).every((c) => c.kindFrom === 'numbering')).toBe(true);
      // The version line and the draft marking are not part of any clause: left out, and the preview says so.
      expect(preview.warnings).toEqual([
        '2 lines are not part of a numbered paragraph and were left out: “Rev.1 — 2025-03-14”, “DRAFT — not agreed”.',
      ]);
    }
  });

  it('reads Markdown with wrapped lines, emphasis and a UN-style unnumbered preamble', async () => {
    const markdown = [
      '# The *General Assembly* resolution',
      '',
      'The General Assembly,',
      '',
      '_Recalling_ its earlier resolutions on the matter,',
      '',
      '*Gravely concerned* by attacks on hospitals',
      'and water systems,',
      '',
      '1. **Calls upon** all States to refrain from such attacks;',
      '2. *Requests* a report, covering:',
      '   a) incidents;',
      '   b) responses.',
      '3. Decides to remain seized of the matter.',
    ].join('\n');
    const { preview, source } = await readImportFile({
      bytes: bytes(markdown),
      fileName: null,
      contentType: 'text/markdown',
    });
    expect(source).toBe('markdown');
    expect(preview.title).toBe('The General Assembly resolution');
    expect(preview.formula).toBe('The General Assembly,');
    expect(preview.preamble.map((c) => c.text)).toEqual([
      'Recalling its earlier resolutions on the matter,',
      'Gravely concerned by attacks on hospitals and water systems,',
    ]);
    expect(clausesOf(preview.operative).map((c) => [c.number, c.sourceNumber, c.text])).toEqual([
      ['OP1', '1.', 'Calls upon all States to refrain from such attacks;'],
      ['OP2', '2.', 'Requests a report, covering:'],
      ['OP3', '3.', 'Decides to remain seized of the matter.'],
    ]);
    expect(clausesOf(preview.operative)[1]!.blocks).toEqual([
      { level: 1, label: '(a)', sourceLabel: null, text: 'incidents;' },
      { level: 1, label: '(b)', sourceLabel: null, text: 'responses.' },
    ]);
    // The opening formula is the formula now, not a line left out.
    expect(preview.warnings).toEqual([]);
  });

  it('takes the kind from PP/OP numbers and articles, and from "Preamble"/"Operative part" headings over wording', async () => {
    const text = [
      'Treaty',
      'PP1 Recalling,',
      'OP 1. Decides;',
      'Operative part',
      '(1) Noting that this heading makes it operative,',
      'Article 4',
      'The parties shall cooperate.',
    ].join('\n');
    const { preview } = await readImportFile({ bytes: bytes(text), fileName: 'treaty.txt', contentType: null });
    expect(preview.preamble.map((c) => [c.sourceNumber, c.text, c.kindFrom])).toEqual([
      ['PP1', 'Recalling,', 'numbering'],
    ]);
    expect(clausesOf(preview.operative).map((c) => [c.sourceNumber, c.text, c.kindFrom])).toEqual([
      ['OP1', 'Decides;', 'numbering'],
      ['(1)', 'Noting that this heading makes it operative,', 'heading'],
      ['Article 4', 'The parties shall cooperate.', 'numbering'],
    ]);
  });

  it('refuses what is not a readable file, is too large or has no clauses, with a sentence', async () => {
    expect(
      await refusal(readImportFile({ bytes: bytes('not a zip at all'), fileName: 'draft.docx', contentType: null })),
    ).toMatchObject({
      status: 400,
      id: 'invalid_docx',
      message: expect.stringMatching(/not a Word document.*Save it as \.docx/),
    });
    const zipWithoutWord = new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)]);
    expect(
      await refusal(readImportFile({ bytes: zipWithoutWord, fileName: 'empty.docx', contentType: null })),
    ).toMatchObject({ status: 400, id: 'invalid_docx' });
    expect(
      await refusal(
        readImportFile({ bytes: new Uint8Array(5 * 1024 * 1024 + 1), fileName: 'big.md', contentType: null }),
      ),
    ).toMatchObject({ status: 413, id: 'file_too_large', message: expect.stringContaining('5 MiB') });
    expect(
      await refusal(
        readImportFile({
          bytes: bytes('Just a title\n\nAnd some prose without numbers.'),
          fileName: 'prose.md',
          contentType: null,
        }),
      ),
    ).toMatchObject({ status: 422, id: 'no_clauses' });
    expect(
      await refusal(readImportFile({ bytes: bytes('%PDF-1.7'), fileName: 'draft.pdf', contentType: null })),
    ).toMatchObject({ status: 415, id: 'unsupported_file' });
    expect(
      await refusal(
        readImportFile({ bytes: new Uint8Array([0xff, 0xfe, 0x00, 0x41]), fileName: null, contentType: null }),
      ),
    ).toMatchObject({ status: 415, id: 'unsupported_file' });
  });

  it('reads Akoma Ntoso by its extension, its media type or its first bytes, structure as it is', async () => {
    const xml = readFileSync(new URL('./corpus/cables-akn.xml', import.meta.url));
    for (const file of [
      { fileName: 'cables.xml', contentType: null },
      { fileName: 'cables.akn', contentType: null },
      { fileName: null, contentType: 'application/akn+xml' },
      { fileName: 'upload', contentType: 'application/octet-stream' },
    ]) {
      const { preview, source } = await readImportFile({ bytes: new Uint8Array(xml), ...file });
      expect(source).toBe('akn');
      expect(preview.formula).toBe('The States parties to this Framework,');
      expect(previewListing(preview)).toContain('OP2(b)(ii)(A) fishing;');
      expect(preview.warnings).toEqual([]);
    }
  });

  it('refuses Akoma Ntoso it cannot trust or read with a 4xx and a sentence, never a server error', async () => {
    const doctype = bytes('<?xml version="1.0"?><!DOCTYPE akomaNtoso [<!ENTITY x "y">]><akomaNtoso/>');
    const refusedDoctype = await refusal(readImportFile({ bytes: doctype, fileName: 'x.xml', contentType: null }));
    expect(refusedDoctype.status).toBeGreaterThanOrEqual(400);
    expect(refusedDoctype.status).toBeLessThan(500);
    const broken = await refusal(
      readImportFile({ bytes: bytes('<akomaNtoso><act>'), fileName: 'x.xml', contentType: null }),
    );
    expect(broken.status).toBeGreaterThanOrEqual(400);
    expect(broken.status).toBeLessThan(500);
    expect(broken.message.length).toBeGreaterThan(10);
    expect(
      await refusal(
        readImportFile({ bytes: bytes('<html><body>Hi</body></html>'), fileName: 'page.xml', contentType: null }),
      ),
    ).toMatchObject({ status: 422, id: 'not_akoma_ntoso' });
  });
});
