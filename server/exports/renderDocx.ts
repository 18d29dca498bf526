import type { FileChild } from 'docx';
import { Paragraph, Tab, TextRun } from 'docx';
import type { ExportClause, ExportText } from './textModel';
import { TWIPS_PER_CM, wordDocument, wordPartHeading, wordRuns, wordTitle } from './wordDocument';

/** Where a clause's text starts: its number hangs in the space before. */
const CLAUSE_INDENT = Math.round(1.5 * TWIPS_PER_CM);
/** Where a lettered sub-paragraph's text starts: its letter hangs in the space before. */
const SUB_INDENT = CLAUSE_INDENT + Math.round(1.1 * TWIPS_PER_CM);

function clauseParagraphs(clause: ExportClause, withPillars: boolean): Paragraph[] {
  const paragraphs = clause.blocks.map((block, index) => {
    if (block.letter) {
      return new Paragraph({
        indent: { left: SUB_INDENT, hanging: SUB_INDENT - CLAUSE_INDENT },
        children: [
          new TextRun({ text: block.letter }),
          new TextRun({ children: [new Tab()] }),
          ...wordRuns(block.text),
        ],
      });
    }
    return new Paragraph({
      indent: index === 0 ? { left: CLAUSE_INDENT, hanging: CLAUSE_INDENT } : { left: CLAUSE_INDENT },
      keepNext: clause.blocks.length > 1,
      children:
        index === 0
          ? [
              new TextRun({ text: `${clause.number}.`, bold: true }),
              new TextRun({ children: [new Tab()] }),
              ...wordRuns(block.text),
            ]
          : wordRuns(block.text),
    });
  });
  if (paragraphs.length === 0)
    paragraphs.push(
      new Paragraph({
        indent: { left: CLAUSE_INDENT, hanging: CLAUSE_INDENT },
        children: [new TextRun({ text: `${clause.number}.`, bold: true })],
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

/**
 * The text as a Word document (.docx): title, version line, "Preamble" and "Operative part",
 * each clause a paragraph opening with its bold number (PP1., OP3.) in a hanging indent,
 * lettered sub-paragraphs indented under it, pillar tags on request (as "Pillars: …", the same
 * line the Markdown export writes and the importer reads back), and the version label with
 * page numbers in the footer of every page. Numbers are written as text rather than Word list
 * numbering so they are exactly the numbers of the editor and the outline, whatever reads the file.
 */
export async function renderDocx(text: ExportText, options: { pillars: boolean }): Promise<Buffer> {
  const versionLine = `${text.label} — ${text.at.slice(0, 10)}`;
  const children: FileChild[] = [
    ...wordTitle(text.title, versionLine),
    wordPartHeading('Preamble'),
    ...text.preamble.flatMap((clause) => clauseParagraphs(clause, options.pillars)),
    wordPartHeading('Operative part'),
    ...text.operative.flatMap((clause) => clauseParagraphs(clause, options.pillars)),
  ];
  return wordDocument({ title: text.title, description: versionLine, footerLabel: versionLine, children });
}
