import type { ClauseRedline, RedlineWords } from '../api/compareApi';

/** The words of one side of a clause's redline, for the side-by-side view. */
export interface RedlineSide {
  /** The clause's number on this side, or null when it does not exist there. */
  number: string | null;
  words: RedlineWords[];
}

/**
 * Splits a clause's redline into the older text (what stayed and what was deleted) and the
 * newer one (what stayed and what was inserted): an added clause has no older side, a removed
 * one no newer side.
 */
export function redlineSides(clause: ClauseRedline): { from: RedlineSide | null; to: RedlineSide | null } {
  return {
    from:
      clause.change === 'added'
        ? null
        : { number: clause.fromNumber, words: clause.words.filter((word) => word.op !== 'insert') },
    to:
      clause.change === 'removed'
        ? null
        : { number: clause.toNumber, words: clause.words.filter((word) => word.op !== 'delete') },
  };
}

/** Whether a reader looking for changes needs to see this clause: it differs, or it moved. */
export function isChanged(clause: ClauseRedline): boolean {
  return clause.change !== 'unchanged' || clause.moved;
}
