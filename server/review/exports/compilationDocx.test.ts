import { CYBER_TAXONOMY } from '../../../shared/pillars';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { docxDocumentXml, runProperties } from '../../exports/testing/docxXml';
import { renderCompilationDocx } from './compilationDocx';
import { COMPILATION, DRAFT_TITLE } from './fixtures';

async function lines(docx: Buffer): Promise<string[]> {
  return (await mammoth.extractRawText({ buffer: docx })).value
    .split('\n')
    .map((line) => line.trim().replace(/\s+/g, ' '))
    .filter(Boolean);
}

/** The left indent (twips) of the paragraph that holds `text`. */
function leftIndent(xml: string, text: string): number {
  const paragraph = xml.split('<w:p>').find((p) => p.includes(`>${text}</w:t>`));
  if (!paragraph) throw new Error(`no paragraph with "${text}"`);
  return Number(/<w:ind w:left="(\d+)"/.exec(paragraph)?.[1] ?? 0);
}

describe('renderCompilationDocx', () => {
  it('writes the base text clause by clause with every amendment beneath its clause', async () => {
    const text = await lines(await renderCompilationDocx(DRAFT_TITLE, COMPILATION, CYBER_TAXONOMY));
    expect(text.slice(0, 3)).toEqual([
      DRAFT_TITLE,
      'Review 2026 — compilation of amendments to Rev.2',
      '5 amendments to 3 clauses of Rev.2.',
    ]);
    const skeleton = text.filter((line) => /^(PP|OP)\d+\. /.test(line) || /^A-\d+ — /.test(line));
    expect(skeleton).toEqual([
      'PP1. Recalling its resolution on "critical infrastructure" & essential services,',
      'OP1. States should protect essential services.',
      'A-1 — OP1 (replace words)',
      'OP2. States should notify the designated body within 72 hours.',
      'A-2 — after OP2 (new clause)',
      'A-4 — OP2 (insert words)',
      'OP3. Responses should take into account:',
      'A-3 — OP3 (delete clause)',
      'A-5 — OP3 (insert words)',
    ]);
    const a1 = text.indexOf('A-1 — OP1 (replace words)');
    expect(text.slice(a1, a1 + 5)).toEqual([
      'A-1 — OP1 (replace words)',
      'Sponsor: Republic of Valdoria (XVA) · Co-sponsors: Kingdom of Norland (XNL)',
      'Status: Adopted by vote: 12 in favour, 3 against, 2 abstaining (2026-04-10)',
      'Amend OP1 to read:',
      'States should protectsafeguard essential services & "critical" systems (where risk < 5%).',
    ]);
    // The base clause's sub-paragraphs come before its amendments.
    const op3 = text.indexOf('OP3. Responses should take into account:');
    expect(text.slice(op3 + 1, op3 + 3)).toEqual(['(a) the gravity of the harm;', '(b) the second factor.']);
    expect(text).toContain('Sponsor: Kingdom of Norland (XNL) · Co-sponsors: Republic of Valdoria (XVA)');
    expect(text).toContain('Status: Adopted as orally revised by consensus (2026-04-10)');
    expect(text).toContain('States should share indicators of compromise promptly with one another.');
    // A compilation is the text and its amendments; justifications and statements are in the list of amendments.
    expect(text.join('\n')).not.toMatch(/Justification|Support:|Objection:/);
  });

  it('indents the amendments under their clause and marks their redlines', async () => {
    const xml = docxDocumentXml(await renderCompilationDocx(DRAFT_TITLE, COMPILATION, CYBER_TAXONOMY));
    expect(leftIndent(xml, 'A-1 — OP1 (replace words)')).toBeGreaterThan(
      leftIndent(xml, 'States should protect essential services.'),
    );
    expect(runProperties(xml, 'protect')).toMatch(/<w:strike\/>/);
    expect(runProperties(xml, 'and amended ')).toMatch(/<w:u w:val="single"\/>/);
    expect(runProperties(xml, 'Responses should take into account:')).toMatch(/<w:strike\/>/);
    // A-5's new nested point (i) sits a level further in than its (b).
    expect(leftIndent(xml, '(i) its duration.')).toBeGreaterThan(leftIndent(xml, '(b) the second '));
  });
});
