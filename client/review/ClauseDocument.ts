import { Extension, Node } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { subparagraphLetter } from '../../shared/clauses';

/**
 * The top node of the small clause editor: exactly one `clause`, in the draft's own schema, so
 * what a delegate writes there is a clause node the server and every export already understand.
 */
export const ClauseDocument = Node.create({
  name: 'doc',
  topNode: true,
  content: 'clause',
});

/** The letters of the clause's sub-paragraphs, from `subparagraphLetter` as everywhere else. */
function letterDecorations(doc: ProseMirrorNode): DecorationSet {
  const decorations: Decoration[] = [];
  doc.forEach((clause, clauseOffset) => {
    let letter = 0;
    clause.forEach((block, offset) => {
      if (block.type.name !== 'subparagraph') return;
      const from = clauseOffset + 1 + offset;
      decorations.push(Decoration.node(from, from + block.nodeSize, { 'data-letter': subparagraphLetter(letter++) }));
    });
  });
  return DecorationSet.create(doc, decorations);
}

/**
 * The clause editor's keys and letters. Tab and Shift-Tab make a later paragraph a lettered
 * sub-paragraph and back, as in the draft's editor. Where neither applies (the first paragraph,
 * which the schema keeps a paragraph) the key is left to the browser, so Tab still leaves the field.
 */
export const ClauseEditorKeymap = Extension.create({
  name: 'clauseEditorKeymap',
  addKeyboardShortcuts() {
    return {
      Tab: () => this.editor.commands.wrapIn('subparagraph'),
      'Shift-Tab': () => this.editor.commands.lift('subparagraph'),
    };
  },
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('clauseEditorLetters'),
        props: { decorations: (state) => letterDecorations(state.doc) },
      }),
    ];
  },
});
