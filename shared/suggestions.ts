/**
 * Suggestions: tracked insertions and deletions made in suggest mode, attributed to a person and
 * the delegation they speak for (docs/suggestions.md). They live in the text itself as two marks,
 * `insertion` and `deletion`, so they move with the words, survive concurrent typing and are
 * carried by every version, restore and export like any other formatting.
 */

/** The two kinds of suggestion: words proposed for the text, or words proposed to leave it. */
export const SUGGESTION_KINDS = ['insert', 'delete'] as const;
export type SuggestionKind = (typeof SUGGESTION_KINDS)[number];

/** The mark that carries each kind. */
export const SUGGESTION_MARKS: Record<SuggestionKind, 'insertion' | 'deletion'> = {
  insert: 'insertion',
  delete: 'deletion',
};

/** The attributes of a suggestion mark: which suggestion the words belong to, and whose it is. */
export interface SuggestionAttributes {
  /** `<author>:<random>`: an id names its author, so no client can reuse another person's id. */
  id: string;
  /** The delegation the author speaks for (their affiliation id). */
  delegation: string;
  /** The author's user id. */
  author: string;
  /** When the suggestion was first made (ISO 8601), as the author's editor said. */
  at: string;
}

/** What the random part of an id may look like. */
const ID_TAIL = /^[A-Za-z0-9_-]{6,32}$/;
/** What user and affiliation ids may look like (the server's are nanoids). */
const PERSON_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The id of a new suggestion by `author`. */
export function newSuggestionId(author: string, random: string): string {
  return `${author}:${random}`;
}

/** Whether `id` is a well-formed suggestion id belonging to `author`. */
export function isSuggestionIdOf(id: string, author: string): boolean {
  return id.startsWith(`${author}:`) && ID_TAIL.test(id.slice(author.length + 1));
}

/**
 * Why `value` is not a suggestion mark's attributes, or null when it is: every attribute present,
 * the id its author's, the time a real one. The schema and the server's checks both use it.
 */
export function suggestionAttributesProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'a suggestion needs its attributes';
  const { id, delegation, author, at } = value as Record<string, unknown>;
  if (typeof author !== 'string' || !PERSON_ID.test(author)) return 'a suggestion needs its author';
  if (typeof delegation !== 'string' || !PERSON_ID.test(delegation)) return 'a suggestion needs its delegation';
  if (typeof id !== 'string' || !isSuggestionIdOf(id, author)) return "a suggestion's id must be its author's";
  if (typeof at !== 'string' || at.length > 40 || Number.isNaN(Date.parse(at))) return 'a suggestion needs its time';
  return null;
}

/** Reads a mark's attributes as a suggestion's, or null when they are not well formed. */
export function suggestionAttributesOf(value: unknown): SuggestionAttributes | null {
  return suggestionAttributesProblem(value) === null ? (value as SuggestionAttributes) : null;
}
