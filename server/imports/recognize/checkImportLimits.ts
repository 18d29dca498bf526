import {
  MAX_IMPORT_BLOCKS_PER_CLAUSE,
  MAX_IMPORT_CLAUSES,
  MAX_IMPORT_PARAGRAPH_LENGTH,
  MAX_IMPORT_TEXT_LENGTH,
} from '../../../shared/importLimits';
import { MAX_FOOTNOTE_LENGTH } from '../../../shared/limits';
import { ApiError } from '../../errors';
import type { PendingClause } from './pending';

const INLINE_NOTE = /\^\[((?:[^[\]]|\[[^[\]]*\])*)\]/g;

function quoteShort(text: string): string {
  return `“${text.length > 60 ? `${text.slice(0, 57)}…` : text}”`;
}

/** Refuses (422) a clause with more points and paragraphs than MAX_IMPORT_BLOCKS_PER_CLAUSE, as soon as it has them. */
export function checkClauseBlocks(clause: PendingClause): void {
  if (clause.blocks.length <= MAX_IMPORT_BLOCKS_PER_CLAUSE) return;
  throw new ApiError(
    422,
    'clause_too_long',
    `Paragraph ${clause.sourceNumber ?? quoteShort(clause.text)} has more than ${MAX_IMPORT_BLOCKS_PER_CLAUSE} ` +
      'points and paragraphs; split it before importing.',
  );
}

/**
 * Refuses (422) a file whose clauses pass the import limits of shared/importLimits.ts, or whose
 * footnotes are longer than a footnote may be, with a sentence saying what to split: nothing is
 * cut short without the person knowing.
 */
export function checkImportLimits(clauses: readonly PendingClause[]): void {
  if (clauses.length > MAX_IMPORT_CLAUSES) {
    throw new ApiError(
      422,
      'too_many_clauses',
      `The file has ${clauses.length} numbered paragraphs; a draft can be imported with at most ${MAX_IMPORT_CLAUSES}. Split it into several drafts.`,
    );
  }
  let total = 0;
  for (const clause of clauses) {
    checkClauseBlocks(clause);
    for (const text of [clause.text, ...clause.blocks.map((block) => block.text)]) {
      total += text.length;
      if (text.length > MAX_IMPORT_PARAGRAPH_LENGTH) {
        throw new ApiError(
          422,
          'paragraph_too_long',
          `A paragraph (${quoteShort(text)}) is longer than ${MAX_IMPORT_PARAGRAPH_LENGTH} characters; split it before importing.`,
        );
      }
      for (const [, note] of text.matchAll(INLINE_NOTE)) {
        if (note!.length > MAX_FOOTNOTE_LENGTH) {
          throw new ApiError(
            422,
            'footnote_too_long',
            `A footnote (${quoteShort(note!)}) is longer than ${MAX_FOOTNOTE_LENGTH} characters; shorten it before importing.`,
          );
        }
      }
    }
  }
  if (total > MAX_IMPORT_TEXT_LENGTH) {
    throw new ApiError(
      422,
      'text_too_long',
      `The text is longer than ${MAX_IMPORT_TEXT_LENGTH.toLocaleString('en')} characters, too long for one draft. Split it into several drafts.`,
    );
  }
}
