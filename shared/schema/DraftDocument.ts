import { Node } from '@tiptap/core';

/**
 * The top node of a draft: its title, then the preambular clauses, then the operative clauses.
 * The order is fixed by the schema, so numbering (PP before OP) can never be confused.
 */
export const DraftDocument = Node.create({
  name: 'doc',
  topNode: true,
  content: 'title preamble operative',
});
