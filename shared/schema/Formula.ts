import { Node, mergeAttributes } from '@tiptap/core';

/**
 * The opening formula that names who speaks ("The General Assembly,", "The States participating
 * in this Framework,"). Optional, so drafts written before it existed read unchanged; plain text.
 */
export const Formula = Node.create({
  name: 'formula',
  content: 'text*',
  marks: '',
  defining: true,
  parseHTML() {
    return [{ tag: 'p.formula' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['p', mergeAttributes(HTMLAttributes, { class: 'formula' }), 0];
  },
});
