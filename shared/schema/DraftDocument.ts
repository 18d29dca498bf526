import { Node } from '@tiptap/core';

/**
 * The top node of a draft: its title, the opening formula if it has one, the preambular clauses,
 * the operative clauses, then its annexes. The order is fixed by the schema, so numbering (PP
 * before OP before the annexes) can never be confused.
 */
export const DraftDocument = Node.create({
  name: 'doc',
  topNode: true,
  content: 'title formula? preamble operative annex*',
});
