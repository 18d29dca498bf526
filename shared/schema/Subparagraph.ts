import { Node, mergeAttributes } from '@tiptap/core';
import { validateId } from './attributes';

/**
 * A point of a clause: its own paragraph, then points of the next level. Points nest three
 * levels deep ((a) → (i) → (A), see `shared/structure.ts`); the label is derived from the level and
 * the position, never stored. The schema cannot count levels, so the depth is checked with the
 * other limits (`MAX_POINT_LEVELS`), by the server on every change and by the editor's commands.
 * The node keeps its first name, `subparagraph`, so drafts written before points nested read
 * unchanged; its `id` is stable for the point's whole life, as a clause's is.
 */
export const Subparagraph = Node.create({
  name: 'subparagraph',
  content: 'paragraph subparagraph*',
  defining: true,
  addAttributes() {
    return {
      id: {
        default: null,
        validate: validateId,
        parseHTML: (element) => element.getAttribute('data-point-id'),
        renderHTML: (attributes) => (attributes.id ? { 'data-point-id': attributes.id } : {}),
      },
    };
  },
  parseHTML() {
    return [{ tag: 'div.subparagraph' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['div', mergeAttributes(HTMLAttributes, { class: 'subparagraph' }), 0];
  },
});
