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

/** Whether a marker's id (and an option id) belongs to its author, as suggestion ids do. */
export function isMarkerIdOf(id: unknown, author: unknown): boolean {
  return typeof id === 'string' && typeof author === 'string' && isSuggestionIdOf(id, author);
}

/** "Alt 1", "Alt 2": the label of the wording at `index` (0-based) of a set of alternatives. */
export function alternativeLabel(index: number): string {
  return `Alt ${index + 1}`;
}
