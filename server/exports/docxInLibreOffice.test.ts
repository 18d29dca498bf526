import { describe, expect, it } from 'vitest';
import { renderDocx } from './renderDocx';
import { hostileAsRead, hostileStructureSnapshot, unspaced } from './testing/hostileText';
import { viewDocxInLibreOffice } from './testing/libreOffice';
import { snapshotFromSpec } from './testing/snapshotFromSpec';
import {
  STRUCTURED_DRAFT,
  STRUCTURED_DRAFT_FOOTNOTES,
  STRUCTURED_DRAFT_ORDER,
  missingInOrder,
} from './testing/structuredDraft';
import type { ExportInline } from './textModel';
import { clausesOf, exportText } from './textModel';

/** A block's words as LibreOffice reads them back: each footnote reference as its number, `[^2]`. */
function asRead(content: readonly ExportInline[]): string {
  return content
    .map((piece) => (piece.kind === 'text' ? piece.text : `[^${piece.number}]`))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

// LibreOffice starts cold with a fresh profile for every document: seconds, not milliseconds.
const LIBREOFFICE_TIMEOUT = 120_000;

describe('a Word export opened in LibreOffice', () => {
  const text = exportText(snapshotFromSpec(STRUCTURED_DRAFT));

  it(
    'shows the labels LibreOffice draws from Word numbering, (a) → (i) → (A), at their depths, and the footnotes as footnotes',
    async () => {
      const view = await viewDocxInLibreOffice(await renderDocx(text, { pillars: false }));

      // Every point, in order, with the label and level the outline gives it and its words.
      const clauses = [
        ...text.preamble,
        ...clausesOf(text.operativeEntries),
        ...text.annexes.flatMap((a) => clausesOf(a.entries)),
      ];
      const expectedPoints = clauses.flatMap((clause) =>
        clause.blocks
          .filter((block) => block.level > 0)
          .map((block) => ({ label: block.letter, depth: block.level, text: asRead(block.content) })),
      );
      expect(expectedPoints.map((point) => point.label)).toEqual([
        '(a)',
        '(b)',
        '(i)',
        '(ii)',
        '(A)',
        '(B)',
        '(iii)',
        '(c)',
        '(a)',
        '(b)',
      ]);
      expect(view.paragraphs.filter((paragraph) => paragraph.label !== null)).toEqual(expectedPoints);

      // Labels come from the numbering alone: no paragraph outside a list shows one, none is typed in the text.
      expect(view.paragraphs.filter((p) => p.label === null && p.depth > 0)).toEqual([]);
      expect(view.paragraphs.filter((p) => /^\((?:[a-z]+|[A-Z]+)\)/.test(p.text))).toEqual([]);

      // The whole text in order, labels where LibreOffice draws them.
      const lines = view.paragraphs.map((p) => (p.label ? `${p.label} ${p.text}` : p.text)).join('\n');
      expect(missingInOrder(lines, STRUCTURED_DRAFT_ORDER)).toEqual([]);

      // The notes are footnotes (numbered, below the text), referenced where they stand, not words of the text.
      expect(view.footnotes).toEqual(
        STRUCTURED_DRAFT_FOOTNOTES.map((note, i) => ({ number: String(i + 1), text: note })),
      );
      expect(lines).toContain('PP1. Recalling its resolution 70/237[^1],');
      expect(lines).toContain('OP2. Calls upon Member States[^2] to observe the following norms:');
      expect(lines).toContain('(A) on hospitals;[^3]');
      for (const note of STRUCTURED_DRAFT_FOOTNOTES) expect(lines).not.toContain(note);
    },
    LIBREOFFICE_TIMEOUT,
  );

  it(
    'opens a document whose formula, headings, points, annex and footnote are hostile, showing their words',
    async () => {
      const view = await viewDocxInLibreOffice(
        await renderDocx(exportText(hostileStructureSnapshot()), { pillars: false }),
      );
      const shown = unspaced(view.paragraphs.map((p) => p.text).join(' '));
      for (const name of ['formula', 'part', 'section', 'point', 'inner', 'deepest', 'annex', 'annex-clause'])
        expect(shown).toContain(unspaced(hostileAsRead(name)));
      expect(view.paragraphs.filter((p) => p.label).map((p) => [p.label, p.depth])).toEqual([
        ['(a)', 1],
        ['(i)', 2],
        ['(A)', 3],
      ]);
      expect(view.footnotes.map((note) => [note.number, unspaced(note.text)])).toEqual([
        ['1', unspaced(hostileAsRead('note'))],
      ]);
    },
    LIBREOFFICE_TIMEOUT,
  );
});
