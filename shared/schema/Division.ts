import { Node, mergeAttributes } from '@tiptap/core';
import { DIVISION_LEVELS, isDivisionLevel } from '../structure';
import { idAttribute, invalid } from './attributes';

/**
 * A heading that groups the clauses after it, up to the next heading of its level or above: a
 * part (Part I, II …) or a section within a part (Section A, B …). Its content is its title; its
 * number is derived from its position, never stored. Clause numbering runs on across divisions,
 * so a heading moved or removed never renumbers the clauses it held. Exports nest the clauses
 * inside the divisions (Akoma Ntoso `part` and `section`).
 */
export const Division = Node.create({
  name: 'division',
  content: 'text*',
  marks: '',
  defining: true,
  addAttributes() {
    return {
      id: idAttribute('division'),
      level: {
        default: 'part',
        validate: (value: unknown) => {
          if (!isDivisionLevel(value)) invalid('level', DIVISION_LEVELS.join(' or '));
        },
        parseHTML: (element) => element.getAttribute('data-level') ?? 'part',
        renderHTML: (attributes) => ({ 'data-level': attributes.level }),
      },
    };
  },
  parseHTML() {
    return [{ tag: 'h2[data-level]' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['h2', mergeAttributes(HTMLAttributes, { class: 'division' }), 0];
  },
});
