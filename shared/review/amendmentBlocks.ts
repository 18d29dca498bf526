import { clauseBlocks } from '../clauseBlocks';
import type { DocumentNodeJSON } from '../documentJSON';
import type { BlockRedline } from '../redline';
import { compareBlocks } from '../redline';
import type { AmendmentKind } from './types';

/**
 * An amendment's redline block by block, the same in the proposal form and in the API: for a
 * change, the base clause against the proposed one with points aligned by id at every level; a
 * new clause all inserted; a deleted one all struck.
 */
export function amendmentBlocks(
  kind: AmendmentKind,
  base: DocumentNodeJSON | null | undefined,
  baseNumber: string,
  proposed: DocumentNodeJSON | null,
): BlockRedline[] {
  const before = base && kind !== 'add' ? clauseBlocks(base, baseNumber) : [];
  const after = proposed && kind !== 'delete' ? clauseBlocks(proposed, kind === 'add' ? '' : baseNumber) : [];
  return compareBlocks(before, after);
}
