import { Extension } from '@tiptap/core';
import type { EditorState, Transaction } from '@tiptap/pm/state';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { ReplaceStep } from '@tiptap/pm/transform';
import { isAgreedStatus } from '../../shared/clauses';
import { CLAUSE_ALTERNATIVE_ATTRIBUTE, isFurtherWordingBy } from '../../shared/negotiation';
import { clauseAround } from './findClause';
import { isRemoteChange } from './isRemoteChange';
import { textPermissionsIn } from './LockedText';
import type { Suggester } from './suggesting';
import { SUGGESTED_META, suggestChange, withoutOthersMarks } from './suggesting';

/** How the person changes the text now. */
export interface SuggestModeState {
  /** They chose to suggest (the toggle). */
  suggesting: boolean;
  /** The chair made suggesting the only way for everyone else (facilitator mode). */
  facilitator: boolean;
  /** Who they are, for attribution; null until known (then nothing is rewritten). */
  suggester: Suggester | null;
}

/** Key of the suggest-mode plugin; the toolbar reads the mode from its state. */
export const suggestModeKey = new PluginKey<SuggestModeState>('suggestMode');

/** Options of {@link SuggestMode}. */
export interface SuggestModeOptions {
  /** Told why a change made while suggesting was dropped (it only touched others' words, or was not about words). */
  onRefused: (reason: string) => void;
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    suggestMode: {
      /** Switches between editing and suggesting. */
      setSuggesting: (on: boolean) => ReturnType;
      /** The draft's facilitator mode, as the server says it is. */
      setFacilitatorMode: (on: boolean) => ReturnType;
      /** Who is suggesting. */
      setSuggester: (suggester: Suggester) => ReturnType;
    };
  }
}

/** The mode in `state`. */
export function suggestModeIn(state: EditorState): SuggestModeState {
  return suggestModeKey.getState(state) ?? { suggesting: false, facilitator: false, suggester: null };
}

/**
 * Whether a change at `pos` (null: a change of several steps) must be a suggestion: the person
 * chose so, the draft is in facilitator mode, or it is in agreed text.
 */
function mustSuggestAt(state: EditorState, pos: number | null, mode: SuggestModeState): boolean {
  const permissions = textPermissionsIn(state);
  if (!permissions.editText) return false;
  if (mode.suggesting) return true;
  if (permissions.editAgreed) return false;
  const clause = pos === null ? null : clauseAround(state.doc.resolve(pos));
  // A wording of a whole clause of one's own (Alt 2) is written directly, as the server allows.
  if (clause && isFurtherWordingBy(clause.node.attrs[CLAUSE_ALTERNATIVE_ATTRIBUTE], mode.suggester?.userId))
    return false;
  if (mode.facilitator) return true;
  return clause !== null && isAgreedStatus(clause.node.attrs.status);
}

function mustSuggest(state: EditorState, tr: Transaction, mode: SuggestModeState): boolean {
  const step = tr.steps[0];
  const single = step instanceof ReplaceStep && tr.steps.length === 1;
  return mustSuggestAt(state, single ? step.from : null, mode);
}

/** Whether what the person changes at the caret becomes a suggestion. */
export function suggestsAtCaret(state: EditorState): boolean {
  const mode = suggestModeIn(state);
  return mode.suggester !== null && mustSuggestAt(state, state.selection.from, mode);
}

/** Asks the suggestions panel to open its form for a new paragraph after the clause with the caret (Enter while suggesting). */
export const PROPOSE_PARAGRAPH_EVENT = 'accord:propose-paragraph';

/**
 * Suggest mode (docs/suggestions.md): while the person suggests (by choice, in facilitator mode,
 * or typing in an agreed clause where they may not edit), each local change is rewritten as their
 * suggestion before it is applied (`suggesting.ts`), and a change that cannot be one is dropped
 * with a sentence. While editing, words typed never take on another person's suggestion mark.
 * Changes from others, through the binding, pass as they are.
 */
export const SuggestMode = Extension.create<SuggestModeOptions>({
  name: 'suggestMode',

  addOptions() {
    return { onRefused: () => undefined };
  },

  addCommands() {
    const set =
      (patch: Partial<SuggestModeState>) =>
      ({ tr, dispatch }: { tr: Transaction; dispatch?: unknown }) => {
        if (dispatch) tr.setMeta(suggestModeKey, patch).setMeta('addToHistory', false);
        return true;
      };
    return {
      setSuggesting: (on) => set({ suggesting: on }),
      setFacilitatorMode: (on) => set({ facilitator: on }),
      setSuggester: (suggester) => set({ suggester }),
    };
  },

  addKeyboardShortcuts() {
    return {
      'Mod-Alt-s': () => this.editor.commands.setSuggesting(!suggestModeIn(this.editor.state).suggesting),
    };
  },

  dispatchTransaction({ transaction, next }) {
    const state = this.editor.state;
    const mode = suggestModeIn(state);
    if (
      !transaction.docChanged ||
      isRemoteChange(transaction) ||
      transaction.getMeta(SUGGESTED_META) ||
      !mode.suggester
    ) {
      next(transaction);
      return;
    }
    if (!mustSuggest(state, transaction, mode)) {
      next(withoutOthersMarks(transaction, mode.suggester));
      return;
    }
    const result = suggestChange(state, transaction, mode.suggester);
    if (result.kind === 'refused') {
      this.options.onRefused(result.reason);
      return;
    }
    next(result.tr.setMeta(SUGGESTED_META, true));
  },

  addProseMirrorPlugins() {
    return [
      new Plugin<SuggestModeState>({
        key: suggestModeKey,
        state: {
          init: () => ({ suggesting: false, facilitator: false, suggester: null }),
          apply: (tr, value) => {
            const patch = tr.getMeta(suggestModeKey) as Partial<SuggestModeState> | undefined;
            return patch ? { ...value, ...patch } : value;
          },
        },
        props: {
          attributes: (state): Record<string, string> => {
            const mode = suggestModeIn(state);
            return mode.suggesting || mode.facilitator ? { 'data-suggesting': 'true' } : {};
          },
        },
      }),
    ];
  },
});
