import type { Taxonomy } from '../../../shared/pillars';
import type { FileChild } from 'docx';
import { Paragraph, TextRun } from 'docx';
import { AMENDMENT_STATUSES, AMENDMENT_STATUS_LABELS } from '../../../shared/review/amendmentStatus';
import type { Amendment, ReviewCycle } from '../../../shared/review/types';
import { wordDocument, wordRedlineLegend, wordTitle } from '../../exports/wordDocument';
import { exportAmendment } from './amendmentModel';
import { wordAmendmentParagraphs } from './amendmentWord';

/** "5 amendments: 2 adopted, 1 rejected, 2 submitted." — counted from the list itself, in the order of the statuses. */
export function amendmentsSummary(amendments: readonly Amendment[]): string {
  const counts = AMENDMENT_STATUSES.map(
    (status) => [status, amendments.filter((a) => a.status === status).length] as const,
  ).filter(([, n]) => n > 0);
  const total = `${amendments.length} amendment${amendments.length === 1 ? '' : 's'}`;
  if (counts.length === 0) return `${total}.`;
  return `${total}: ${counts.map(([status, n]) => `${n} ${AMENDMENT_STATUS_LABELS[status].toLowerCase()}`).join(', ')}.`;
}

/**
 * A review cycle's amendments as a Word document: the draft's title, the cycle and its base
 * version, a count by status and a legend, then each amendment in the order given under its
 * heading ("A-3 — OP2 (replace words)") with its sponsor and accepted co-sponsors, status and
 * decision, pillars, the proposed wording as a redline against the base clause (insertions
 * underlined, deletions struck through, as in every Accord redline), the orally revised wording
 * when adopted as revised, the justification and the statements of support and objection.
 */
export async function renderAmendmentsDocx(
  draftTitle: string,
  cycle: ReviewCycle,
  amendments: readonly Amendment[],
  taxonomy: Taxonomy,
): Promise<Buffer> {
  const line = `${cycle.name} — amendments to ${cycle.baseVersion.label}`;
  const summary = amendmentsSummary(amendments);
  const children: FileChild[] = [
    ...wordTitle(draftTitle, line),
    new Paragraph({ children: [new TextRun({ text: summary, size: 20, color: '555555' })] }),
    wordRedlineLegend(),
    ...amendments.flatMap((amendment) =>
      wordAmendmentParagraphs(exportAmendment(amendment, taxonomy), { left: 0, full: true }),
    ),
  ];
  if (amendments.length === 0)
    children.push(new Paragraph({ children: [new TextRun({ text: 'No amendments.', italics: true })] }));
  return wordDocument({
    title: `Amendments: ${draftTitle}`,
    description: `${line}. ${summary}`,
    footerLabel: `Amendments — ${cycle.name}`,
    children,
  });
}
