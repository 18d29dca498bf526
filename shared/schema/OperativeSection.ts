import { Node, mergeAttributes } from '@tiptap/core';
import { numberingAttribute } from './attributes';

/**
 * The operative part: clauses that carry the commitments ("States should …"), numbered OP1, OP2 …,
 * optionally grouped under divisions (parts and sections).
 */
export const OperativeSection = Node.create({
  name: 'operative',
  content: 'division* clause (clause | division)*',
  defining: true,
  addAttributes() {
    return { numbering: numberingAttribute() };
  },
  parseHTML() {
    return [{ tag: 'section[data-section="operative"]' }];
  },
  renderHTML({ HTMLAttributes }) {
    return [
      'section',
      mergeAttributes(HTMLAttributes, { 'data-section': 'operative', class: 'section section-operative' }),
      0,
    ];
  },
});
