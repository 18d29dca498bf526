/**
 * Square brackets and alternatives: how a negotiation marks words that are not agreed
 * (docs/brackets-and-alternatives.md). Both are written into the text as small inline markers
 * (atoms), so they move with the words, survive concurrent typing, and every version, restore and
 * export carries them: `[` and `]` around bracketed words, and `[Alt 1: … / Alt 2: … ]` around
 * competing wordings. Who holds a bracket open and who supports a wording is kept in the database.
 */
import { isSuggestionIdOf } from './suggestions';

/** Which end of a bracketed span a bracket marker stands at. */
export const BRACKET_SIDES = ['open', 'close'] as const;
export type BracketSide = (typeof BRACKET_SIDES)[number];

/**
 * Which marker of a set of alternatives: `open` begins the first wording, `next` begins each
 * further one, `close` ends the last.
 */
export const ALTERNATIVE_SIDES = ['open', 'next', 'close'] as const;
export type AlternativeSide = (typeof ALTERNATIVE_SIDES)[number];

/** Who placed a marker: the same attribution as a suggestion's (`<author>:<random>` ids). */
export interface MarkerAttribution {
  /** The bracket's (or the set of alternatives') id, shared by its markers. */
  id: string;
  delegation: string;
  author: string;
  at: string;
}

export interface BracketAttributes extends MarkerAttribution {
  side: BracketSide;
}

export interface AlternativeAttributes extends MarkerAttribution {
  side: AlternativeSide;
  /** The wording this marker begins (`open`, `next`), its own id; null for `close`. */
  option: string | null;
}

/** The node names of the markers. */
export const BRACKET_NODE = 'bracket';
export const ALTERNATIVE_NODE = 'alternative';
export const MARKER_NODES: ReadonlySet<string> = new Set([BRACKET_NODE, ALTERNATIVE_NODE]);

/**
 * A clause that is one wording of a whole clause: Alt 1 is the clause the set began from, Alt 2 …
 * the clauses right after it, each with its own paragraphs and points. The clause attribute
 * `alternative` holds `{ set, id, delegation, author, at }`: the set's id, shared by its clauses,
 * and the wording's own id (an option id), with who proposed that wording (for Alt 1, who formed
 * the set). Null on every other clause.
 */
export const CLAUSE_ALTERNATIVE_ATTRIBUTE = 'alternative';

export interface ClauseAlternative extends MarkerAttribution {
  /** The set's id, shared by its clauses. `id` is the wording's own. */
  set: string;
}

/** The clause alternative held by a clause's `alternative` attribute, or null when it holds none (or a malformed one). */
export function clauseAlternativeOf(value: unknown): ClauseAlternative | null {
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  const text = (key: string, max: number) =>
    typeof record[key] === 'string' && (record[key] as string).length > 0 && (record[key] as string).length <= max;
  if (!text('set', 100) || !text('id', 100) || !text('delegation', 64) || !text('author', 64) || !text('at', 40))
    return null;
  return {
    set: record.set as string,
    id: record.id as string,
    delegation: record.delegation as string,
    author: record.author as string,
    at: record.at as string,
  };
}

/**
 * Whether a clause's `alternative` makes it a further wording (Alt 2 …) proposed by `userId`: its
 * author writes it directly. The first wording (whose id is the set's) is nobody's own.
 */
export function isFurtherWordingBy(value: unknown, userId: string | undefined): boolean {
  const wording = clauseAlternativeOf(value);
  return wording !== null && wording.id !== wording.set && wording.author === userId;
}

/** Whether a marker's id (and an option id) belongs to its author, as suggestion ids do. */
export function isMarkerIdOf(id: unknown, author: unknown): boolean {
  return typeof id === 'string' && typeof author === 'string' && isSuggestionIdOf(id, author);
}

/** "Alt 1", "Alt 2": the label of the wording at `index` (0-based) of a set of alternatives. */
export function alternativeLabel(index: number): string {
  return `Alt ${index + 1}`;
}

/** A delegation or a person as the API names them. */
export interface Named {
  id: string;
  name: string;
}

/**
 * A bracket as `GET /api/drafts/:id/brackets` gives it:
 *   GET    /api/drafts/:id/brackets                         → { brackets, alternatives, counts, settled }
 *   PUT    /api/drafts/:id/brackets/:bracketId/holding { holding: boolean }   (delegations) → { bracket }
 *   DELETE /api/drafts/:id/brackets/:bracketId                (chair)       → { settlement }
 *   PUT    /api/drafts/:id/alternatives/:setId/support { option: string | null } (delegations) → { alternative }
 *   POST   /api/drafts/:id/alternatives/:setId/select { option: string } (chair) → { settlement }
 * Open clients hear of every change through the collab event `markers-changed`.
 */
export interface BracketView {
  id: string;
  clauseId: string | null;
  /** The clause's number now ("OP3"), or null outside a clause. */
  clauseNumber: string | null;
  text: string;
  openedBy: { delegation: Named; author: Named };
  at: string;
  /** The delegations holding it open now (the one that opened it, unless it left, and those that joined). */
  holders: Named[];
  closed: boolean;
}

export interface AlternativeOptionView {
  id: string;
  /** "Alt 1", "Alt 2" … */
  label: string;
  text: string;
  proposedBy: { delegation: Named; author: Named };
  supporters: Named[];
}

export interface AlternativeView {
  id: string;
  clauseId: string | null;
  clauseNumber: string | null;
  /** Wordings of a whole clause (each a clause of its own), not of words within one paragraph. */
  wholeClause: boolean;
  /** The clauses of a set of whole-clause wordings, in order (Alt 1 first); empty for words within a paragraph. */
  clauseIds: string[];
  options: AlternativeOptionView[];
  closed: boolean;
}

/** Open brackets counted per clause (by number), per pillar (by key) and per holding delegation (by id). */
export interface BracketCounts {
  byClause: Record<string, number>;
  byPillar: Record<string, number>;
  byDelegation: Record<string, number>;
}

/** A bracket lifted or a wording selected, as kept for the record. */
export interface SettlementView {
  markerId: string;
  kind: 'bracket' | 'alternative';
  clauseId: string | null;
  /** The bracketed words, or every wording with its supporters, as they stood when settled. */
  bracket: BracketView | null;
  alternative: AlternativeView | null;
  selectedOption: string | null;
  decidedBy: Named;
  decidedAt: string;
}
