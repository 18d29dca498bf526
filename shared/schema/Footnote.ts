import { Node, mergeAttributes } from '@tiptap/core';
import { MAX_FOOTNOTE_LENGTH } from '../limits';
import { invalid } from './attributes';

/**
 * A footnote anchored where it stands in the text: a document symbol ("A/70/174") or a reference
 * to an earlier instrument. It is numbered by its position among the draft's footnotes, never by
 * a stored number. The note is plain text held in one attribute, so a footnote moves, is copied
 * and is deleted with the words around it.
 */
export const Footnote = Node.create({
  name: 'footnote',
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,
  addAttributes() {
    return {
      note: {
        default: '',
        validate: (value: unknown) => {
          if (typeof value !== 'string' || value.length > MAX_FOOTNOTE_LENGTH)
            invalid('note', `a text of at most ${MAX_FOOTNOTE_LENGTH} characters`);
        },
        parseHTML: (element) => element.getAttribute('data-note') ?? element.textContent ?? '',
        renderHTML: (attributes) => ({ 'data-note': attributes.note }),
      },
    };
  },
  parseHTML() {
    return [{ tag: 'sup[data-note]' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['sup', mergeAttributes(HTMLAttributes, { class: 'footnote' })];
  },
  renderText({ node }) {
    return `[${String(node.attrs.note)}]`;
  },
});
