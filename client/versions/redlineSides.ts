import { blockLineWords } from '../../shared/redline';
import type { BlockRedline, ClauseRedline, RedlineWords } from '../api/compareApi';

/** One line of one side of a redline: a paragraph of the clause (level 0) or a point at its level, its label first. */
export interface RedlineSideLine {
  level: number;
  /** The point's id, for tests and anchors ('' for a paragraph). */
  id: string;
  words: RedlineWords[];
}

/** The lines of one side of a clause's redline, for the side-by-side view. */
export interface RedlineSide {
  /** The clause's number on this side, or null when it does not exist there. */
  number: string | null;
  lines: RedlineSideLine[];
}

/** A block's line on one side: that side's label (struck or underlined when the whole point went or came), then its words. */
function sideLine(block: BlockRedline, which: 'from' | 'to'): RedlineSideLine {
  const hidden = which === 'from' ? 'insert' : 'delete';
  const label = which === 'from' ? block.fromLabel : block.toLabel;
  const whole: RedlineWords['op'] =
    block.change === 'added' ? 'insert' : block.change === 'removed' ? 'delete' : 'equal';
  return {
    level: block.level,
    id: block.id,
    words: [
      ...(label !== null ? [{ op: whole, text: `${label} ` }] : []),
      ...block.words.filter((word) => word.op !== hidden),
    ],
  };
}

/**
 * Splits a clause's redline into the older text (what stayed and what was deleted) and the
 * newer one (what stayed and what was inserted), block by block, each point with its own side's
 * label at its level: an added clause has no older side, a removed one no newer side, and a point
 * added or removed appears on one side only.
 */
export function redlineSides(clause: ClauseRedline): { from: RedlineSide | null; to: RedlineSide | null } {
  return {
    from:
      clause.change === 'added'
        ? null
        : {
            number: clause.fromNumber,
            lines: clause.blocks.filter((block) => block.change !== 'added').map((block) => sideLine(block, 'from')),
          },
    to:
      clause.change === 'removed'
        ? null
        : {
            number: clause.toNumber,
            lines: clause.blocks.filter((block) => block.change !== 'removed').map((block) => sideLine(block, 'to')),
          },
  };
}

/** Blocks of a redline as one text, block by block: each point's label as it changed ("(b)" struck, "(c)" inserted), then its words. */
export function blockLines(blocks: readonly BlockRedline[]): RedlineSideLine[] {
  return blocks.map((block) => ({ level: block.level, id: block.id, words: blockLineWords(block) }));
}

/** The clause's redline as one text (see {@link blockLines}). */
export function redlineInline(clause: ClauseRedline): RedlineSideLine[] {
  return blockLines(clause.blocks);
}

/** What happened to the clause's points beyond their words, by reference: moved, or moved to another level. */
export function pointMoves(clause: ClauseRedline): string[] {
  return clause.blocks
    .filter((block) => block.kind === 'point' && block.moved && block.fromReference && block.toReference)
    .map((block) => `${block.toReference} (was ${block.fromReference})`);
}

/** Whether a reader looking for changes needs to see this clause: it differs, or it moved. */
export function isChanged(clause: ClauseRedline): boolean {
  return clause.change !== 'unchanged' || clause.moved;
}
