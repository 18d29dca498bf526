import { clauseNodesById } from '../../shared/clauseBlocks';
import type { DocumentNodeJSON } from '../../shared/documentJSON';
import type { WordChange } from '../../shared/redline';

/** Whether a redline changes anything. */
export function hasChanges(words: readonly WordChange[]): boolean {
  return words.some((word) => word.op !== 'equal');
}

/** The clause node with `id` in a document (a version's text), wherever it stands (annexes too), or null. */
export function findClauseNode(document: DocumentNodeJSON, id: string): DocumentNodeJSON | null {
  return clauseNodesById(document).get(id) ?? null;
}
