import { Node, mergeAttributes } from '@tiptap/core';
import { idAttribute, numberingAttribute } from './attributes';

/** The title of an annex ("Voluntary measures of cooperation"); its label (Annex I) is derived. */
export const AnnexTitle = Node.create({
  name: 'annexTitle',
  content: 'text*',
  marks: '',
  defining: true,
  parseHTML() {
    return [{ tag: 'h2.annex-title' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['h2', mergeAttributes(HTMLAttributes, { class: 'annex-title' }), 0];
  },
});

/**
 * An annex after the operative part: a title, then its own paragraphs (numbered A1.1, A1.2 … for
 * the first annex), optionally grouped under divisions. Annex paragraphs are clauses like any
 * other: ids, status, pillars, points, comments and amendments work on them alike.
 */
export const Annex = Node.create({
  name: 'annex',
  content: 'annexTitle division* clause (clause | division)*',
  defining: true,
  addAttributes() {
    return { id: idAttribute('annex'), numbering: numberingAttribute() };
  },
  parseHTML() {
    return [{ tag: 'section[data-section="annex"]' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['section', mergeAttributes(HTMLAttributes, { 'data-section': 'annex', class: 'section section-annex' }), 0];
  },
});
