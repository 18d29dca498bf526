import { Extension } from '@tiptap/core';
import { taxonomyOf } from './ClauseNumbering';
import { clauseAround } from './findClause';
import { PROPOSE_PARAGRAPH_EVENT, suggestsAtCaret } from './SuggestMode';

/** Fired (bubbling) on the editor's DOM by Alt-F10: the page moves focus to the clause toolbar. */
export const FOCUS_CLAUSE_TOOLBAR_EVENT = 'accord:focus-clause-toolbar';

/** Fired (bubbling) on the editor's DOM by Mod-Alt-F: the page opens the footnote form at the caret. */
export const OPEN_FOOTNOTE_EVENT = 'accord:open-footnote';

/** The key that adds a new point after the caret's point or paragraph. */
export const NEW_POINT_SHORTCUT = 'Mod-Shift-Enter';

/**
 * The keys that make the caret's paragraph a point (a point a level deeper, a part heading a
 * section) and lift it back: Google Docs' indent keys. Tab is never one of them: it moves focus
 * in and out of the text, as in every other field of the page.
 */
export const INDENT_SHORTCUT = 'Mod-]';
export const OUTDENT_SHORTCUT = 'Mod-[';

/** The key that opens the footnote form at the caret (Word's key for a footnote). */
export const FOOTNOTE_SHORTCUT = 'Mod-Alt-f';

/**
 * The keys a drafter expects in a numbered text: Enter starts or splits clauses and points, Mod-]
 * and Mod-[ make, nest and unnest points (and make a heading a section or a part), Tab and
 * Shift-Tab are left to the browser so focus leaves the text, Mod-Shift-Enter adds a point, Mod-Alt-F a footnote, Mod-Alt-↑/↓ move the clause, Mod-Alt-1 … 9
 * tag and untag the clause with the draft's pillar 1 … 9 (taxonomy order, as the menu lists them), Alt-F10
 * reaches the clause toolbar. Shift-Enter (a line break) is HardBreak's. Runs before Tiptap's own keymap.
 */
export const ClauseKeymap = Extension.create({
  name: 'clauseKeymap',
  priority: 1000,

  addKeyboardShortcuts() {
    // The draft's own pillars, as they are when the key is pressed (the chair may change them meanwhile).
    const pillarShortcuts = Object.fromEntries(
      Array.from({ length: 9 }, (_, index) => [
        `Mod-Alt-${index + 1}`,
        () => {
          const key = taxonomyOf(this.editor.state).keys[index];
          return key !== undefined && this.editor.commands.toggleClausePillar(key);
        },
      ]),
    );
    return {
      Enter: () => {
        // While suggesting, a new paragraph is proposed as a whole, written in the suggestions panel.
        if (suggestsAtCaret(this.editor.state) && clauseAround(this.editor.state.selection.$from)) {
          this.editor.view.dom.dispatchEvent(new CustomEvent(PROPOSE_PARAGRAPH_EVENT, { bubbles: true }));
          return true;
        }
        return this.editor.commands.clauseEnter();
      },
      Backspace: () => this.editor.commands.clauseBackspace(),
      Delete: () => this.editor.commands.clauseDelete(),
      [INDENT_SHORTCUT]: () => this.editor.commands.indentClauseBlock(),
      [OUTDENT_SHORTCUT]: () => this.editor.commands.outdentClauseBlock(),
      [NEW_POINT_SHORTCUT]: () => this.editor.commands.insertPoint(),
      [FOOTNOTE_SHORTCUT]: () => {
        this.editor.view.dom.dispatchEvent(new CustomEvent(OPEN_FOOTNOTE_EVENT, { bubbles: true }));
        return true;
      },
      'Mod-Alt-ArrowUp': () => this.editor.commands.moveClause('up'),
      'Mod-Alt-ArrowDown': () => this.editor.commands.moveClause('down'),
      'Alt-F10': () => {
        this.editor.view.dom.dispatchEvent(new CustomEvent(FOCUS_CLAUSE_TOOLBAR_EVENT, { bubbles: true }));
        return true;
      },
      ...pillarShortcuts,
    };
  },
});
