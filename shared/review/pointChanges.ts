import type { BlockRedline } from '../redline';
import { changesWords } from '../redline';

/** What an amendment does to one block of its clause: its words (replaced, inserted, deleted), or the point itself. */
export type PointChangeKind = 'replace' | 'insert' | 'delete' | 'added' | 'removed' | 'moved';

/** One change an amendment makes to its clause, named by reference: "OP1(b)(ii)", or "OP1" for the clause's own words. */
export interface PointChange {
  reference: string;
  change: PointChangeKind;
}

const PHRASES: Record<PointChangeKind, string> = {
  replace: 'replaced words',
  insert: 'inserted words',
  delete: 'deleted words',
  added: 'point added',
  removed: 'point deleted',
  moved: 'point moved',
};

/**
 * The changes a redline of one clause makes, block by block, each named by reference: a point
 * added (by its new reference), deleted or moved (by its old one), or words replaced, inserted
 * or deleted in a point or in the clause's own paragraphs (`clauseNumber`).
 */
export function pointChanges(blocks: readonly BlockRedline[], clauseNumber: string): PointChange[] {
  const changes: PointChange[] = [];
  for (const block of blocks) {
    if (block.change === 'added') {
      changes.push({
        reference: block.toReference ?? clauseNumber,
        change: block.kind === 'point' ? 'added' : 'insert',
      });
      continue;
    }
    if (block.change === 'removed') {
      changes.push({
        reference: block.fromReference ?? clauseNumber,
        change: block.kind === 'point' ? 'removed' : 'delete',
      });
      continue;
    }
    const reference = block.fromReference ?? clauseNumber;
    if (block.moved) changes.push({ reference, change: 'moved' });
    if (!changesWords(block.words)) continue;
    const inserts = block.words.some((word) => word.op === 'insert' && word.text.trim());
    const deletes = block.words.some((word) => word.op === 'delete' && word.text.trim());
    changes.push({ reference, change: inserts && deletes ? 'replace' : inserts ? 'insert' : 'delete' });
  }
  return changes;
}

/** One change in words: "OP1(b)(ii): point added", "OP3: replaced words". */
export function pointChangeText(change: PointChange): string {
  return `${change.reference}: ${PHRASES[change.change]}`;
}

/** Whether the changes reach below the clause's own words (a point changed, added, deleted or moved). */
export function touchesPoints(changes: readonly PointChange[], clauseNumber: string): boolean {
  return changes.some((change) => change.reference !== clauseNumber);
}
