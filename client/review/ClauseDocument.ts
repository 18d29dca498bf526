import { Extension, Node } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { INDENT_SHORTCUT, OUTDENT_SHORTCUT } from '../editor/ClauseKeymap';
import { indentPoint, outdentPoint, pointLabelDecorations, splitPoint } from './clausePoints';

/**
 * The top node of the small clause editor: exactly one `clause`, in the draft's own schema, so
 * what a delegate writes there is a clause node the server and every export already understand.
 */
export const ClauseDocument = Node.create({
  name: 'doc',
  topNode: true,
  content: 'clause',
});

/**
 * The clause editor's keys and labels, the draft editor's own: Mod-] makes a later paragraph a
 * point and a point one level deeper ((a) → (i) → (A)), Mod-[ one level shallower, Enter in a point
 * starts the next point; each point shows its label, derived live from its level and place
 * (`clausePoints.ts`). Tab is left to the browser: it leaves the field.
 */
export const ClauseEditorKeymap = Extension.create({
  name: 'clauseEditorKeymap',
  // Before the editor's default keys, so Enter in a point starts the next point.
  priority: 1000,
  addKeyboardShortcuts() {
    return {
      [INDENT_SHORTCUT]: () => indentPoint(this.editor.state, this.editor.view.dispatch),
      [OUTDENT_SHORTCUT]: () => outdentPoint(this.editor.state, this.editor.view.dispatch),
      Enter: () => splitPoint(this.editor.state, this.editor.view.dispatch),
    };
  },
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('clauseEditorLabels'),
        props: { decorations: (state) => pointLabelDecorations(state.doc) },
      }),
    ];
  },
});
