import { Node, mergeAttributes } from '@tiptap/core';
import { numberingAttribute } from './attributes';

/** The preamble: preambular clauses ("Recognizing that …"), numbered PP1, PP2 … */
export const PreambleSection = Node.create({
  name: 'preamble',
  content: 'clause+',
  defining: true,
  addAttributes() {
    return { numbering: numberingAttribute() };
  },
  parseHTML() {
    return [{ tag: 'section[data-section="preamble"]' }];
  },
  renderHTML({ HTMLAttributes }) {
    return [
      'section',
      mergeAttributes(HTMLAttributes, { 'data-section': 'preamble', class: 'section section-preamble' }),
      0,
    ];
  },
});
