import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { renderRedlinePdf } from './renderRedlinePdf';
import { pdfPages } from './testing/pdfText';
import { sampleRedline } from './testing/sampleRedline';

describe('renderRedlinePdf', () => {
  it('writes the changes with a legend, in the order of the newer text, with notes and a footer on every page', async () => {
    const pdf = await renderRedlinePdf(sampleRedline(), { from: 'Rev.1', to: 'Rev.2' });
    const pages = await pdfPages(pdf);
    const text = pages.join(' ').replace(/\s+/g, ' ');
    expect(text).toContain('Legend: inserted text · deleted text');
    expect(text).toContain('Changes from Rev.1 to Rev.2: 3 modified, 1 added, 1 removed, 1 moved.');
    const order = [
      'OP1. Responses should take into account:',
      '(b) the second',
      '(i) its duration;',
      '(i)(ii) its scale;',
      'Moved (was OP3)',
      'OP4. This clause will be removed.',
      'Removed (was OP4)',
      'OP2. States should protectsafeguard essential services.',
      'Status: Open → Agreed',
      'OP4. A brand new clause.',
    ].map((s) => text.indexOf(s));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    pages.forEach((page, i) =>
      expect(page.replace(/\s+/g, ' ')).toContain(`Redline Rev.1 → Rev.2 — Page ${i + 1} of ${pages.length}`),
    );
  });

  it('draws deletions struck through in red and insertions underlined in green', async () => {
    const pdf = Buffer.from(await renderRedlinePdf(sampleRedline(), { from: 'Rev.1', to: 'Rev.2' }));
    // In the page's drawing operators: text filled in the mark's colour, and a rule stroked in it (the strike or underline).
    const content = inflateSync(pageStream(pdf)).toString('latin1');
    const red = '0\\.6 0\\.10588\\d* 0\\.10588\\d*';
    const green = '0\\.08627\\d* 0\\.39607\\d* 0\\.20392\\d*';
    const rule = (colour: string) =>
      new RegExp(`${colour} SCN\\n[\\d.]+ w\\n[\\d.]+ [\\d.]+ m\\n[\\d.]+ [\\d.]+ l\\nS`);
    expect(content).toMatch(new RegExp(`${red} scn`));
    expect(content).toMatch(rule(red));
    expect(content).toMatch(new RegExp(`${green} scn`));
    expect(content).toMatch(rule(green));
  });
});

/** The compressed content stream of the first page (the largest stream after the fonts is a page's content). */
function pageStream(pdf: Buffer): Buffer {
  const raw = pdf.toString('latin1');
  const streams: Buffer[] = [];
  const re = /stream\r?\n/g;
  let match: RegExpExecArray | null;
  while ((match = re.exec(raw))) {
    const start = match.index + match[0].length;
    const end = raw.indexOf('endstream', start);
    streams.push(pdf.subarray(start, end));
  }
  return streams[0]!;
}
