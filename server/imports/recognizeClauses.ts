import type { ClauseKind } from '../../shared/clauses';
import { clauseNumber, subparagraphLetter } from '../../shared/clauses';
import {
  MAX_IMPORT_BLOCKS_PER_CLAUSE,
  MAX_IMPORT_CLAUSES,
  MAX_IMPORT_PARAGRAPH_LENGTH,
  MAX_IMPORT_TEXT_LENGTH,
} from '../../shared/importLimits';
import { MAX_TITLE_LENGTH } from '../../shared/limits';
import type { PillarKey } from '../../shared/pillars';
import { PILLARS } from '../../shared/pillars';
import { ApiError } from '../errors';
import type { ImportedBlock, ImportedClause, ImportedKindReason, ImportLine, ImportPreview } from './ImportPreview';

/** "PP1", "OP 3.", "pp2)" — the kind is in the number. */
const PREFIXED = /^(PP|OP)\s?(\d{1,3})\b\s*[.):]?\s*(.*)$/i;
/** "Article 2", "Art. IV:", "Article 3 — Scope" — articles of a treaty or declaration are operative. */
const ARTICLE = /^(?:Article|Art\.)\s+(\d{1,3}|[IVXLC]{1,7})(?:\s*[.:–—-]\s*(.*)|\s*)$/i;
/** "Paragraph 4.", "Para. 4" */
const PARAGRAPH = /^(?:Paragraph|Para\.?)\s+(\d{1,3})(?:\s*[.:–—-]\s*(.*)|\s*)$/i;
/** "1.", "12)" */
const DECIMAL = /^(\d{1,3})[.)](?:\s+(.*)|$)/;
/** "(1)" */
const PARENTHESISED = /^\((\d{1,3})\)(?:\s+(.*)|$)/;
/** "(a)", "b)", "(iv)": a sub-paragraph of the clause before. */
const LETTERED = /^\(?([a-z]{1,4})\)(?:\s+(.*)|$)/;
const PILLAR_LINE = /^pillars?\s*:\s*(.+)$/i;
const PREAMBLE_HEADING = /^(?:preamble|preambular (?:part|paragraphs?|section))\s*:?$/i;
const OPERATIVE_HEADING = /^(?:operative (?:part|paragraphs?|section|provisions))\s*:?$/i;

/** Words that open preambular paragraphs in UN and treaty drafting, besides any participle ("Recalling", "Having"). */
const PREAMBULAR_ADVERBS = 'also|further|deeply|gravely|strongly|firmly|fully|seriously|profoundly|once again';
const PREAMBULAR_WORDS =
  'bearing in mind|keeping in mind|mindful|convinced|determined|aware|alarmed|concerned|conscious|cognizant|' +
  'cognisant|desirous|guided|encouraged|persuaded|resolved|confident|disturbed|appalled|whereas|seized|[a-z]+ing';
const PREAMBULAR_OPENERS = new RegExp(`^(?:(?:${PREAMBULAR_ADVERBS})\\s+)*(?:${PREAMBULAR_WORDS})\\b`, 'i');
/** Words ending in "-ing" that are not participles opening a recital. */
const NOT_PARTICIPLES = new Set([
  'during',
  'nothing',
  'everything',
  'anything',
  'something',
  'notwithstanding',
  'pending',
  'regarding',
  'concerning',
  'following',
  'including',
  'excluding',
  'according',
  'bring',
  'spring',
  'string',
  'thing',
  'king',
  'ring',
  'wing',
  'sing',
  'swing',
  'evening',
  'morning',
]);

/** Whether a paragraph opens as preambular paragraphs do: a participle ("Recalling", "Deeply concerned") or one of the customary words. */
function opensLikePreamble(text: string): boolean {
  const match = PREAMBULAR_OPENERS.exec(text);
  if (!match) return false;
  const last = match[0].split(/\s+/).pop()!.toLowerCase();
  return !NOT_PARTICIPLES.has(last);
}

/** Whether a paragraph ends as preambular paragraphs do, with a comma (closing quotes or brackets allowed after it). */
function endsWithComma(text: string): boolean {
  return /,["'”’)\]]*$/.test(text);
}

/** A clause while the file is being read: its kind is decided once all its lines are in. */
interface PendingClause {
  sourceNumber: string | null;
  /** Kind given by the number (PP/OP) or by being an article. */
  numberedKind: ClauseKind | null;
  /** Numbered in the file (text or Word numbering), as opposed to recognised from wording alone. */
  numbered: boolean;
  /** The part the file's headings placed it in, if any. */
  section: ClauseKind | null;
  text: string;
  blocks: ImportedBlock[];
  pillars: PillarKey[];
}

/** The number a line starts with, the kind it implies and the text after it; null when it is not numbered. */
function numbered(text: string): { sourceNumber: string; kind: ClauseKind | null; rest: string } | null {
  let match = PREFIXED.exec(text);
  if (match)
    return {
      sourceNumber: `${match[1]!.toUpperCase()}${match[2]}`,
      kind: match[1]!.toUpperCase() === 'PP' ? 'preambular' : 'operative',
      rest: match[3] ?? '',
    };
  match = ARTICLE.exec(text);
  if (match) return { sourceNumber: `Article ${match[1]}`, kind: 'operative', rest: match[2] ?? '' };
  match = PARAGRAPH.exec(text) ?? DECIMAL.exec(text) ?? PARENTHESISED.exec(text);
  if (match)
    return {
      sourceNumber: match[0].slice(0, match[0].length - (match[2]?.length ?? 0)).trim(),
      kind: null,
      rest: match[2] ?? '',
    };
  return null;
}

function pillarsOf(list: string, warnings: string[]): PillarKey[] {
  const keys: PillarKey[] = [];
  for (const name of list
    .split(/[;·]/)
    .map((part) => part.trim())
    .filter(Boolean)) {
    const pillar = PILLARS.find((p) => p.label.toLowerCase() === name.toLowerCase() || p.key === name.toLowerCase());
    if (pillar) {
      if (!keys.includes(pillar.key)) keys.push(pillar.key);
    } else warnings.push(`“${name}” is not a pillar; the tag was left out.`);
  }
  return keys;
}

function quoteShort(text: string): string {
  return `“${text.length > 60 ? `${text.slice(0, 57)}…` : text}”`;
}

function kindOf(clause: PendingClause): { kind: ClauseKind; reason: ImportedKindReason } {
  if (clause.numberedKind) return { kind: clause.numberedKind, reason: 'numbering' };
  if (clause.section) return { kind: clause.section, reason: 'heading' };
  const last = clause.blocks.length ? clause.blocks[clause.blocks.length - 1]!.text : clause.text;
  return {
    kind: opensLikePreamble(clause.text) || endsWithComma(last) ? 'preambular' : 'operative',
    reason: 'wording',
  };
}

function checkLimits(clauses: PendingClause[]): void {
  if (clauses.length > MAX_IMPORT_CLAUSES) {
    throw new ApiError(
      422,
      'too_many_clauses',
      `The file has ${clauses.length} numbered paragraphs; a draft can be imported with at most ${MAX_IMPORT_CLAUSES}. Split it into several drafts.`,
    );
  }
  let total = 0;
  for (const clause of clauses) {
    if (clause.blocks.length > MAX_IMPORT_BLOCKS_PER_CLAUSE) {
      throw new ApiError(
        422,
        'clause_too_long',
        `Paragraph ${clause.sourceNumber ?? quoteShort(clause.text)} has more than ${MAX_IMPORT_BLOCKS_PER_CLAUSE} sub-paragraphs; split it before importing.`,
      );
    }
    for (const text of [clause.text, ...clause.blocks.map((block) => block.text)]) {
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

/**
 * Recognises the clauses of a text read from a file, line by line:
 * - numbered paragraphs ("1.", "(1)", "PP1", "OP 3", "Article 2", or a Word numbered list)
 *   start clauses; "(a)" / "a)" lines and deeper Word list levels are sub-paragraphs of the
 *   clause before; other lines after a numbered clause are further paragraphs of it;
 * - PP/OP numbers fix the kind; articles are operative; otherwise a "Preamble" or "Operative
 *   part" heading, or else the wording: a clause that opens with a participle or customary word
 *   ("Recalling", "Deeply concerned", "Mindful") or ends with a comma is preambular;
 * - unnumbered paragraphs before the operative part that open and end as preambular paragraphs
 *   do are preambular clauses (UN resolutions do not number their preamble);
 * - "Pillars: …" lines (as Accord's own exports write them) tag the clause before;
 * - the first other line is the title; any further ones are left out, with a warning.
 * Throws `no_clauses` (422) when nothing is recognised, and a 422 when a limit is passed.
 */
export function recognizeClauses(lines: ImportLine[], options: { fallbackTitle: string }): ImportPreview {
  const warnings: string[] = [];
  const leftOut: string[] = [];
  const clauses: PendingClause[] = [];
  let title = '';
  let section: ClauseKind | null = null;
  let current: PendingClause | null = null;
  let sawOperativeNumber = false;

  const start = (clause: Omit<PendingClause, 'blocks' | 'pillars' | 'section'>): void => {
    current = { ...clause, section, blocks: [], pillars: [] };
    clauses.push(current);
    // Once the operative part has begun, a recital-like line is no longer taken for an unnumbered preambular paragraph.
    if (
      clause.numbered &&
      (clause.numberedKind ?? section ?? (clause.text && !opensLikePreamble(clause.text) ? 'operative' : null)) ===
        'operative'
    )
      sawOperativeNumber = true;
  };

  for (const line of lines) {
    const text = line.text.replace(/\s+/g, ' ').trim();
    if (!text) continue;
    const open = current as PendingClause | null;
    if (PREAMBLE_HEADING.test(text) || OPERATIVE_HEADING.test(text)) {
      section = PREAMBLE_HEADING.test(text) ? 'preambular' : 'operative';
      current = null;
      continue;
    }
    const pillarLine = PILLAR_LINE.exec(text);
    if (pillarLine && open) {
      open.pillars.push(...pillarsOf(pillarLine[1]!, warnings).filter((key) => !open.pillars.includes(key)));
      continue;
    }
    const letter = LETTERED.exec(text);
    if (open && (letter || (line.list && line.list.level > 0))) {
      open.blocks.push({ letter: letter?.[1] ?? 'list', text: letter ? (letter[2] ?? '') : text });
      continue;
    }
    const number = numbered(text);
    if (number) {
      start({ sourceNumber: number.sourceNumber, numberedKind: number.kind, numbered: true, text: number.rest });
      continue;
    }
    if (!line.heading && line.list?.level === 0 && line.list.ordered) {
      start({ sourceNumber: null, numberedKind: null, numbered: true, text });
      continue;
    }
    if (
      !line.heading &&
      !sawOperativeNumber &&
      section !== 'operative' &&
      opensLikePreamble(text) &&
      endsWithComma(text)
    ) {
      start({ sourceNumber: null, numberedKind: 'preambular', numbered: false, text });
      continue;
    }
    if (open && open.numbered && !line.heading) {
      if (open.text === '') open.text = text;
      else open.blocks.push({ letter: null, text });
      continue;
    }
    if (!title && clauses.length === 0) title = text;
    else leftOut.push(text);
  }

  if (clauses.length === 0) {
    throw new ApiError(
      422,
      'no_clauses',
      'No numbered paragraphs were found in the file. Number the paragraphs ("1.", "PP1", "OP1", ' +
        '"Article 1") or start preambular ones with their customary words ("Recalling …,"), then ' +
        'import it again.',
    );
  }
  checkLimits(clauses);
  if (leftOut.length > 0) {
    const sample = leftOut.slice(0, 3).map(quoteShort).join(', ');
    warnings.push(
      `${leftOut.length} line${leftOut.length === 1 ? ' is' : 's are'} not part of a numbered paragraph ` +
        `and ${leftOut.length === 1 ? 'was' : 'were'} left out: ${sample}${leftOut.length > 3 ? ' …' : ''}.`,
    );
  }

  const preamble: ImportedClause[] = [];
  const operative: ImportedClause[] = [];
  let operativeSeen = false;
  for (const clause of clauses) {
    const { kind, reason } = kindOf(clause);
    const list = kind === 'preambular' ? preamble : operative;
    const label = clause.sourceNumber ?? quoteShort(clause.text);
    if (kind === 'preambular' && operativeSeen)
      warnings.push(
        `Paragraph ${label} reads as preambular but comes after operative paragraphs; it was put at the end of the preamble.`,
      );
    if (kind === 'operative') operativeSeen = true;
    if (!clause.text && clause.blocks.length === 0) warnings.push(`Paragraph ${label} has no text.`);
    let letters = 0;
    list.push({
      number: clauseNumber(kind, list.length),
      sourceNumber: clause.sourceNumber,
      text: clause.text,
      blocks: clause.blocks.map((block) => ({
        letter: block.letter === null ? null : subparagraphLetter(letters++),
        text: block.text,
      })),
      pillars: clause.pillars,
      kindFrom: reason,
    });
  }
  if (preamble.length === 0)
    warnings.push('No preambular paragraphs were recognised: the draft will start with an empty preamble.');
  if (operative.length === 0)
    warnings.push('No operative paragraphs were recognised: the draft will start with an empty operative part.');

  let finalTitle = (title || options.fallbackTitle).slice(0, MAX_TITLE_LENGTH);
  if (!finalTitle.trim()) finalTitle = 'Imported draft';
  return { title: finalTitle, preamble, operative, warnings };
}
