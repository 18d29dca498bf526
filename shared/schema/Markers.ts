import { Node, mergeAttributes } from '@tiptap/core';
import { ALTERNATIVE_NODE, ALTERNATIVE_SIDES, BRACKET_NODE, BRACKET_SIDES } from '../negotiation';
import { invalid } from './attributes';

function text(name: string, maxLength: number, nullable = false) {
  return {
    default: null,
    validate: (value: unknown) => {
      if (nullable && value === null) return;
      if (typeof value !== 'string' || value.length === 0 || value.length > maxLength)
        invalid(name, `a text of 1 to ${maxLength} characters`);
    },
    parseHTML: (element: HTMLElement) => element.getAttribute(`data-${name}`),
    renderHTML: (attributes: Record<string, unknown>) =>
      attributes[name] === null ? {} : { [`data-${name}`]: attributes[name] },
  };
}

function oneOf(name: string, values: readonly string[]) {
  return {
    default: values[0],
    validate: (value: unknown) => {
      if (typeof value !== 'string' || !values.includes(value)) invalid(name, `one of ${values.join(', ')}`);
    },
    parseHTML: (element: HTMLElement) => element.getAttribute(`data-${name}`),
    renderHTML: (attributes: Record<string, unknown>) => ({ [`data-${name}`]: attributes[name] }),
  };
}

const attribution = () => ({
  id: text('id', 100),
  delegation: text('delegation', 64),
  author: text('author', 64),
  at: text('at', 40),
});

/**
 * One end of a bracketed span: `[` or `]`. The words between a delegation's pair are not agreed;
 * who holds them open is kept by the server. Only the chair removes a bracket.
 */
export const Bracket = Node.create({
  name: BRACKET_NODE,
  group: 'inline',
  inline: true,
  atom: true,
  selectable: false,
  addAttributes() {
    return { ...attribution(), side: oneOf('side', BRACKET_SIDES) };
  },
  parseHTML() {
    return [{ tag: 'span[data-bracket]' }];
  },
  renderHTML({ node, HTMLAttributes }) {
    const open = node.attrs.side === 'open';
    return [
      'span',
      mergeAttributes(HTMLAttributes, { 'data-bracket': '', class: `bracket bracket--${String(node.attrs.side)}` }),
      open ? '[' : ']',
    ];
  },
  renderText({ node }) {
    return node.attrs.side === 'open' ? '[' : ']';
  },
});

/**
 * A marker of competing wordings: `open` begins the first ("[Alt 1: "), `next` each further one
 * (" / Alt 2: "), `close` ends them ("]"). The chair selects one when it is agreed; the others are
 * kept in the record.
 */
export const Alternative = Node.create({
  name: ALTERNATIVE_NODE,
  group: 'inline',
  inline: true,
  atom: true,
  selectable: false,
  addAttributes() {
    return { ...attribution(), side: oneOf('side', ALTERNATIVE_SIDES), option: text('option', 100, true) };
  },
  parseHTML() {
    return [{ tag: 'span[data-alternative]' }];
  },
  renderHTML({ node, HTMLAttributes }) {
    const side = String(node.attrs.side);
    // The wording's label ("Alt 2: ") is drawn by the editor from its place in the set.
    const shown = side === 'open' ? '[' : side === 'next' ? ' / ' : ']';
    return [
      'span',
      mergeAttributes(HTMLAttributes, { 'data-alternative': '', class: `alternative alternative--${side}` }),
      shown,
    ];
  },
  renderText({ node }) {
    const side = String(node.attrs.side);
    return side === 'open' ? '[' : side === 'next' ? ' / ' : ']';
  },
});
