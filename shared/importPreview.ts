import type { PillarKey } from './pillars';

/** A further block of an imported clause: a lettered sub-paragraph, or a paragraph (letter null). */
export interface ImportedBlock {
  letter: string | null;
  text: string;
}

/** How a clause's kind was decided, so the preview can say why it is where it is. */
export type ImportedKindReason = 'numbering' | 'heading' | 'wording';

/** A clause recognised in an imported file. */
export interface ImportedClause {
  /** The number it will have in Accord: "PP1", "OP3". */
  number: string;
  /** Its number in the file ("1.", "OP 3", "Article 2"), or null when it had none or Word numbered it. */
  sourceNumber: string | null;
  /** Its opening paragraph. */
  text: string;
  /** Its sub-paragraphs (lettered in order, as Accord letters them) and further paragraphs. */
  blocks: ImportedBlock[];
  pillars: PillarKey[];
  kindFrom: ImportedKindReason;
}

/** What an import will create, shown to the person before anything is created. */
export interface ImportPreview {
  title: string;
  preamble: ImportedClause[];
  operative: ImportedClause[];
  /** Things the person should check: text left out, clauses out of order, unknown pillars. */
  warnings: string[];
}
