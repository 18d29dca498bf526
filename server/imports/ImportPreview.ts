/** One line of an imported file, as the readers of each format hand it to the recognizer. */
export interface ImportLine {
  text: string;
  /** A Word list item (automatic numbering or bullets): its level (0 = top) and whether it is numbered. */
  list: { level: number; ordered: boolean } | null;
  /** A heading (a Word heading or title style, a Markdown `#` line). */
  heading: boolean;
}

export type { ImportedBlock, ImportedClause, ImportedKindReason, ImportPreview } from '../../shared/importPreview';
