import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { clauseAround } from './findClause';

/** Key of the plugin that marks the clause holding the caret. */
export const currentClausePluginKey = new PluginKey('currentClause');

/**
 * Marks the clause that holds the caret with `clause--current`, so its gutter stands out and a
 * drafter always sees which clause the toolbar and the shortcuts act on. One decoration,
 * recomputed from the selection only.
 */
export const CurrentClause = Extension.create({
  name: 'currentClause',

  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: currentClausePluginKey,
        props: {
          decorations(state) {
            const clause = clauseAround(state.selection.$head);
            if (!clause) return null;
            return DecorationSet.create(state.doc, [
              Decoration.node(clause.pos, clause.pos + clause.node.nodeSize, { class: 'clause--current' }),
            ]);
          },
        },
      }),
    ];
  },
});
