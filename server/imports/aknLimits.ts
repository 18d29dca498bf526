import type { ClauseBlockSpec, ClauseSpec, DivisionSpec, DraftSpec, PointSpec } from '../../shared/draftText';
import {
  MAX_IMPORT_BLOCKS_PER_CLAUSE,
  MAX_IMPORT_CLAUSES,
  MAX_IMPORT_PARAGRAPH_LENGTH,
  MAX_IMPORT_TEXT_LENGTH,
} from '../../shared/importLimits';
import { ApiError } from '../errors';
import { quoteShort } from './aknReading';

function isClause(entry: ClauseSpec | DivisionSpec | string): entry is ClauseSpec {
  return typeof entry === 'object' && !('division' in entry);
}

/** Every text of a clause: its opening words, then each paragraph and point at every level. */
function textsOf(clause: ClauseSpec): string[] {
  const texts = [clause.text];
  const point = (entry: PointSpec): void => {
    if (typeof entry === 'string') texts.push(entry);
    else {
      texts.push(entry.text);
      for (const child of entry.points ?? []) point(child);
    }
  };
  for (const entry of clause.points ?? []) point(entry);
  for (const block of clause.blocks ?? ([] as ClauseBlockSpec[])) {
    if (typeof block === 'object' && 'paragraph' in block) texts.push(block.paragraph);
    else point(block);
  }
  return texts;
}

/**
 * Holds a draft read from an Akoma Ntoso file to the import limits every import keeps
 * (shared/importLimits.ts): clauses in all, blocks per clause, the longest paragraph and the whole
 * text; a file with no clause at all is refused too. Each refusal says what to do.
 */
export function checkAknLimits(spec: DraftSpec): void {
  const clauses = [
    ...spec.preamble.filter(isClause),
    ...spec.operative.filter(isClause),
    ...(spec.annexes ?? []).flatMap((annex) => annex.clauses.filter(isClause)),
  ];
  if (clauses.length === 0) {
    throw new ApiError(
      422,
      'no_clauses',
      'No paragraphs were found in the Akoma Ntoso file: its body and annexes are empty.',
    );
  }
  if (clauses.length > MAX_IMPORT_CLAUSES) {
    throw new ApiError(
      422,
      'too_many_clauses',
      `The file has ${clauses.length} paragraphs; a draft can be imported with at most ${MAX_IMPORT_CLAUSES}. Split it into several drafts.`,
    );
  }
  let total = spec.title.length + (spec.formula?.length ?? 0);
  for (const clause of clauses) {
    const texts = textsOf(clause);
    if (texts.length - 1 > MAX_IMPORT_BLOCKS_PER_CLAUSE) {
      throw new ApiError(
        422,
        'clause_too_long',
        `The paragraph ${quoteShort(clause.text)} has more than ${MAX_IMPORT_BLOCKS_PER_CLAUSE} points and paragraphs; split it before importing.`,
      );
    }
    for (const text of texts) {
      total += text.length;
      if (text.length > MAX_IMPORT_PARAGRAPH_LENGTH) {
        throw new ApiError(
          422,
          'paragraph_too_long',
          `A paragraph (${quoteShort(text)}) is longer than ${MAX_IMPORT_PARAGRAPH_LENGTH} characters; split it before importing.`,
        );
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
