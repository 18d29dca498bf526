import type { ClauseKind } from '../../../shared/clauses';

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
/** "A1.2": a paragraph of an annex as Accord numbers it. */
const ANNEX_NUMBER = /^A(\d{1,2})\.(\d{1,3})\b\.?(?:\s+(.*)|$)/;
/** "Pillars: Attribution; Resilience", as Accord's own exports tag a clause. */
export const PILLAR_LINE = /^pillars?\s*:\s*(.+)$/i;
/** A heading that opens the preamble. */
export const PREAMBLE_HEADING = /^(?:preamble|preambular (?:part|paragraphs?|section))\s*:?$/i;
/** A heading that opens the operative part. */
export const OPERATIVE_HEADING = /^(?:operative (?:part|paragraphs?|section|provisions))\s*:?$/i;

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
export function opensLikePreamble(text: string): boolean {
  const match = PREAMBULAR_OPENERS.exec(text);
  if (!match) return false;
  const last = match[0].split(/\s+/).pop()!.toLowerCase();
  return !NOT_PARTICIPLES.has(last);
}

/** A text without the footnotes at its end: "resolution 70/1,^[A/RES/70/1]" ends with the comma. */
export function withoutTrailingNotes(text: string): string {
  return text.replace(/(?:\s*\^\[(?:[^[\]]|\[[^[\]]*\])*\])+\s*$/, '');
}

/** Whether a paragraph ends as preambular paragraphs do, with a comma (closing quotes or brackets allowed after it). */
export function endsWithComma(text: string): boolean {
  return /,["'”’)\]]*$/.test(withoutTrailingNotes(text));
}

/** The number a line starts with, the kind it implies and the text after it; null when it is not numbered. */
export function numbered(text: string): { sourceNumber: string; kind: ClauseKind | null; rest: string } | null {
  let match = PREFIXED.exec(text);
  if (match)
    return {
      sourceNumber: `${match[1]!.toUpperCase()}${match[2]}`,
      kind: match[1]!.toUpperCase() === 'PP' ? 'preambular' : 'operative',
      rest: match[3] ?? '',
    };
  match = ANNEX_NUMBER.exec(text);
  if (match) return { sourceNumber: `A${match[1]}.${match[2]}`, kind: 'annex', rest: match[3] ?? '' };
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
