import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { renderRedlineDocx } from './renderRedlineDocx';
import { docxDocumentXml, runProperties } from './testing/docxXml';
import { sampleRedline } from './testing/sampleRedline';

describe('renderRedlineDocx', () => {
  it('strikes deleted words in red and underlines inserted ones in green, as Word tracked changes by the two versions', async () => {
    const docx = await renderRedlineDocx(sampleRedline(), {
      from: 'Rev.1',
      to: 'Rev.2',
      at: '2026-03-01T10:00:00.000Z',
    });
    const xml = docxDocumentXml(docx);
    const change = (tag: 'ins' | 'del', date: string) =>
      new RegExp(
        `<w:${tag} w:id="\\d+" w:author="Rev\\.1 → Rev\\.2" w:date="${date}"><w:r><w:rPr>(?:(?!</w:rPr>).)*</w:rPr>`,
      );
    expect(xml).toMatch(
      new RegExp(
        `${change('del', '2026-03-01T10:00:00(\\.000)?Z').source}<w:delText xml:space="preserve">protect</w:delText>`,
      ),
    );
    expect(xml).toMatch(new RegExp(`${change('ins', '[^"]+').source}<w:t xml:space="preserve">safeguard</w:t>`));
    expect(runProperties(xml, 'protect')).toMatch(/<w:strike\/>/);
    expect(runProperties(xml, 'protect')).toContain('<w:color w:val="991B1B"/>');
    expect(runProperties(xml, 'protect')).not.toMatch(/<w:u /);
    expect(runProperties(xml, 'safeguard')).toMatch(/<w:u w:val="single"\/>/);
    expect(runProperties(xml, 'safeguard')).toContain('<w:color w:val="166534"/>');
    expect(runProperties(xml, 'safeguard')).not.toMatch(/<w:strike\/>/);
    // A removed clause is struck whole; an added one underlined whole.
    expect(runProperties(xml, 'This clause will be removed.')).toMatch(/<w:strike\/>/);
    expect(runProperties(xml, 'A brand new clause.')).toMatch(/<w:u w:val="single"\/>/);
    expect(xml).toContain('Moved (was OP3)');
    expect(xml).toContain('Status: Open → Agreed · Pillars added: Attribution');
    expect(xml).toContain('Removed (was OP4)');
  });

  it('reads back in the order of the newer text, each point on its own line with the label of each side', async () => {
    const docx = await renderRedlineDocx(sampleRedline(), { from: 'Rev.1', to: 'Rev.2' });
    const lines = (await mammoth.extractRawText({ buffer: docx })).value
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    expect(lines.slice(0, 3)).toEqual([
      'Norms',
      'Redline: Rev.1 → Rev.2',
      'Changes from Rev.1 to Rev.2: 3 modified, 1 added, 1 removed, 1 moved.',
    ]);
    const numbered = lines.filter((line) => /^(PP|OP)\d+\./.test(line)).map((line) => line.replace(/\s+/g, ' '));
    expect(numbered).toEqual([
      'PP1. Recalling its earlier resolution,',
      'OP1. Responses should take into account:',
      // A removed clause stays where it stood, after the clause that preceded it in the older text;
      // its words are a tracked deletion, which a reader of the newer text does not see.
      'OP4.',
      // A reader of the tracked changes sees the newer text; the deleted words are in the change.
      'OP2. States should safeguard essential services.',
      'OP3. States should notify the designated body.',
      'OP4. A brand new clause.',
    ]);
    expect(lines).toContain('(b) the second and amended factor, in particular:');
    // A point inserted under (b) takes (i); the one that was (i) is (ii) now, its old label struck.
    expect(lines).toContain('(i) its duration;');
    expect(lines).toContain('(ii) its scale;');
  });

  it('indents each level of points further, hanging its label', async () => {
    const xml = docxDocumentXml(await renderRedlineDocx(sampleRedline(), { from: 'Rev.1', to: 'Rev.2' }));
    const indentOf = (text: string): string => {
      const at = xml.indexOf(text);
      const paragraph = xml.slice(xml.lastIndexOf('<w:p>', at), at);
      return /<w:ind ([^/]*)\/>/.exec(paragraph)![1]!;
    };
    // 1.5 cm for the clause, then 1.1 cm more per level, the label hanging in that space.
    expect(indentOf('the first factor;')).toBe('w:left="1475" w:hanging="624"');
    expect(indentOf('its duration;')).toBe('w:left="2099" w:hanging="624"');
    expect(runProperties(xml, '(i) its duration;')).toMatch(/<w:u w:val="single"\/>/);
    expect(runProperties(xml, '(i)')).toMatch(/<w:strike\/>/);
    expect(runProperties(xml, '(ii)')).toMatch(/<w:u w:val="single"\/>/);
  });
});
