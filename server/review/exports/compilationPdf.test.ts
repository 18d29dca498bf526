import { CYBER_TAXONOMY } from '../../../shared/pillars';
import { describe, expect, it } from 'vitest';
import type { Compilation } from '../../../shared/review/types';
import { pdfPages } from '../../exports/testing/pdfText';
import { renderCompilationPdf } from './compilationPdf';
import { A1, A3, COMPILATION, DRAFT_TITLE, paragraphBlocks } from './fixtures';

/** Where each of `parts` first appears in `text` after the previous one, or -1 once one is missing. */
function positions(text: string, parts: string[]): number[] {
  let from = 0;
  return parts.map((part) => {
    const at = from < 0 ? -1 : text.indexOf(part, from);
    from = at < 0 ? -1 : at + part.length;
    return at;
  });
}

describe('renderCompilationPdf', () => {
  it('writes the base text clause by clause with each amendment, its sponsors, status and redline beneath its clause', async () => {
    const pdf = await renderCompilationPdf(DRAFT_TITLE, COMPILATION, CYBER_TAXONOMY);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = await pdfPages(pdf);
    const text = pages.join(' ').replace(/\s+/g, ' ');
    expect(text).toContain('Review 2026 — compilation of amendments to Rev.2');
    expect(text).toContain('Legend: inserted text · deleted text');
    const order = positions(text, [
      'PP1. Recalling its resolution on "critical infrastructure" & essential services,',
      'OP1. States should protect essential services.',
      'A-1 — OP1 (replace words)',
      'Sponsor: Republic of Valdoria (XVA) · Co-sponsors: Kingdom of Norland (XNL)',
      'Status: Adopted by vote: 12 in favour, 3 against, 2 abstaining (2026-04-10)',
      'Amend OP1 to read:',
      'States should protectsafeguard essential services & "critical" systems (where risk < 5%).',
      'OP2. States should notify the designated body within 72 hours.',
      'A-2 — after OP2 (new clause)',
      'Status: Adopted as orally revised by consensus (2026-04-10)',
      'As orally revised and adopted: States should share indicators of compromise promptly with one another.',
      'A-4 — OP2 (insert words)',
      'OP2 (now OP3) has been changed in the live text since the base version',
      'OP3. Responses should take into account: (a) the gravity of the harm; (b) the second factor.',
      'A-3 — OP3 (delete clause)',
      'Status: Rejected by vote: 4 in favour, 10 against, 3 abstaining (2026-04-10)',
      'A-5 — OP3 (insert words)',
      'Sponsor: Kingdom of Norland (XNL) · Co-sponsors: Republic of Valdoria (XVA)',
      '(b) the second and amended factor.',
      '(i) its duration.',
    ]);
    expect(
      order.every((at) => at >= 0),
      `missing or out of order: ${JSON.stringify(order)}`,
    ).toBe(true);
    // Ostrava asked to co-sponsor A-1 but was never accepted.
    expect(text).not.toContain('Co-sponsors: Kingdom of Norland (XNL), Ostravan Federation');
  });

  it('runs over as many pages as it needs, with the cycle and "Page N of M" at the foot of each', async () => {
    const long: Compilation = {
      cycle: COMPILATION.cycle,
      clauses: Array.from({ length: 24 }, (_, i) => ({
        id: `c-${i}`,
        number: `OP${i + 1}`,
        kind: 'operative' as const,
        text: `Clause ${i + 1} of the base text, long enough to wrap onto a second line in the PDF export of the compilation of amendments.`,
        blocks: paragraphBlocks(
          `Clause ${i + 1} of the base text, long enough to wrap onto a second line in the PDF export of the compilation of amendments.`,
        ),
        pillars: [],
        amendments: [
          { ...A1, clauseNumber: `OP${i + 1}`, label: `A-${2 * i + 1}` },
          { ...A3, clauseNumber: `OP${i + 1}`, label: `A-${2 * i + 2}` },
        ],
      })),
    };
    const pages = await pdfPages(await renderCompilationPdf(DRAFT_TITLE, long, CYBER_TAXONOMY));
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((page, i) =>
      expect(page.replace(/\s+/g, ' ')).toContain(`Compilation — Review 2026 — Page ${i + 1} of ${pages.length}`),
    );
    const text = pages.join(' ').replace(/\s+/g, ' ');
    const order = positions(
      text,
      long.clauses.flatMap((clause, i) => [
        `${clause.number}. Clause ${i + 1} `,
        `A-${2 * i + 1} — OP${i + 1}`,
        `A-${2 * i + 2} — OP${i + 1}`,
      ]),
    );
    expect(order.every((at) => at >= 0)).toBe(true);
  });
});
