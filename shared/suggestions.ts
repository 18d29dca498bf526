/**
 * Suggestions: tracked insertions and deletions made in suggest mode, attributed to a person and
 * the delegation they speak for (docs/suggestions.md). They live in the text itself as two marks,
 * `insertion` and `deletion`, so they move with the words, survive concurrent typing and are
 * carried by every version, restore and export like any other formatting.
 */

import type { DocumentNodeJSON } from './documentJSON';

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

/** Where a suggestion stands: open while its marks are in the text, then as decided. */
export const SUGGESTION_STATUSES = ['open', 'accepted', 'rejected', 'withdrawn'] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];

/** A delegation's position on someone else's suggestion. */
export type SuggestionStance = 'support' | 'oppose';

/**
 * A suggestion as the API gives it (`GET /api/drafts/:id/suggestions`):
 *   GET  /api/drafts/:id/suggestions                      → { suggestions: Suggestion[], facilitatorMode: boolean }
 *   POST /api/drafts/:id/suggestions/:suggestionId/accept  (chair)          → { suggestion }
 *   POST /api/drafts/:id/suggestions/:suggestionId/reject  (chair)          → { suggestion }
 *   POST /api/drafts/:id/suggestions/:suggestionId/withdraw (its author)    → { suggestion }
 *   PUT  /api/drafts/:id/suggestions/:suggestionId/stance { stance: 'support' | 'oppose' | null } (delegates) → { suggestion }
 *   POST /api/drafts/:id/clauses/:clauseId/suggestions/accept-all | reject-all (chair) → { suggestions }
 *   PUT  /api/drafts/:id/facilitator-mode { on: boolean } (chair) → { facilitatorMode }
 * Every action is in the audit log and the clause's history; open clients hear of it through the
 * collab events `suggestions-changed` and `facilitator-mode`.
 */
export interface Suggestion {
  id: string;
  /** The clause it is in (null if its words are outside any clause). */
  clauseId: string | null;
  kind: SuggestionKind;
  /** The words inserted or proposed for removal. */
  text: string;
  /** While open: it is every word of its clause (a new paragraph proposed, or a paragraph proposed for deletion). */
  wholeParagraph: boolean;
  delegation: { id: string; name: string };
  author: { id: string; name: string };
  at: string;
  status: SuggestionStatus;
  /** Delegations supporting it, and opposing it (ids and names). */
  supporters: { id: string; name: string }[];
  opponents: { id: string; name: string }[];
  /** Who decided it and when (accepted, rejected or withdrawn). */
  decidedBy: { id: string; name: string } | null;
  decidedAt: string | null;
}

/**
 * Whether a clause is a paragraph proposed as a whole: it holds words and every one of them is in
 * an insertion. Until accepted it does not count in the text as it stands: it is numbered after the
 * clause before it ("OP3 bis") and clean exports leave it out.
 */
export function isProposedClause(clause: DocumentNodeJSON): boolean {
  let words = 0;
  const stack: DocumentNodeJSON[] = [clause];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'text') {
      if (!node.marks?.some((mark) => mark.type === SUGGESTION_MARKS.insert)) return false;
      words += (node.text ?? '').length;
    }
    stack.push(...(node.content ?? []));
  }
  return words > 0;
}
