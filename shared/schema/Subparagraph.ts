import { Node, mergeAttributes } from '@tiptap/core';

/** A lettered sub-paragraph of a clause: (a), (b) … derived from its position, never stored. */
export const Subparagraph = Node.create({
  name: 'subparagraph',
  content: 'paragraph',
  defining: true,
  parseHTML() {
    return [{ tag: 'div.subparagraph' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['div', mergeAttributes(HTMLAttributes, { class: 'subparagraph' }), 0];
  },
});
