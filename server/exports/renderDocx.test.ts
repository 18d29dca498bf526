import { strFromU8, unzipSync } from 'fflate';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { templateSpec } from '../../shared/templates';
import { renderDocx } from './renderDocx';
import { snapshotFromSpec } from './testing/snapshotFromSpec';
import { exportText } from './textModel';

const text = exportText(
  snapshotFromSpec(templateSpec('pillar-framework', 'Norms for <Cyber> & Co'), { label: 'Rev.2' }),
);

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
    expect(xml).toContain('(b)');
    expect(xml).toContain('the risk of cascading effects;');
    expect(xml).toContain('[evidentiary threshold]');
    expect(xml).toContain('Pillars: Legality and proportionality');
    // The number hangs: a hanging indent on clause paragraphs, a deeper one on sub-paragraphs.
    expect(xml).toMatch(/<w:ind w:left="851" w:hanging="851"\/>/);
    expect(xml).toMatch(/<w:ind w:left="1475" w:hanging="624"\/>/);
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

  it('reads back, with a docx reader, as the clauses in order with their numbers and letters', async () => {
    const docx = await renderDocx(text, { pillars: false });
    const { value, messages } = await mammoth.extractRawText({ buffer: docx });
    expect(messages.filter((m) => m.type === 'error')).toEqual([]);
    const lines = value
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    expect(lines.slice(0, 4)).toEqual([
      'Norms for <Cyber> & Co',
      'Rev.2 — 2025-03-14',
      'PREAMBLE',
      expect.stringMatching(/^PP1\.\s+Noting that essential services/),
    ]);
    const numbered = lines.map((line) => /^(PP\d+|OP\d+|\([a-z]\))/.exec(line)?.[1]).filter(Boolean);
    expect(numbered).toEqual([
      'PP1',
      'PP2',
      'PP3',
      'OP1',
      'OP2',
      'OP3',
      '(a)',
      '(b)',
      '(c)',
      'OP4',
      'OP5',
      'OP6',
      'OP7',
      'OP8',
    ]);
  });

  it('writes a hard break inside a clause as a Word line break, not a raw newline', async () => {
    const withBreak = exportText(
      snapshotFromSpec({ title: 'T', preamble: ['Recalling,'], operative: ['First line\nsecond line.'] }),
    );
    const xml = parts(await renderDocx(withBreak, { pillars: false }))['word/document.xml']!;
    expect(xml).toMatch(/First line<\/w:t><\/w:r><w:r><w:br\/><w:t xml:space="preserve">second line\./);
  });
});
