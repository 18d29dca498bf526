import { Node, mergeAttributes } from '@tiptap/core';

/** The formal title of the norms text; the drafts list shows it as the draft's name. */
export const DraftTitle = Node.create({
  name: 'title',
  content: 'text*',
  marks: '',
  defining: true,
  parseHTML() {
    return [{ tag: 'h1' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['h1', mergeAttributes(HTMLAttributes, { class: 'draft-title' }), 0];
  },
});
