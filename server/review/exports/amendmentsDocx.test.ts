import { CYBER_TAXONOMY } from '../../../shared/pillars';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { docxDocumentXml, runProperties } from '../../exports/testing/docxXml';
import { renderAmendmentsDocx } from './amendmentsDocx';
import { A5, AMENDMENTS, CYCLE, DRAFT_TITLE } from './fixtures';

/** The document's text as a reader extracts it, one trimmed non-empty line per paragraph. */
async function lines(docx: Buffer): Promise<string[]> {
  return (await mammoth.extractRawText({ buffer: docx })).value
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** The paragraphs from the heading of `label` up to the next amendment's heading. */
function section(all: string[], label: string): string[] {
  const start = all.findIndex((line) => line.startsWith(`${label} — `));
  expect(start).toBeGreaterThanOrEqual(0);
  const end = all.findIndex((line, i) => i > start && /^A-\d+ — /.test(line));
  return all.slice(start, end < 0 ? undefined : end);
}

describe('renderAmendmentsDocx', () => {
  it('opens with the draft title, the cycle and its base version, and a count by status', async () => {
    const text = await lines(await renderAmendmentsDocx(DRAFT_TITLE, CYCLE, AMENDMENTS, CYBER_TAXONOMY));
    expect(text.slice(0, 3)).toEqual([
      DRAFT_TITLE,
      'Review 2026 — amendments to Rev.2',
      '5 amendments: 1 submitted, 1 under consideration, 1 adopted, 1 adopted as orally revised, 1 rejected.',
    ]);
    expect(text.filter((line) => /^A-\d+ — /.test(line))).toEqual([
      'A-1 — OP1 (replace words)',
      'A-2 — after OP2 (new clause)',
      'A-3 — OP3 (delete clause)',
      'A-4 — OP2 (insert words)',
      'A-5 — OP3 (insert words)',
    ]);
  });

  it('gives each amendment its sponsors, status and decision, wording, justification and statements', async () => {
    const text = await lines(await renderAmendmentsDocx(DRAFT_TITLE, CYCLE, AMENDMENTS, CYBER_TAXONOMY));
    expect(section(text, 'A-1')).toEqual([
      'A-1 — OP1 (replace words)',
      // Only accepted co-sponsors: Ostrava asked, and was never accepted.
      'Sponsor: Republic of Valdoria (XVA) · Co-sponsors: Kingdom of Norland (XNL)',
      'Status: Adopted by vote: 12 in favour, 3 against, 2 abstaining (2026-04-10)',
      'Pillars: Civilian protection; Resilience and shared defence',
      'Amend OP1 to read:',
      // The redline reads deleted then inserted words, with <, & and " intact.
      'States should protectsafeguard essential services & "critical" systems (where risk < 5%).',
      'Justification: "Protect" is weaker than <safeguard> & the Convention already uses the latter.',
      'Support: Kingdom of Norland (XNL): Clearer & stronger.',
      'Objection: Ostravan Federation (XOS): "Safeguard" is vague < protect.',
    ]);
    const a2 = section(text, 'A-2');
    expect(a2).toContain('Status: Adopted as orally revised by consensus (2026-04-10)');
    expect(a2.slice(a2.indexOf('Insert a new clause after OP2, to read:'))).toEqual([
      'Insert a new clause after OP2, to read:',
      'States should share indicators of compromise with one another.',
      'As orally revised and adopted:',
      'States should share indicators of compromise promptly with one another.',
      'Justification: =HYPERLINK("https://example.org/evil","Sharing indicators speeds up response")',
    ]);
    const a3 = section(text, 'A-3');
    expect(a3).toContain('Status: Rejected by vote: 4 in favour, 10 against, 3 abstaining (2026-04-10)');
    expect(a3.slice(a3.indexOf('Delete OP3, which reads:'))).toEqual([
      'Delete OP3, which reads:',
      'Responses should take into account:',
      '(a) the gravity of the harm;',
      '(b) the second factor.',
      'Justification: The factors are already listed in the Charter.',
      'Keeping them invites selective reading.',
      'Objection: Republic of Valdoria (XVA)',
    ]);
    const a4 = section(text, 'A-4');
    expect(a4).toContain('Status: Submitted');
    expect(a4).toContain(
      'OP2 (now OP3) has been changed in the live text since the base version: this amendment needs review.',
    );
    expect(a4).toContain('Justification: (none given)');
    const a5 = section(text, 'A-5');
    // The points it changes named by reference; the new nested point on its own line with its label.
    expect(a5).toContain('Changes: OP3(b): inserted words; OP3(b)(i): point added');
    expect(a5.slice(a5.indexOf('(b) the second and amended factor.'))).toContain('(i) its duration.');
  });

  it('indents each level of points further in the redline', async () => {
    const xml = docxDocumentXml(await renderAmendmentsDocx(DRAFT_TITLE, CYCLE, [A5], CYBER_TAXONOMY));
    const indent = (text: string): number => {
      const paragraph = xml.split('<w:p>').find((p) => p.includes(`>${text}</w:t>`));
      return Number(/<w:ind w:left="(\d+)"/.exec(paragraph ?? '')?.[1] ?? -1);
    };
    const opening = indent('Responses should take into account:');
    const point = indent('(a) the gravity of the harm;');
    expect(point).toBeGreaterThan(opening);
    expect(indent('(i) its duration.') - point).toBe(point - opening);
    expect(runProperties(xml, '(i) its duration.')).toMatch(/<w:u w:val="single"\/>/);
  });

  it('strikes deleted words in red and underlines inserted ones in green', async () => {
    const xml = docxDocumentXml(await renderAmendmentsDocx(DRAFT_TITLE, CYCLE, AMENDMENTS, CYBER_TAXONOMY));
    expect(runProperties(xml, 'protect')).toMatch(/<w:strike\/>/);
    expect(runProperties(xml, 'protect')).toContain('<w:color w:val="991B1B"/>');
    expect(runProperties(xml, 'safeguard')).toMatch(/<w:u w:val="single"\/>/);
    expect(runProperties(xml, 'safeguard')).toContain('<w:color w:val="166534"/>');
    expect(runProperties(xml, ' &amp; &quot;critical&quot; systems (where risk &lt; 5%)')).toMatch(
      /<w:u w:val="single"\/>/,
    );
    expect(runProperties(xml, 'promptly and ')).toMatch(/<w:u w:val="single"\/>/);
    // A deleted clause is struck line by line; a new clause underlined whole.
    expect(runProperties(xml, '(a) the gravity of the harm;')).toMatch(/<w:strike\/>/);
    expect(runProperties(xml, 'States should share indicators of compromise with one another.')).toMatch(
      /<w:u w:val="single"\/>/,
    );
  });

  it('says so when there are no amendments', async () => {
    const text = await lines(await renderAmendmentsDocx(DRAFT_TITLE, CYCLE, [], CYBER_TAXONOMY));
    expect(text.slice(2)).toEqual(['0 amendments.', 'Legend: inserted text · deleted text', 'No amendments.']);
  });
});
