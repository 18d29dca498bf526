import { strFromU8, unzipSync } from 'fflate';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { templateSpec } from '../../shared/templates';
import { renderDocx } from './renderDocx';
import { snapshotFromSpec } from './testing/snapshotFromSpec';
import {
  STRUCTURED_DRAFT,
  STRUCTURED_DRAFT_FOOTNOTES,
  STRUCTURED_DRAFT_ORDER,
  isPointLabel,
  missingInOrder,
} from './testing/structuredDraft';
import { exportText } from './textModel';

const text = exportText(
  snapshotFromSpec(templateSpec('pillar-framework', 'Norms for <Cyber> & Co'), { label: 'Rev.2' }),
);

/** The text of a Word XML part, its runs' words only. */
function xmlText(xml: string): string {
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

function parts(docx: Buffer): Record<string, string> {
  const files = unzipSync(new Uint8Array(docx));
  return Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, strFromU8(bytes)]));
}

describe('renderDocx', () => {
  it('writes a Word package whose document carries the title, PP/OP numbers, letters and words', async () => {
    const files = parts(await renderDocx(text, { pillars: true }));
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/styles.xml', 'docProps/core.xml']),
    );
    const xml = files['word/document.xml']!;
    expect(xml).toContain('Norms for &lt;Cyber&gt; &amp; Co');
    for (const number of ['PP1.', 'PP3.', 'OP1.', 'OP3.', 'OP8.'])
      expect(xml).toContain(`<w:t xml:space="preserve">${number}</w:t>`);
    expect(xml).toContain('the risk of cascading effects;');
    // Word numbers the points: their labels are not typed into the text.
    expect(xmlText(xml)).not.toMatch(/\([abc]\)/);
    expect(xml).toContain('[evidentiary threshold]');
    expect(xml).toContain('Pillars: Legality and proportionality');
    // The number hangs: a hanging indent on clause paragraphs; points take theirs from the numbering.
    expect(xml).toMatch(/<w:ind w:left="851" w:hanging="851"\/>/);
    expect(files['word/numbering.xml']).toMatch(/<w:ind w:left="1475" w:hanging="624"\/>/);
    expect(files['docProps/core.xml']).toContain('<dc:title>Norms for &lt;Cyber&gt; &amp; Co</dc:title>');
  });

  it('puts the version label and page fields in the footer of every page', async () => {
    const files = parts(await renderDocx(text, { pillars: false }));
    const footer = Object.entries(files).find(([name]) => /^word\/footer\d*\.xml$/.test(name))?.[1] ?? '';
    expect(footer).toContain('Rev.2 — 2025-03-14 — page ');
    expect(footer).toMatch(/PAGE/);
    expect(footer).toMatch(/NUMPAGES/);
    expect(files['word/document.xml']).not.toContain('Pillars:');
  });

  it('reads back, with a docx reader, as the clauses in order with their numbers, the points as a list', async () => {
    const docx = await renderDocx(text, { pillars: false });
    const { value, messages } = await mammoth.extractRawText({ buffer: docx });
    expect(messages.filter((m) => m.type === 'error')).toEqual([]);
    const lines = value
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    expect(lines.slice(0, 5)).toEqual([
      'Norms for <Cyber> & Co',
      'Rev.2 — 2025-03-14',
      'DRAFT — not agreed',
      'PREAMBLE',
      expect.stringMatching(/^PP1\.\s+Noting that essential services/),
    ]);
    const numbered = lines.map((line) => /^(PP\d+|OP\d+)/.exec(line)?.[1]).filter(Boolean);
    expect(numbered).toEqual(['PP1', 'PP2', 'PP3', 'OP1', 'OP2', 'OP3', 'OP4', 'OP5', 'OP6', 'OP7', 'OP8']);
    const html = (await mammoth.convertToHtml({ buffer: docx })).value;
    expect(html).toMatch(
      /<ol><li>the criticality[^<]*<\/li><li>the risk of cascading effects;<\/li><li>the likely harm/,
    );
  });

  it('writes a hard break inside a clause as a Word line break, not a raw newline', async () => {
    const withBreak = exportText(
      snapshotFromSpec({ title: 'T', preamble: ['Recalling,'], operative: ['First line\nsecond line.'] }),
    );
    const xml = parts(await renderDocx(withBreak, { pillars: false }))['word/document.xml']!;
    expect(xml).toMatch(/First line<\/w:t><\/w:r><w:r><w:br\/><w:t xml:space="preserve">second line\./);
  });
});

describe('renderDocx with the structure of an instrument', () => {
  const structured = exportText(snapshotFromSpec(STRUCTURED_DRAFT));

  /** Each body paragraph of the document: its text and, for a point, the level and list Word numbers it in. */
  function paragraphs(xml: string) {
    return [...xml.matchAll(/<w:p>([\s\S]*?)<\/w:p>/g)].map((m) => {
      const numbering = /<w:numPr><w:ilvl w:val="(\d)"\/><w:numId w:val="(\d+)"\/><\/w:numPr>/.exec(m[1]!);
      return {
        text: xmlText(m[1]!),
        level: numbering ? Number(numbering[1]) : null,
        list: numbering ? Number(numbering[2]) : null,
        pageBreakBefore: m[1]!.includes('<w:pageBreakBefore/>'),
        footnotes: [...m[1]!.matchAll(/<w:footnoteReference w:id="(\d+)"\/>/g)].map((f) => Number(f[1])),
      };
    });
  }

  it('defines the points as one Word list of three levels, (a) → (i) → (A), each indented further', async () => {
    const numbering = parts(await renderDocx(structured, { pillars: false }))['word/numbering.xml']!;
    const abstract = [...numbering.matchAll(/<w:abstractNum [^>]*>([\s\S]*?)<\/w:abstractNum>/g)]
      .map((m) => m[1]!)
      .find((body) => body.includes('lowerLetter'))!;
    const levels = [...abstract.matchAll(/<w:lvl w:ilvl="(\d)"[^>]*>([\s\S]*?)<\/w:lvl>/g)].map((m) => ({
      level: Number(m[1]),
      format: /<w:numFmt w:val="(\w+)"\/>/.exec(m[2]!)?.[1],
      text: /<w:lvlText w:val="([^"]*)"\/>/.exec(m[2]!)?.[1],
      left: Number(/<w:ind w:left="(\d+)"/.exec(m[2]!)?.[1]),
    }));
    expect(levels.map((lvl) => ({ level: lvl.level, format: lvl.format, text: lvl.text }))).toEqual([
      { level: 0, format: 'lowerLetter', text: '(%1)' },
      { level: 1, format: 'lowerRoman', text: '(%2)' },
      { level: 2, format: 'upperLetter', text: '(%3)' },
    ]);
    expect(levels[1]!.left).toBeGreaterThan(levels[0]!.left);
    expect(levels[2]!.left).toBeGreaterThan(levels[1]!.left);
  });

  it('numbers the points of each clause in a list of its own, at their levels, with no label typed', async () => {
    const files = parts(await renderDocx(structured, { pillars: false }));
    const body = paragraphs(files['word/document.xml']!);
    const op2 = body.findIndex((p) => p.text.startsWith('OP2.'));
    const points = body.slice(op2 + 1, op2 + 9);
    expect(points.map((p) => [p.level, p.text])).toEqual([
      [0, 'refrain from attacks on essential services;'],
      [0, 'take into account:'],
      [1, 'the criticality of the service;'],
      [1, 'the risk of cascading effects, in particular:'],
      [2, 'on hospitals;'],
      [2, 'on water supply;'],
      [1, 'the likely harm to civilians;'],
      [0, 'cooperate in good faith.'],
    ]);
    const annexPoints = body.filter((p) => p.text === 'hospitals;' || p.text === 'emergency services.');
    expect(annexPoints.map((p) => p.level)).toEqual([0, 0]);
    // Two lists, one per clause with points, each starting again at (a), (i) and (A).
    expect(new Set(points.map((p) => p.list)).size).toBe(1);
    expect(annexPoints[0]!.list).not.toBe(points[0]!.list);
    for (const list of [points[0]!.list, annexPoints[0]!.list]) {
      const num = new RegExp(`<w:num w:numId="${list}">([\\s\\S]*?)</w:num>`).exec(files['word/numbering.xml']!)?.[1];
      expect(num?.match(/<w:startOverride w:val="1"\/>/g)).toHaveLength(3);
    }
  });

  it('writes the footnotes as Word footnotes, referenced where they stand, numbered across the draft', async () => {
    const files = parts(await renderDocx(structured, { pillars: false }));
    const notes = [...files['word/footnotes.xml']!.matchAll(/<w:footnote w:id="(\d+)">([\s\S]*?)<\/w:footnote>/g)].map(
      (m) => [Number(m[1]), xmlText(m[2]!).trim()],
    );
    expect(notes).toEqual(STRUCTURED_DRAFT_FOOTNOTES.map((note, i) => [i + 1, note]));
    const xml = files['word/document.xml']!;
    expect(xml).toMatch(
      /Member States<\/w:t><\/w:r><w:r><w:rPr><w:rStyle w:val="FootnoteReference"\/><\/w:rPr><w:footnoteReference w:id="2"\/>/,
    );
    expect(paragraphs(xml).flatMap((p) => p.footnotes)).toEqual([1, 2, 3]);
    expect(xmlText(xml)).not.toContain('A/70/174');
  });

  it('writes the formula after the title, the parts and sections as headings, the annex on a new page', async () => {
    const body = paragraphs(parts(await renderDocx(structured, { pillars: false }))['word/document.xml']!);
    const texts = body.map((p) => p.text);
    expect(texts.slice(0, 5)).toEqual([
      'Norms of responsible State conduct',
      'Rev.1 — 2025-03-14',
      'DRAFT — not agreed',
      'The General Assembly,',
      'PREAMBLE',
    ]);
    expect(
      missingInOrder(
        texts.join('\n'),
        STRUCTURED_DRAFT_ORDER.filter((item) => !isPointLabel(item)),
      ),
    ).toEqual([]);
    const xml = parts(await renderDocx(structured, { pillars: false }))['word/document.xml']!;
    expect(xml).toMatch(/<w:pStyle w:val="Heading3"\/>(?:(?!<\/w:p>).)*Part I — General provisions/);
    expect(xml).toMatch(/<w:pStyle w:val="Heading4"\/>(?:(?!<\/w:p>).)*Section A — Civilian protection/);
    expect(body.find((p) => p.text === 'Annex')?.pageBreakBefore).toBe(true);
    expect(body.filter((p) => p.pageBreakBefore).map((p) => p.text)).toEqual(['Annex']);
  });
});
