import { describe, expect, it } from 'vitest';
import { templateSpec } from '../../shared/templates';
import { pdfEmbedsUnicodeFont } from './pdfDocument';
import { renderPdf } from './renderPdf';
import type { PdfTextItem } from './testing/pdfText';
import { pdfPages, pdfTextItems } from './testing/pdfText';
import { snapshotFromSpec } from './testing/snapshotFromSpec';
import {
  STRUCTURED_DRAFT,
  STRUCTURED_DRAFT_FOOTNOTES,
  STRUCTURED_DRAFT_ORDER,
  missingInOrder,
} from './testing/structuredDraft';
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
      /^Norms of responsible conduct Rev\.2 — 2025-03-14 DRAFT — not agreed PREAMBLE PP1\. Noting that essential services/,
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

describe('renderPdf with the structure of an instrument', () => {
  const structured = exportText(snapshotFromSpec(STRUCTURED_DRAFT));

  /** The first run on the page whose text is `text` (or starts with it); throws when there is none. */
  function item(items: readonly PdfTextItem[], text: string): PdfTextItem {
    const found =
      items.find((candidate) => candidate.text === text) ?? items.find((candidate) => candidate.text.startsWith(text));
    if (!found) throw new Error(`no "${text}" on the page`);
    return found;
  }

  it('writes the formula, headings, clauses, points with their labels and the annex in order', async () => {
    const pages = await pdfPages(await renderPdf(structured, { pillars: false }));
    expect(missingInOrder(oneLine(pages.join(' ')), STRUCTURED_DRAFT_ORDER)).toEqual([]);
    expect(oneLine(pages[0]!)).toMatch(
      /^Norms of responsible State conduct Rev\.1 — 2025-03-14 DRAFT — not agreed The General Assembly, PREAMBLE PP1\./,
    );
    // The annex starts a page of its own.
    expect(oneLine(pages[1]!)).toMatch(
      /^Annex Indicative list of essential services Part I — Services A1\.1\. Health care:/,
    );
  });

  it('indents each level of points a step further, their labels hanging before their words', async () => {
    const [page] = await pdfTextItems(await renderPdf(structured, { pillars: false }));
    const levels = [
      ['(a)', 'refrain from attacks'],
      ['(i)', 'the criticality'],
      ['(A)', 'on hospitals;'],
    ].map(([label, words]) => ({ label: item(page!, label!).x, words: item(page!, words!).x }));
    const clauseText = item(page!, 'Calls upon Member States').x;
    expect(levels[0]!.label).toBe(clauseText);
    for (let level = 0; level < levels.length; level++) {
      expect(levels[level]!.words).toBeGreaterThan(levels[level]!.label);
      if (level > 0) expect(levels[level]!.label).toBe(levels[level - 1]!.words);
    }
    expect(item(page!, '(iii)').x).toBe(levels[1]!.label);
    expect(item(page!, '(c)').x).toBe(levels[0]!.label);
  });

  it('raises each footnote number in the text and sets the notes, in order, at the foot of the page', async () => {
    const [page] = await pdfTextItems(await renderPdf(structured, { pillars: false }));
    const words = item(page!, 'Calls upon Member States');
    const mark = page!.find((candidate) => candidate.text === '2' && candidate.x > words.x)!;
    expect(mark.size).toBeLessThan(words.size);
    expect(mark.top).toBeLessThan(words.top);
    const notes = STRUCTURED_DRAFT_FOOTNOTES.map((note) => item(page!, note));
    const lastBody = item(page!, 'Decides to review these norms');
    const footer = item(page!, 'DRAFT — not agreed — Rev.1 — 2025-03-14 — Page 1 of 2');
    expect(notes.map((note) => note.top)).toEqual([...notes.map((note) => note.top)].sort((a, b) => a - b));
    expect(notes[0]!.top).toBeGreaterThan(lastBody.top + 100);
    expect(notes.at(-1)!.top).toBeLessThan(footer.top);
    for (const [index, note] of notes.entries()) {
      const number = page!.find(
        (candidate) =>
          candidate.text === String(index + 1) && Math.abs(candidate.top - note.top) < 4 && candidate.x < note.x,
      );
      expect(number?.size).toBeLessThan(note.size);
    }
  });

  it('keeps every note on the page of its reference, below all the text of that page, over many pages', async () => {
    const wrapping =
      'asks States to act with care and in good faith, as this text says at some length so that it wraps onto a second line';
    const citing = 'cites a document symbol and an earlier resolution ';
    const operative = Array.from({ length: 45 }, (_, i) => ({
      text: `Clause-${i + 1} ${wrapping}^[Note-${i + 1} ${citing.repeat(1 + (i % 3))}end.] and goes on.`,
      points: i % 4 === 0 ? [`point-${i + 1} of the clause^[Point-note-${i + 1}.]`] : [],
    }));
    const pdf = await renderPdf(exportText(snapshotFromSpec({ title: 'Long', preamble: ['Recalling,'], operative })), {
      pillars: false,
    });
    const pages = await pdfTextItems(pdf);
    expect(pages.length).toBeGreaterThan(3);
    const seen: string[] = [];
    for (const page of pages) {
      const notes = page.filter((run) => /^(?:Point-n|N)ote-\d+/.test(run.text));
      const references = page.filter((run) => /^(?:Clause|point)-\d+/.test(run.text));
      const noteNames = notes.map((run) => /^((?:Point-n|N)ote-\d+)/.exec(run.text)![1]!.toLowerCase());
      const referenceNames = references.map((run) =>
        /^((?:Clause|point)-\d+)/
          .exec(run.text)![1]!
          .replace(/^clause/i, 'note')
          .replace('point', 'point-note'),
      );
      expect(noteNames).toEqual(referenceNames);
      seen.push(...noteNames);
      const body = page.filter((run) => run.size >= 11);
      const footer = page.find((run) => run.text.includes(' — Page '))!;
      if (notes.length > 0)
        expect(Math.max(...body.map((run) => run.top))).toBeLessThan(Math.min(...notes.map((run) => run.top)) - 9);
      expect(Math.max(...page.filter((run) => run !== footer).map((run) => run.top))).toBeLessThan(footer.top);
    }
    expect(new Set(seen).size).toBe(45 + 12);
  });
});
