import type { DocumentNodeJSON } from '../../shared/documentJSON';
import type { WordChange } from '../../shared/redline';

/** Whether a redline changes anything. */
export function hasChanges(words: readonly WordChange[]): boolean {
  return words.some((word) => word.op !== 'equal');
}

/** The clause node with `id` in a document (a version's text), or null. */
export function findClauseNode(document: DocumentNodeJSON, id: string): DocumentNodeJSON | null {
  for (const section of document.content ?? []) {
    for (const node of section.content ?? []) {
      if (node.type === 'clause' && node.attrs?.id === id) return node;
    }
  }
  return null;
}
