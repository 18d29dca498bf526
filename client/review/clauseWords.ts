import { diffWordsWithSpace } from 'diff';
import type { DocumentNodeJSON } from '../../shared/documentJSON';
import { readOutline } from '../../shared/outline';
import type { WordChange } from '../../shared/redline';

/**
 * The plain text of a `clause` node as the outline reads it (paragraphs on their own lines,
 * sub-paragraphs with their letters): read by `readOutline` itself, so the redline shown while
 * a delegate types compares exactly what the server's redline compares.
 */
export function clausePlainText(clause: DocumentNodeJSON): string {
  const outline = readOutline({ type: 'doc', content: [{ type: 'title' }, { type: 'preamble', content: [] }, { type: 'operative', content: [clause] }] });
  return outline.clauses[0]?.text ?? '';
}

/** Word by word, what changes from `before` to `after`, the way the server's redlines mark it. */
export function wordChanges(before: string, after: string): WordChange[] {
  if (before === after) return before === '' ? [] : [{ op: 'equal', text: before }];
  return diffWordsWithSpace(before, after).map((part) => ({ op: part.added ? 'insert' : part.removed ? 'delete' : 'equal', text: part.value }));
}

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
