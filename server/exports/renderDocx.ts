import type { FileChild, INumberingOptions, ParagraphChild } from 'docx';
import { AlignmentType, FootnoteReferenceRun, HeadingLevel, LevelFormat, Paragraph, Tab, TextRun } from 'docx';
import { MAX_POINT_LEVELS } from '../../shared/limits';
import type { ExportAnnex, ExportClause, ExportEntry, ExportInline, ExportText } from './textModel';
import { DRAFT_MARKING, OPEN_MARKERS_HEADING, divisionHeading, statusMark } from './textModel';
import { TWIPS_PER_CM, wordDocument, wordPartHeading, wordRuns, wordTitle, wordTrackedRun } from './wordDocument';

/** Where a clause's text starts: its number hangs in the space before. */
const CLAUSE_INDENT = Math.round(1.5 * TWIPS_PER_CM);
/** How much further each level of points starts; its label hangs in that space. */
const POINT_STEP = Math.round(1.1 * TWIPS_PER_CM);
/** The reference of the Word list definition every point is numbered by. */
const POINTS = 'accord-points';

/** Word's list definition for points: (a) → (i) → (A), as `pointLabel` labels them, each level indented one step further. */
const POINT_NUMBERING: INumberingOptions = {
  config: [
    {
      reference: POINTS,
      levels: (
        [
          [LevelFormat.LOWER_LETTER, '(%1)'],
          [LevelFormat.LOWER_ROMAN, '(%2)'],
          [LevelFormat.UPPER_LETTER, '(%3)'],
        ] as const
      )
        .slice(0, MAX_POINT_LEVELS)
        .map(([format, text], level) => ({
          level,
          format,
          text,
          alignment: AlignmentType.LEFT,
          style: { paragraph: { indent: { left: CLAUSE_INDENT + (level + 1) * POINT_STEP, hanging: POINT_STEP } } },
        })),
    },
  ],
};

/** The runs of a block: its words (suggestions as tracked changes), and a Word footnote reference where each footnote stands. */
function inlineRuns(content: readonly ExportInline[]): ParagraphChild[] {
  return content.flatMap((piece): ParagraphChild[] => {
    if (piece.kind === 'footnote') return [new FootnoteReferenceRun(piece.number)];
    return piece.change ? [wordTrackedRun(piece.text, piece.change)] : wordRuns(piece.text);
  });
}

/** An agreed clause's status before its words, "(Agreed ad ref) " in italics; nothing for an open clause. */
function statusRuns(clause: ExportClause): TextRun[] {
  const mark = statusMark(clause);
  return mark ? [new TextRun({ text: `${mark} `, italics: true, color: '1D6B35' })] : [];
}

/** The draft marking under the title of a text not published, bold and red. */
function draftMarking(): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: 400 },
    children: [new TextRun({ text: DRAFT_MARKING, bold: true, color: 'A31515', size: 26 })],
  });
}

/**
 * The paragraphs of a clause. Points are paragraphs of Word's own list, one list (`instance`) per
 * clause so (a) starts again in each; Word draws their labels, so none is typed in the text.
 */
function clauseParagraphs(clause: ExportClause, withPillars: boolean, instance: number): Paragraph[] {
  const keepNext = clause.blocks.length > 1;
  const paragraphs = clause.blocks.map((block, index) => {
    if (block.level > 0)
      return new Paragraph({
        numbering: { reference: POINTS, level: Math.min(block.level, MAX_POINT_LEVELS) - 1, instance },
        children: inlineRuns(block.content),
      });
    if (index > 0) return new Paragraph({ indent: { left: CLAUSE_INDENT }, children: inlineRuns(block.content) });
    return new Paragraph({
      indent: { left: CLAUSE_INDENT, hanging: CLAUSE_INDENT },
      keepNext,
      children: [
        new TextRun({ text: `${clause.number}.`, bold: true }),
        new TextRun({ children: [new Tab()] }),
        ...statusRuns(clause),
        ...inlineRuns(block.content),
      ],
    });
  });
  if (paragraphs.length === 0)
    paragraphs.push(
      new Paragraph({
        indent: { left: CLAUSE_INDENT, hanging: CLAUSE_INDENT },
        children: [new TextRun({ text: `${clause.number}.`, bold: true }), ...statusRuns(clause)],
      }),
    );
  if (withPillars && clause.pillars.length > 0) {
    paragraphs.push(
      new Paragraph({
        indent: { left: CLAUSE_INDENT },
        spacing: { after: 200 },
        children: [
          new TextRun({
            text: `Pillars: ${clause.pillars.map((p) => p.label).join('; ')}`,
            italics: true,
            size: 18,
            color: '555555',
          }),
        ],
      }),
    );
  }
  return paragraphs;
}

/** Writes clauses one after another, each with a list of its own for its points. */
class ClauseWriter {
  private lists = 0;
  constructor(private readonly withPillars: boolean) {}

  clauses(clauses: readonly ExportClause[]): Paragraph[] {
    return clauses.flatMap((clause) => clauseParagraphs(clause, this.withPillars, ++this.lists));
  }

  /** Headings as Word headings (a part one level above a section), clauses as above. */
  entries(entries: readonly ExportEntry[]): Paragraph[] {
    return entries.flatMap((entry) =>
      entry.kind === 'clause'
        ? this.clauses([entry.clause])
        : [
            new Paragraph({
              heading: entry.division.level === 'part' ? HeadingLevel.HEADING_3 : HeadingLevel.HEADING_4,
              spacing: { before: 320, after: 160 },
              keepNext: true,
              children: wordRuns(divisionHeading(entry.division), {
                bold: true,
                size: entry.division.level === 'part' ? 26 : 24,
                italics: entry.division.level === 'section',
                color: '111111',
              }),
            }),
          ],
    );
  }

  /** An annex on a new page: its label and title centred, then its paragraphs (A1.1 …) under their headings. */
  annex(annex: ExportAnnex): Paragraph[] {
    return [
      new Paragraph({
        heading: HeadingLevel.HEADING_1,
        pageBreakBefore: true,
        alignment: AlignmentType.CENTER,
        spacing: { after: 120 },
        keepNext: true,
        children: wordRuns(annex.label, { bold: true, size: 28, color: '111111' }),
      }),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { after: 360 },
        keepNext: true,
        children: wordRuns(annex.title, { bold: true }),
      }),
      ...this.entries(annex.entries),
    ];
  }
}

/**
 * The text as a Word document (.docx): title, version line, the draft marking of a text not
 * published (also in every page's footer), each agreed clause's status after its number, the opening formula, "Preamble" and
 * "Operative part" with the parts and sections as headings, each clause a paragraph opening with
 * its bold number (PP1., OP3.) in a hanging indent, points in Word's own numbering ((a) → (i) →
 * (A), each level indented further), footnotes as Word footnotes, pillar tags on request (as
 * "Pillars: …", the line the Markdown export writes and the importer reads back), each annex on a
 * new page, and the version label with page numbers in the footer. Clause numbers are text rather
 * than a Word list so they are exactly the numbers of the editor and the outline, whatever reads
 * the file; point labels follow the same rule as `pointLabel`, which Word applies itself.
 */
export async function renderDocx(text: ExportText, options: { pillars: boolean }): Promise<Buffer> {
  const versionLine = `${text.label} — ${text.at.slice(0, 10)}`;
  const writer = new ClauseWriter(options.pillars);
  const children: FileChild[] = [
    ...wordTitle(text.title, versionLine),
    ...(text.draft ? [draftMarking()] : []),
    ...(text.formula
      ? [new Paragraph({ indent: { left: CLAUSE_INDENT }, spacing: { after: 240 }, children: wordRuns(text.formula) })]
      : []),
    wordPartHeading('Preamble'),
    ...writer.clauses(text.preamble),
    wordPartHeading('Operative part'),
    ...writer.entries(text.operativeEntries),
    ...text.annexes.flatMap((annex) => writer.annex(annex)),
    ...(text.open.length > 0
      ? [wordPartHeading(OPEN_MARKERS_HEADING), ...text.open.map((line) => new Paragraph({ children: wordRuns(line) }))]
      : []),
  ];
  const footnotes = Object.fromEntries(
    text.footnotes.map((footnote) => [
      footnote.number,
      { children: [new Paragraph({ style: 'FootnoteText', children: wordRuns(` ${footnote.note}`) })] },
    ]),
  );
  return wordDocument({
    title: text.title,
    description: versionLine,
    footerLabel: text.draft ? `${DRAFT_MARKING} — ${versionLine}` : versionLine,
    children,
    numbering: POINT_NUMBERING,
    footnotes,
  });
}
