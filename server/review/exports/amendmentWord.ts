import { HeadingLevel, Paragraph, TextRun } from 'docx';
import type { RedlineLine } from '../../exports/redlineLayout';
import { TWIPS_PER_CM, wordRedlineRuns, wordRuns } from '../../exports/wordDocument';
import type { ExportAmendment } from './amendmentModel';

/** How much further in each level of points of a redline sits: (a), then (i), then (A). */
const POINT_STEP = Math.round(1.1 * TWIPS_PER_CM);
/** How far the proposed wording sits in from the amendment's details, set off like a quotation. */
const WORDING_INDENT = Math.round(0.6 * TWIPS_PER_CM);

/** The small grey line style for attribution, status and pillars. */
const DETAIL = { size: 20, color: '444444' } as const;

/** The redline's lines as paragraphs at `left`, each level of points further in. */
export function wordRedlineParagraphs(lines: readonly RedlineLine[], left: number): Paragraph[] {
  return lines.map(
    (line) =>
      new Paragraph({
        indent: { left: left + line.level * POINT_STEP },
        keepLines: true,
        children: wordRedlineRuns(line.words),
      }),
  );
}

function detail(text: string, left: number, style: { italics?: boolean; color?: string } = {}): Paragraph {
  return new Paragraph({
    indent: { left },
    keepNext: true,
    spacing: { after: 60 },
    children: wordRuns(text, { ...DETAIL, ...style }),
  });
}

/** "Label: text" as paragraphs: each line of the text (a justification's own paragraphs) its own Word paragraph, the label on the first. */
function labelled(label: string, text: string, left: number): Paragraph[] {
  const lines = text.split('\n').filter((line) => line.trim());
  return (lines.length > 0 ? lines : ['']).map(
    (line, index) =>
      new Paragraph({
        indent: { left },
        children: [...(index === 0 ? [new TextRun({ text: `${label}: `, bold: true })] : []), ...wordRuns(line)],
      }),
  );
}

/**
 * One amendment as Word paragraphs starting at `left`: its title, sponsors, status and decision,
 * a note when its clause changed in the live text, and its redline (and the orally revised
 * wording, for adopted-as-revised). With `full`, as in the list of amendments, also its pillars,
 * justification and the statements of support and objection; a compilation leaves those out.
 */
export function wordAmendmentParagraphs(
  amendment: ExportAmendment,
  options: { left: number; full: boolean },
): Paragraph[] {
  const { left, full } = options;
  const paragraphs: Paragraph[] = [
    full
      ? new Paragraph({
          heading: HeadingLevel.HEADING_3,
          keepNext: true,
          spacing: { before: 360, after: 80 },
          children: [new TextRun({ text: amendment.title, bold: true, size: 26, color: '111111' })],
        })
      : new Paragraph({
          indent: { left },
          keepNext: true,
          spacing: { before: 120, after: 40 },
          children: [new TextRun({ text: amendment.title, bold: true, size: 22 })],
        }),
    detail(amendment.sponsorsLine, left),
    detail(`Status: ${amendment.statusLine}`, left),
  ];
  if (full && amendment.pillars.length > 0) paragraphs.push(detail(`Pillars: ${amendment.pillars.join('; ')}`, left));
  if (amendment.liveChange) paragraphs.push(detail(amendment.liveChange, left, { italics: true, color: '5B21B6' }));
  if (amendment.pointChanges) paragraphs.push(detail(`Changes: ${amendment.pointChanges}`, left));
  paragraphs.push(detail(amendment.contentNote, left, { italics: true }));
  paragraphs.push(...wordRedlineParagraphs(amendment.lines, left + WORDING_INDENT));
  if (amendment.revisedLines) {
    paragraphs.push(detail('As orally revised and adopted:', left, { italics: true }));
    paragraphs.push(...wordRedlineParagraphs(amendment.revisedLines, left + WORDING_INDENT));
  }
  if (!full) return paragraphs;
  paragraphs.push(...labelled('Justification', amendment.justification.trim() || '(none given)', left));
  for (const support of amendment.support) paragraphs.push(...labelled('Support', support, left));
  for (const objection of amendment.objections) paragraphs.push(...labelled('Objection', objection, left));
  return paragraphs;
}
