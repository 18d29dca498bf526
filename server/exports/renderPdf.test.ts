import { describe, expect, it } from 'vitest';
import { templateSpec } from '../../shared/templates';
import { pdfEmbedsUnicodeFont } from './pdfDocument';
import { renderPdf } from './renderPdf';
import { pdfPages } from './testing/pdfText';
import { snapshotFromSpec } from './testing/snapshotFromSpec';
import { exportText } from './textModel';

const oneLine = (text: string) => text.replace(/\s+/g, ' ');

describe('renderPdf', () => {
  it('writes an A4 PDF whose text has the title, the clause numbers, letters and words in order', async () => {
    const pdf = await renderPdf(
      exportText(
        snapshotFromSpec(templateSpec('pillar-framework', 'Norms of responsible conduct'), { label: 'Rev.2' }),
      ),
      { pillars: true },
    );
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    expect(Buffer.from(pdf).toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    const text = oneLine((await pdfPages(pdf)).join(' '));
    expect(text).toMatch(
      /^Norms of responsible conduct Rev\.2 — 2025-03-14 PREAMBLE PP1\. Noting that essential services/,
    );
    const order = [
      'PP1.',
      'PP2.',
      'PP3.',
      'OPERATIVE PART',
      'OP1.',
      'OP2.',
      'OP3.',
      '(a) the criticality',
      '(b) the risk of cascading effects;',
      '(c) the likely harm',
      'OP4.',
      'OP8.',
    ].map((s) => text.indexOf(s));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toContain('[evidentiary threshold]');
    expect(text).toContain('Pillars: Legality and proportionality');
  });

  it('puts "Page N of M" and the version label at the foot of every page', async () => {
    const operative = Array.from({ length: 60 }, (_, i) => ({
      text: `States should do thing number ${i + 1} with care and in good faith, as the long text of this clause says at some length so that it wraps.`,
      subparagraphs: i % 10 === 0 ? ['first;', 'second.'] : [],
    }));
    const pdf = await renderPdf(
      exportText(snapshotFromSpec({ title: 'Long', preamble: ['Recalling,'], operative }, { label: 'Zero draft' })),
      { pillars: false },
    );
    const pages = await pdfPages(pdf);
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((page, i) =>
      expect(oneLine(page)).toContain(`Zero draft — 2025-03-14 — Page ${i + 1} of ${pages.length}`),
    );
    const text = oneLine(pages.join(' '));
    for (let n = 1; n <= 60; n++) expect(text).toContain(`OP${n}. States should do thing number ${n} with`);
  });

  it('keeps non-Latin text when a Unicode font is installed, and never writes garbage for it', async () => {
    const pdf = await renderPdf(
      exportText(
        snapshotFromSpec({
          title: 'Договор',
          preamble: ['Recalling Côte d’Ivoire’s “position”,'],
          operative: ['Призывает государства.'],
        }),
      ),
      { pillars: false },
    );
    const text = oneLine((await pdfPages(pdf)).join(' '));
    expect(text).toContain('Recalling Côte d’Ivoire’s “position”,');
    expect(text).toContain(pdfEmbedsUnicodeFont() ? 'OP1. Призывает государства.' : 'OP1. ?????????? ???????????.');
  });
});
