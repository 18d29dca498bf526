import type { FileChild } from 'docx';
import { Paragraph, Tab, TextRun } from 'docx';
import type { ClauseRedline, HeadingRedline, Redline } from '../versions/redline';
import {
  headingNotes,
  headingNumber,
  redlineEntries,
  redlineLines,
  redlineNotes,
  redlineNumber,
  redlineSummary,
} from './redlineLayout';
import type { WordRunStyle } from './wordDocument';
import {
  TWIPS_PER_CM,
  WORD_REDLINE_STYLE,
  wordDocument,
  wordPartHeading,
  wordRedlineLegend,
  wordRedlineRuns,
  wordTitle,
} from './wordDocument';

const CLAUSE_INDENT = Math.round(1.5 * TWIPS_PER_CM);
/** How much further in each level of points sits: (a), then (i), then (A). */
const POINT_STEP = Math.round(1.1 * TWIPS_PER_CM);

const INSERTED = WORD_REDLINE_STYLE.insert;
const DELETED = WORD_REDLINE_STYLE.delete;

function changeStyle(change: ClauseRedline['change']): WordRunStyle {
  return change === 'added' ? INSERTED : change === 'removed' ? DELETED : {};
}

function notesParagraph(notes: readonly string[]): Paragraph {
  return new Paragraph({
    indent: { left: CLAUSE_INDENT },
    spacing: { after: 200 },
    children: [new TextRun({ text: notes.join(' · '), italics: true, size: 18, color: '5B21B6' })],
  });
}

/** How a version redline's changes are tracked in Word: by the pair of texts compared, dated. */
type Tracked = { by: string; at: string };

function clauseParagraphs(clause: ClauseRedline, tracked: Tracked, pillarLabels: Redline['pillarLabels']): Paragraph[] {
  const paragraphs = redlineLines(clause).map((line, index) => {
    const runs = wordRedlineRuns(line.words, tracked);
    if (index === 0) {
      return new Paragraph({
        indent: { left: CLAUSE_INDENT, hanging: CLAUSE_INDENT },
        children: [
          new TextRun({ text: `${redlineNumber(clause)}.`, bold: true, ...changeStyle(clause.change) }),
          new TextRun({ children: [new Tab()] }),
          ...runs,
        ],
      });
    }
    // A point hangs its label in the space of its level; a paragraph of the clause sits with the clause's words.
    return new Paragraph({
      indent:
        line.level > 0
          ? { left: CLAUSE_INDENT + line.level * POINT_STEP, hanging: POINT_STEP }
          : { left: CLAUSE_INDENT },
      children: runs,
    });
  });
  const notes = redlineNotes(clause, pillarLabels);
  if (notes.length > 0) paragraphs.push(notesParagraph(notes));
  return paragraphs;
}

function headingParagraphs(heading: HeadingRedline, tracked: Tracked): Paragraph[] {
  const paragraphs = [
    new Paragraph({
      spacing: { before: 240, after: 120 },
      keepNext: true,
      children: [
        new TextRun({ text: headingNumber(heading), bold: true, ...changeStyle(heading.change) }),
        ...(heading.words.length > 0 ? [new TextRun({ text: ' — ', bold: true })] : []),
        ...wordRedlineRuns(heading.words, tracked),
      ],
    }),
  ];
  const notes = headingNotes(heading);
  if (notes.length > 0) paragraphs.push(notesParagraph(notes));
  return paragraphs;
}

/**
 * The redline between two texts as a Word document: the opening formula, then each clause in
 * the order of the newer text, under its part, division and annex headings, with insertions
 * green and underlined and deletions red and struck through (plain character formatting, so
 * every reader shows it the same; nothing to accept or reject), its points indented by level with
 * each side's label, added and removed clauses and points marked whole, and moves, status and
 * pillar changes noted under the clause.
 */
export async function renderRedlineDocx(
  redline: Redline,
  labels: { from: string; to: string; at?: string },
): Promise<Buffer> {
  const tracked = { by: `${labels.from} → ${labels.to}`, at: labels.at ?? new Date().toISOString() };
  const summary = redlineSummary(redline, labels);
  const children: FileChild[] = [
    ...wordTitle(redline.title.to, `Redline: ${labels.from} → ${labels.to}`),
    new Paragraph({ children: [new TextRun({ text: summary, size: 20, color: '555555' })] }),
    wordRedlineLegend('moves, status and pillar changes are noted under each clause'),
  ];
  if (redline.formula && redline.formula.words.length > 0)
    children.push(
      new Paragraph({ spacing: { before: 240 }, children: wordRedlineRuns(redline.formula.words, tracked) }),
    );
  for (const entry of redlineEntries(redline)) {
    if (entry.type === 'part') children.push(wordPartHeading(entry.heading));
    else if (entry.type === 'heading') children.push(...headingParagraphs(entry.heading, tracked));
    else children.push(...clauseParagraphs(entry.clause, tracked, redline.pillarLabels));
  }
  return wordDocument({
    title: `Redline: ${redline.title.to}`,
    description: summary,
    footerLabel: `Redline ${labels.from} → ${labels.to}`,
    children,
  });
}
