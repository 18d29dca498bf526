import { Node, mergeAttributes } from '@tiptap/core';

/**
 * One numbered paragraph of the norms text. Its `id` is stable for the clause's whole life;
 * its number is derived from its position and never stored.
 */
export const Clause = Node.create({
  name: 'clause',
  content: 'paragraph+',
  defining: true,
  addAttributes() {
    return {
      id: {
        default: null,
        parseHTML: (element) => element.getAttribute('data-clause-id'),
        renderHTML: (attributes) => (attributes.id ? { 'data-clause-id': attributes.id } : {}),
      },
    };
  },
  parseHTML() {
    return [{ tag: 'div[data-clause-id]' }, { tag: 'div.clause' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['div', mergeAttributes(HTMLAttributes, { class: 'clause' }), 0];
  },
});
