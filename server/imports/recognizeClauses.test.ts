import { DeletedTextRun, Document, InsertedTextRun, Packer, Paragraph, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import { buildDocx } from './corpus/buildDocx';
import { previewListing } from './corpus/listing';
import type { ImportedClause, ImportPreview } from './ImportPreview';
import { readImportFile } from './readImportFile';

async function readText(text: string, fileName = 'draft.txt'): Promise<ImportPreview> {
  return (await readImportFile({ bytes: new TextEncoder().encode(text), fileName, contentType: null })).preview;
}

/** The listing of the operative part and annexes only, after the lines every test shares. */
async function operative(text: string, fileName?: string): Promise<{ lines: string[]; warnings: string[] }> {
  const preview = await readText(`Title\nRecalling the Charter,\n${text}`, fileName);
  return { lines: previewListing(preview).slice(2), warnings: preview.warnings };
}

function clause(preview: ImportPreview, number: string): ImportedClause {
  const found = [...preview.preamble, ...preview.operative].find((entry) => entry.number === number);
  if (found?.type !== 'clause') throw new Error(`no clause ${number}`);
  return found;
}

const letters = (upTo: string) =>
  Array.from({ length: upTo.charCodeAt(0) - 96 }, (_, i) => `(${String.fromCharCode(97 + i)}) item ${i + 1};`);

describe('points: levels by label sequence', () => {
  it('reads the issue’s resolution: (i) and (ii) under (b), then (c), with no warning', async () => {
    const read = await operative(
      '1. Calls upon Member States to be guided by the following norms:\n(a) refrain from attacks;\n' +
        '(b) respond with restraint, taking into account:\n(i) the harm caused;\n(ii) the risk of escalation;\n(c) cooperate.',
    );
    expect(read.lines).toEqual([
      'OP1 Calls upon Member States to be guided by the following norms:',
      'OP1(a) refrain from attacks;',
      'OP1(b) respond with restraint, taking into account:',
      'OP1(b)(i) the harm caused;',
      'OP1(b)(ii) the risk of escalation;',
      'OP1(c) cooperate.',
    ]);
    expect(read.warnings).toEqual([]);
  });

  it('takes an (i) after (h) for a letter, unless a colon or the labels after it say it opens a level', async () => {
    const after = (h: string, rest: string) => operative(`1. Decides:\n${letters('g').join('\n')}\n(h) ${h}\n${rest}`);
    const letter = await after('the last but one;', '(i) the last.');
    expect(letter.lines.slice(-2)).toEqual(['OP1(h) the last but one;', 'OP1(i) the last.']);
    expect(letter.warnings).toEqual([]);

    const confirmed = await after('the following:', '(i) one;\n(ii) two;\n(i) a letter again.');
    expect(confirmed.lines.slice(-4)).toEqual([
      'OP1(h) the following:',
      'OP1(h)(i) one;',
      'OP1(h)(ii) two;',
      'OP1(i) a letter again.',
    ]);
    expect(confirmed.warnings).toEqual([]);

    // No colon, but "(ii)" comes next: the labels settle it.
    const withoutColon = await after('the following', '(i) one;\n(ii) two.');
    expect(withoutColon.lines.slice(-2)).toEqual(['OP1(h)(i) one;', 'OP1(h)(ii) two.']);
    expect(withoutColon.warnings).toEqual([]);

    // A colon and nothing after to settle it: a new level, and the preview names the point.
    const unsure = await after('the following:', '(i) one.');
    expect(unsure.lines.slice(-1)).toEqual(['OP1(h)(i) one.']);
    expect(unsure.warnings).toEqual([
      expect.stringMatching(/^OP1\(h\)\(i\): “\(i\)” follows “\(h\)”, which ends with a colon/),
    ]);

    // A colon, but "(j)" next: a letter, and the colon is reported.
    const contradicted = await after('the following:', '(i) one;\n(j) two.');
    expect(contradicted.lines.slice(-2)).toEqual(['OP1(i) one;', 'OP1(j) two.']);
    expect(contradicted.warnings).toEqual([expect.stringMatching(/^OP1\(i\): .*the point after it is “\(j\)”/)]);
  });

  it('gives the level, not the file’s scheme, the label: (i) first in a clause is (a); (A) under (a) is (i)', async () => {
    const preview = await readText(
      'Title\nRecalling,\n1. Requests States to:\n(i) report;\n(ii) consult:\n(A) partners;\n(B) experts.',
    );
    expect(clause(preview, 'OP1').blocks).toEqual([
      { level: 1, label: '(a)', sourceLabel: '(i)', text: 'report;' },
      { level: 1, label: '(b)', sourceLabel: '(ii)', text: 'consult:' },
      { level: 2, label: '(i)', sourceLabel: '(A)', text: 'partners;' },
      { level: 2, label: '(ii)', sourceLabel: '(B)', text: 'experts.' },
    ]);
    expect(preview.warnings).toEqual([]);
  });

  it('says when a label is skipped, keeps a fourth level at the third, and continues letters after a paragraph', async () => {
    const skipped = await operative('1. Decides:\n(a) one;\n(c) three.');
    expect(skipped.lines).toEqual(['OP1 Decides:', 'OP1(a) one;', 'OP1(b) three.']);
    expect(skipped.warnings).toEqual([
      expect.stringMatching(/^OP1\(b\): “\(c\)” follows “\(a\)” where “\(b\)” was expected/),
    ]);

    const deep = await operative('1. Decides:\n(a) one:\n(i) two:\n(A) three:\n(1) four.');
    // "(1)" numbers a clause; a fourth level of letters is kept at the third.
    expect(deep.lines.slice(0, 4)).toEqual(['OP1 Decides:', 'OP1(a) one:', 'OP1(a)(i) two:', 'OP1(a)(i)(A) three:']);
    const fourth = await operative('1. Decides:\n(a) one:\n(i) two:\n(A) three:\n(a) four.');
    expect(fourth.lines.at(-1)).toBe('OP1(a)(i)(B) four.');
    expect(fourth.warnings).toEqual([expect.stringContaining('opens a fourth level')]);

    const paragraph = await operative('1. Decides:\n(a) one;\n(b) two;\nand further:\n(c) three.');
    expect(paragraph.lines).toEqual([
      'OP1 Decides:',
      'OP1(a) one;',
      'OP1(b) two;',
      'OP1 ¶ and further:',
      'OP1(c) three.',
    ]);
    expect(paragraph.warnings).toEqual([]);
  });
});

describe('headings, the formula and annexes', () => {
  it('reads parts and sections in their forms, and leaves sentences that start like them alone', async () => {
    const read = await operative(
      [
        'PART ONE GENERAL PROVISIONS',
        '1. States should cooperate.',
        'Chapter II of the Charter applies to disputes.',
        'Part 2',
        'Responses',
        'A. Civilian protection',
        '2. Responses should spare civilians.',
        'C. Not a section, as B would be due',
        'Section 2 of the Convention applies.',
        'B. Proportionality',
        '3. Responses should be proportionate.',
      ].join('\n'),
    );
    expect(read.lines).toEqual([
      'Part I — GENERAL PROVISIONS',
      'OP1 States should cooperate.',
      'OP1 ¶ Chapter II of the Charter applies to disputes.',
      'Part II — Responses',
      'Section A — Civilian protection',
      'OP2 Responses should spare civilians.',
      'OP2 ¶ C. Not a section, as B would be due',
      'OP2 ¶ Section 2 of the Convention applies.',
      'Section B — Proportionality',
      'OP3 Responses should be proportionate.',
    ]);
    expect(read.warnings).toEqual([]);
  });

  it('takes the opening formula only before the first clause, and leaves footnotes out of titles and headings, saying so', async () => {
    const preview = await readText(
      'A/RES/80/1\nTitle^[A note on the title.]\nThe General Assembly,\nRecalling the Charter,\n1. Decides.\n' +
        'Part I — Scope^[A note on a heading.]\nThe General Assembly,\n2. Acts.',
    );
    expect(preview.formula).toBe('The General Assembly,');
    expect(preview.title).toBe('Title');
    expect(previewListing(preview).slice(3)).toEqual(['OP1 Decides.', 'Part I — Scope', 'OP2 Acts.']);
    expect(preview.warnings).toEqual([
      '2 lines are not part of a numbered paragraph and were left out: “A/RES/80/1”, “The General Assembly,”.',
      'A footnote in the heading “Scope^[A note on a heading.]” cannot be kept there and was left out.',
      'A footnote in the title cannot be kept there and was left out.',
    ]);
  });

  it('starts an annex only after the operative part has clauses, each annex numbering its own paragraphs', async () => {
    const read = await operative(
      '1. Adopts the annexed rules.\nANNEX 2\nRules\n1. First rule.\nAnnex I: More\n1. Second rule.',
    );
    expect(read.lines).toEqual([
      'OP1 Adopts the annexed rules.',
      'Annex I — Rules',
      'A1.1 First rule.',
      'Annex II — More',
      'A2.1 Second rule.',
    ]);
    const preview = await readText(
      'Title\nRecalling,\n1. Adopts.\nANNEX 2\nRules\n1. First rule.\nAnnex: More\n1. Second.',
    );
    expect(preview.annexes.map((annex) => [annex.label, annex.sourceLabel])).toEqual([
      ['Annex I', 'ANNEX 2'],
      ['Annex II', 'Annex'],
    ]);
  });
});

describe('footnotes', () => {
  it('places Markdown notes, and says which references have no note and which notes no reference', async () => {
    const preview = await readText(
      '# T\n\nRecalling the Charter,[^a]\n\n1. Decides.[^b]\n\n[^a]: The Charter.\n[^c]: Unused.\n',
      'd.md',
    );
    expect(previewListing(preview)).toEqual([
      'title: T',
      'PP1 Recalling the Charter,^[The Charter.]',
      'OP1 Decides.[^b]',
      'note 1 PP1: The Charter.',
    ]);
    expect(preview.warnings).toEqual([
      'The footnote [^b] has no note and stays in the text as written.',
      'The note [^c] is referenced nowhere and was left out.',
    ]);
  });

  it('leaves a plain-text notes block in place when its references are not one each, in order', async () => {
    const twice = await readText('Title\nRecalling the Charter,\n1. Decides.[1]\n2. Acts.[1]\nNotes\n1 The Charter.');
    expect(previewListing(twice).slice(-3)).toEqual(['OP2 Acts.[1]', 'OP2 ¶ Notes', 'OP2 ¶ 1 The Charter.']);
    expect(twice.warnings).toEqual([expect.stringContaining('could not be matched one by one')]);
    const placed = await readText(
      'Title\nRecalling the Charter,¹\n1. Decides.[2]\nFootnotes\n¹ The Charter.\n[2] A decision.',
    );
    expect(previewListing(placed).slice(-2)).toEqual(['note 1 PP1: The Charter.', 'note 2 OP1: A decision.']);
    expect(placed.warnings).toEqual([]);
  });
});

describe('Word documents', () => {
  it('shows Word’s own label where Word numbers a point differently, and leaves deleted revisions out', async () => {
    const docx = await buildDocx(
      [
        'numbering paras: decimal %1.',
        'numbering points: lowerLetter (%1)',
        '{paras:0} Decides:',
        '{points:0} first;',
        '{paras:0} Requests:',
        // The list of points is not restarted: Word shows (b) where Accord gives (a).
        '{points:0} second.',
      ].join('\n'),
    );
    const { preview } = await readImportFile({ bytes: docx, fileName: 'd.docx', contentType: null });
    expect(clause(preview, 'OP2').blocks).toEqual([{ level: 1, label: '(a)', sourceLabel: '(b)', text: 'second.' }]);

    const revised = new Document({
      sections: [
        {
          children: [
            new Paragraph({
              children: [
                new TextRun('1. Decides to act '),
                new DeletedTextRun({ text: 'never', id: 1, author: 'A', date: '2025-01-01T00:00:00Z' }),
                new InsertedTextRun({ text: 'now', id: 2, author: 'A', date: '2025-01-01T00:00:00Z' }),
                new TextRun('.'),
              ],
            }),
          ],
        },
      ],
    });
    const read = await readImportFile({ bytes: await Packer.toBuffer(revised), fileName: 'r.docx', contentType: null });
    expect(clause(read.preview, 'OP1').text).toBe('Decides to act now.');
  });
});
