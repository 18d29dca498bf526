import { Node, mergeAttributes } from '@tiptap/core';
import type { ClauseStatus } from '../clauses';

/**
 * One numbered paragraph of the norms text: a first paragraph, then further paragraphs or
 * lettered sub-paragraphs. Its `id` is stable for the clause's whole life; its number (PP2, OP7)
 * is derived from its position and never stored. `pillars` are pillar keys (see `pillars.ts`),
 * kept as written even when unknown so that a bad key is reported, never silently dropped.
 */
export const Clause = Node.create({
  name: 'clause',
  content: 'paragraph (paragraph | subparagraph)*',
  defining: true,
  addAttributes() {
    return {
      id: {
        default: null,
        parseHTML: (element) => element.getAttribute('data-clause-id'),
        renderHTML: (attributes) => (attributes.id ? { 'data-clause-id': attributes.id } : {}),
      },
      pillars: {
        default: [],
        parseHTML: (element) => (element.getAttribute('data-pillars') ?? '').split(/\s+/).filter(Boolean),
        renderHTML: (attributes) => {
          const pillars = Array.isArray(attributes.pillars) ? (attributes.pillars as string[]) : [];
          return pillars.length > 0 ? { 'data-pillars': pillars.join(' ') } : {};
        },
      },
      status: {
        default: 'open' satisfies ClauseStatus,
        parseHTML: (element) => element.getAttribute('data-status') ?? 'open',
        renderHTML: (attributes) => ({ 'data-status': attributes.status }),
      },
      // Who last set `status` and when: written by the server when it accepts a status change
      // (never by a client), so an agreed clause can say who agreed it. Null before that.
      statusBy: { default: null, parseHTML: () => null, renderHTML: () => ({}) },
      statusAt: { default: null, parseHTML: () => null, renderHTML: () => ({}) },
    };
  },
  parseHTML() {
    return [{ tag: 'div[data-clause-id]' }, { tag: 'div.clause' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['div', mergeAttributes(HTMLAttributes, { class: 'clause' }), 0];
  },
});
